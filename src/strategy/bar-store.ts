// Closed bars per symbol and interval, oldest first, capped: the history behind ctx.history.
import type { Bar } from './types.ts';

export class BarStore {
  /** By symbol, then interval: two lookups of strings the feed reuses, rather than a key built per bar. */
  private readonly series = new Map<string, Map<string, Bar[]>>();
  /** The series the last bar went to: a feed of one symbol and interval finds it with two comparisons. */
  private lastSymbol: string | undefined;
  private lastInterval: string | undefined;
  private lastBars: Bar[] = [];

  constructor(private readonly capacity: number) {}

  /**
   * Appends a closed bar. Bars must arrive in time order; one not newer than the last kept is a
   * repeat (history and the live feed overlap at start) and is dropped. Returns whether it was kept.
   */
  add(bar: Bar): boolean {
    const bars = bar.symbol === this.lastSymbol && bar.interval === this.lastInterval ? this.lastBars : this.seriesOf(bar.symbol, bar.interval);
    const last = bars[bars.length - 1];
    if (last !== undefined && bar.openTime <= last.openTime) return false;
    bars.push(bar);
    // Trimming in chunks keeps appends amortised O(1) instead of shifting the array every time.
    if (bars.length > this.capacity * 2 + 16) bars.splice(0, bars.length - this.capacity);
    return true;
  }

  private seriesOf(symbol: string, interval: string): Bar[] {
    let intervals = this.series.get(symbol);
    if (!intervals) this.series.set(symbol, (intervals = new Map<string, Bar[]>()));
    let bars = intervals.get(interval);
    if (!bars) intervals.set(interval, (bars = []));
    this.lastSymbol = symbol;
    this.lastInterval = interval;
    this.lastBars = bars;
    return bars;
  }

  /** The last `n` bars (fewer if fewer are known, never more than the capacity), oldest first. */
  last(symbol: string, interval: string, n: number): readonly Bar[] {
    const bars = this.series.get(symbol)?.get(interval) ?? [];
    const count = Math.max(0, Math.min(Math.floor(n), this.capacity, bars.length));
    return bars.slice(bars.length - count);
  }
}
