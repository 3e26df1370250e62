// Test support for the execution algorithms: a strategy that starts one algorithm and forwards its events, run through runBacktest.
import { AlgoRunner, defineStrategy, type Algo, type AlgoFill, type AlgoStatus, type OrderView, type StrategyContext } from '../../strategy/index.ts';
import { runBacktest, type BacktestOptions, type BacktestResult } from '../run-backtest.ts';
import type { BacktestMarket, MarketRecord } from '../types.ts';

export const T0 = 1_700_000_000_000;
const ACME = { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 0, referencePrice: '100', bandBps: 10_000 };
export const MARKET: BacktestMarket = { assets: [{ code: 'USD', scale: 2 }, { code: 'ACME', scale: 0 }], instruments: [ACME] };

/** A trade `ms` after T0, price in currency units. */
export const trade = (ms: number, price: number, qty = 1): MarketRecord => ({ kind: 'trade', symbol: 'ACME', ts: T0 + ms, price: Math.round(price * 100), qty });
export const quote = (ms: number, bid: number, ask: number, bidQty = 100, askQty = 100): MarketRecord => ({ kind: 'quote', symbol: 'ACME', ts: T0 + ms, bid: Math.round(bid * 100), bidQty, ask: Math.round(ask * 100), askQty });

/** What the run saw: the algorithm, its order reports and fills as the strategy heard them, and when it finished. */
export interface Observed {
  algo: Algo | undefined;
  startedAt: number | undefined;
  /** Every order report, with the clock time the strategy heard it. */
  orders: Array<OrderView & { at: number }>;
  fills: Array<AlgoFill & { status: AlgoStatus }>;
  done: { at: number; status: AlgoStatus } | undefined;
}

export type MakeAlgo = (ctx: StrategyContext<unknown, unknown>, algos: AlgoRunner) => Algo;

/** Starts the algorithm on the first trade or quote at or after `startMs`, and forwards every event to the runner. */
export function algoStrategy(make: MakeAlgo, observed: Observed, options: { startMs?: number; bars?: string[] } = {}) {
  const startAt = T0 + (options.startMs ?? 0);
  const maybeStart = async (ctx: StrategyContext<unknown, { algos: AlgoRunner }>, ts: number) => {
    if (observed.algo || ts < startAt) return;
    const algo = make(ctx, ctx.state.algos);
    observed.algo = algo;
    observed.startedAt = ctx.clock.now();
    algo.onFill((fill, status) => observed.fills.push({ ...fill, status }));
    algo.onDone((status) => (observed.done = { at: ctx.clock.now(), status }));
    const started = await algo.start();
    if (!started.ok) throw new Error(`${started.code}: ${started.message}`);
  };
  return defineStrategy({
    name: 'algo-user',
    symbols: ['ACME'],
    bars: options.bars ?? [],
    state: () => ({ algos: new AlgoRunner() }),
    onTrade: (ctx, t) => maybeStart(ctx, t.ts),
    async onQuote(ctx, q) {
      await maybeStart(ctx, q.ts);
      await ctx.state.algos.onQuote(q);
    },
    onTimer: async (ctx, name) => void (await ctx.state.algos.onTimer(name)),
    async onOrder(ctx, order) {
      observed.orders.push({ ...order, at: ctx.clock.now() });
      await ctx.state.algos.onOrder(order);
    },
    onFill: (ctx, fill) => ctx.state.algos.onFill(fill),
  });
}

export function observe(): Observed {
  return { algo: undefined, startedAt: undefined, orders: [], fills: [], done: undefined };
}

export async function runAlgo(make: MakeAlgo, data: MarketRecord[], options: { startMs?: number; bars?: string[]; seed?: number } & Partial<BacktestOptions> = {}): Promise<{ result: BacktestResult; observed: Observed }> {
  const observed = observe();
  const { startMs, bars, ...rest } = options;
  const result = await runBacktest({ market: MARKET, deposits: { USD: '1000000', ACME: '1000' }, ...rest, strategy: algoStrategy(make, observed, { startMs, bars }), data });
  if (result.error) throw new Error(result.error);
  return { result, observed };
}

/** Trades every `stepMs` from `fromMs` up to (not including) `toMs`. */
export function trades(fromMs: number, toMs: number, stepMs: number, price: number | ((ms: number) => number), qty = 1): MarketRecord[] {
  const out: MarketRecord[] = [];
  for (let ms = fromMs; ms < toMs; ms += stepMs) out.push(trade(ms, typeof price === 'number' ? price : price(ms), qty));
  return out;
}

/** A book snapshot `ms` after T0 with one level a side (`asks` as [price, qty] levels), for fills limited by displayed size. */
export const book = (ms: number, bid: number, asks: ReadonlyArray<readonly [number, number]>): MarketRecord => ({
  kind: 'book',
  symbol: 'ACME',
  ts: T0 + ms,
  snapshot: true,
  bids: [[Math.round(bid * 100), 100]],
  asks: asks.map(([price, qty]) => [Math.round(price * 100), qty] as const),
});

/** Book snapshots every `stepMs` from `fromMs` up to (not including) `toMs`, the asks given per time. */
export function books(fromMs: number, toMs: number, stepMs: number, asks: (ms: number) => ReadonlyArray<readonly [number, number]>): MarketRecord[] {
  const out: MarketRecord[] = [];
  for (let ms = fromMs; ms < toMs; ms += stepMs) out.push(book(ms, 99, asks(ms)));
  return out;
}

/** The strategy's context, with every order and replace refused as a halted symbol's would be from `fromMs` to `toMs` after T0. */
export function haltedBetween<C extends StrategyContext<unknown, unknown>>(ctx: C, fromMs: number, toMs: number): C {
  const halted = () => ctx.clock.now() >= T0 + fromMs && ctx.clock.now() < T0 + toMs;
  const refusal = { ok: false, code: 'INSTRUMENT_HALTED', message: 'Trading in ACME is halted (news pending)' } as const;
  const order: C['order'] = (input) => (halted() ? Promise.resolve(refusal) : ctx.order(input));
  const replace: C['replace'] = (orderId, changes) => (halted() ? Promise.resolve(refusal) : ctx.replace(orderId, changes));
  // The context is frozen: the wrapper inherits all of it and has its own order and replace.
  return Object.create(ctx, { order: { value: order }, replace: { value: replace } }) as C;
}
