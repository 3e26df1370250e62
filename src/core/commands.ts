// Commands: everything that can change engine state. Each carries the time the sequencer gave it.
import type { AssetSpec, InstrumentSpec } from './instrument.ts';
import type { OrderRequest } from './orders.ts';

interface Stamped {
  /** Milliseconds since the epoch, assigned by the sequencer; the engine never reads a clock. */
  readonly ts: number;
}

export interface AddAsset extends Stamped {
  readonly type: 'addAsset';
  readonly asset: AssetSpec;
}
export interface AddInstrument extends Stamped {
  readonly type: 'addInstrument';
  readonly instrument: InstrumentSpec;
}
export interface OpenAccount extends Stamped {
  readonly type: 'openAccount';
  readonly accountId: number;
}
export interface Deposit extends Stamped {
  readonly type: 'deposit';
  readonly accountId: number;
  readonly asset: string;
  /** Minor units of the asset. */
  readonly amount: number;
  readonly memo?: string;
}
export interface Withdraw extends Stamped {
  readonly type: 'withdraw';
  readonly accountId: number;
  readonly asset: string;
  readonly amount: number;
  readonly memo?: string;
}
/** Per-account limits for one symbol; a missing field removes that limit. */
export interface SetRiskLimits extends Stamped {
  readonly type: 'setRiskLimits';
  readonly accountId: number;
  readonly symbol: string;
  readonly maxOrderQty?: number;
  readonly maxOrderNotional?: number;
  readonly maxPosition?: number;
}
export interface PlaceOrder extends Stamped {
  readonly type: 'placeOrder';
  readonly order: OrderRequest;
}
/** Two orders on the same account, symbol, side and quantity; a fill on one reduces the other. */
export interface PlaceOco extends Stamped {
  readonly type: 'placeOco';
  readonly legs: readonly [OrderRequest, OrderRequest];
}
/** An entry, then a take-profit limit and a stop-loss that become active once the entry fills. */
export interface PlaceBracket extends Stamped {
  readonly type: 'placeBracket';
  readonly entry: OrderRequest;
  readonly takeProfitPrice: number;
  readonly stopLossPrice: number;
  /** Makes the stop-loss a stop-limit at this price instead of a stop-market. */
  readonly stopLossLimitPrice?: number;
}
export interface CancelOrder extends Stamped {
  readonly type: 'cancelOrder';
  readonly accountId: number;
  readonly orderId?: number;
  readonly clientOrderId?: string;
}
/**
 * Why a cancel-all cancels: on the account's request (the default), for its kill switch, or because
 * an admin disabled its user. The journal stores the index: only add.
 */
export const CANCEL_ALL_REASONS = ['USER_CANCELLED', 'RISK_KILL_SWITCH', 'ACCOUNT_DISABLED'] as const;
export type CancelAllReason = (typeof CANCEL_ALL_REASONS)[number];
/** The longest `note` a cancel-all carries, in UTF-16 code units. */
export const MAX_CANCEL_NOTE = 500;

export interface CancelAll extends Stamped {
  readonly type: 'cancelAll';
  readonly accountId: number;
  readonly symbol?: string;
  /** The reason each OrderCancelled carries; USER_CANCELLED when absent. */
  readonly reason?: CancelAllReason;
  /** Why, in words (the limit or the action that tripped a kill switch): each OrderCancelled's message follows the reason's with it. */
  readonly note?: string;
}
/** New total quantity and/or prices. Reducing the quantity keeps time priority; anything else loses it. */
export interface ReplaceOrder extends Stamped {
  readonly type: 'replaceOrder';
  readonly accountId: number;
  readonly orderId: number;
  readonly qty?: number;
  readonly price?: number;
  readonly stopPrice?: number;
}
/** Expires DAY orders, for one symbol or all. */
export interface EndSession extends Stamped {
  readonly type: 'endSession';
  readonly symbol?: string;
}
/** Moves engine time forward so due GTD orders expire even without other traffic. */
export interface AdvanceTime extends Stamped {
  readonly type: 'advanceTime';
}
/**
 * Re-centres a market's price band on an outside price, without a trade: a sim venue's market
 * (a backtest on history, paper trading on a feed) trades around the outside market's price, not
 * around the last trade the engine saw. No event: the band is not a balance or an order.
 */
export interface SetReferencePrice extends Stamped {
  readonly type: 'setReferencePrice';
  readonly symbol: string;
  /** In ticks. */
  readonly price: number;
}

/** The states a market can be in. The order is part of no format: the journal stores the word. */
export const TRADING_STATUSES = ['trading', 'halted'] as const;
export type TradingStatus = (typeof TRADING_STATUSES)[number];
/** The longest reason a trading status change carries, in UTF-16 code units. */
export const MAX_STATUS_REASON = 200;

/**
 * Halts or resumes trading in one symbol. While halted, new orders and replaces on the symbol are
 * refused (INSTRUMENT_HALTED) and nothing trades, so no stop triggers; cancels go through and resting
 * orders stay. Resuming returns to continuous matching at once: the book is never crossed, so nothing
 * trades on the resume itself, except the legs of brackets whose entry ended with a fill during the
 * halt, which become live then (see TradingStatusChanged).
 */
export interface SetTradingStatus extends Stamped {
  readonly type: 'setTradingStatus';
  readonly symbol: string;
  readonly status: TradingStatus;
  /** Why, in words (news pending, a bad print); at most MAX_STATUS_REASON code units. */
  readonly reason?: string;
}

export type Command =
  | AddAsset
  | AddInstrument
  | OpenAccount
  | Deposit
  | Withdraw
  | SetRiskLimits
  | SetReferencePrice
  | SetTradingStatus
  | PlaceOrder
  | PlaceOco
  | PlaceBracket
  | CancelOrder
  | CancelAll
  | ReplaceOrder
  | EndSession
  | AdvanceTime;

export type CommandType = Command['type'];
