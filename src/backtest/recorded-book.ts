// The historical order book of one symbol, rebuilt from book records: snapshots replace it, deltas set levels.
import type { Side } from '../core/orders.ts';
import type { BookRecord } from './types.ts';

export class RecordedBook {
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();

  apply(record: BookRecord): void {
    if (record.snapshot) {
      this.bids.clear();
      this.asks.clear();
    }
    for (const [price, qty] of record.bids) set(this.bids, price, qty);
    for (const [price, qty] of record.asks) set(this.asks, price, qty);
  }

  /** Lots resting at a price on a side (0 when the level is empty). */
  qty(side: Side, price: number): number {
    return (side === 'buy' ? this.bids : this.asks).get(price) ?? 0;
  }

  best(side: Side): number | undefined {
    let best: number | undefined;
    for (const price of (side === 'buy' ? this.bids : this.asks).keys()) if (best === undefined || (side === 'buy' ? price > best : price < best)) best = price;
    return best;
  }

  /** Levels of a side, best first, as [price, qty]. */
  levels(side: Side): Array<[number, number]> {
    const levels = [...(side === 'buy' ? this.bids : this.asks)];
    return levels.sort((a, b) => (side === 'buy' ? b[0] - a[0] : a[0] - b[0]));
  }
}

function set(levels: Map<number, number>, price: number, qty: number): void {
  if (qty > 0) levels.set(price, qty);
  else levels.delete(price);
}
