// Decimal strings for prices and sizes in engine units, cached: a backtest sends millions of the same few thousand prices.
import { fromUnits } from '../core/decimal.ts';

/** Entries kept per cache before it starts over; prices wander, so old ones stop being asked for. */
const LIMIT = 65_536;

export class PriceText {
  private readonly prices = new Map<number, string>();
  private readonly sizes = new Map<number, string>();

  constructor(private readonly tickSize: string) {}

  price(ticks: number): string {
    return cached(this.prices, ticks, () => fromUnits(ticks, this.tickSize));
  }

  qty(lots: number, lotSize: string): string {
    return cached(this.sizes, lots, () => fromUnits(lots, lotSize));
  }
}

function cached(cache: Map<number, string>, key: number, make: () => string): string {
  let text = cache.get(key);
  if (text === undefined) {
    if (cache.size >= LIMIT) cache.clear();
    cache.set(key, (text = make()));
  }
  return text;
}
