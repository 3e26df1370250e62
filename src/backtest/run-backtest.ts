// The backtest loop: a strategy, a venue over the engine and a stream of records, stepped in time order on a simulated clock.
//
// Between two records, everything due happens in time order: delayed strategy actions arrive,
// bars built from trades close, timers fire. After each step the strategy handles what it heard
// before the next step, so its orders act on the market as it was when it decided.
import { fromUnits } from '../core/decimal.ts';
import { SeededRandom } from '../core/rng.ts';
import { StrategyRunner, type AnyStrategyDefinition, type LogSink } from '../strategy/index.ts';
import { BacktestClock } from './clock.ts';
import { GapDetector, type DataGaps } from './data-gaps.ts';
import { BacktestLoop } from './loop.ts';
import { EquityCurve, type CurvePoint } from './equity-curve.ts';
import type { FillModel } from './fill-model.ts';
import { BarPathModel } from './fill-models/bar-path.ts';
import { BookReplayModel } from './fill-models/book-replay.ts';
import { TradeThroughModel } from './fill-models/trade-through.ts';
import { computeMetrics, type BacktestMetrics } from './metrics.ts';
import type { OrderOutcomes } from './order-outcomes.ts';
import { moneyDecimals, RoundTrips } from './round-trips.ts';
import type { BacktestMarket, FillRecord, MarketRecord, RoundTrip } from './types.ts';
import { BacktestVenue } from './venue.ts';
import { failureText } from '../strategy/failure-text.ts';

export type FillModelName = 'trade-through' | 'bar-path' | 'book-replay';

export interface LatencyOptions {
  /** Fixed delay of every strategy action, ms of backtest time. */
  readonly ms: number;
  /** Extra uniform random delay in [0, jitterMs], drawn from the run's seed. */
  readonly jitterMs?: number;
}

export interface BacktestOptions {
  readonly strategy: AnyStrategyDefinition;
  readonly params?: unknown;
  readonly symbols?: readonly string[];
  readonly seed?: number;
  readonly market: BacktestMarket;
  /** Records in time order; an async source (a store query, a file) streams without loading it all. */
  readonly data: Iterable<MarketRecord> | AsyncIterable<MarketRecord>;
  /**
   * History from before the data, in time order: its bars (and bars built from its trades) are what
   * `ctx.history` holds when the strategy starts, as a live run's history is. Nothing trades on it.
   */
  readonly warmup?: Iterable<MarketRecord>;
  /** A model name with its options, or a model. Default: bar-path for bars, trade-through otherwise. */
  readonly fillModel?: FillModelName | FillModel;
  readonly slippageTicks?: number;
  readonly slippageBps?: number;
  readonly fillOnTouch?: boolean;
  readonly latency?: LatencyOptions;
  /** The strategy's starting balances (default 10,000 of the first instrument's quote currency). */
  readonly deposits?: Readonly<Record<string, string>>;
  /** Where strategy log lines go (default nowhere: a long run logs a lot). */
  readonly log?: LogSink;
  /** Called about every `progressEvery` records with the count so far and the clock. */
  readonly onProgress?: (records: number, ts: number) => void;
  readonly progressEvery?: number;
}

/** The settings of a run that can cross to a worker thread (no functions, no strategy object). */
export type RunSettings = Pick<BacktestOptions, 'symbols' | 'seed' | 'slippageTicks' | 'slippageBps' | 'fillOnTouch' | 'latency' | 'deposits'> & { readonly fillModel?: FillModelName };

export interface BacktestResult {
  readonly strategy: string;
  readonly params: unknown;
  readonly symbols: readonly string[];
  readonly currency: string;
  readonly startTs: number;
  readonly endTs: number;
  readonly records: number;
  readonly metrics: BacktestMetrics;
  readonly equity: readonly CurvePoint[];
  readonly fills: readonly FillRecord[];
  readonly trades: readonly RoundTrip[];
  /** How many orders the engine took, refused and ended unfilled itself, by reason. */
  readonly orders: OrderOutcomes;
  /** Set when the strategy failed; the run stops at the failure. */
  readonly error: string | undefined;
  /** Holes in the data the run replayed as trading time (the rule is in data-gaps.ts): how many, and the largest. */
  readonly dataGaps: DataGaps;
}

