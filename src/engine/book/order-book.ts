// The order book interface: one symbol, two sides, price-time priority. Matching logic lives in the engine.
import type { Side } from '../../core/orders.ts';

/**
 * A handle names one resting order inside a book. It is only valid until that order leaves the
 * book; its meaning (an id, a slot) belongs to the implementation.
 */
export type Handle = number;
export const NO_ORDER: Handle = -1;

/**
 * Resting orders of one symbol. Invariants every implementation keeps:
 * - within a price level, orders keep arrival order (FIFO), and `reduce` keeps an order's place;
 * - `head(side)` is the first order of the best level: highest bid, lowest ask;
 * - quantities are positive integers; an order whose quantity reaches 0 leaves the book.
 * The book does not prevent crossing: the engine matches before it rests an order.
 */
export interface OrderBook {
  /** Appends an order at the tail of its price level. The id must not be in the book. */
  add(orderId: number, accountId: number, side: Side, price: number, qty: number): void;
  /** Removes an order; returns false when it is not in the book. */
  remove(orderId: number): boolean;
  /** Sets a smaller positive quantity without losing time priority. */
  reduce(orderId: number, qty: number): void;
  /** Takes `qty` from the order at `handle`, removing it when nothing is left. */
  fill(handle: Handle, qty: number): void;
  has(orderId: number): boolean;
  /** Handle of an order by id, or NO_ORDER. */
  find(orderId: number): Handle;

  /** Best price on a side, or 0 when the side is empty. */
  bestPrice(side: Side): number;
  /** The first order in priority on a side, or NO_ORDER. */
  head(side: Side): Handle;
  /** The order after `handle` in priority on its side (crossing price levels), or NO_ORDER. */
  next(handle: Handle): Handle;

  orderIdAt(handle: Handle): number;
  accountIdAt(handle: Handle): number;
  priceAt(handle: Handle): number;
  qtyAt(handle: Handle): number;

  /** Aggregated levels from the best price outward: [price, total qty, order count]. */
  depth(side: Side, maxLevels: number): Array<[number, number, number]>;
  /** Number of resting orders on both sides. */
  size(): number;
  /** Throws when an internal invariant is broken (totals, ordering, links, index). */
  validate(): void;
}

export type OrderBookFactory = (symbol: string) => OrderBook;
