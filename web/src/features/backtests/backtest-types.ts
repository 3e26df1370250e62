// The backtest API's shapes as the dashboard reads them: strategies, the data catalog, run requests, runs with progress, and their results.
import type { StrategyInfo } from '../../lib/api.ts';

/** GET /api/v1/backtests/strategies: a built-in strategy or an example file, with its params as JSON Schema. */
export interface BacktestStrategy extends StrategyInfo {
  /** What a request names as `strategy`: a built-in name or examples/<name>. */
  readonly id: string;
  readonly source: 'built-in' | 'example';
  readonly symbols: readonly string[];
}

export type DataKind = 'bars' | 'trades';

export interface StoredSeries {
  readonly symbol: string;
  readonly kind: DataKind | 'quotes';
  /** Bars only. */
  readonly interval: string | null;
  readonly rows: number;
  /** Epoch ms of the first and last bar (open time) or trade. */
  readonly first: number;
  readonly last: number;
  readonly backtestable: boolean;
}

export interface CatalogInstrument {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly tickSize: string;
  readonly lotSize: string;
  readonly referencePrice: string | null;
  readonly makerFeeBps: number;
  readonly takerFeeBps: number;
}

export interface FillModelInfo {
  readonly name: FillModel;
  /** The data kinds it can fill against; empty when it needs recorded book data. */
  readonly kinds: readonly DataKind[];
  readonly description: string;
}

export type FillModel = 'trade-through' | 'bar-path' | 'book-replay';

/** GET /api/v1/backtests/data. */
export interface DataCatalog {
  readonly stored: readonly StoredSeries[];
  readonly instruments: readonly CatalogInstrument[];
  readonly synthetic: {
    readonly kinds: readonly DataKind[];
    readonly maxCount: number;
    readonly defaults: { readonly kind: DataKind; readonly interval: string; readonly start: number; readonly seed: number; readonly drift: number; readonly volatility: number; readonly meanTradeGapMs: number };
    readonly jumpDefaults: { readonly mean: number; readonly stdDev: number };
    readonly description: string;
  };
  readonly fillModels: readonly FillModelInfo[];
  readonly maxRecords: number;
}

export interface StoredDataRequest {
  readonly source: 'stored';
  readonly kind: DataKind;
  readonly interval?: string;
  readonly from?: number;
  readonly to?: number;
}

export interface SyntheticDataRequest {
  readonly source: 'synthetic';
  readonly kind?: DataKind;
  readonly interval?: string;
  readonly count: number;
  readonly start?: number;
  readonly seed?: number;
  readonly drift?: number;
  readonly volatility?: number;
  readonly jumps?: { readonly perYear: number; readonly mean?: number; readonly stdDev?: number };
  readonly startPrice?: string;
  readonly meanTradeGapMs?: number;
}

export type ParamValue = number | string | boolean;

/** Fields a backtest and an optimization share. */
export interface RunFields {
  readonly strategy: string;
  readonly symbol: string;
  readonly data: StoredDataRequest | SyntheticDataRequest;
  readonly fillModel?: FillModel;
  readonly slippageTicks?: number;
  readonly slippageBps?: number;
  readonly fillOnTouch?: boolean;
  readonly latency?: { readonly ms: number; readonly jitterMs?: number };
  readonly fees?: { readonly makerBps: number; readonly takerBps: number };
  readonly cash?: string;
  readonly seed?: number;
}

export interface BacktestRequest extends RunFields {
  readonly params?: Readonly<Record<string, unknown>>;
}

export type SpaceEntry = ParamValue | readonly ParamValue[] | { readonly from: number; readonly to: number; readonly step?: number };

export const OBJECTIVES = ['sharpe', 'return', 'calmar', 'sortino', 'cagr'] as const;
export type Objective = (typeof OBJECTIVES)[number];

export interface OptimizationRequest extends RunFields {
  readonly space: Readonly<Record<string, SpaceEntry>>;
  readonly method?: 'grid' | 'random';
  readonly samples?: number;
  readonly objective?: Objective;
  readonly walkForward?: { readonly folds: number; readonly inSampleShare?: number };
}

export type RunKind = 'backtest' | 'optimization';
export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RunProgress {
  /** 0 to 1. */
  readonly fraction: number;
  readonly done: number;
  readonly total: number;
  readonly unit: 'records' | 'trials';
  readonly stage: 'queued' | 'loading' | 'running' | 'finished';
  readonly elapsedMs: number;
  readonly etaMs: number | null;
}

/** Fractions (0.1 = 10%); ratios annualized; null where a run cannot define one. */
export interface BacktestMetrics {
  readonly startEquity: number;
  readonly endEquity: number;
  readonly totalReturn: number;
  readonly cagr: number | null;
  readonly volatility: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly calmar: number | null;
  readonly maxDrawdown: number;
  readonly maxDrawdownDurationMs: number;
  readonly trades: number;
  readonly winRate: number | null;
  readonly profitFactor: number | null;
  readonly exposure: number;
  readonly turnover: number;
  readonly fills: number;
  readonly fees: number;
}

