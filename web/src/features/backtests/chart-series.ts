// A backtest's results as chart data: equity and drawdown lines, price bars, and the fills as markers on the bars they fall in (one per bar and side).
import { DOWN_COLOR, UP_COLOR } from '../market/chart-data.ts';
import type { FillRecord, PriceBar } from './backtest-types.ts';
export { thinnedMarksText } from './fill-marks.ts';

/** Seconds since the epoch, as lightweight-charts counts time. */
export interface LinePoint {
  readonly time: number;
  readonly value: number;
}

export interface CandlePoint {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/**
 * Points in whole seconds, strictly increasing as the chart requires: samples that fall in the
 * same second keep the last one.
 */
export function toLine<T>(points: readonly T[], ts: (p: T) => number, value: (p: T) => number): LinePoint[] {
  const out: LinePoint[] = [];
  for (const point of points) {
    const time = Math.floor(ts(point) / 1000);
    const v = value(point);
    if (!Number.isFinite(v)) continue;
    const last = out.at(-1);
    if (last && time < last.time) continue;
    if (last && time === last.time) out[out.length - 1] = { time, value: v };
    else out.push({ time, value: v });
  }
  return out;
}

export function equityLine(equity: readonly { ts: number; equity: number }[]): LinePoint[] {
  return toLine(equity, (p) => p.ts, (p) => p.equity);
}

/** The drawdown as a percent below zero (a fall of 0.05 is -5). */
export function drawdownLine(drawdown: readonly { ts: number; drawdown: number }[]): LinePoint[] {
  return toLine(drawdown, (p) => p.ts, (p) => (p.drawdown === 0 ? 0 : -p.drawdown * 100));
}

export function candlePoints(bars: readonly PriceBar[]): CandlePoint[] {
  const out: CandlePoint[] = [];
  for (const bar of bars) {
    const time = Math.floor(bar.ts / 1000);
    if (out.length > 0 && time <= out.at(-1)!.time) continue;
    out.push({ time, open: bar.open, high: bar.high, low: bar.low, close: bar.close });
  }
  return out;
}

export function closeLine(bars: readonly PriceBar[]): LinePoint[] {
  return toLine(bars, (b) => b.ts, (b) => b.close);
}

export interface FillMarker {
  readonly time: number;
  readonly position: 'belowBar' | 'aboveBar';
  readonly shape: 'arrowUp' | 'arrowDown';
  readonly color: string;
  readonly text: string;
  /** Smaller when there are too many to read one by one. */
  readonly size: number;
  /** Fills behind the marker. */
  readonly count: number;
}

/** Beyond this many markers their labels would only overlap: the arrows stay, smaller, and the text goes. */
export const MARKER_TEXT_LIMIT = 150;

/** The index of the bar a time falls in: the last bar opening at or before it (the first for earlier times). */
export function barIndexAt(bars: readonly Pick<PriceBar, 'ts'>[], ts: number): number {
  let low = 0;
  let high = bars.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (bars[mid]!.ts <= ts) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * One marker per bar and side: buys as arrows below the bar, sells above, in time order (buys
 * before sells within a bar). The text says B or S, with the count when a bar holds several.
 */
export function fillMarkers(fills: readonly FillRecord[], bars: readonly PriceBar[]): FillMarker[] {
  if (bars.length === 0) return [];
  const groups = new Map<string, { time: number; side: 'buy' | 'sell'; count: number; index: number }>();
  for (const fill of fills) {
    const index = barIndexAt(bars, fill.ts);
    const key = `${index}:${fill.side}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { time: Math.floor(bars[index]!.ts / 1000), side: fill.side, count: 1, index });
  }
  const sorted = [...groups.values()].sort((a, b) => a.index - b.index || (a.side === b.side ? 0 : a.side === 'buy' ? -1 : 1));
  const labelled = sorted.length <= MARKER_TEXT_LIMIT;
  return sorted.map((g) => {
    const letter = g.side === 'buy' ? 'B' : 'S';
    return {
      time: g.time,
      position: g.side === 'buy' ? 'belowBar' : 'aboveBar',
      shape: g.side === 'buy' ? 'arrowUp' : 'arrowDown',
      color: g.side === 'buy' ? UP_COLOR : DOWN_COLOR,
      text: labelled ? (g.count > 1 ? `${letter}×${g.count}` : letter) : '',
      size: labelled ? 1 : 0.5,
      count: g.count,
    };
  });
}

/** 300000 -> "5m", 7200000 -> "2h". */
export function intervalLabel(ms: number): string {
  const units: readonly [number, string][] = [
    [604_800_000, 'w'],
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
    [1_000, 's'],
  ];
  for (const [size, unit] of units) if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return `${ms} ms`;
}
