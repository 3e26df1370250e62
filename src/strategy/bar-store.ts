// Closed bars per symbol and interval, oldest first, capped: the history behind ctx.history.
import type { Bar } from './types.ts';

export class BarStore {
  private readonly series = new Map<string, Bar[]>();

  constructor(private readonly capacity: number) {}

  /**
   * Appends a closed bar. Bars must arrive in time order; one not newer than the last kept is a
   * repeat (history and the live feed overlap at start) and is dropped. Returns whether it was kept.
   */
  add(bar: Bar): boolean {
    const key = `${bar.symbol}\u0000${bar.interval}`;
    let bars = this.series.get(key);
    if (!bars) this.series.set(key, (bars = []));
    const last = bars[bars.length - 1];
    if (last !== undefined && bar.openTime <= last.openTime) return false;
    bars.push(bar);
    // Trimming in chunks keeps appends amortised O(1) instead of shifting the array every time.
    if (bars.length > this.capacity * 2 + 16) bars.splice(0, bars.length - this.capacity);
    return true;
  }

  /** The last `n` bars (fewer if fewer are known, never more than the capacity), oldest first. */
  last(symbol: string, interval: string, n: number): readonly Bar[] {
    const bars = this.series.get(`${symbol}\u0000${interval}`) ?? [];
    const count = Math.max(0, Math.min(Math.floor(n), this.capacity, bars.length));
    return bars.slice(bars.length - count);
  }
}
