// The server's JSON shapes as the dashboard reads them (see src/api/views.ts). Amounts, prices and quantities are decimal strings; times are epoch ms.

export type Side = 'buy' | 'sell';
export type OrderType = 'limit' | 'market' | 'stop' | 'stop_limit' | 'trailing_stop';
export type TimeInForce = 'gtc' | 'day' | 'gtd' | 'ioc' | 'fok';
export type StpMode = 'cancel_newest' | 'cancel_oldest' | 'cancel_both';
export type OrderStatus = 'open' | 'untriggered' | 'pending_parent' | 'partially_filled' | 'filled' | 'cancelled' | 'expired';
export type Role = 'trader' | 'admin';
/** A disabled user can neither log in nor use a token or API key until an admin enables them. */
export type UserStatus = 'active' | 'disabled';
export type CandleInterval = '1s' | '1m' | '5m' | '15m' | '1h' | '1d';
export const CANDLE_INTERVALS: readonly CandleInterval[] = ['1s', '1m', '5m', '15m', '1h', '1d'];

/** Every error response: a stable reason code, a sentence for people, and optional details (validation issues). */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

/** One validation issue in `details` of a validation refusal (INVALID_REQUEST, INVALID_QUANTITY, INVALID_PARAMS, ...): one per field. */
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
  readonly status: UserStatus;
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
  /** `halted`: new orders and replaces are refused (INSTRUMENT_HALTED); cancels go through. */
  readonly status: TradingStatus;
  readonly statusReason: string | null;
  /** When its trading session closes: DAY orders expire at each close. */
  readonly session: SessionSchedule;
}

export interface SessionSchedule {
  /** Local time of day, "HH:MM". */
  readonly close: string;
  readonly timeZone: string;
  readonly days: readonly string[];
  /** The next close after the listing was read, epoch ms. */
  readonly nextClose: number;
}

export type TradingStatus = 'trading' | 'halted';

