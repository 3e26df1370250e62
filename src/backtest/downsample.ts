// Curves thinned for a chart: at most a given number of points, keeping the first and the last and, in between, each bucket's lowest and highest.
import type { EquityPoint } from './types.ts';

/**
 * At most `max` points (at least 4) of `points`, in their order. The first and last stay; the
 * points between are cut into equal buckets, and each bucket keeps its lowest and its highest
 * value, so a chart still shows every peak and trough (a drawdown's bottom is not thinned away).
 */
export function downsample<T>(points: readonly T[], max: number, value: (point: T) => number): T[] {
  if (!Number.isSafeInteger(max) || max < 4) throw new RangeError('downsample needs room for at least 4 points');
  if (points.length <= max) return [...points];
  const inner = points.length - 2;
  const buckets = Math.floor((max - 2) / 2);
  const out: T[] = [points[0]!];
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets);
    if (to <= from) continue;
    let low = from;
    let high = from;
    for (let i = from + 1; i < to; i++) {
      const v = value(points[i]!);
      if (v < value(points[low]!)) low = i;
      if (v > value(points[high]!)) high = i;
    }
    if (low === high) out.push(points[low]!);
    else out.push(points[Math.min(low, high)]!, points[Math.max(low, high)]!);
  }
  out.push(points[points.length - 1]!);
  return out;
}

export interface DrawdownPoint {
  readonly ts: number;
  /** Fall below the high-water mark so far, as a fraction of it (0 at a new high). */
  readonly drawdown: number;
}

/** The drawdown at every equity sample. */
export function drawdownCurve(equity: readonly EquityPoint[]): DrawdownPoint[] {
  let peak = -Infinity;
  return equity.map(({ ts, equity: value }) => {
    peak = Math.max(peak, value);
    return { ts, drawdown: peak > 0 ? (peak - value) / peak : 0 };
  });
}
