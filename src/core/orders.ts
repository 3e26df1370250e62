// Order vocabulary: sides, types, time in force, self-trade prevention and the order request.

export type Side = 'buy' | 'sell';
export type OrderType = 'limit' | 'market' | 'stop' | 'stop_limit' | 'trailing_stop';
export type TimeInForce = 'gtc' | 'day' | 'gtd' | 'ioc' | 'fok';

/**
 * Self-trade prevention, decided by the incoming order:
 * - cancel_newest: the incoming order's rest is cancelled (default);
 * - cancel_oldest: the resting order is cancelled and matching goes on;
 * - cancel_both: both are cancelled.
 */
export type StpMode = 'cancel_newest' | 'cancel_oldest' | 'cancel_both';

export const SIDES: readonly Side[] = ['buy', 'sell'];
export const ORDER_TYPES: readonly OrderType[] = ['limit', 'market', 'stop', 'stop_limit', 'trailing_stop'];
export const TIME_IN_FORCE: readonly TimeInForce[] = ['gtc', 'day', 'gtd', 'ioc', 'fok'];
export const STP_MODES: readonly StpMode[] = ['cancel_newest', 'cancel_oldest', 'cancel_both'];

/**
 * Why a market order cannot take `tif`, or undefined when it can. A market order never rests (what
 * it cannot fill at once is cancelled), so only "ioc" and "fok" describe it. The engine still
 * takes "gtc" and "day" (as IOC), so journals that hold such orders replay as they ran; clients,
 * at the API and in the strategy SDK, are told instead.
 */
export function marketTifProblem(type: OrderType, tif: TimeInForce | undefined): string | undefined {
  if (type !== 'market' || tif === undefined || tif === 'ioc' || tif === 'fok') return undefined;
  if (tif === 'gtd') return 'A market order never rests, so it cannot be GTD: leave tif out (a market order is IOC), or send a limit order for an order that waits until expireAt.';
  return `A market order never rests, so its tif cannot be "${tif}": leave tif out (a market order is IOC) or send "ioc" or "fok"; a limit order waits on the book.`;
}

/** A new order as the engine receives it: prices in ticks, quantities in lots. */
export interface OrderRequest {
  readonly accountId: number;
  readonly symbol: string;
  readonly clientOrderId?: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly qty: number;
  /** Limit price, for limit and stop_limit. */
  readonly price?: number;
  /** Trigger price, for stop and stop_limit. */
  readonly stopPrice?: number;
  /** Trailing distance in ticks, for trailing_stop (exactly one of trailAmount and trailBps). */
  readonly trailAmount?: number;
  /** Trailing distance in basis points of the best price seen, for trailing_stop. */
  readonly trailBps?: number;
  readonly tif?: TimeInForce;
  /** Expiry time (ms since the epoch) for GTD. */
  readonly expireAt?: number;
  readonly postOnly?: boolean;
  readonly stp?: StpMode;
}

export function isSide(value: unknown): value is Side {
  return value === 'buy' || value === 'sell';
}

export function isOrderType(value: unknown): value is OrderType {
  return value === 'limit' || value === 'market' || value === 'stop' || value === 'stop_limit' || value === 'trailing_stop';
}

export function isTimeInForce(value: unknown): value is TimeInForce {
  return value === 'gtc' || value === 'day' || value === 'gtd' || value === 'ioc' || value === 'fok';
}

export function isStpMode(value: unknown): value is StpMode {
  return value === 'cancel_newest' || value === 'cancel_oldest' || value === 'cancel_both';
}

/** Whether an order of this type carries a limit price (limit, stop_limit). */
export function takesPrice(type: OrderType): boolean {
  return type === 'limit' || type === 'stop_limit';
}

/** Whether an order of this type carries a stop price (stop, stop_limit). */
export function takesStopPrice(type: OrderType): boolean {
  return type === 'stop' || type === 'stop_limit';
}

export function opposite(side: Side): Side {
  return side === 'buy' ? 'sell' : 'buy';
}
