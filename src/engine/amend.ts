// Changes to live orders: cancel, cancel-all, replace, and expiry of DAY and GTD orders.
import { CANCEL_ALL_REASONS, MAX_CANCEL_NOTE, type CancelAll, type CancelOrder, type CommandType, type EndSession, type ReplaceOrder } from '../core/commands.ts';
import { isPositiveInt, MAX_PRICE_TICKS, MAX_QTY_LOTS } from '../core/limits.ts';
import { takesPrice, takesStopPrice, type OrderRequest } from '../core/orders.ts';
import { reasonMessage, type ReasonCode } from '../core/reasons.ts';
import { clientKey, type EngineState } from './engine-state.ts';
import { reservationNeed, retire } from './lifecycle.ts';
import { execute } from './matching.ts';
import { checkRisk, outOfBand, wouldTake } from './order-checks.ts';
import { position, start } from './placement.ts';
import { ordersOf, type LiveOrder } from './state.ts';

export function cancelOrder(s: EngineState, command: CancelOrder): void {
  const order = findOwned(s, command.accountId, command.orderId, command.clientOrderId);
  if (!order) return rejectRequest(s, 'cancelOrder', 'UNKNOWN_ORDER', command.accountId, command.orderId);
  retire(s, order, 'cancelled', 'USER_CANCELLED');
}

export function cancelAll(s: EngineState, command: CancelAll): void {
  const account = s.clearing.accounts.get(command.accountId);
  if (!account) return rejectRequest(s, 'cancelAll', 'UNKNOWN_ACCOUNT', command.accountId, undefined);
  if (command.symbol !== undefined && !s.markets.has(command.symbol)) return rejectRequest(s, 'cancelAll', 'UNKNOWN_SYMBOL', command.accountId, undefined);
  const reason = command.reason ?? 'USER_CANCELLED';
  const note: unknown = command.note;
  const validNote = note === undefined || (typeof note === 'string' && note.length > 0 && note.length <= MAX_CANCEL_NOTE);
  if (!(CANCEL_ALL_REASONS as readonly unknown[]).includes(reason) || !validNote) return rejectRequest(s, 'cancelAll', 'INVALID_REQUEST', command.accountId, undefined);
  const message = note === undefined ? undefined : `${reasonMessage(reason)} ${note}`;
  for (const order of ordersOf(account)) {
    if (s.orders.has(order.id) && (command.symbol === undefined || order.market.instrument.symbol === command.symbol)) retire(s, order, 'cancelled', reason, message);
  }
}

/**
 * Replaces quantity (new total) and prices. Only a pure quantity reduction keeps time priority; any
 * other change takes the order out and sends it in again, so it can trade at once at a new price.
 */
export function replaceOrder(s: EngineState, command: ReplaceOrder): void {
  const order = findOwned(s, command.accountId, command.orderId, undefined);
  const fail = (reason: ReasonCode): void => rejectRequest(s, 'replaceOrder', reason, command.accountId, command.orderId);
  if (!order) return fail('UNKNOWN_ORDER');
  if (order.market.status === 'halted') return fail('INSTRUMENT_HALTED');
  const problem = replaceProblem(s, order, command);
  if (problem) return fail(problem);
  const qty = command.qty ?? order.qty;
  const price = command.price ?? order.price;
  const stopPrice = command.stopPrice ?? order.stopPrice;
  const samePrices = price === order.price && stopPrice === order.stopPrice;
  const priorityKept = samePrices && qty <= order.qty;
  const before = { qty: order.qty, price: order.price, stopPrice: order.stopPrice };
  Object.assign(order, { qty, price, stopPrice });
  if (!s.clearing.resize(order.reservation!, reservationNeed(s, order), order.id)) {
    Object.assign(order, before);
    return fail(order.side === 'buy' ? 'INSUFFICIENT_FUNDS' : 'INSUFFICIENT_SHARES');
  }
  const log = s.log;
  log.push({ type: 'OrderReplaced', seq: log.next(), ts: log.ts, orderId: order.id, accountId: order.accountId, symbol: order.market.instrument.symbol, qty, leavesQty: qty - order.filled, price: price || undefined, stopPrice: stopPrice || undefined, priorityKept });
  const book = order.market.book;
  if (order.state === 'untriggered') {
    order.market.stops.remove(order);
    start(s, order);
  } else if (priorityKept) {
    if (qty < before.qty) book.reduce(order.id, qty - order.filled);
  } else {
    book.remove(order.id);
    execute(s, order);
  }
}