/** A halt or resume, as PUT /api/v1/admin/instruments/{symbol}/status answers it and `status:SYM` pushes it. */
export interface InstrumentStatus {
  readonly symbol: string;
  readonly status: TradingStatus;
  readonly reason: string | null;
  readonly ts: number;
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
  /** A trailing stop's high (sell) or low (buy) that `stopPrice` trails; null for other orders. */
  readonly waterMark: string | null;
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

export type AlgoType = 'twap' | 'vwap' | 'peg' | 'iceberg' | 'stop' | 'trailing_stop';
export type AlgoState = 'new' | 'running' | 'done' | 'expired' | 'cancelled' | 'failed';

interface AlgoCommon {
  readonly symbol: string;
  readonly side: Side;
  readonly qty: string;
  readonly limitPrice?: string;
}

interface AlgoSchedule {
  readonly durationMs: number;
  readonly slices: number;
  readonly style?: 'market' | 'limit';
  readonly randomize?: { readonly timing?: number; readonly size?: number };
}

/** The body of POST /api/v1/algo-orders, and the spec an algo order shows. */
export type AlgoSpec =
  | (AlgoCommon & AlgoSchedule & { readonly type: 'twap' })
  | (AlgoCommon & AlgoSchedule & { readonly type: 'vwap'; readonly profile: readonly number[] })
  | (AlgoCommon & { readonly type: 'peg'; readonly improveTicks?: number })
  | (AlgoCommon & { readonly type: 'iceberg'; readonly limitPrice: string; readonly displayQty: string; readonly displayJitter?: number })
  | (AlgoCommon & { readonly type: 'stop'; readonly stopPrice: string })
  | { readonly type: 'trailing_stop'; readonly symbol: string; readonly side: Side; readonly qty: string; readonly trailAmount?: string; readonly trailPercent?: string };

/** An algo order and its progress: its children are ordinary orders of the account. */
export interface AlgoOrder {
  readonly id: number;
  readonly type: AlgoType;
  readonly spec: AlgoSpec;
  readonly state: AlgoState;
  readonly filledQty: string;
  readonly remainingQty: string;
  readonly avgPrice: string | null;
  readonly ordersSent: number;
  readonly openOrders: readonly number[];
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly endedAt: number | null;
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

/** GET /api/v1/account/positions: a symbol held or traded, at average cost, in the quote currency. */
export interface Position {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  /** Held now (available + held). */
  readonly qty: string;
  /** The part of `qty` bought through fills; deposited units have no known cost. */
  readonly costedQty: string;
  /** What `costedQty` cost. */
  readonly costBasis: string;
  /** costBasis / costedQty; null with nothing costed. */
  readonly avgCost: string | null;
  readonly lastPrice: string | null;
  /** qty × lastPrice. */
  readonly marketValue: string | null;
  /** costedQty × lastPrice − costBasis. */
  readonly unrealized: string | null;
  /** Sells against the average cost, before fees. */
  readonly realized: string;
  /** Every fee paid in the symbol. */
  readonly fees: string;
  /** realized + unrealized − fees. */
  readonly total: string | null;
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

/**
 * Private-channel events (`orders`, `fills`, `balances`), as src/api/ws/private-messages.ts renders
 * them. On `orders` the message's own `type` tells them apart: `order` (what happened in `status`;
 * an accepted order's `type` is its order type, as REST's) or `rejected` (a cancel or replace refused).
 */
export type OrderEvent =
  | { readonly status: string; readonly orderId?: number; readonly clientOrderId?: string | null; readonly symbol: string; readonly type?: OrderType; readonly ts: number; readonly [key: string]: unknown }
  | { readonly type: 'rejected'; readonly command: string; readonly orderId?: number; readonly reason: string; readonly message: string; readonly ts: number };

export interface FillEvent {
  readonly type: 'fill';
  /** The fill's id, as GET /api/v1/fills has it. */
  readonly id: number;
  readonly orderId: number;
  readonly tradeId: number;
  readonly symbol: string;
  readonly side: Side;
  readonly liquidity: 'maker' | 'taker';
  readonly price: string;
  readonly qty: string;
  readonly fee: string;
  readonly feeAsset: string;
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

/** A bot's pool state: restarting waits for its backoff; failed cannot be built until its params are fixed. */
export type BotState = 'running' | 'stopped' | 'restarting' | 'failed';

export interface BotError {
  readonly message: string;
  /** A handler name, 'start', 'ports', 'build' or 'worker'. */
  readonly during: string;
  readonly at: number;
}

/** An order the venue refused the bot: the reason code, its message and when (epoch ms). */
export interface BotRefusal {
  readonly code: string;
  readonly message: string;
  readonly at: number;
}

/** P&L of the bot's current run, in the quote currency: total = realized + unrealized - fees. */
export interface BotPnl {
  readonly realized: string;
  readonly unrealized: string;
  readonly fees: string;
  readonly total: string;
}

/** GET /api/v1/bots/{id}: definition, desired state and live status in one object. */
export interface Bot {
  readonly id: number;
  readonly name: string;
  readonly ownerUserId: number;
  /** The owner's username (the platform's own bots: the living market's owner). */
  readonly ownerUsername: string;
  /** The bot's own user and account (it trades as them; they outlive the bot). */
  readonly userId: number;
  readonly accountId: number;
  readonly strategy: string;
  readonly params: Record<string, unknown>;
  readonly symbols: string[];
  readonly seed: number;
  readonly desiredState: 'running' | 'stopped';
  readonly state: BotState;
  readonly worker: number | null;
  readonly heartbeat: number | null;
  readonly ordersSent: number;
  readonly ordersPerSecond: number;
  /** Placements the venue refused, over every run, and the latest of them. */
  readonly refusals: { readonly count: number; readonly last: BotRefusal | null };
  readonly errors: { readonly count: number; readonly last: BotError | null };
  readonly restarts: number;
  readonly nextRestartAt: number | null;
  readonly pnl: BotPnl | null;
  /** The account over its whole life, as the leaderboard counts it (the run's figures start over at a restart). */
  readonly account: { readonly equity: string; readonly returnPercent: string; readonly trades: number } | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** One param of a strategy, as JSON Schema (draft 2020-12) describes it. */
export interface ParamSchema {
  readonly type?: 'number' | 'integer' | 'boolean' | 'string';
  readonly description?: string;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly enum?: readonly (string | number)[];
}

/** GET /api/v1/bots/strategies: a built-in strategy and its params. */
export interface StrategyInfo {
  readonly name: string;
  readonly description: string;
  readonly bars: string[];
  readonly params: { readonly type: 'object'; readonly properties?: Readonly<Record<string, ParamSchema>>; readonly required?: readonly string[] };
}

/** One participant of GET /api/v1/leaderboard; percents are in percent units. */
export interface LeaderboardRow {
  readonly rank: number;
  readonly userId: number;
  readonly username: string;
  readonly equity: string;
  readonly netDeposits: string;
  readonly returnPercent: string;
  readonly maxDrawdownPercent: string;
  /** Null until the account has half an hour of equity samples. */
  readonly sharpe: string | null;
  readonly trades: number;
}

export interface Leaderboard {
  readonly currency: string;
  readonly rows: LeaderboardRow[];
  /** The next page's cursor; null on the last page (fetchLeaderboard reads them all). */
  readonly nextCursor: string | null;
}

/** A layer of risk limits; an absent field is not limited by the layer. */
export interface RiskLimits {
  readonly maxGrossExposure?: string;
  readonly maxNetExposure?: string;
  readonly maxDailyLoss?: string;
  readonly maxDrawdownPct?: string;
  readonly maxOrdersPerSecond?: string;
}

export type RiskLimitName = keyof RiskLimits;
export type RiskLimitSource = 'self' | 'account' | 'strategy';

/** GET /api/v1/risk/limits and /api/v1/admin/risk/limits/account/{id}: every layer and what binds. */
export interface AccountLimits {
  readonly accountId: number;
  readonly currency: string;
  readonly self: RiskLimits;
  readonly account: RiskLimits;
  readonly strategy: { readonly name: string; readonly limits: RiskLimits } | null;
  readonly effective: { readonly [K in RiskLimitName]?: { readonly value: string; readonly source: RiskLimitSource } };
}

/** GET /api/v1/admin/risk/limits/strategy/{name}. */
export interface StrategyLimits {
  readonly name: string;
  readonly currency: string;
  readonly limits: RiskLimits;
}

/** GET /api/v1/risk/status: the account valued now, in the risk currency. */
export interface RiskStatus {
  readonly accountId: number;
  readonly currency: string;
  readonly equity: string;
  readonly grossExposure: string;
  readonly netExposure: string;
  readonly dayStart: number;
  readonly dayStartEquity: string;
  readonly dayNetFlows: string;
  readonly dailyPnl: string;
  readonly highWaterMark: string;
  readonly drawdownPct: string;
  readonly maxDrawdownPctToday: string;
  readonly killSwitch:
    | { readonly active: false }
    | { readonly active: true; readonly since: number; readonly limit: RiskLimitName; readonly value: string; readonly threshold: string; readonly source: RiskLimitSource; readonly message: string }
    /** Turned on by hand: by the owner (self) or an admin (account). */
    | { readonly active: true; readonly since: number; readonly limit: 'manual'; readonly value: null; readonly threshold: null; readonly source: 'self' | 'account'; readonly message: string };
  readonly limits: AccountLimits['effective'];
}

/** GET /api/v1/api-keys: a key without its secret, with its scopes (`["read", "trade"]`). */
export interface ApiKey {
  readonly id: string;
  readonly userId: number;
  readonly label: string;
  readonly scopes: readonly string[];
  readonly createdAt: number;
  readonly revokedAt: number | null;
  readonly lastUsedAt: number | null;
}

/** POST /api/v1/api-keys: the new key with its secret, which is never shown again. */
export interface CreatedApiKey extends ApiKey {
  readonly secret: string;
}

/** GET /api/v1/risk/events: a kill switch trip or reset, or a change of limits; newest first. */
export interface RiskEvent {
  readonly id: number;
  readonly ts: number;
  readonly kind: 'tripped' | 'reset' | 'limits';
  /** "manual": the switch was turned on by hand. */
  readonly limit: RiskLimitName | 'manual' | null;
  readonly value: string | null;
  readonly threshold: string | null;
  readonly source: string | null;
  readonly actorUserId: number | null;
  readonly message: string;
}

/** GET /api/v1/risk/history: one UTC day of an account, in the risk currency; percents in percent units. */
export interface RiskDay {
  readonly day: number;
  /** YYYY-MM-DD (UTC). */
  readonly date: string;
  readonly startEquity: string;
  readonly endEquity: string;
  readonly minEquity: string;
  readonly maxEquity: string;
  readonly netFlows: string;
  readonly pnl: string;
  readonly maxGrossExposure: string;
  readonly maxNetExposure: string;
  readonly maxDrawdownPct: string;
  readonly highWaterMark: string;
}

export interface RiskHistory {
  readonly accountId: number;
  readonly currency: string;
  readonly days: RiskDay[];
}

/** GET /api/v1/risk/history/samples: one point of the equity and drawdown curve. */
export interface RiskSample {
  readonly ts: number;
  readonly equity: string;
  readonly drawdownPct: string;
}

/** A data message of a channel: `{channel, type, data}` (candles also carry `closed`). */
export interface ChannelMessage<T = unknown> {
  readonly channel: string;
  readonly type: string;
  readonly data: T;
  readonly closed?: boolean;
}
