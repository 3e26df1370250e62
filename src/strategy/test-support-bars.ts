// Test-only: bars built from the harness's trades on its simulated clock, closed when the clock passes their end.
import { fromUnits } from '../core/decimal.ts';
import type { InstrumentSpec } from '../core/instrument.ts';
import type { PortBar } from './ports.ts';

export const INTERVAL_MS: Readonly<Record<string, number>> = { '1s': 1_000, '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '1d': 86_400_000 };

interface Building {
  readonly symbol: string;
  readonly interval: string;
  readonly openTime: number;
  readonly closeTime: number;
  /** Ticks and lots. */
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export class HarnessBars {
  private readonly building = new Map<string, Building>();
  private readonly done = new Map<string, PortBar[]>();

  constructor(
    private readonly spec: (symbol: string) => InstrumentSpec,
    private readonly emit: (bar: PortBar) => void,
  ) {}

  /** Adds a trade at `ts`; a bar of an earlier period for the same series is closed first. */
  trade(symbol: string, ts: number, priceTicks: number, qtyLots: number): void {
    for (const [interval, ms] of Object.entries(INTERVAL_MS)) {
      const key = `${symbol} ${interval}`;
      const openTime = Math.floor(ts / ms) * ms;
      let bar = this.building.get(key);
      if (bar && bar.openTime !== openTime) {
        this.close(key, bar);
        bar = undefined;
      }
      if (!bar) {
        this.building.set(key, { symbol, interval, openTime, closeTime: openTime + ms, open: priceTicks, high: priceTicks, low: priceTicks, close: priceTicks, volume: qtyLots });
        continue;
      }
      bar.high = Math.max(bar.high, priceTicks);
      bar.low = Math.min(bar.low, priceTicks);
      bar.close = priceTicks;
      bar.volume += qtyLots;
    }
  }

  /** The earliest end time of a bar still open, if any. */
  nextClose(): number | undefined {
    let first: number | undefined;
    for (const bar of this.building.values()) if (first === undefined || bar.closeTime < first) first = bar.closeTime;
    return first;
  }

  /** Closes (and emits) every open bar that ends at or before `ts`, shortest interval first. */
  closeUpTo(ts: number): void {
    const due = [...this.building].filter(([, bar]) => bar.closeTime <= ts);
    due.sort(([, a], [, b]) => a.closeTime - b.closeTime || INTERVAL_MS[a.interval]! - INTERVAL_MS[b.interval]!);
    for (const [key, bar] of due) this.close(key, bar);
  }

  seed(bar: PortBar): void {
    this.series(`${bar.symbol} ${bar.interval}`).push(bar);
  }

  closed(symbol: string, interval: string, n: number): PortBar[] {
    const bars = this.done.get(`${symbol} ${interval}`) ?? [];
    return bars.slice(Math.max(0, bars.length - n));
  }

  private close(key: string, bar: Building): void {
    this.building.delete(key);
    const spec = this.spec(bar.symbol);
    const price = (ticks: number) => fromUnits(ticks, spec.tickSize);
    const closed: PortBar = { symbol: bar.symbol, interval: bar.interval, openTime: bar.openTime, open: price(bar.open), high: price(bar.high), low: price(bar.low), close: price(bar.close), volume: fromUnits(bar.volume, spec.lotSize) };
    this.series(key).push(closed);
    this.emit(closed);
  }

  private series(key: string): PortBar[] {
    let bars = this.done.get(key);
    if (!bars) this.done.set(key, (bars = []));
    return bars;
  }
}
