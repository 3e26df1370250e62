// Bars built from trades on a simulated clock, closed when the clock passes their end; venues without a bar feed of their own use it.
//
// Invariants:
// - a bar covers [openTime, openTime + interval) and is emitted once, when a later trade or the
//   clock reaches its end, so a strategy never sees a bar that can still change;
// - bars due at the same time close shortest interval first, then in the order their series began;
// - each series keeps at most `keep` closed bars for history requests.
import type { InstrumentSpec } from '../core/instrument.ts';
import type { PortBar } from './ports.ts';
import type { Bar } from './types.ts';
import { BarRing } from './bar-ring.ts';
import { barText } from './bar-text.ts';
import { SeriesIndex } from './series-index.ts';
import { gridText, type GridText } from './unit-text.ts';

export const INTERVAL_MS: Readonly<Record<string, number>> = { '1s': 1_000, '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '1d': 86_400_000 };

export interface TradeBarsOptions {
  /** Intervals to build (default every interval in INTERVAL_MS). */
  readonly intervals?: readonly string[];
  /** Closed bars kept per series for `closed` (default 10,000). */
  readonly keep?: number;
}

interface Building {
  readonly symbol: string;
  readonly interval: string;
  readonly ms: number;
  openTime: number;
  closeTime: number;
  /** Ticks and lots; `open` is NaN while the current period has no trade yet. */
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export class TradeBars {
  private readonly intervals: Array<readonly [string, number]>;
  private readonly building = new Map<string, Building[]>();
  /** Closed bars by symbol, then interval. */
  private readonly done: SeriesIndex<BarRing>;
  private readonly texts = new Map<string, GridText>();
  /** Earliest closeTime among open bars; recomputed only when a bar closes or opens. */
  private due = Infinity;

  constructor(
    private readonly spec: (symbol: string) => InstrumentSpec,
    /** Each closed bar, with the same bar in numbers (each field's Number). */
    private readonly emit: (bar: PortBar, view: Bar) => void,
    options: TradeBarsOptions = {},
  ) {
    this.intervals = [];
    const keep = options.keep ?? 10_000;
    this.done = new SeriesIndex((symbol, interval) => new BarRing(symbol, interval, keep));
    this.want(options.intervals ?? Object.keys(INTERVAL_MS));
  }

  /** Starts building these intervals too (from the next trade on), keeping shortest first. */
  want(intervals: readonly string[]): void {
    for (const name of intervals) {
      const ms = INTERVAL_MS[name];
      if (ms === undefined) throw new RangeError(`unknown bar interval ${name}`);
      if (this.intervals.some(([known]) => known === name)) continue;
      this.intervals.push([name, ms]);
      for (const [symbol, series] of this.building) series.push(this.fresh(symbol, name, ms));
    }
    this.intervals.sort((a, b) => a[1] - b[1]);
    for (const series of this.building.values()) series.sort((a, b) => a.ms - b.ms);
  }

  /** Adds a trade at `ts`; a bar of an earlier period for the same series is closed first. */
  trade(symbol: string, ts: number, priceTicks: number, qtyLots: number): void {
    if (ts >= this.due) this.closeUpTo(ts);
    const series = this.building.get(symbol) ?? this.open(symbol);
    for (const bar of series) {
      if (ts >= bar.closeTime || ts < bar.openTime) this.restart(bar, ts);
      if (Number.isNaN(bar.open)) {
        bar.open = bar.high = bar.low = bar.close = priceTicks;
        bar.volume = qtyLots;
        if (bar.closeTime < this.due) this.due = bar.closeTime;
        continue;
      }
      if (priceTicks > bar.high) bar.high = priceTicks;
      if (priceTicks < bar.low) bar.low = priceTicks;
      bar.close = priceTicks;
      bar.volume += qtyLots;
    }
  }

  /** The earliest end time of a bar still open, if any. */
  nextClose(): number | undefined {
    return this.due === Infinity ? undefined : this.due;
  }

  /** Closes (and emits) every open bar that ends at or before `ts`, in time order, shortest interval first. */
  closeUpTo(ts: number): void {
    while (this.due <= ts) {
      const at = this.due;
      const closing: Building[] = [];
      for (const series of this.building.values()) for (const bar of series) if (!Number.isNaN(bar.open) && bar.closeTime === at) closing.push(bar);
      closing.sort((a, b) => a.ms - b.ms);
      for (const bar of closing) this.close(bar);
      this.due = this.earliest();
    }
  }

  /** Adds a closed bar that came from elsewhere (history, or a bar feed) to the kept series. */
  seed(bar: PortBar): void {
    this.keepBar(bar);
  }

  closed(symbol: string, interval: string, n: number): PortBar[] {
    return this.done.find(symbol, interval)?.last(n) ?? [];
  }

  private open(symbol: string): Building[] {
    const series = this.intervals.map(([interval, ms]) => this.fresh(symbol, interval, ms));
    this.building.set(symbol, series);
    return series;
  }

  private fresh(symbol: string, interval: string, ms: number): Building {
    return { symbol, interval, ms, openTime: 0, closeTime: 0, open: NaN, high: NaN, low: NaN, close: NaN, volume: 0 };
  }

  private restart(bar: Building, ts: number): void {
    bar.openTime = Math.floor(ts / bar.ms) * bar.ms;
    bar.closeTime = bar.openTime + bar.ms;
    bar.open = NaN;
  }

  private earliest(): number {
    let first = Infinity;
    for (const series of this.building.values()) for (const bar of series) if (!Number.isNaN(bar.open) && bar.closeTime < first) first = bar.closeTime;
    return first;
  }

  private close(bar: Building): void {
    const { bar: closed, view } = barText(this.textOf(bar.symbol), bar);
    bar.open = NaN;
    this.keepBar(closed);
    this.emit(closed, view);
  }

  private keepBar(bar: PortBar): void {
    this.done.of(bar.symbol, bar.interval).push(bar.openTime, bar.open, bar.high, bar.low, bar.close, bar.volume);
  }

  private textOf(symbol: string): GridText {
    let text = this.texts.get(symbol);
    if (!text) this.texts.set(symbol, (text = gridText(this.spec(symbol))));
    return text;
  }
}
