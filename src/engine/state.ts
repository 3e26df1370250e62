// The engine's mutable state records: markets, accounts, live orders, reservations and groups.
import type { Instrument } from '../core/instrument.ts';
import type { OrderType, Side, StpMode, TimeInForce } from '../core/orders.ts';
import type { OrderState } from '../core/events.ts';
import type { OrderBook } from './book/order-book.ts';
import type { StopBook } from './stops.ts';

/** One account's amount of one asset. Orders and reservations keep direct references to it. */
export interface Balance {
  readonly accountId: number;
  readonly asset: string;
  available: number;
  held: number;
}

export interface Account {
  readonly id: number;
  /** Balances by asset code. */
  readonly balances: Map<string, Balance>;
  /** Ids of this account's live orders. */
  readonly liveOrders: Set<number>;
}

export interface Market {
  readonly instrument: Instrument;
  /** The fee account's balance in the quote asset. */
  readonly feeBalance: Balance;
  readonly book: OrderBook;
  readonly stops: StopBook;
  /** Last trade price in ticks; the instrument's reference price until the first trade. */
  lastPrice: number;
}

/**
 * Funds or shares set aside for one order, or shared by the legs of an OCO group. Invariant: for
 * every account and asset, `held` equals the sum of `remaining` over that account's reservations.
 */
export interface Reservation {
  readonly id: number;
  readonly balance: Balance;
  remaining: number;
  /** Live orders that draw on this reservation; at zero the rest is released. */
  users: number;
}

export interface LiveOrder {
  readonly id: number;
  readonly accountId: number;
  readonly account: Account;
  /** The owner's balances in the base and quote assets. */
  readonly baseBalance: Balance;
  readonly quoteBalance: Balance;
  readonly clientOrderId: string | undefined;
  readonly market: Market;
  readonly side: Side;
  /** The type as placed; a triggered stop keeps it and trades as `execType`. */
  readonly type: OrderType;
  execType: 'limit' | 'market' | 'pending';
  readonly tif: TimeInForce;
  qty: number;
  filled: number;
  /** Limit price in ticks, 0 for none. */
  price: number;
  /** Stop price in ticks, 0 for none; trailing stops move it. */
  stopPrice: number;
  readonly trailAmount: number;
  readonly trailBps: number;
  /** Best last price seen since a trailing stop was accepted (high for sells, low for buys). */
  extreme: number;
  readonly expireAt: number;
  readonly postOnly: boolean;
  readonly stp: StpMode;
  state: OrderState;
  reservation: Reservation | undefined;
  /** 0 when the order is in no group. */
  readonly groupId: number;
  readonly parentId: number;
}

/** OCO legs and bracket legs share a group; a bracket also names its entry. */
export interface Group {
  readonly id: number;
  readonly kind: 'oco' | 'bracket';
  /** The legs that cancel each other. */
  readonly legs: number[];
  /** A bracket's entry order id, 0 for OCO. */
  readonly entryId: number;
}

export function remainingQty(order: LiveOrder): number {
  return order.qty - order.filled;
}
