// The last closed bars of one series, kept as columns in a ring: history for the rare request, at no allocation per bar.
//
// A kept bar object lives for thousands of bars, so the garbage collector copies and promotes every
// one of them on a bars-only run (half its time, before this). The ring keeps each bar's time and
// its five texts (which the venues' caches already hold) and makes bar objects only when asked.
import type { PortBar } from './ports.ts';

export class BarRing {
  private readonly openTimes: Float64Array;
  private readonly texts: string[];
  /** Where the next bar goes, and how many are held (at most `capacity`). */
  private next = 0;
  private count = 0;

  constructor(
    readonly symbol: string,
    readonly interval: string,
    private readonly capacity: number,
  ) {
    this.openTimes = new Float64Array(capacity);
    this.texts = new Array<string>(capacity * 5).fill('');
  }

  /** Keeps a bar of this series, forgetting the oldest past the capacity. */
  push(openTime: number, open: string, high: string, low: string, close: string, volume: string): void {
    if (this.capacity === 0) return;
    const at = this.next;
    this.openTimes[at] = openTime;
    const texts = this.texts;
    const base = at * 5;
    texts[base] = open;
    texts[base + 1] = high;
    texts[base + 2] = low;
    texts[base + 3] = close;
    texts[base + 4] = volume;
    this.next = at + 1 === this.capacity ? 0 : at + 1;
    if (this.count < this.capacity) this.count++;
  }

  /** The last `n` bars kept (fewer if fewer are), oldest first. */
  last(n: number): PortBar[] {
    const count = Math.max(0, Math.min(n, this.count));
    const bars: PortBar[] = [];
    for (let i = this.count - count; i < this.count; i++) {
      const at = (this.next - this.count + i + this.capacity) % this.capacity;
      const base = at * 5;
      const texts = this.texts;
      bars.push({ symbol: this.symbol, interval: this.interval, openTime: this.openTimes[at]!, open: texts[base]!, high: texts[base + 1]!, low: texts[base + 2]!, close: texts[base + 3]!, volume: texts[base + 4]! });
    }
    return bars;
  }
}
