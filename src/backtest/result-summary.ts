// A run's results sized for a client: the metrics whole, the curves downsampled, the price as bars, and the fill and trade lists capped with their totals.
import type { DataGaps } from './data-gaps.ts';
import { downsample, drawdownCurve, type DrawdownPoint } from './downsample.ts';
import { thinFills, type FillMarks } from './fill-marks.ts';
import type { BacktestMetrics } from './metrics.ts';
import type { OrderOutcomes } from './order-outcomes.ts';
import type { PriceSeries } from './price-bars.ts';
import type { BacktestResult } from './run-backtest.ts';
import type { EquityPoint, FillRecord } from './types.ts';

export interface SummaryLimits {
  /** Points per curve (default 2,000). */
  readonly maxPoints?: number;
  /** Fills and trades listed (default 5,000 each); the totals are always given. */
  readonly maxItems?: number;
}

/** A round trip as JSON carries it: an open trip has null close time and exit price. */
export interface TripView {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly openTs: number;
  readonly closeTs: number | null;
  readonly qty: number;
  readonly entryPrice: number;
  readonly exitPrice: number | null;
  readonly pnl: number;
  readonly fees: number;
}

export interface Capped<T> {
  readonly total: number;
  /** The first ones, in time order. */
  readonly items: readonly T[];
}

export interface BacktestSummary {
  readonly strategy: string;
  readonly params: unknown;
  readonly symbols: readonly string[];
  readonly currency: string;
  readonly startTs: number;
  readonly endTs: number;
  readonly records: number;
  /** Why the strategy stopped early, when it failed. */
  readonly error: string | null;
  readonly metrics: BacktestMetrics;
  readonly equity: readonly EquityPoint[];
  readonly drawdown: readonly DrawdownPoint[];
  readonly prices: PriceSeries | null;
  readonly fills: Capped<FillRecord>;
  /** The main symbol's fills for marking its price chart: every one up to the item limit, beyond it every Nth of each side over the whole run. */
  readonly marks: FillMarks<FillRecord>;
  readonly trades: Capped<TripView>;
  readonly orders: OrderOutcomes;
  /** Holes in the data the run replayed as trading time: how many, and the largest. */
  readonly dataGaps: DataGaps;
}

export const DEFAULT_SUMMARY_POINTS = 2_000;
export const DEFAULT_SUMMARY_ITEMS = 5_000;

export function summarizeResult(result: BacktestResult, prices: PriceSeries | undefined, limits: SummaryLimits = {}): BacktestSummary {
  const maxPoints = limits.maxPoints ?? DEFAULT_SUMMARY_POINTS;
  const maxItems = limits.maxItems ?? DEFAULT_SUMMARY_ITEMS;
  const equity = result.equity.map(({ ts, equity: value }) => ({ ts, equity: value }));
  // The drawdown is taken over every sample the run kept, before thinning, then thinned on its own.
  const drawdown = drawdownCurve(equity);
  return {
    strategy: result.strategy,
    params: result.params,
    symbols: result.symbols,
    currency: result.currency,
    startTs: result.startTs,
    endTs: result.endTs,
    records: result.records,
    error: result.error ?? null,
    metrics: result.metrics,
    equity: downsample(equity, maxPoints, (p) => p.equity),
    drawdown: downsample(drawdown, maxPoints, (p) => p.drawdown),
    prices: prices ?? null,
    fills: { total: result.fills.length, items: result.fills.slice(0, maxItems) },
    marks: thinFills(result.fills.filter((f) => f.symbol === (prices?.symbol ?? result.symbols[0])), maxItems),
    trades: {
      total: result.trades.length,
      items: result.trades.slice(0, maxItems).map((t) => ({ ...t, closeTs: t.closeTs ?? null, exitPrice: t.exitPrice ?? null })),
    },
    orders: result.orders,
    dataGaps: result.dataGaps,
  };
}