export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  const first = options.market.instruments[0];
  if (!first) throw new RangeError('a backtest needs at least one instrument');
  const currency = first.quote;
  const seed = options.seed ?? 1;
  const records = iterate(options.data);
  const pulledHead = records.next();
  const head = pulledHead instanceof Promise ? await pulledHead : pulledHead;
  const startTs = head.done ? 0 : head.value.ts;
  const clock = new BacktestClock(startTs);
  const fills: FillRecord[] = [];
  const trips = new RoundTrips((symbol) => moneyDecimals(options.market, symbol));
  const jitter = new SeededRandom(seed ^ 0x5eed);
  const latency = options.latency;
  const venue = new BacktestVenue({
    market: options.market,
    fillModel: resolveFillModel(options, head.done ? undefined : head.value),
    clock,
    deposits: options.deposits ?? { [currency]: '10000' },
    // In whole milliseconds, as every time of the engine is: a fractional time is no time to it.
    latency: latency && (() => Math.round(latency.ms + (latency.jitterMs ? jitter.next() * latency.jitterMs : 0))),
    onFill: (fill) => {
      fills.push(fill);
      trips.add(fill);
    },
  });
  let error: string | undefined;
  const runner = new StrategyRunner(options.strategy, {
    trading: venue,
    feed: venue,
    clock,
    seed,
    params: options.params,
    symbols: options.symbols,
    log: options.log ?? (() => undefined),
    driven: true,
    onError: (failure, info) => void (error = failureText(info.during, failure)),
    onPlacementNotSent: (code) => venue.placementNotSent(code),
  });
  const mainSymbol = runner.symbols[0] ?? first.symbol;
  const curve = new EquityCurve(60_000);
  const loop = new BacktestLoop(runner, venue, clock, latency !== undefined);
  const gaps = new GapDetector();
  const run: Replay = {
    records,
    loop,
    gaps,
    venue,
    clock,
    curve,
    currency,
    mainSymbol,
    failed: () => error !== undefined,
    onProgress: options.onProgress,
    every: options.progressEvery ?? 100_000,
    record: head,
    count: 0,
    endTs: startTs,
  };
  try {
    if (options.warmup) venue.preload(options.warmup, options.strategy.bars, startTs);
    // Data that opens with a book snapshot (a paper run's first record, or its recording's) is the
    // market the strategy starts in: onStart sees its touch and can trade against it, as a live
    // runner sees the book at boot. The loop then records the snapshot again, which leaves the book
    // as it is, and the strategy hears its quote as before.
    if (opensWithBook(head)) venue.record(head.value);
    await loop.start();
    await replay(run);
    if (error === undefined) await loop.drain();
  } finally {
    // A run that ends early (the strategy failed) still closes its source: files, sockets, recordings.
    if (!run.record.done) await records.return?.();
  }
  const { count, endTs } = run;
  await runner.stop();
  const priceTick = options.market.instruments.find((i) => i.symbol === mainSymbol)?.tickSize ?? first.tickSize;
  const lastPrice = venue.lastPrice(mainSymbol);
  curve.finish(endTs, venue.equity(currency), lastPrice);
  const marks = (symbol: string) => {
    const spec = options.market.instruments.find((i) => i.symbol === symbol);
    const ticks = venue.lastPrice(symbol);
    return spec && ticks !== undefined ? Number(fromUnits(ticks, spec.tickSize)) : undefined;
  };
  const trades = trips.trips(marks);
  // Through the decimal text, so 190.2 stays 190.2 rather than 19020 * 0.01 = 190.20000000000002.
  const equity = curve.samples().map((p) => ({ ...p, price: p.price === undefined ? undefined : Number(fromUnits(p.price, priceTick)) }));
  const metrics = computeMetrics({ equity, resolutionMs: curve.resolutionMs(), maxDrawdown: curve.maxDrawdown(), maxDrawdownDurationMs: curve.maxDrawdownDurationMs(), trips: trades, fills, startTs, endTs });
  options.onProgress?.(count, endTs);
  return { strategy: options.strategy.name, params: runner.params, symbols: runner.symbols, currency, startTs, endTs, records: count, metrics, equity, fills, trades, orders: venue.orderOutcomes(), error, dataGaps: gaps.result() };
}

