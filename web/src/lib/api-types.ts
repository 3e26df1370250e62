// The server's JSON shapes as the dashboard reads them (see src/api/views.ts). Amounts, prices and quantities are decimal strings; times are epoch ms.

export type Side = 'buy' | 'sell';
export type OrderType = 'limit' | 'market' | 'stop' | 'stop_limit' | 'trailing_stop';
export type TimeInForce = 'gtc' | 'day' | 'gtd' | 'ioc' | 'fok';
export type StpMode = 'cancel_newest' | 'cancel_oldest' | 'cancel_both';
export type OrderStatus = 'open' | 'untriggered' | 'pending_parent' | 'partially_filled' | 'filled' | 'cancelled' | 'expired';
export type Role = 'trader' | 'admin';
export type CandleInterval = '1s' | '1m' | '5m' | '15m' | '1h' | '1d';
export const CANDLE_INTERVALS: readonly CandleInterval[] = ['1s', '1m', '5m', '15m', '1h', '1d'];

/** Every error response: a stable reason code, a sentence for people, and optional details (validation issues). */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

/** One validation issue in `details` of an INVALID_REQUEST answer. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** A list page: pass `nextCursor` back as `cursor`; null on the last page. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export interface User {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly accountId: number;
  readonly createdAt: number;
  readonly passwordChangedAt: number;
}

export interface Me {
  readonly user: User;
  readonly scopes: string[];
  readonly keyId: string | null;
}

export interface Session {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: number;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: number;
  readonly user: User;
}

export interface Instrument {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly tickSize: string;
  readonly lotSize: string;
  readonly minQty: string;
  readonly maxQty: string;
  readonly makerFeeBps: number;
  readonly takerFeeBps: number;
  readonly referencePrice: string;
  readonly bandBps: number;
  readonly lastPrice: string;
}

export interface Asset {
  readonly code: string;
  readonly scale: number;
}

export interface Ticker {
  readonly symbol: string;
  readonly lastPrice: string | null;
  readonly lastQty: string;
  readonly open: string | null;
  readonly high: string | null;
  readonly low: string | null;
  readonly volume: string;
  readonly quoteVolume: string;
  readonly trades: number;
  /** Signed decimal, e.g. "-1.25". */
  readonly change: string;
  /** Signed percent with two places, e.g. "0.85". */
  readonly changePercent: string;
  readonly bidPrice: string | null;
  readonly bidQty: string;
  readonly askPrice: string | null;
  readonly askQty: string;
  readonly time: number;
}

export interface Trade {
  readonly tradeId: number;
  readonly symbol: string;
  readonly price: string;
  readonly qty: string;
  readonly takerSide: Side;
  readonly ts: number;
}

export interface Candle {
  readonly symbol: string;
  readonly interval: CandleInterval;
  readonly openTime: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
  readonly quoteVolume: string;
  readonly trades: number;
}

/** A price level: [price, qty]. In a delta, qty "0" removes the level. */
export type DepthLevel = readonly [price: string, qty: string];

export interface Depth {
  readonly symbol: string;
  readonly seq: number;
  /** Best price first. */
  readonly bids: DepthLevel[];
  readonly asks: DepthLevel[];
}

export interface DepthDelta extends Depth {
  readonly prevSeq: number;
}

export interface Order {
  readonly id: number;
  readonly clientOrderId: string | null;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly tif: TimeInForce;
  readonly status: OrderStatus;
  readonly qty: string;
  readonly filledQty: string;
  readonly leavesQty: string;
  readonly price: string | null;
  readonly stopPrice: string | null;
  readonly trailAmount: string | null;
  readonly trailPercent: string | null;
  readonly avgFillPrice: string | null;
  readonly expireAt: number | null;
  readonly postOnly: boolean;
  readonly stp: StpMode | null;
  readonly groupId: number | null;
  readonly parentId: number | null;
  readonly reason: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The body of POST /api/v1/orders (and of the WebSocket `place` op). */
export interface OrderRequest {
  symbol: string;
  side: Side;
  type: OrderType;
  qty: string;
  price?: string;
  stopPrice?: string;
  trailAmount?: string;
  trailPercent?: string;
  tif?: TimeInForce;
  expireAt?: number;
  postOnly?: boolean;
  clientOrderId?: string;
  stp?: StpMode;
}

export interface Fill {
  readonly id: number;
  readonly tradeId: number;
  readonly orderId: number;
  readonly symbol: string;
  readonly side: Side;
  readonly liquidity: 'maker' | 'taker';
  readonly price: string;
  readonly qty: string;
  readonly fee: string;
  readonly feeAsset: string;
  readonly ts: number;
}

export interface Balance {
  readonly asset: string;
  readonly available: string;
  readonly held: string;
  readonly total: string;
}

export interface Holding {
  readonly symbol: string;
  readonly asset: string;
  readonly qty: string;
  readonly available: string;
  readonly held: string;
  readonly lastPrice: string;
  readonly marketValue: string;
  readonly quote: string;
}

export interface LedgerEntry {
  readonly seq: number;
  readonly asset: string;
  readonly reason: string;
  readonly refId: number;
  readonly deltaAvailable: string;
  readonly deltaHeld: string;
  readonly available: string;
  readonly held: string;
  readonly memo: string | null;
  readonly ts: number;
}

/** Private-channel events (`orders`, `fills`, `balances`), as src/api/views.ts accountEventView renders them. */
export type OrderEvent =
  | { readonly type: 'order'; readonly status: string; readonly orderId?: number; readonly clientOrderId?: string | null; readonly symbol: string; readonly ts: number; readonly [key: string]: unknown }
  | { readonly type: 'rejected'; readonly command: string; readonly orderId?: number; readonly reason: string; readonly message: string; readonly ts: number };

export interface FillEvent {
  readonly type: 'fill';
  readonly orderId: number;
  readonly tradeId: number;
  readonly symbol: string;
  readonly side: Side;
  readonly liquidity: 'maker' | 'taker';
  readonly price: string;
  readonly qty: string;
  readonly fee: string;
  readonly leavesQty: string;
  readonly filledQty: string;
  readonly ts: number;
}

export interface BalanceEvent {
  readonly type: 'balance';
  readonly asset: string;
  readonly available: string;
  readonly held: string;
  readonly reason: string;
  readonly refId: number;
  readonly ts: number;
}