interface RunBase {
  readonly id: number;
  readonly ownerUserId: number;
  readonly status: RunStatus;
  readonly strategy: string;
  readonly symbol: string;
  readonly progress: RunProgress;
  readonly error: string | null;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  /** Stored rows skipped while reading the history because they are off the instrument's tick or lot grid (0 for synthetic data). */
  readonly skippedRows: number;
  /** A finished run's headline: a backtest's metrics, an optimization's best trial's. */
  readonly metrics?: BacktestMetrics | null;
}

export interface BacktestRun extends RunBase {
  readonly kind: 'backtest';
  readonly request: BacktestRequest;
  readonly result?: BacktestResult | null;
}

export interface OptimizationRun extends RunBase {
  readonly kind: 'optimization';
  readonly request: OptimizationRequest;
  readonly result?: OptimizationResult | null;
}

export type Run = BacktestRun | OptimizationRun;

export interface PriceBar {
  /** Open time, epoch ms. */
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface FillRecord {
  readonly ts: number;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly price: number;
  readonly qty: number;
  readonly fee: number;
  readonly liquidity: 'maker' | 'taker';
  readonly orderId: number;
}

/** A round trip, flat to flat; an open one has null close time and exit price. */
export interface RoundTrip {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly openTs: number;
  readonly closeTs: number | null;
  readonly qty: number;
  readonly entryPrice: number;
  readonly exitPrice: number | null;
  /** Net of fees, in the quote currency. */
  readonly pnl: number;
  readonly fees: number;
}

export interface Capped<T> {
  readonly total: number;
  /** The first ones, in time order. */
  readonly items: readonly T[];
}

export interface BacktestResult {
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly symbols: readonly string[];
  readonly currency: string;
  readonly startTs: number;
  readonly endTs: number;
  readonly records: number;
  /** Why the strategy stopped early. */
  readonly error: string | null;
  readonly metrics: BacktestMetrics;
  readonly equity: readonly { readonly ts: number; readonly equity: number }[];
  /** A fraction below the high so far (0 at a new high). */
  readonly drawdown: readonly { readonly ts: number; readonly drawdown: number }[];
  readonly prices: { readonly symbol: string; readonly intervalMs: number; readonly bars: readonly PriceBar[] } | null;
  readonly fills: Capped<FillRecord>;
  /** The main symbol's fills to mark on its price: every one up to 5,000, beyond that every Nth over the whole run. */
  readonly marks: FillMarks;
  readonly trades: Capped<RoundTrip>;
  /** The strategy's orders: accepted, refused by reason code, and ended unfilled by the exchange by reason. */
  readonly orders: { readonly accepted: number; readonly refused: Readonly<Record<string, number>>; readonly endedByExchange: Readonly<Record<string, number>> };
  /** Holes in the data the run replayed as trading time: how many, and the largest (at most 10, largest first). */
  readonly dataGaps: DataGaps;
}

/** A stretch a symbol has no data for, far longer than its normal spacing (docs/backtest.md, "Data gaps"). */
export interface DataGap {
  readonly symbol: string;
  /** Epoch ms where the data before it ends (a bar's close) and where it resumes (a bar's open). */
  readonly from: number;
  readonly to: number;
  readonly lengthMs: number;
}

export interface DataGaps {
  readonly total: number;
  readonly items: readonly DataGap[];
}

export type ParamPoint = Readonly<Record<string, ParamValue>>;

export interface TrialView {
  readonly rank: number;
  readonly params: ParamPoint;
  readonly score: number | null;
  readonly metrics: BacktestMetrics | null;
  readonly error: string | null;
  /** The run's orders the venue refused, by reason; empty when none were. */
  readonly refused: Readonly<Record<string, number>>;
}

export interface Window {
  readonly from: number;
  readonly to: number;
}

export interface FoldView {
  readonly inSample: Window;
  readonly outOfSample: Window;
  readonly best: ParamPoint | null;
  readonly inSampleScore: number | null;
  readonly outOfSampleScore: number | null;
}

export interface OptimizationResult {
  readonly objective: Objective;
  readonly method: 'grid' | 'random';
  readonly records: number;
  readonly startTs: number | null;
  readonly endTs: number | null;
  /** Best first; empty with walk-forward. */
  readonly trials: readonly TrialView[];
  readonly best: TrialView | null;
  readonly elapsedMs: number;
  readonly walkForward: {
    readonly folds: readonly FoldView[];
    readonly failedFolds: number;
    readonly meanInSample: number | null;
    readonly meanOutOfSample: number | null;
    readonly efficiency: number | null;
  } | null;
}

export const ACTIVE_STATUSES: ReadonlySet<RunStatus> = new Set(['queued', 'running']);

export function isActive(run: Pick<Run, 'status'>): boolean {
  return ACTIVE_STATUSES.has(run.status);
}

/** The REST path of a run kind. */
export function runsPath(kind: RunKind): string {
  return kind === 'backtest' ? '/api/v1/backtests' : '/api/v1/optimizations';
}

/** Newest first across both kinds. */
export function mergeRuns(backtests: readonly BacktestRun[], optimizations: readonly OptimizationRun[]): Run[] {
  return [...backtests, ...optimizations].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
}

/** Fills a price chart marks: `every` 1 when all `total` are in `items`, N when every Nth is. */
export interface FillMarks {
  readonly every: number;
  readonly total: number;
  readonly items: readonly FillRecord[];
}
