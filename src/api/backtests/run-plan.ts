// From a validated request to a run's plan: the strategy, market, data and settings checked on the server's thread (clear 4xx), and the job for the worker.
import type { SessionClose } from '../../core/session-close.ts';
import { barIntervalProblem } from '../../backtest/bar-intervals.ts';
import { storedWarmup, type WarmupNeeds } from '../../backtest/warmup.ts';
import { ColumnBuilder, type RecordColumns } from '../../backtest/columns.ts';
import { storedRecords, type HistoryReader } from '../../backtest/history-records.ts';
import { trialCount } from '../../backtest/optimizer/optimize.ts';
import { expandRange, ParamSpecError, type ParamSpace, type ParamValue } from '../../backtest/optimizer/space.ts';
import { DEFAULT_SUMMARY_ITEMS, DEFAULT_SUMMARY_POINTS } from '../../backtest/result-summary.ts';
import { cashProblem, runSettingsOf } from '../../backtest/run-settings.ts';
import type { SyntheticSeries } from '../../backtest/synthetic-records.ts';
import { startPriceProblem } from '../../backtest/synthetic.ts';
import type { BacktestMarket } from '../../backtest/types.ts';
import { historyInstrument } from '../../backtest/history-instrument.ts';
import type { AssetSpec, Instrument, InstrumentSpec } from '../../core/instrument.ts';
import type { HistoryExtent, HistorySeries } from '../../store/index.ts';
import { checkParamNames, parseDeclaredParams, StrategyParamsError, type AnyStrategyDefinition } from '../../strategy/index.ts';
import { ApiError, type ErrorCode } from '../errors.ts';
import { unknownSymbol } from '../field-refusal.ts';
import { MAX_RECORDS, MAX_TRIALS, type BacktestRequest, type OptimizationRequest, type RunRequest } from './backtest-spec.ts';
import type { Job, JobData } from './job-protocol.ts';
import { resolveStrategy, UnknownStrategyError } from './strategy-refs.ts';

export type RunKind = 'backtest' | 'optimization';

export interface PlanDeps {
  readonly engine: { instrument(symbol: string): Instrument | undefined; asset(code: string): AssetSpec | undefined };
  /** The symbol's trading-session close on the exchange: a backtest's DAY orders expire at it too. */
  readonly sessionCloseOf: (symbol: string) => SessionClose;
  readonly history: HistoryReader & { extent(kind: 'bars' | 'trades', series: HistorySeries, range: { from?: number; to?: number }): Promise<HistoryExtent> };
  /** Trial threads per optimization (0 or 1: the trials run in the optimization's own worker). */
  readonly optimizerWorkers: number;
}

export interface RunPlan {
  readonly kind: RunKind;
  readonly request: RunRequest;
  /** What the run counts its progress in, and how many there are. */
  readonly unit: 'records' | 'trials';
  readonly total: number;
  /** Builds the worker's job; stored history is read here, on the server's thread, a page at a time. */
  readonly job: (cancelled: () => boolean) => Promise<Job>;
  /** Stored rows off the instrument's grid that building the job skipped, so far. */
  readonly skippedRows: () => number;
}

/** Searches smaller than this run their trials in the optimization's own worker rather than on trial threads. */
export const MIN_TRIALS_FOR_THREADS = 16;

/** Thrown while stored history is read for a run that was cancelled meanwhile. */
export class RunCancelled extends Error {}

export async function planBacktest(deps: PlanDeps, request: BacktestRequest): Promise<RunPlan> {
  const base = await planBase(deps, request, 'INVALID_BACKTEST');
  const params = checkParams(base.strategy, request.params);
  const job = async (cancelled: () => boolean): Promise<Job> => ({
    type: 'backtest',
    strategy: request.strategy,
    market: base.market,
    data: await base.data(cancelled),
    settings: base.settings,
    params,
    limits: { maxPoints: DEFAULT_SUMMARY_POINTS, maxItems: DEFAULT_SUMMARY_ITEMS },
  });
  return { kind: 'backtest', request, unit: 'records', total: base.records, job, skippedRows: base.skippedRows };
}

