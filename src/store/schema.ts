// Table types of the read-model store, as Kysely sees them (camelCase; the columns are snake_case).
import type { Generated, Selectable } from 'kysely';
import type { CandleInterval } from '../core/candle-intervals.ts';
import type { LedgerReason } from '../core/events.ts';
import type { OrderType, Side, StpMode, TimeInForce } from '../core/orders.ts';

// Units everywhere: prices in ticks, quantities in lots, cash and balances in the asset's minor
// units, times in epoch milliseconds. Every value is an integer no larger than 2^53.

export type UserRole = 'admin' | 'trader';

/** A disabled user can neither log in nor use a token or API key; an admin enables them again. */
export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Lifecycle of an order in the read model; the first three are the engine's own waiting states. */
export type OrderStatus = 'open' | 'untriggered' | 'pending_parent' | 'partially_filled' | 'filled' | 'cancelled' | 'expired';

/** Statuses of an order that can still trade or be cancelled. */
export const OPEN_STATUSES: readonly OrderStatus[] = ['open', 'untriggered', 'pending_parent', 'partially_filled'];
/** Statuses of an order that has ended. */
export const CLOSED_STATUSES: readonly OrderStatus[] = ['filled', 'cancelled', 'expired'];

export { CANDLE_INTERVALS, type CandleInterval } from '../core/candle-intervals.ts';

export interface UsersTable {
  id: Generated<number>;
  /** Lower-cased, so lookups are case-insensitive and unique regardless of case. */
  username: string;
  /** The name as the user typed it. */
  displayName: string;
  passwordHash: string;
  role: UserRole;
  /** The engine account this user trades on; one user per account. */
  accountId: number;
  createdAt: number;
  passwordChangedAt: number;
  /** Column default 'active': users from before the column existed are active. */
  status: Generated<UserStatus>;
}

export interface RefreshTokensTable {
  id: string;
  userId: number;
  /** Every token issued by rotating one login shares the login's family. */
  familyId: string;
  tokenHash: string;
  createdAt: number;
  expiresAt: number;
  rotatedAt: number | null;
  revokedAt: number | null;
}

export interface ApiKeysTable {
  id: string;
  userId: number;
  label: string;
  secretHash: string;
  /** Comma-separated scopes, e.g. 'read,trade'. */
  scopes: string;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export interface OrdersTable {
  /** The engine's order id. */
  id: number;
  accountId: number;
  clientOrderId: string | null;
  symbol: string;
  side: Side;
  orderType: OrderType;
  tif: TimeInForce;
  qty: number;
  price: number | null;
  stopPrice: number | null;
  trailAmount: number | null;
  trailBps: number | null;
  /** A trailing stop's water mark: the high (sell) or low (buy) its stop price trails; null for other orders. */
  waterMark: number | null;
  /** qty, price and stopPrice as placed, before any replace or move; null for orders projected before these columns. */
  placedQty: number | null;
  placedPrice: number | null;
  placedStopPrice: number | null;
  expireAt: number | null;
  /** 0 or 1: SQLite has no boolean, and one representation keeps both dialects alike. */
  postOnly: number;
  stp: StpMode;
  groupId: number | null;
  parentId: number | null;
  status: OrderStatus;
  filledQty: number;
  leavesQty: number;
  /** Sum of price x qty over the order's fills, in tick-lots; filledNotional / filledQty is the average price. */
  filledNotional: number;
  /** Why the order was cancelled or expired (a reason code). */
  reason: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface FillsTable {
  /** The engine sequence number of the Fill event: unique, and increasing with time. */
  id: number;
  tradeId: number;
  orderId: number;
  accountId: number;
  symbol: string;
  side: Side;
  liquidity: 'maker' | 'taker';
  price: number;
  qty: number;
  /** Quote minor units charged to this side. */
  fee: number;
  counterOrderId: number;
  ts: number;
}

export interface TradesTable {
  tradeId: number;
  symbol: string;
  price: number;
  qty: number;
  takerSide: Side;
  ts: number;
}

export interface LedgerTable {
  /** The engine sequence number of the LedgerEntry event. */
  seq: number;
  accountId: number;
  asset: string;
  reason: LedgerReason;
  /** Order id (hold, release), trade id (trade, fee) or 0. */
  refId: number;
  deltaAvailable: number;
  deltaHeld: number;
  /** Balance after the change. */
  available: number;
  held: number;
  memo: string | null;
  ts: number;
}

export interface CandlesTable {
  symbol: string;
  interval: CandleInterval;
  openTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Lots traded. */
  volume: number;
  /** Sum of price x qty, in tick-lots (times the instrument's notionalPerTickLot gives quote minor units). */
  quoteVolume: number;
  trades: number;
}

export interface MetaTable {
  key: string;
  value: number;
}

export interface Database {
  users: UsersTable;
  refreshTokens: RefreshTokensTable;
  apiKeys: ApiKeysTable;
  orders: OrdersTable;
  fills: FillsTable;
  trades: TradesTable;
  ledger: LedgerTable;
  candles: CandlesTable;
  meta: MetaTable;
}

export type UserRow = Readonly<Selectable<UsersTable>>;
export type RefreshTokenRow = Readonly<Selectable<RefreshTokensTable>>;
export type ApiKeyRow = Readonly<Selectable<ApiKeysTable>>;
export type OrderRow = Readonly<Omit<Selectable<OrdersTable>, 'postOnly'> & { postOnly: boolean }>;
export type FillRow = Readonly<Selectable<FillsTable>>;
export type TradeRow = Readonly<Selectable<TradesTable>>;
export type LedgerRow = Readonly<Selectable<LedgerTable>>;
export type CandleRow = Readonly<Selectable<CandlesTable>>;
