// Round trips from the strategy's fills: a trip opens when a position leaves flat and closes when it returns there.
import { atPlaces, decimalPlaces } from '../core/decimal.ts';
import type { BacktestMarket, FillRecord, RoundTrip } from './types.ts';

interface OpenTrip {
  readonly side: 'long' | 'short';
  readonly openTs: number;
  /** Signed position, base units. */
  position: number;
  maxQty: number;
  /** Cash flow so far: sale proceeds minus purchase costs, fees not included. */
  cash: number;
  fees: number;
  entryNotional: number;
  entryQty: number;
  exitNotional: number;
  exitQty: number;
}

/** Quantities below this are treated as zero: sizes arrive as doubles of decimal lots. */
const EPSILON = 1e-9;
/** Significant digits an average price keeps: enough for any price, few enough to drop the sums' binary noise. */
const PRICE_DIGITS = 12;

/**
 * The decimals a symbol's money is exact to: a price times a size (the tick's decimals and the
 * lot's) or a fee (the quote currency's minor units), whichever has more. P&L and fees are rounded
 * there, so the double sums' noise (-0.6242790000001046) reads as the amount it is (-0.624279).
 */
export function moneyDecimals(market: BacktestMarket, symbol: string): number {
  const spec = market.instruments.find((instrument) => instrument.symbol === symbol);
  if (!spec) return PRICE_DIGITS;
  const quoteScale = market.assets.find((asset) => asset.code === spec.quote)?.scale ?? 0;
  return Math.max(quoteScale, decimalPlaces(spec.tickSize) + decimalPlaces(spec.lotSize));
}

export class RoundTrips {
  private readonly open = new Map<string, OpenTrip>();
  private readonly closed: RoundTrip[] = [];

  constructor(private readonly decimalsOf: (symbol: string) => number = () => PRICE_DIGITS) {}

  add(fill: FillRecord): void {
    let qty = fill.qty;
    let fee = fill.fee;
    const signed = fill.side === 'buy' ? 1 : -1;
    const trip = this.open.get(fill.symbol);
    if (trip) {
      const closing = trip.position * signed < 0 ? Math.min(qty, Math.abs(trip.position)) : 0;
      const share = closing / fill.qty;
      this.apply(trip, fill, closing > 0 ? closing : qty, closing > 0 ? fee * share : fee, closing > 0);
      if (Math.abs(trip.position) < EPSILON) this.finish(fill.symbol, trip, fill.ts);
      if (closing === 0) return;
      qty -= closing;
      fee -= fee * share;
      if (qty < EPSILON) return;
    }
    const opened: OpenTrip = { side: signed > 0 ? 'long' : 'short', openTs: fill.ts, position: 0, maxQty: 0, cash: 0, fees: 0, entryNotional: 0, entryQty: 0, exitNotional: 0, exitQty: 0 };
    this.open.set(fill.symbol, opened);
    this.apply(opened, fill, qty, fee, false);
  }

  /** Closed trips, then those still open (with undefined close time and exit price, valued at `marks`). */
  trips(marks: (symbol: string) => number | undefined): RoundTrip[] {
    const open = [...this.open].map(([symbol, trip]) => {
      const mark = marks(symbol);
      const pnl = trip.cash + (mark === undefined ? 0 : trip.position * mark) - trip.fees;
      return this.view(symbol, trip, undefined, pnl);
    });
    return [...this.closed, ...open];
  }

  private apply(trip: OpenTrip, fill: FillRecord, qty: number, fee: number, closing: boolean): void {
    const signed = fill.side === 'buy' ? qty : -qty;
    trip.position += signed;
    trip.cash -= signed * fill.price;
    trip.fees += fee;
    trip.maxQty = Math.max(trip.maxQty, Math.abs(trip.position));
    if (closing) {
      trip.exitNotional += qty * fill.price;
      trip.exitQty += qty;
    } else {
      trip.entryNotional += qty * fill.price;
      trip.entryQty += qty;
    }
  }

  private finish(symbol: string, trip: OpenTrip, ts: number): void {
    this.open.delete(symbol);
    this.closed.push(this.view(symbol, trip, ts, trip.cash - trip.fees));
  }

  private view(symbol: string, trip: OpenTrip, closeTs: number | undefined, pnl: number): RoundTrip {
    const decimals = this.decimalsOf(symbol);
    return {
      symbol,
      side: trip.side,
      openTs: trip.openTs,
      closeTs,
      qty: trip.maxQty,
      entryPrice: trip.entryQty > 0 ? significant(trip.entryNotional / trip.entryQty) : 0,
      exitPrice: closeTs !== undefined && trip.exitQty > 0 ? significant(trip.exitNotional / trip.exitQty) : undefined,
      pnl: atPlaces(pnl, decimals),
      fees: atPlaces(trip.fees, decimals),
    };
  }
}

function significant(value: number): number {
  return Number(value.toPrecision(PRICE_DIGITS));
}

/**
 * The trade count as people read it: metrics count closed trips only (win rate and profit factor
 * need an exit), while the trade list also holds those still open at the end; say both.
 */
export function tradeCountText(closed: number, trades: readonly RoundTrip[]): string {
  const open = trades.filter((trade) => trade.closeTs === undefined).length;
  return open === 0 ? closed.toLocaleString('en-US') : `${closed.toLocaleString('en-US')} closed + ${open.toLocaleString('en-US')} open`;
}