export async function planOptimization(deps: PlanDeps, request: OptimizationRequest): Promise<RunPlan> {
  const base = await planBase(deps, request, 'INVALID_OPTIMIZATION');
  const space = spaceOf(base.strategy, request.space);
  const trials = trialCount({ space, method: request.method, samples: request.samples });
  if (trials > MAX_TRIALS) {
    const most = MAX_TRIALS.toLocaleString('en-US');
    const message =
      request.method === 'random' ? `samples ${trials.toLocaleString('en-US')} is more runs than the ${most} allowed; sample at most ${most}.` : `The space has ${trials.toLocaleString('en-US')} points; search at most ${most} (use method "random" with samples, or coarser steps).`;
    throw new ApiError('INVALID_OPTIMIZATION', message, [{ path: request.method === 'random' ? 'samples' : 'space', message }]);
  }
  const walkForward = request.walkForward && { folds: request.walkForward.folds, inSampleShare: request.walkForward.inSampleShare };
  // Each walk-forward fold searches in sample, then runs its winner once out of sample.
  const total = walkForward ? walkForward.folds * (trials + 1) : trials;
  // A trial thread takes about a second to start from sources: a small search runs faster in the optimization's own thread.
  const workers = trials >= MIN_TRIALS_FOR_THREADS ? Math.min(deps.optimizerWorkers, trials) : 0;
  const job = async (cancelled: () => boolean): Promise<Job> => ({
    type: 'optimization',
    strategy: request.strategy,
    market: base.market,
    data: await base.data(cancelled),
    settings: base.settings,
    space,
    method: request.method,
    samples: request.samples,
    seed: request.seed,
    objective: request.objective,
    walkForward,
    workers: workers <= 1 ? 0 : workers,
  });
  return { kind: 'optimization', request, unit: 'trials', total, job, skippedRows: base.skippedRows };
}

/** What both kinds check: the strategy, the symbol's market, the fill model against the data, the cash, the data. */
async function planBase(deps: PlanDeps, request: RunRequest, invalid: ErrorCode) {
  const strategy = await resolveStrategy(request.strategy).catch((error: unknown) => {
    if (error instanceof UnknownStrategyError) throw new ApiError('UNKNOWN_STRATEGY', `${error.message}. GET /api/v1/backtests/strategies lists them.`);
    throw error;
  });
  const { market, spec, quote } = marketOf(deps, request);
  const kind = request.data.kind;
  const fillModelProblem =
    request.fillModel === 'book-replay'
      ? 'The book-replay fill model needs recorded L2 book data; stored history and synthetic data have none. Use trade-through or bar-path.'
      : request.fillModel === 'bar-path' && kind !== 'bars'
        ? 'The bar-path fill model needs bars; use trade-through for trades.'
        : undefined;
  if (fillModelProblem !== undefined) throw new ApiError(invalid, fillModelProblem, [{ path: 'fillModel', message: fillModelProblem }]);
  const intervalProblem = request.data.kind === 'bars' ? barIntervalProblem(strategy, request.data.interval, (interval) => `use ${interval} bars`) : undefined;
  if (intervalProblem !== undefined) throw new ApiError(invalid, `${intervalProblem}.`, [{ path: 'data.interval', message: intervalProblem }]);
  const cash = cashProblem(request.cash, quote, 'cash');
  if (cash !== undefined) throw new ApiError(invalid, cash, [{ path: 'cash', message: cash }]);
  const settings = runSettingsOf(
    { fillModel: request.fillModel, slippageTicks: request.slippageTicks, slippageBps: request.slippageBps, fillOnTouch: request.fillOnTouch, latencyMs: request.latency?.ms ?? 0, jitterMs: request.latency?.jitterMs ?? 0, cash: request.cash, seed: request.seed },
    quote.code,
  );
  const { records, data, skippedRows } = await dataOf(deps, request, spec, invalid, { intervals: strategy.bars, historySize: strategy.historySize });
  return { strategy, market, settings, records, data, skippedRows };
}

/**
 * The one instrument the run trades, on the exchange's listed terms. Its price band is opened to
 * the widest: history is never refused by a band (see docs/backtest.md). Fees may be replaced.
 */
function marketOf(deps: PlanDeps, request: RunRequest): { market: BacktestMarket; spec: InstrumentSpec; quote: AssetSpec } {
  const instrument = deps.engine.instrument(request.symbol);
  if (!instrument) throw unknownSymbol(request.symbol, { path: 'symbol', listedAt: 'GET /api/v1/backtests/data lists the symbols a backtest can trade' });
  const fees = request.fees && { makerFeeBps: request.fees.makerBps, takerFeeBps: request.fees.takerBps };
  const spec: InstrumentSpec = { ...historyInstrument(instrument.spec), ...fees };
  const base = deps.engine.asset(spec.base);
  const quote = deps.engine.asset(spec.quote);
  if (!base || !quote) throw new Error(`the assets of ${spec.symbol} are not listed`);
  return { market: { assets: [base, quote], instruments: [spec], sessions: { [spec.symbol]: deps.sessionCloseOf(spec.symbol) } }, spec, quote };
}