function replaceProblem(s: EngineState, order: LiveOrder, command: ReplaceOrder): ReasonCode | undefined {
  if (order.state === 'pending_parent' || order.execType === 'market' || order.type === 'trailing_stop') return 'NOT_REPLACEABLE';
  if (command.qty !== undefined) {
    if (!isPositiveInt(command.qty, MAX_QTY_LOTS) || command.qty <= order.filled) return 'INVALID_QUANTITY';
    if (command.qty > order.market.instrument.maxQty) return 'QUANTITY_ABOVE_MAX';
    // Group legs share one quantity; a bracket's entry may change its own.
    if (command.qty !== order.qty && s.groups.get(order.groupId)?.legs.includes(order.id)) return 'NOT_REPLACEABLE';
  }
  const hasPrice = takesPrice(order.type);
  const hasStop = takesStopPrice(order.type);
  if (command.price !== undefined && (!hasPrice || !isPositiveInt(command.price, MAX_PRICE_TICKS))) return 'INVALID_PRICE';
  if (command.stopPrice !== undefined && (!hasStop || order.state !== 'untriggered' || !isPositiveInt(command.stopPrice, MAX_PRICE_TICKS))) return 'INVALID_STOP_PRICE';
  const market = order.market;
  const price = command.price ?? order.price;
  const stopPrice = command.stopPrice ?? order.stopPrice;
  if (command.price !== undefined && command.price !== order.price) {
    if (outOfBand(market, price, order.execType === 'limit' ? market.lastPrice : stopPrice)) return 'PRICE_OUT_OF_BAND';
    if (order.postOnly && wouldTake(market, order.side, price)) return 'POST_ONLY_WOULD_TAKE';
  }
  // The same risk checks a new order of the replaced size and prices would face.
  const limits = s.riskLimits.get(order.accountId)?.get(market.instrument.symbol);
  const risk = checkRisk({ ...requestOf(order), qty: command.qty ?? order.qty, price: price || undefined, stopPrice: stopPrice || undefined }, market, limits);
  if (risk) return risk;
  if (limits?.maxPosition !== undefined && order.side === 'buy' && command.qty !== undefined && command.qty > order.qty) {
    if (position(s, order.accountId, market) + command.qty - order.qty > limits.maxPosition) return 'POSITION_LIMIT';
  }
  return undefined;
}

/** Expires the live DAY orders of one symbol, or of every symbol. */
export function endSession(s: EngineState, command: EndSession): void {
  if (command.symbol !== undefined && !s.markets.has(command.symbol)) return rejectRequest(s, 'endSession', 'UNKNOWN_SYMBOL', undefined, undefined);
  for (const order of s.orders.sortedValues()) {
    if (order.tif === 'day' && s.orders.has(order.id) && (command.symbol === undefined || order.market.instrument.symbol === command.symbol)) retire(s, order, 'expired', 'EXPIRED_DAY');
  }
  const log = s.log;
  log.push({ type: 'SessionEnded', seq: log.next(), ts: log.ts, symbol: command.symbol });
}

/** Expires every GTD order whose time has come. */
export function expireDue(s: EngineState, now: number): void {
  const expiries = s.expiries;
  while (expiries.size > 0 && expiries.peekKey()! <= now) {
    const order = s.orders.get(expiries.pop()!);
    if (order && order.tif === 'gtd') retire(s, order, 'expired', 'EXPIRED_GTD');
  }
}

function findOwned(s: EngineState, accountId: number, orderId: number | undefined, clientOrderId: string | undefined): LiveOrder | undefined {
  const id = orderId ?? (typeof clientOrderId === 'string' ? s.clientOrderIds.get(clientKey(accountId, clientOrderId)) : undefined);
  const order = id === undefined ? undefined : s.orders.get(id);
  return order && order.accountId === accountId ? order : undefined;
}

export function rejectRequest(s: EngineState, command: CommandType | 'unknown', reason: ReasonCode, accountId: number | undefined, orderId: number | undefined): void {
  const log = s.log;
  log.push({ type: 'RequestRejected', seq: log.next(), ts: log.ts, command, accountId, orderId, reason, message: reasonMessage(reason) });
}

/** The order as a request, for checks shared with placement. */
function requestOf(order: LiveOrder): OrderRequest {
  return { accountId: order.accountId, symbol: order.market.instrument.symbol, side: order.side, type: order.type, qty: order.qty, tif: order.tif };
}
