// Order endings and deferred work: retiring orders, OCO and bracket effects, stop triggers.
import type { OrderCancelled } from '../core/events.ts';
import type { ReasonCode } from '../core/reasons.ts';
import { recycle, type EngineState } from './engine-state.ts';
import { requiredHold } from './holds.ts';
import { execute } from './matching.ts';
import { outOfBand } from './order-checks.ts';
import { sharedReservation, unlinkFromAccount, type Group, type LiveOrder, type Market } from './state.ts';

export type Ending = 'filled' | 'cancelled' | 'expired';

/**
 * Takes an order out of the live set: out of the book or the stop book, emits its cancel or expiry,
 * releases its reservation, and applies group rules (an OCO leg ends its siblings; a bracket entry
 * activates or cancels its legs).
 */
/** `message`: a cancel's words beyond its reason code (a kill switch's cause), carried by its OrderCancelled. */
export function retire(s: EngineState, order: LiveOrder, ending: Ending, reason: ReasonCode | undefined, message?: string): void {
  if (!s.orders.delete(order.id)) return;
  const market = order.market;
  // A filled order has already left the book with its last fill.
  if (ending !== 'filled' && order.state === 'open') market.book.remove(order.id);
  else if (order.state === 'untriggered') market.stops.remove(order);
  unlinkFromAccount(order);
  const log = s.log;
  const leaves = order.qty - order.filled;
  // Cancels are frequent enough to be worth skipping in a quiet replay, like the other hot events.
  if (ending === 'cancelled') {
    if (!log.skip()) {
      const event: OrderCancelled = { type: 'OrderCancelled', seq: log.next(), ts: log.ts, orderId: order.id, accountId: order.accountId, symbol: market.instrument.symbol, reason: reason ?? 'USER_CANCELLED', cancelledQty: leaves, filledQty: order.filled };
      // Only the rare cancel with words gets the field, so the usual event keeps its one shape.
      log.push(message === undefined ? event : { ...event, message });
    }
  } else if (ending === 'expired') {
    log.push({ type: 'OrderExpired', seq: log.next(), ts: log.ts, orderId: order.id, accountId: order.accountId, symbol: market.instrument.symbol, reason: reason === 'EXPIRED_GTD' ? 'EXPIRED_GTD' : 'EXPIRED_DAY', cancelledQty: leaves, filledQty: order.filled });
  }
  if (order.reservation) s.clearing.unuse(order.reservation, order.id);
  if (order.tif === 'gtd') forgetExpiry(s);
  if (order.groupId !== 0) endInGroup(s, order);
  recycle(s, order);
}

function endInGroup(s: EngineState, order: LiveOrder): void {
  const group = s.groups.get(order.groupId);
  if (!group) return;
  if (group.legs.includes(order.id)) dissolve(s, group, 'OCO_SIBLING_DONE');
  else if (order.filled > 0) s.pending.push({ kind: 'activate', entryId: order.id, filled: order.filled });
  else dissolve(s, group, 'PARENT_ENDED');
}

/**
 * Ends a group: it is forgotten first, so each live leg is cancelled for the group's reason rather
 * than cascading to its siblings as an OCO leg would.
 */
function dissolve(s: EngineState, group: Group, reason: ReasonCode): void {
  s.groups.delete(group.id);
  for (const legId of group.legs) {
    const leg = s.orders.get(legId);
    if (leg) retire(s, leg, 'cancelled', reason);
  }
}

/** After a partial fill of an OCO leg, its live siblings shrink to the same open quantity. */
export function reduceSiblings(s: EngineState, order: LiveOrder): void {
  const group = s.groups.get(order.groupId);
  if (!group || !group.legs.includes(order.id)) return;
  const leaves = order.qty - order.filled;
  for (const legId of group.legs) {
    const leg = s.orders.get(legId);
    if (!leg || leg === order || leg.qty - leg.filled <= leaves) continue;
    leg.qty = leg.filled + leaves;
    if (leg.market.book.has(leg.id)) leg.market.book.reduce(leg.id, leaves);
    const log = s.log;
    log.push({ type: 'OrderReplaced', seq: log.next(), ts: log.ts, orderId: leg.id, accountId: leg.accountId, symbol: leg.market.instrument.symbol, qty: leg.qty, leavesQty: leaves, price: leg.price || undefined, stopPrice: leg.stopPrice || undefined, priorityKept: true });
  }
}

/**
 * Queues every stop of `market` that the last price has reached. Trailing stops are re-priced first,
 * and each whose stop price changed is announced with a StopMoved (before any trigger of this price).
 */
export function queueTriggers(s: EngineState, market: Market): void {
  if (market.stops.size() === 0) return;
  const moved = s.movedStops;
  const triggered = market.stops.takeTriggered(market.lastPrice, moved);
  if (moved.length > 0) {
    const log = s.log;
    const symbol = market.instrument.symbol;
    for (const order of moved) {
      // As frequent as trades for a book of trailing stops: skipped like the other hot events in a quiet replay.
      if (!log.skip()) log.push({ type: 'StopMoved', seq: log.next(), ts: log.ts, orderId: order.id, accountId: order.accountId, symbol, stopPrice: order.stopPrice, waterMark: order.trail!.extreme });
    }
    moved.length = 0;
  }
  for (const order of triggered) s.pending.push({ kind: 'trigger', order });
}

