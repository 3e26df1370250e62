// Round trips from the strategy's fills: a trip opens when a position leaves flat and closes when it returns there.
import type { FillRecord, RoundTrip } from './types.ts';

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

export class RoundTrips {
  private readonly open = new Map<string, OpenTrip>();
  private readonly closed: RoundTrip[] = [];

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
    return {
      symbol,
      side: trip.side,
      openTs: trip.openTs,
      closeTs,
      qty: trip.maxQty,
      entryPrice: trip.entryQty > 0 ? trip.entryNotional / trip.entryQty : 0,
      exitPrice: closeTs !== undefined && trip.exitQty > 0 ? trip.exitNotional / trip.exitQty : undefined,
      pnl,
      fees: trip.fees,
    };
  }
}

/**
 * The trade count as people read it: metrics count closed trips only (win rate and profit factor
 * need an exit), while the trade list also holds those still open at the end; say both.
 */
export function tradeCountText(closed: number, trades: readonly RoundTrip[]): string {
  const open = trades.filter((trade) => trade.closeTs === undefined).length;
  return open === 0 ? closed.toLocaleString('en-US') : `${closed.toLocaleString('en-US')} closed + ${open.toLocaleString('en-US')} open`;
}
