// Risk history for the charts: the equity and drawdown curve from samples, and daily P&L bars from the daily rows (the only place these figures become floats).
import type { RiskDay, RiskSample } from '../../lib/api.ts';
import { signOf, toChartNumber } from '../../lib/decimal.ts';
import { DOWN_COLOR, UP_COLOR } from '../market/chart-data.ts';

/** Seconds since the epoch (lightweight-charts' UTCTimestamp). */
export interface Point {
  readonly time: number;
  readonly value: number;
}

export interface ColoredPoint extends Point {
  readonly color: string;
}

/** Points strictly ascending in time, as the chart needs: samples in the same second keep the last. */
function ascending<T extends Point>(points: readonly T[]): T[] {
  const out: T[] = [];
  for (const point of [...points].sort((a, b) => a.time - b.time)) {
    if (out.length > 0 && out[out.length - 1]!.time === point.time) out[out.length - 1] = point;
    else out.push(point);
  }
  return out;
}

export function equityPoints(samples: readonly RiskSample[]): Point[] {
  return ascending(samples.map((s) => ({ time: Math.floor(s.ts / 1000), value: toChartNumber(s.equity) })));
}

/** The drawdown below zero, so the curve reads as a fall from the high-water mark. */
export function drawdownPoints(samples: readonly RiskSample[]): Point[] {
  return ascending(samples.map((s) => ({ time: Math.floor(s.ts / 1000), value: -toChartNumber(s.drawdownPct) })));
}

/** One bar per UTC day at midnight, green for a gain, red for a loss. */
export function dailyPnlBars(days: readonly RiskDay[]): ColoredPoint[] {
  return ascending(days.map((d) => ({ time: Math.floor(d.day / 1000), value: toChartNumber(d.pnl), color: signOf(d.pnl) < 0 ? DOWN_COLOR : UP_COLOR })));
}

/** The worst drawdown of each day, below zero. */
export function dailyDrawdownPoints(days: readonly RiskDay[]): Point[] {
  return ascending(days.map((d) => ({ time: Math.floor(d.day / 1000), value: -toChartNumber(d.maxDrawdownPct) })));
}

/** The smallest span of the drawdown axis, in percent, so a curve at 0 still has an axis below it. */
const MIN_DRAWDOWN_SPAN = 0.01;

/**
 * The drawdown axis's range: from the deepest point up to 0 and never above it, so a deeper
 * drawdown is lower and no negative label (a drawdown above 0%) shows over the zero line.
 */
export function drawdownAxisRange(lowest: number | undefined): { readonly minValue: number; readonly maxValue: number } {
  return { minValue: Math.min(lowest ?? 0, -MIN_DRAWDOWN_SPAN), maxValue: 0 };
}