/** Runs deferred triggers and bracket activations until none are left. */
export function drainPending(s: EngineState): void {
  if (s.pending.length === 0) return;
  for (let work = s.pending.shift(); work; work = s.pending.shift()) {
    if (work.kind === 'trigger') trigger(s, work.order);
    else activate(s, work.entryId, work.filled);
  }
}

/** The reservation an order (and any group legs sharing it) needs right now. */
export function reservationNeed(s: EngineState, order: LiveOrder): number {
  let need = requiredHold(order, order.market.lastPrice);
  const group = order.groupId !== 0 ? s.groups.get(order.groupId) : undefined;
  if (group && group.legs.includes(order.id)) {
    for (const legId of group.legs) {
      const leg = s.orders.get(legId);
      if (leg && leg !== order && leg.reservation === order.reservation) need = Math.max(need, requiredHold(leg, leg.market.lastPrice));
    }
  }
  return need;
}

function trigger(s: EngineState, order: LiveOrder): void {
  if (!s.orders.has(order.id)) return;
  order.execType = order.type === 'stop_limit' ? 'limit' : 'market';
  const market = order.market;
  const log = s.log;
  log.push({ type: 'OrderTriggered', seq: log.next(), ts: log.ts, orderId: order.id, accountId: order.accountId, symbol: market.instrument.symbol, cause: 'stop', qty: order.qty - order.filled, triggerPrice: market.lastPrice });
  if (order.execType === 'limit' && outOfBand(market, order.price, market.lastPrice)) {
    retire(s, order, 'cancelled', 'PRICE_OUT_OF_BAND');
    return;
  }
  // A triggered market buy may trade up to the band edge around today's price, not its stop price.
  if (!s.clearing.resize(order.reservation!, reservationNeed(s, order), order.id)) {
    retire(s, order, 'cancelled', 'INSUFFICIENT_FUNDS');
    return;
  }
  execute(s, order);
}

/** Bracket legs become live for the entry's filled quantity, sharing one reservation. */
function activate(s: EngineState, entryId: number, filled: number): void {
  const group = s.groups.get(entryId);
  if (!group) return;
  const legs = group.legs.map((id) => s.orders.get(id)).filter((leg): leg is LiveOrder => leg !== undefined);
  if (legs.length === 0) {
    s.groups.delete(entryId);
    return;
  }
  const first = legs[0]!;
  const instrument = first.market.instrument;
  for (const leg of legs) leg.qty = filled;
  // A halted market trades nothing, and a live take-profit could cross the book: the legs wait,
  // sized for the entry's fill, until the resume (queueWaitingBrackets) activates them.
  if (first.market.status === 'halted') return;
  for (const leg of legs) leg.state = leg.type === 'limit' ? 'open' : 'untriggered';
  const need = Math.max(...legs.map((leg) => requiredHold(leg, leg.market.lastPrice)));
  const reservation = sharedReservation(first.id, first.heldFrom);
  if (!s.clearing.reserve(reservation, need, first.id)) {
    dissolve(s, group, first.side === 'buy' ? 'INSUFFICIENT_FUNDS' : 'INSUFFICIENT_SHARES');
    return;
  }
  reservation.holders = legs.length;
  const log = s.log;
  for (const leg of legs) {
    leg.reservation = reservation;
    log.push({ type: 'OrderTriggered', seq: log.next(), ts: log.ts, orderId: leg.id, accountId: leg.accountId, symbol: instrument.symbol, cause: 'parent', qty: filled, triggerPrice: undefined });
  }
  // Stops first, so a take-profit that trades at once still finds its sibling to cancel.
  for (const leg of legs) if (leg.state === 'untriggered') leg.market.stops.add(leg);
  queueTriggers(s, first.market);
  for (const leg of legs) if (leg.type === 'limit' && s.orders.has(leg.id)) execute(s, leg);
}

/**
 * On a resume: queues the activation of every bracket of `market` whose entry ended with a fill
 * while it was halted, in group id order. Their legs still wait for their parent, sized for its
 * fill; only a halt leaves legs waiting for an entry that is no longer live.
 */
export function queueWaitingBrackets(s: EngineState, market: Market): void {
  const waiting: Array<[number, number]> = [];
  for (const group of s.groups.values()) {
    // An activated bracket keeps its group (its legs cancel each other), with live legs.
    if (group.kind !== 'bracket' || s.orders.has(group.entryId)) continue;
    const leg = group.legs.map((id) => s.orders.get(id)).find((live) => live !== undefined);
    if (leg?.market === market && leg.state === 'pending_parent') waiting.push([group.entryId, leg.qty]);
  }
  for (const [entryId, filled] of waiting.sort((a, b) => a[0] - b[0])) s.pending.push({ kind: 'activate', entryId, filled });
}

/**
 * Notes that a GTD order ended. Heap entries of orders that ended early stay (removing from the
 * middle of a heap is costly) until they outnumber the live ones; then the heap is rebuilt from the
 * live GTD orders, so cancelled GTD orders with far expiries cannot grow memory without bound.
 */
function forgetExpiry(s: EngineState): void {
  s.liveGtd--;
  const stale = s.expiries.size - s.liveGtd;
  if (stale < 1_024 || stale < s.liveGtd) return;
  s.expiries.clear();
  for (const live of s.orders.sortedValues()) if (live.tif === 'gtd') s.expiries.push(live.expireAt, live.id);
}
