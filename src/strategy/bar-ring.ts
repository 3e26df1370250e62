// The last closed bars of one series, kept as columns in a ring: history for the rare request, at no allocation per bar.
//
// A kept bar object lives for thousands of bars, so the garbage collector copies and promotes every
// one of them on a bars-only run (half its time, before this). The ring keeps each bar's time and
// its five texts (which the venues' caches already hold) and makes bar objects only when asked.
import type { PortBar } from './ports.ts';
import { RingSlots } from './ring-slots.ts';

export class BarRing {
  private readonly slots: RingSlots;
  private readonly openTimes: Float64Array;
  private readonly texts: string[];

  constructor(
    readonly symbol: string,
    readonly interval: string,
    capacity: number,
  ) {
    this.slots = new RingSlots(capacity);
    this.openTimes = new Float64Array(capacity);
    this.texts = new Array<string>(capacity * 5).fill('');
  }

  /** Keeps a bar of this series, forgetting the oldest past the capacity. */
  push(openTime: number, open: string, high: string, low: string, close: string, volume: string): void {
    const at = this.slots.claim();
    if (at < 0) return;
    this.openTimes[at] = openTime;
    const texts = this.texts;
    const base = at * 5;
    texts[base] = open;
    texts[base + 1] = high;
    texts[base + 2] = low;
    texts[base + 3] = close;
    texts[base + 4] = volume;
  }

  /** The last `n` bars kept (fewer if fewer are), oldest first. */
  last(n: number): PortBar[] {
    const texts = this.texts;
    return this.slots.last(n).map((at) => {
      const base = at * 5;
      return { symbol: this.symbol, interval: this.interval, openTime: this.openTimes[at]!, open: texts[base]!, high: texts[base + 1]!, low: texts[base + 2]!, close: texts[base + 3]!, volume: texts[base + 4]! };
    });
  }
}
