// The equity curve: evenly spaced samples of the account's value, thinned as the run grows so memory stays bounded.
import type { EquityPoint } from './types.ts';

export interface CurvePoint extends EquityPoint {
  /** The main symbol's last price at the sample, for the report's price chart. */
  readonly price: number | undefined;
}

/**
 * Samples are `resolutionMs` apart. When there are `2 * maxPoints` of them, every other one goes
 * and the resolution doubles, so the curve always spans the whole run evenly. Drawdown is followed
 * at every sample taken, before any thinning.
 */
export class EquityCurve {
  private points: CurvePoint[] = [];
  private resolution: number;
  private nextAt: number | undefined;
  private peak = -Infinity;
  private peakTs = 0;
  private underwater = false;
  private deepest = 0;
  private longestUnderwater = 0;

  constructor(
    initialResolutionMs: number,
    private readonly maxPoints = 2_000,
  ) {
    this.resolution = initialResolutionMs;
  }

  /** Whether a sample is due at `ts` (cheap: the loop asks on every record). */
  due(ts: number): boolean {
    return this.nextAt === undefined || ts >= this.nextAt;
  }

  add(ts: number, equity: number, price: number | undefined): void {
    if (this.points.at(-1)?.ts === ts) return;
    this.track(ts, equity);
    this.points.push({ ts, equity, price });
    this.nextAt = ts - (ts % this.resolution) + this.resolution;
    if (this.points.length >= this.maxPoints * 2) {
      this.points = this.points.filter((_, i) => i % 2 === 0);
      this.resolution *= 2;
    }
  }

  /** Records the final value, whatever the spacing. */
  finish(ts: number, equity: number, price: number | undefined): void {
    this.track(ts, equity);
    const last = this.points.at(-1);
    if (last?.ts === ts) this.points[this.points.length - 1] = { ts, equity, price };
    else this.points.push({ ts, equity, price });
    if (this.underwater) this.longestUnderwater = Math.max(this.longestUnderwater, ts - this.peakTs);
  }

  samples(): readonly CurvePoint[] {
    return this.points;
  }

  resolutionMs(): number {
    return this.resolution;
  }

  /** Largest fall from a high-water mark, as a fraction of it. */
  maxDrawdown(): number {
    return this.deepest;
  }

  /** Longest time spent below a high-water mark, in ms. */
  maxDrawdownDurationMs(): number {
    return this.longestUnderwater;
  }

  /** Drawdown: depth below the high-water mark, and time from the last moment at the mark until back at it. */
  private track(ts: number, equity: number): void {
    if (equity >= this.peak) {
      if (this.underwater) this.longestUnderwater = Math.max(this.longestUnderwater, ts - this.peakTs);
      this.underwater = false;
      this.peak = equity;
      this.peakTs = ts;
      return;
    }
    this.underwater = true;
    if (this.peak > 0) this.deepest = Math.max(this.deepest, (this.peak - equity) / this.peak);
  }
}
