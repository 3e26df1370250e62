// The engine's mutable state records: markets, accounts, live orders, reservations and groups.
import type { TradingStatus } from '../core/commands.ts';
import { bandHigh, bandLow, type Instrument } from '../core/instrument.ts';
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
  /** The same balances by asset index, for the hot path. */
  readonly byAsset: Array<Balance | undefined>;
  /** This account's live orders, oldest first, as an intrusive list through LiveOrder. */
  firstOrder: LiveOrder | undefined;
  lastOrder: LiveOrder | undefined;
}

export interface Market {
  readonly instrument: Instrument;
  /** The fee account's balance in the quote asset. */
  readonly feeBalance: Balance;
  readonly baseIndex: number;
  readonly quoteIndex: number;
  readonly book: OrderBook;
  readonly stops: StopBook;
  /** Last trade price in ticks; the instrument's reference price until the first trade. Set through `setLastPrice`. */
  lastPrice: number;
  /** The price band around `lastPrice`, kept with it: most band checks are against the last price. */
  bandLow: number;
  bandHigh: number;
  /** While 'halted' nothing is placed, replaced or traded here (see SetTradingStatus). */
  status: TradingStatus;
  /** The reason the last setTradingStatus gave, '' for none. */
  statusReason: string;
}

/** Moves a market's last price and the band around it. */
export function setLastPrice(market: Market, price: number): void {
  if (price === market.lastPrice) return;
  market.lastPrice = price;
  market.bandLow = bandLow(price, market.instrument.bandBps);
  market.bandHigh = bandHigh(price, market.instrument.bandBps);
}

/**
 * Funds or shares set aside for an order. A plain order is its own reservation (no extra object per
 * order); the legs of an OCO group share one. Invariant: for every account and asset, the balance's
 * `held` equals the sum of `held` over the reservations drawing on it.
 */
export interface Reservation {
  /** The order's id, or for a shared reservation minus the id of the group's first leg. */
  readonly id: number;
  heldFrom: Balance;
  held: number;
  /** Live orders that draw on this reservation; at zero the rest is released. */
  holders: number;
}

/** How a trailing stop follows the price: by a fixed amount of ticks or by basis points. */
export interface Trail {
  readonly amount: number;
  readonly bps: number;
  /** Best last price seen since the order was accepted (the high for sells, the low for buys). */
  extreme: number;
}

export interface LiveOrder extends Reservation {
  readonly id: number;
  readonly accountId: number;
  readonly account: Account;
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
  /** Only trailing stops have this. */
  readonly trail: Trail | undefined;
  readonly expireAt: number;
  readonly postOnly: boolean;
  readonly stp: StpMode;
  state: OrderState;
  reservation: Reservation | undefined;
  /** 0 when the order is in no group. */
  readonly groupId: number;
  readonly parentId: number;
  /** Neighbours in the account's list of live orders. */
  prevInAccount: LiveOrder | undefined;
  nextInAccount: LiveOrder | undefined;
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

/** Appends a newly live order to its account's list (ids only grow, so the list stays in id order). */
export function linkToAccount(order: LiveOrder): void {
  const account = order.account;
  order.prevInAccount = account.lastOrder;
  order.nextInAccount = undefined;
  if (account.lastOrder) account.lastOrder.nextInAccount = order;
  else account.firstOrder = order;
  account.lastOrder = order;
}

export function unlinkFromAccount(order: LiveOrder): void {
  const account = order.account;
  if (order.prevInAccount) order.prevInAccount.nextInAccount = order.nextInAccount;
  else account.firstOrder = order.nextInAccount;
  if (order.nextInAccount) order.nextInAccount.prevInAccount = order.prevInAccount;
  else account.lastOrder = order.prevInAccount;
  order.prevInAccount = order.nextInAccount = undefined;
}

/** The account's live orders, oldest first (a copy, safe to change the list while iterating). */
export function ordersOf(account: Account): LiveOrder[] {
  const orders: LiveOrder[] = [];
  for (let order = account.firstOrder; order; order = order.nextInAccount) orders.push(order);
  return orders;
}

/** A reservation shared by the legs of a group. */
export function sharedReservation(firstLegId: number, heldFrom: Balance): Reservation {
  // Negative, so it can never be mistaken for an order that is its own reservation.
  return { id: -firstLegId, heldFrom, held: 0, holders: 0 };
}

/** Every reservation some live order draws on, once each, by id. */
export function liveReservations(orders: Iterable<LiveOrder>): Reservation[] {
  const seen = new Set<Reservation>();
  for (const order of orders) if (order.reservation) seen.add(order.reservation);
  return [...seen].sort((a, b) => a.id - b.id);
}

export type LiveOrderInit = Omit<LiveOrder, 'prevInAccount' | 'nextInAccount'>;

/**
 * The one place live order objects are made, field by field in a fixed order, so new and restored
 * orders share a hidden class and the hot paths stay monomorphic after a recovery.
 */
export function createLiveOrder(init: LiveOrderInit): LiveOrder {
  return {
    id: init.id,
    accountId: init.accountId,
    account: init.account,
    clientOrderId: init.clientOrderId,
    market: init.market,
    side: init.side,
    type: init.type,
    execType: init.execType,
    tif: init.tif,
    qty: init.qty,
    filled: init.filled,
    price: init.price,
    stopPrice: init.stopPrice,
    trail: init.trail,
    expireAt: init.expireAt,
    postOnly: init.postOnly,
    stp: init.stp,
    state: init.state,
    reservation: init.reservation,
    heldFrom: init.heldFrom,
    held: init.held,
    holders: init.holders,
    groupId: init.groupId,
    parentId: init.parentId,
    prevInAccount: undefined,
    nextInAccount: undefined,
  };
}

/** A live order whose fields can all be set: `build` fills in a fresh or retired order object. */
export type MutableLiveOrder = { -readonly [K in keyof LiveOrder]: LiveOrder[K] };

/** A new order object with neutral fields, for `build` to fill in (through createLiveOrder, so it has the shared hidden class). */
export function blankLiveOrder(account: Account, market: Market, balance: Balance): MutableLiveOrder {
  return createLiveOrder({
    id: 0,
    accountId: 0,
    account,
    clientOrderId: undefined,
    market,
    side: 'buy',
    type: 'limit',
    execType: 'limit',
    tif: 'gtc',
    qty: 0,
    filled: 0,
    price: 0,
    stopPrice: 0,
    trail: undefined,
    expireAt: 0,
    postOnly: false,
    stp: 'cancel_newest',
    state: 'open',
    reservation: undefined,
    heldFrom: balance,
    held: 0,
    holders: 0,
    groupId: 0,
    parentId: 0,
  });
}
