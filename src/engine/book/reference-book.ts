// The naive reference order book: plain arrays, obviously correct, used to check the fast book.
import type { Side } from '../../core/orders.ts';
import { NO_ORDER, type Handle, type OrderBook } from './order-book.ts';

interface RestingOrder {
  readonly orderId: number;
  readonly accountId: number;
  readonly side: Side;
  readonly price: number;
  qty: number;
}

/**
 * Each side is one array kept in priority order: better price first, then arrival.
 * Handles are order ids.
 */
export class ReferenceBook implements OrderBook {
  private readonly sides: Record<Side, RestingOrder[]> = { buy: [], sell: [] };

  add(orderId: number, accountId: number, side: Side, price: number, qty: number): void {
    if (this.has(orderId)) throw new Error(`order ${orderId} is already in the book`);
    const list = this.sides[side];
    const better = side === 'buy' ? (p: number) => p >= price : (p: number) => p <= price;
    let index = 0;
    while (index < list.length && better(list[index]!.price)) index++;
    list.splice(index, 0, { orderId, accountId, side, price, qty });
  }

  remove(orderId: number): boolean {
    for (const list of Object.values(this.sides)) {
      const index = list.findIndex((order) => order.orderId === orderId);
      if (index >= 0) {
        list.splice(index, 1);
        return true;
      }
    }
    return false;
  }

  reduce(orderId: number, qty: number): void {
    const order = this.get(orderId);
    if (!order || qty <= 0 || qty >= order.qty) throw new Error(`cannot reduce order ${orderId} to ${qty}`);
    order.qty = qty;
  }

  fill(handle: Handle, qty: number): void {
    const order = this.get(handle);
    if (!order || qty <= 0 || qty > order.qty) throw new Error(`cannot fill ${qty} from order ${handle}`);
    order.qty -= qty;
    if (order.qty === 0) this.remove(handle);
  }

  has(orderId: number): boolean {
    return this.get(orderId) !== undefined;
  }

  find(orderId: number): Handle {
    return this.has(orderId) ? orderId : NO_ORDER;
  }

  bestPrice(side: Side): number {
    return this.sides[side][0]?.price ?? 0;
  }

  head(side: Side): Handle {
    return this.sides[side][0]?.orderId ?? NO_ORDER;
  }

  next(handle: Handle): Handle {
    const order = this.get(handle);
    if (!order) return NO_ORDER;
    const list = this.sides[order.side];
    return list[list.indexOf(order) + 1]?.orderId ?? NO_ORDER;
  }

  orderIdAt(handle: Handle): number {
    return this.must(handle).orderId;
  }

  accountIdAt(handle: Handle): number {
    return this.must(handle).accountId;
  }

  priceAt(handle: Handle): number {
    return this.must(handle).price;
  }

  qtyAt(handle: Handle): number {
    return this.must(handle).qty;
  }

  depth(side: Side, maxLevels: number): Array<[number, number, number]> {
    const levels: Array<[number, number, number]> = [];
    for (const order of this.sides[side]) {
      const last = levels[levels.length - 1];
      if (last && last[0] === order.price) {
        last[1] += order.qty;
        last[2] += 1;
      } else {
        if (levels.length === maxLevels) break;
        levels.push([order.price, order.qty, 1]);
      }
    }
    return levels;
  }

  size(): number {
    return this.sides.buy.length + this.sides.sell.length;
  }

  validate(): void {
    for (const side of ['buy', 'sell'] as const) {
      const list = this.sides[side];
      for (let i = 0; i < list.length; i++) {
        const order = list[i]!;
        if (!(order.qty > 0) || !Number.isSafeInteger(order.qty)) throw new Error(`order ${order.orderId} has quantity ${order.qty}`);
        const prev = list[i - 1];
        if (prev && (side === 'buy' ? prev.price < order.price : prev.price > order.price)) throw new Error(`${side} side out of price order`);
      }
    }
  }

  private get(orderId: number): RestingOrder | undefined {
    return this.sides.buy.find((o) => o.orderId === orderId) ?? this.sides.sell.find((o) => o.orderId === orderId);
  }

  private must(handle: Handle): RestingOrder {
    const order = this.get(handle);
    if (!order) throw new Error(`no resting order ${handle}`);
    return order;
  }
}
