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
import type { Group, LiveOrder, Market } from './state.ts';

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
  readonly bookFactory: OrderBookFactory;
  nextOrderId = 1;
  nextTradeId = 1;

  constructor(options: EngineOptions = {}) {
    this.bookFactory = options.bookFactory ?? (() => new FastBook());
    this.clearing.open(FEE_ACCOUNT);
  }
}

export function clientKey(accountId: number, clientOrderId: string): string {
  return `${accountId}:${clientOrderId}`;
}
