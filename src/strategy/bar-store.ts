// Closed bars per symbol and interval, oldest first, capped: the history behind ctx.history.
//
// Kept as numbers in a ring per series, not as the bar objects handlers were given: a kept object
// outlives many young-generation collections, and when most objects made where bars are made
// survive (a run on trades makes few bars and keeps them all), V8 allocates every later bar from
// there straight in the old generation, where a bars-only run's millions become full collections.
import { RingSlots } from './ring-slots.ts';
import { SeriesIndex } from './series-index.ts';
import type { Bar } from './types.ts';

/** Numbers kept per bar: open time, open, high, low, close, volume. */
const WIDTH = 6;

/** Bars a series has room for at first; it doubles as bars come, up to its capacity. */
const FIRST_ROOM = 256;

class BarSeries {
  private readonly slots: RingSlots;
  /**
   * Grown as bars come, never past the capacity: a history size of "everything" (a huge number)
   * costs what is kept, not its size. The ring's slots are handed out in order until it is full,
   * so the array only has to reach the slot claimed.
   */
  private values: Float64Array;
  /** The newest bar's open time, kept even with no capacity: a bar not newer is a repeat. */
  lastOpenTime = -Infinity;

  constructor(
    readonly symbol: string,
    readonly interval: string,
    private readonly capacity: number,
  ) {
    this.slots = new RingSlots(capacity);
    this.values = new Float64Array(Math.min(capacity, FIRST_ROOM) * WIDTH);
  }

  push(bar: Bar): void {
    this.lastOpenTime = bar.openTime;
    const at = this.slots.claim();
    if (at < 0) return;
    if ((at + 1) * WIDTH > this.values.length) this.grow(at + 1);
    const values = this.values;
    const base = at * WIDTH;
    values[base] = bar.openTime;
    values[base + 1] = bar.open;
    values[base + 2] = bar.high;
    values[base + 3] = bar.low;
    values[base + 4] = bar.close;
    values[base + 5] = bar.volume;
  }

  private grow(slots: number): void {
    const room = Math.min(this.capacity, Math.max(slots, (this.values.length / WIDTH) * 2));
    const values = new Float64Array(room * WIDTH);
    values.set(this.values);
    this.values = values;
  }

  last(n: number): Bar[] {
    const values = this.values;
    return this.slots.last(n).map((at) => {
      const base = at * WIDTH;
      return { symbol: this.symbol, interval: this.interval, openTime: values[base]!, open: values[base + 1]!, high: values[base + 2]!, low: values[base + 3]!, close: values[base + 4]!, volume: values[base + 5]! };
    });
  }
}

export class BarStore {
  private readonly series: SeriesIndex<BarSeries>;

  constructor(capacity: number) {
    this.series = new SeriesIndex((symbol, interval) => new BarSeries(symbol, interval, capacity));
  }

  /**
   * Appends a closed bar. Bars must arrive in time order; one not newer than the last kept is a
   * repeat (history and the live feed overlap at start) and is dropped. Returns whether it was kept.
   */
  add(bar: Bar): boolean {
    const series = this.series.of(bar.symbol, bar.interval);
    if (bar.openTime <= series.lastOpenTime) return false;
    series.push(bar);
    return true;
  }

  /** The last `n` bars (fewer if fewer are known, never more than the capacity), oldest first. */
  last(symbol: string, interval: string, n: number): readonly Bar[] {
    return this.series.find(symbol, interval)?.last(n) ?? [];
  }
}