async function dataOf(
  deps: PlanDeps,
  request: RunRequest,
  spec: InstrumentSpec,
  invalid: ErrorCode,
  needs: WarmupNeeds,
): Promise<{ records: number; data: (cancelled: () => boolean) => Promise<JobData>; skippedRows: () => number }> {
  const data = request.data;
  if (data.source === 'synthetic') {
    const startPrice = data.startPrice ?? spec.referencePrice;
    const priceProblem = startPriceProblem(startPrice, spec.tickSize);
    if (priceProblem !== undefined) {
      const message = `startPrice ${startPrice} ${priceProblem.replace('the instrument', spec.symbol).replace('the tick size', `${spec.symbol}'s tick size`)}.`;
      throw new ApiError(invalid, message, [{ path: 'data.startPrice', message }]);
    }
    const series: SyntheticSeries = {
      kind: data.kind,
      interval: data.interval,
      count: data.count,
      model: {
        seed: data.seed,
        startTime: data.start,
        startPrice,
        drift: data.drift,
        volatility: data.volatility,
        ...(data.jumps && data.jumps.perYear > 0 ? { jumps: data.jumps } : {}),
        meanTradeGapMs: data.meanTradeGapMs,
      },
    };
    return { records: data.count, data: () => Promise.resolve({ source: 'synthetic', series }), skippedRows: () => 0 };
  }
  const series = data.kind === 'bars' ? { symbol: spec.symbol, interval: data.interval } : { symbol: spec.symbol };
  const extent = await deps.history.extent(data.kind, series, { from: data.from, to: data.to });
  const what = data.kind === 'bars' ? `${data.interval} bars` : 'trades';
  const where = data.from !== undefined || data.to !== undefined ? ' in that range' : '';
  if (extent.rows === 0) throw new ApiError('NO_DATA', `There are no stored ${what} of ${spec.symbol}${where}; GET /api/v1/backtests/data lists what is stored, or use synthetic data.`);
  if (extent.rows > MAX_RECORDS) {
    const message = `The range holds ${extent.rows.toLocaleString('en-US')} ${what}; a run replays at most ${MAX_RECORDS.toLocaleString('en-US')}: narrow from and to.`;
    throw new ApiError(invalid, message, [{ path: 'data', message }]);
  }
  // A stored row off the grid (stored before imports checked it, or under other sizes) is skipped and counted, as the CLI skips it, rather than failing the run.
  let skipped = 0;
  const load = async (cancelled: () => boolean): Promise<JobData> => {
    const builder = new ColumnBuilder();
    let count = 0;
    skipped = 0;
    for await (const record of storedRecords(deps.history, spec, { kind: data.kind, interval: data.interval, from: data.from, to: data.to }, () => skipped++).records) {
      builder.add(record);
      // Records arrive through promises that settle as microtasks: yield to the event loop now and then, so requests keep being served.
      if (++count % 10_000 === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (cancelled()) throw new RunCancelled();
      }
    }
    return { source: 'columns', columns: builder.finish(), ...(await warmupBefore(deps, spec, data, needs)) };
  };
  return { records: extent.rows, data: load, skippedRows: () => skipped };
}

/** The stored history just before `from` that the strategy starts with (see storedWarmup), packed for the worker. */
async function warmupBefore(deps: PlanDeps, spec: InstrumentSpec, data: { readonly kind: 'bars' | 'trades'; readonly interval: string; readonly from?: number }, needs: WarmupNeeds): Promise<{ warmup?: RecordColumns }> {
  const records = await storedWarmup(deps.history, spec, data, needs);
  if (records.length === 0) return {};
  const builder = new ColumnBuilder();
  for (const record of records) builder.add(record);
  return { warmup: builder.finish() };
}

/** The params with their defaults, or 400 INVALID_PARAMS listing every problem (a name the strategy does not declare is one). */
function checkParams(strategy: AnyStrategyDefinition, params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return asApiError(() => parseDeclaredParams(strategy, params), 'params');
}

/** The check's StrategyParamsError as INVALID_PARAMS, its issues at their paths under `field` ("params.fast", "space.speed"). */
function asApiError<T>(check: () => T, field: string): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof StrategyParamsError) throw new ApiError('INVALID_PARAMS', error.summary, error.issuesUnder(field));
    throw error;
  }
}

type SpaceEntry = OptimizationRequest['space'][string];

/** The space as lists of values; every name must be a param of the strategy. Each point is checked by the strategy when its trial runs. */
function spaceOf(strategy: AnyStrategyDefinition, request: Readonly<Record<string, SpaceEntry>>): ParamSpace {
  asApiError(() => checkParamNames(strategy, Object.keys(request)), 'space');
  const space: Record<string, readonly ParamValue[]> = {};
  for (const [name, entry] of Object.entries(request)) {
    if (Array.isArray(entry)) space[name] = entry;
    else if (typeof entry === 'object') {
      try {
        space[name] = expandRange(name, entry.from, entry.to, entry.step);
      } catch (error) {
        if (error instanceof ParamSpecError) throw new ApiError('INVALID_OPTIMIZATION', error.message, [{ path: `space.${name}`, message: error.message }]);
        throw error;
      }
    } else space[name] = [entry];
  }
  return space;
}
