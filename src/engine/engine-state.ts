// Everything the engine knows, in one place, shared by the order-flow modules.
import type { AssetSpec } from '../core/instrument.ts';
import { FEE_ACCOUNT } from '../core/limits.ts';
import type { OrderBookFactory } from './book/order-book.ts';
import { FastBook } from './book/fast-book.ts';
import { Clearing } from './clearing.ts';
import { EventLog } from './event-log.ts';
import { IdMap } from './id-map.ts';
import { MinHeap } from './min-heap.ts';
import type { RiskLimits } from './order-checks.ts';
import { OrderFields } from './order-fields.ts';
import type { Group, LiveOrder, Market, MutableLiveOrder } from './state.ts';

export interface EngineOptions {
  /** Builds the order book of each symbol; the fast book by default. */
  readonly bookFactory?: OrderBookFactory;
}

/** Work deferred until the current matching pass ends, so books are never changed mid-sweep. */
export type PendingWork = { readonly kind: 'trigger'; readonly order: LiveOrder } | { readonly kind: 'activate'; readonly entryId: number; readonly filled: number };

export class EngineState {
  readonly log = new EventLog();
  readonly clearing = new Clearing(this.log);
  readonly assets = new Map<string, AssetSpec>();
  readonly markets = new Map<string, Market>();
  /** The market `marketOf` found last: orders mostly name the same few symbols. */
  lastMarket: Market | undefined = undefined;
  /** Live orders (open, untriggered or waiting for a parent) by id. */
  readonly orders = new IdMap<LiveOrder>();
  /** `${accountId}:${clientOrderId}` -> order id, for every order ever accepted. */
  readonly clientOrderIds = new Map<string, number>();
  readonly groups = new Map<number, Group>();
  /** GTD expiries of live orders (entries of finished orders are skipped when popped). */
  readonly expiries = new MinHeap();
  /** Live GTD orders; `expiries.size` minus this is the number of stale entries. */
  liveGtd = 0;
  /** accountId -> symbol -> limits. */
  readonly riskLimits = new Map<number, Map<string, RiskLimits>>();
  readonly pending: PendingWork[] = [];
  /** Scratch for the trailing stops one price update moved; empty between uses (see queueTriggers). */
  readonly movedStops: LiveOrder[] = [];
  /** Retired order objects kept for reuse by new orders: `spareOrders[0, spareCount)` (see `recycle`). */
  readonly spareOrders: Array<LiveOrder | undefined> = [];
  spareCount = 0;
  /** The order request being placed, read once (see OrderFields). */
  readonly fields = new OrderFields();
  readonly bookFactory: OrderBookFactory;
  nextOrderId = 1;
  nextTradeId = 1;

  constructor(options: EngineOptions = {}) {
    this.bookFactory = options.bookFactory ?? (() => new FastBook());
    this.clearing.open(FEE_ACCOUNT);
  }
}

/** At most this many retired order objects are kept: enough for the churn of a busy book, and a mass cancel frees the rest. */
const MAX_SPARE_ORDERS = 4_096;

/**
 * Keeps a retired (or refused) order's object for the next new order. Reuse spares the allocation
 * and, above all, the garbage collector: new orders are otherwise young objects that the scavenger
 * copies while they rest. Safe because an object is only refilled when an order is built, at the
 * start of a placement: work deferred within a command (`pending`) has been drained by then, and
 * nothing else keeps an order past its end. Callers outside the engine must not hold an order from
 * `Engine.order` across commands.
 */
export function recycle(s: EngineState, order: LiveOrder): void {
  if (s.spareCount < MAX_SPARE_ORDERS) s.spareOrders[s.spareCount++] = order;
}

/** A retired order object to fill in anew, if one is kept. */
export function spareOrder(s: EngineState): MutableLiveOrder | undefined {
  if (s.spareCount === 0) return undefined;
  const order = s.spareOrders[--s.spareCount];
  s.spareOrders[s.spareCount] = undefined;
  return order;
}

/** The market of a symbol, the last one found checked first; markets are never removed, so it stays right. */
export function marketOf(s: EngineState, symbol: string): Market | undefined {
  const last = s.lastMarket;
  if (last !== undefined && last.instrument.symbol === symbol) return last;
  const market = s.markets.get(symbol);
  if (market !== undefined) s.lastMarket = market;
  return market;
}

export function clientKey(accountId: number, clientOrderId: string): string {
  return `${accountId}:${clientOrderId}`;
}
