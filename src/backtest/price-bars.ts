// The price of a run's main symbol as OHLCV bars for a chart, built from the records as they stream by, in bounded memory.
import { intervalToMs } from '../core/market-history.ts';
import type { MarketRecord } from './types.ts';

/** Bar widths, each a whole multiple of the one before, so bars re-bucket exactly when the width grows. */
const LADDER_MS = [1, 5, 15, 30, 60, 300, 900, 1_800, 3_600, 7_200, 14_400, 43_200, 86_400, 604_800, 2_419_200].map((s) => s * 1_000);

/** One bar: `ts` is its open time; prices in the quote currency, volume in base units. */
export interface PriceBar {
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface PriceSeries {
  readonly symbol: string;
  /** The bars' width in ms (0 when there are none). */
  readonly intervalMs: number;
  readonly bars: readonly PriceBar[];
}

interface Bucket {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * Folds trades and bars of one symbol into bars of the narrowest width on the ladder that keeps
 * them at most `maxBars`. While the run goes, at most twice that many are held: one more widens
 * the bars a rung and merges them. Prices and sizes stay in ticks and lots until `series`.
 */
export class PriceBars {
  private buckets: Bucket[] = [];
  private rung = 0;
  /** The data's own bar width, when it is bars. */
  private dataMs = 0;

  constructor(
    readonly symbol: string,
    private readonly maxBars = 2_000,
  ) {}

  add(record: MarketRecord): void {
    if (record.symbol !== this.symbol) return;
    if (record.kind === 'trade') this.put(record.ts, record.price, record.price, record.price, record.price, record.qty);
    else if (record.kind === 'bar') {
      if (this.dataMs === 0) this.startAt(intervalToMs(record.interval) ?? 0);
      this.put(record.openTime, record.open, record.high, record.low, record.close, record.volume);
    }
  }

  /** The bars in price units (`tickSize` and `lotSize` as numbers), at most `maxBars` of them. */
  series(tickSize: number, lotSize: number): PriceSeries {
    while (this.buckets.length > this.maxBars) this.widen();
    const bars = this.buckets.map((b) => ({ ts: b.ts, open: b.open * tickSize, high: b.high * tickSize, low: b.low * tickSize, close: b.close * tickSize, volume: b.volume * lotSize }));
    return { symbol: this.symbol, intervalMs: bars.length === 0 ? 0 : Math.max(this.width(), this.dataMs), bars };
  }

  /** Bars of the data start at the widest rung not wider than they are, so each stays whole. */
  private startAt(ms: number): void {
    this.dataMs = ms;
    if (this.buckets.length > 0) return;
    while (this.rung + 1 < LADDER_MS.length && LADDER_MS[this.rung + 1]! <= ms) this.rung++;
  }

  private width(): number {
    const top = LADDER_MS.length - 1;
    return this.rung <= top ? LADDER_MS[this.rung]! : LADDER_MS[top]! * 2 ** (this.rung - top);
  }

  private put(ts: number, open: number, high: number, low: number, close: number, volume: number): void {
    const width = this.width();
    const key = ts - (((ts % width) + width) % width);
    const last = this.buckets.at(-1);
    // Records come in time order; a key before the last bucket's (it cannot happen with ordered data) joins that bucket.
    if (last && key <= last.ts) merge(last, { ts: key, open, high, low, close, volume });
    else this.buckets.push({ ts: key, open, high, low, close, volume });
    if (this.buckets.length > 2 * this.maxBars) this.widen();
  }

  private widen(): void {
    this.rung++;
    const width = this.width();
    const merged: Bucket[] = [];
    for (const bucket of this.buckets) {
      const key = bucket.ts - (((bucket.ts % width) + width) % width);
      const last = merged.at(-1);
      if (last && last.ts === key) merge(last, bucket);
      else merged.push({ ...bucket, ts: key });
    }
    this.buckets = merged;
  }
}

/** Adds a later bucket into an earlier one. */
function merge(into: Bucket, later: Bucket): void {
  into.high = Math.max(into.high, later.high);
  into.low = Math.min(into.low, later.low);
  into.close = later.close;
  into.volume += later.volume;
}