/** What the per-record loop works with, and where it leaves the run's progress. */
interface Replay {
  readonly records: RecordSource;
  readonly loop: BacktestLoop;
  readonly gaps: GapDetector;
  readonly venue: BacktestVenue;
  readonly clock: BacktestClock;
  readonly curve: EquityCurve;
  readonly currency: string;
  readonly mainSymbol: string;
  /** Whether the strategy has failed (the run stops at the failure). */
  readonly failed: () => boolean;
  readonly onProgress: ((records: number, ts: number) => void) | undefined;
  readonly every: number;
  /** The record to handle next (done after the last). */
  record: IteratorResult<MarketRecord>;
  count: number;
  endTs: number;
}

/** Where the loop goes on after waiting: a new record, a record to deliver (time has caught up), or the strategy's step (its handler settled). */
type Resume = 'record' | 'deliver' | 'settle';

/**
 * The hot loop: a synchronous source and synchronous handlers cost no promise per record, and an
 * async handler costs one reaction on its own promise. It goes on from callbacks rather than by
 * await: an await per record also made a context and two closures and resumed a suspended frame.
 * Everything runs in the same order as the plain loop would: record by record, each handled to
 * the end (its due catch-up, the delivery, every step of the strategy) before the next is pulled.
 */
function replay(run: Replay): Promise<void> {
  const { records, loop, gaps, venue, clock, curve } = run;
  return new Promise<void>((resolve, reject) => {
    let failed = false;
    let failure: unknown;
    const handled = (): void => go('settle');
    const threw = (thrown: unknown): void => {
      failed = true;
      failure = thrown;
      go('settle');
    };
    const caughtUp = (): void => go('deliver');
    const pulled = (result: IteratorResult<MarketRecord>): void => {
      run.record = result;
      go('record');
    };
    function go(from: Resume): void {
      try {
        for (;;) {
          const record = run.record;
          if (record.done) return resolve();
          const next = record.value;
          let busy: Promise<void> | undefined;
          if (from === 'settle') {
            const wasFailed = failed;
            failed = false;
            busy = loop.settle(wasFailed, failure);
            failure = undefined;
          } else {
            if (from === 'record') {
              if (run.failed()) return resolve();
              if (loop.nextDue() <= next.ts) return void loop.catchUp(next.ts).then(caughtUp, reject);
            }
            clock.advanceTo(next.ts);
            venue.record(next);
            gaps.add(next);
            busy = loop.stepRaw();
          }
          if (busy !== undefined) return void busy.then(handled, threw);
          if (curve.due(next.ts)) curve.add(next.ts, venue.equity(run.currency), venue.lastPrice(run.mainSymbol));
          run.endTs = next.ts;
          if (++run.count % run.every === 0) run.onProgress?.(run.count, next.ts);
          const result = records.next();
          if (result instanceof Promise) return void result.then(pulled, reject);
          run.record = result;
          from = 'record';
        }
      } catch (error) {
        // Whatever was thrown goes on as it was, as an await would pass it.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(error);
      }
    }
    go('record');
  });
}

function opensWithBook(head: IteratorResult<MarketRecord>): head is IteratorYieldResult<MarketRecord> {
  return !head.done && head.value.kind === 'book' && head.value.snapshot;
}

function resolveFillModel(options: BacktestOptions, first: MarketRecord | undefined): FillModel {
  const model = options.fillModel ?? (first?.kind === 'bar' ? 'bar-path' : first?.kind === 'book' ? 'book-replay' : 'trade-through');
  if (typeof model !== 'string') return model;
  const touch = { slippageTicks: options.slippageTicks, slippageBps: options.slippageBps, fillOnTouch: options.fillOnTouch };
  switch (model) {
    case 'trade-through':
      return new TradeThroughModel(touch);
    case 'bar-path':
      return new BarPathModel(touch);
    case 'book-replay':
      return new BookReplayModel();
  }
}

interface RecordSource {
  next(): Promise<IteratorResult<MarketRecord>> | IteratorResult<MarketRecord>;
  return?(): unknown;
}

function iterate(data: Iterable<MarketRecord> | AsyncIterable<MarketRecord>): RecordSource {
  if (Symbol.asyncIterator in data) return data[Symbol.asyncIterator]();
  return data[Symbol.iterator]();
}
