// Events: what the engine emits. Each carries a gap-free engine sequence number and its command's time.
import type { CommandType, TradingStatus } from './commands.ts';
import type { AssetSpec, InstrumentSpec } from './instrument.ts';
import type { OrderType, Side, StpMode, TimeInForce } from './orders.ts';
import type { ReasonCode } from './reasons.ts';

interface Numbered {
  readonly seq: number;
  readonly ts: number;
}

export interface AssetAdded extends Numbered {
  readonly type: 'AssetAdded';
  readonly asset: AssetSpec;
}
export interface InstrumentAdded extends Numbered {
  readonly type: 'InstrumentAdded';
  readonly instrument: InstrumentSpec;
}
export interface AccountOpened extends Numbered {
  readonly type: 'AccountOpened';
  readonly accountId: number;
}
export interface RiskLimitsSet extends Numbered {
  readonly type: 'RiskLimitsSet';
  readonly accountId: number;
  readonly symbol: string;
  readonly maxOrderQty?: number;
  readonly maxOrderNotional?: number;
  readonly maxPosition?: number;
}

/** How an order waits: live in the book, waiting for its stop, or waiting for its bracket parent. */
export type OrderState = 'open' | 'untriggered' | 'pending_parent';

export interface OrderAccepted extends Numbered {
  readonly type: 'OrderAccepted';
  readonly orderId: number;
  readonly accountId: number;
  readonly clientOrderId?: string;
  readonly symbol: string;
  readonly side: Side;
  readonly orderType: OrderType;
  readonly tif: TimeInForce;
  readonly qty: number;
  readonly price?: number;
  readonly stopPrice?: number;
  readonly trailAmount?: number;
  readonly trailBps?: number;
  /**
   * A trailing stop's water mark on acceptance: the last price then, which its stop price trails
   * from until a trade moves it (see StopMoved). Absent for other order types.
   */
  readonly waterMark?: number;
  readonly expireAt?: number;
  readonly postOnly: boolean;
  readonly stp: StpMode;
  readonly state: OrderState;
  /** OCO and bracket orders share a group id (the first order's id). */
  readonly groupId?: number;
  /** Bracket legs name their entry order. */
  readonly parentId?: number;
}

export interface OrderRejected extends Numbered {
  readonly type: 'OrderRejected';
  readonly accountId: number;
  readonly clientOrderId?: string;
  readonly symbol: string;
  readonly reason: ReasonCode;
  readonly message: string;
  /** For DUPLICATE_CLIENT_ORDER_ID: the order that already carries the id. */
  readonly existingOrderId?: number;
}

/** A command other than a new order was refused; nothing changed. */
export interface RequestRejected extends Numbered {
  readonly type: 'RequestRejected';
  /** The command's type, or 'unknown' when it had none we know. */
  readonly command: CommandType | 'unknown';
  readonly accountId?: number;
  readonly orderId?: number;
  readonly reason: ReasonCode;
  readonly message: string;
}

export interface OrderTriggered extends Numbered {
  readonly type: 'OrderTriggered';
  readonly orderId: number;
  readonly accountId: number;
  readonly symbol: string;
  /** stop: the last price reached the stop price; parent: the bracket entry filled. */
  readonly cause: 'stop' | 'parent';
  readonly qty: number;
  readonly triggerPrice?: number;
}

export interface Fill extends Numbered {
  readonly type: 'Fill';
  readonly tradeId: number;
  readonly orderId: number;
  readonly accountId: number;
  readonly symbol: string;
  readonly side: Side;
  readonly liquidity: 'maker' | 'taker';
  readonly price: number;
  readonly qty: number;
  /** Quote minor units charged to this side. */
  readonly fee: number;
  readonly counterOrderId: number;
  /** Quantity still open on the order after this fill. */
  readonly leavesQty: number;
  readonly filledQty: number;
}

export interface OrderCancelled extends Numbered {
  readonly type: 'OrderCancelled';
  readonly orderId: number;
  readonly accountId: number;
  readonly symbol: string;
  readonly reason: ReasonCode;
  readonly cancelledQty: number;
  readonly filledQty: number;
  /** Why, in words, when the cancel said more than its reason code (a kill switch's cause); absent otherwise. */
  readonly message?: string;
}

export interface OrderExpired extends Numbered {
  readonly type: 'OrderExpired';
  readonly orderId: number;
  readonly accountId: number;
  readonly symbol: string;
  readonly reason: 'EXPIRED_DAY' | 'EXPIRED_GTD';
  readonly cancelledQty: number;
  readonly filledQty: number;
}

export interface OrderReplaced extends Numbered {
  readonly type: 'OrderReplaced';
  readonly orderId: number;
  readonly accountId: number;
  readonly symbol: string;
  readonly qty: number;
  readonly leavesQty: number;
  readonly price?: number;
  readonly stopPrice?: number;
  readonly priorityKept: boolean;
}

/**
 * A trailing stop's stop price moved with the price: emitted only when the stop price changes (it
 * only ever tightens), never for an order whose stop stayed where it was.
 */
export interface StopMoved extends Numbered {
  readonly type: 'StopMoved';
  readonly orderId: number;
  readonly accountId: number;
  readonly symbol: string;
  /** The new stop price in ticks. */
  readonly stopPrice: number;
  /** The last price the stop now trails: the highest since acceptance for a sell, the lowest for a buy. */
  readonly waterMark: number;
}

export type LedgerReason = 'deposit' | 'withdrawal' | 'hold' | 'release' | 'trade' | 'fee';

/** One change to one balance. `refId` is the order id (hold, release), trade id (trade, fee) or 0. */
export interface LedgerEntry extends Numbered {
  readonly type: 'LedgerEntry';
  readonly accountId: number;
  readonly asset: string;
  readonly reason: LedgerReason;
  readonly refId: number;
  readonly deltaAvailable: number;
  readonly deltaHeld: number;
  readonly available: number;
  readonly held: number;
  readonly memo?: string;
}

export interface SessionEnded extends Numbered {
  readonly type: 'SessionEnded';
  readonly symbol?: string;
}

/**
 * A symbol's trading status was set (by setTradingStatus), also to the status it had: the reason
 * may be new. `reason` is absent when the command gave none.
 */
export interface TradingStatusChanged extends Numbered {
  readonly type: 'TradingStatusChanged';
  readonly symbol: string;
  readonly status: TradingStatus;
  readonly reason?: string;
}

export type EngineEvent =
  | AssetAdded
  | InstrumentAdded
  | AccountOpened
  | RiskLimitsSet
  | OrderAccepted
  | OrderRejected
  | RequestRejected
  | OrderTriggered
  | Fill
  | OrderCancelled
  | OrderExpired
  | OrderReplaced
  | StopMoved
  | LedgerEntry
  | SessionEnded
  | TradingStatusChanged;

export type EventType = EngineEvent['type'];
