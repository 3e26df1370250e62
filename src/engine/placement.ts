// New orders: plain, OCO and bracket. Validation, risk, reservation, acceptance, then execution.
import type { PlaceBracket, PlaceOco } from '../core/commands.ts';
import { FEE_ACCOUNT, isPositiveInt, MAX_PRICE_TICKS } from '../core/limits.ts';
import { opposite, type OrderRequest } from '../core/orders.ts';
import { reasonMessage, type ReasonCode } from '../core/reasons.ts';
import { clientKey, marketOf, recycle, spareOrder, type EngineState } from './engine-state.ts';
import { requiredHold, worstPrice } from './holds.ts';
import { execute } from './matching.ts';
import { checkRisk, checkShape, defaultTif, outOfBand, wouldTake } from './order-checks.ts';
import { trail } from './stops.ts';
import type { OrderFields } from './order-fields.ts';
import { blankLiveOrder, linkToAccount, sharedReservation, type Account, type Balance, type LiveOrder, type Market } from './state.ts';

/**
 * Why `placeOrder` would refuse the request at validation or pre-trade risk right now, or undefined
 * when it passes them (funds are looked at only when placing). Changes no state: it fills the
 * reused scratch fields only, which `build` then reads when the caller places the order.
 */
export function orderProblem(s: EngineState, request: OrderRequest): ReasonCode | undefined {
  const fields = s.fields;
  return fields.read(request) ? check(s, fields) : 'INVALID_REQUEST';
}

/** What placing one order would reserve: how much of which asset, what the account has available of it, and the worst price (ticks) it is held at. */
export interface OrderHold {
  readonly asset: string;
  readonly need: number;
  readonly available: number;
  readonly price: number;
}

/**
 * What placing `request` would reserve right now, computed as placing computes it; undefined when
 * the request fails the checks before funds are looked at. Builds the order and takes it back, as
 * a placement refused for funds does, so it changes no state.
 */
export function orderHold(s: EngineState, request: OrderRequest): OrderHold | undefined {
  if (orderProblem(s, request)) return undefined;
  const order = build(s, s.fields, 0, 0);
  const lastPrice = order.market.lastPrice;
  const hold = { asset: order.heldFrom.asset, need: requiredHold(order, lastPrice), available: order.heldFrom.available, price: worstPrice(order, lastPrice) };
  unbuild(s, order);
  return hold;
}

export function placeOrder(s: EngineState, request: OrderRequest): void {
  const problem = orderProblem(s, request);
  if (problem) return reject(s, request, problem);
  const order = build(s, s.fields, 0, 0);
  const need = requiredHold(order, order.market.lastPrice);
  if (order.heldFrom.available < need) {
    unbuild(s, order);
    return reject(s, request, insufficient(order));
  }
  accept(s, order);
  s.clearing.reserve(order, need, order.id);
  order.reservation = order;
  start(s, order);
}

export function placeOco(s: EngineState, command: PlaceOco): void {
  const given: unknown = command.legs;
  if (!Array.isArray(given) || given.length !== 2) return reject(s, {} as OrderRequest, 'INVALID_REQUEST');
  const [a, b] = command.legs;
  const groupError = ocoError(a, b);
  if (groupError) return reject(s, a, groupError);
  const fields = s.fields;
  for (const leg of [a, b]) {
    fields.read(leg);
    const problem = check(s, fields);
    if (problem) return reject(s, leg, problem);
  }
  // The legs share account and symbol, so the account and market the checks found serve both.
  const groupId = s.nextOrderId;
  const legs = [buildLeg(s, fields, a, groupId, 0), buildLeg(s, fields, b, groupId, 0)];
  const market = legs[0]!.market;
  const need = Math.max(...legs.map((leg) => requiredHold(leg, market.lastPrice)));
  if (legs[0]!.heldFrom.available < need) {
    unbuild(s, legs[1]!);
    unbuild(s, legs[0]!);
    return reject(s, a, insufficient(legs[0]!));
  }
  s.groups.set(groupId, { id: groupId, kind: 'oco', legs: legs.map((leg) => leg.id), entryId: 0 });
  for (const leg of legs) accept(s, leg);
  const reservation = sharedReservation(groupId, legs[0]!.heldFrom);
  s.clearing.reserve(reservation, need, groupId);
  reservation.holders = legs.length;
  for (const leg of legs) leg.reservation = reservation;
  for (const leg of legs) if (s.orders.has(leg.id)) start(s, leg);
}

export function placeBracket(s: EngineState, command: PlaceBracket): void {
  const entry = command.entry;
  const fields = s.fields;
  const problem = orderProblem(s, entry);
  if (problem) return reject(s, entry, problem);
  const market = fields.market!;
  const error = bracketError(command, market);
  if (error) return reject(s, entry, error);
  const exitSide = opposite(entry.side);
  const base = { accountId: entry.accountId, symbol: entry.symbol, side: exitSide, qty: entry.qty, tif: 'gtc' } as const;
  const takeProfit: OrderRequest = { ...base, type: 'limit', price: command.takeProfitPrice };
  const stopLoss: OrderRequest =
    command.stopLossLimitPrice === undefined
      ? { ...base, type: 'stop', stopPrice: command.stopLossPrice }
      : { ...base, type: 'stop_limit', stopPrice: command.stopLossPrice, price: command.stopLossLimitPrice };
  const groupId = s.nextOrderId;
  const entryOrder = build(s, fields, groupId, 0);
  const legs = [buildLeg(s, fields, takeProfit, groupId, groupId), buildLeg(s, fields, stopLoss, groupId, groupId)];
  const need = requiredHold(entryOrder, market.lastPrice);
  if (entryOrder.heldFrom.available < need) {
    unbuild(s, legs[1]!);
    unbuild(s, legs[0]!);
    unbuild(s, entryOrder);
    return reject(s, entry, insufficient(entryOrder));
  }
  s.groups.set(groupId, { id: groupId, kind: 'bracket', legs: legs.map((leg) => leg.id), entryId: groupId });
  accept(s, entryOrder);
  for (const leg of legs) {
    leg.state = 'pending_parent';
    accept(s, leg);
  }
  s.clearing.reserve(entryOrder, need, groupId);
  entryOrder.reservation = entryOrder;
  start(s, entryOrder);
}

/**
 * Validation and risk for the request in `f`, in the documented order: the first reason it fails,
 * or undefined when it passes. On the way it sets `f.account` and `f.market` for `build`.
 */
function check(s: EngineState, f: OrderFields): ReasonCode | undefined {
  const account = f.accountId === FEE_ACCOUNT ? undefined : s.clearing.account(f.accountId);
  if (!account) return 'UNKNOWN_ACCOUNT';
  const market = marketOf(s, f.symbol);
  if (!market) return 'UNKNOWN_SYMBOL';
  if (market.status === 'halted') return 'INSTRUMENT_HALTED';
  f.account = account;
  f.market = market;
  const shape = checkShape(f, market, s.log.ts);
  if (shape) return shape;
  if (f.clientOrderId !== undefined && s.clientOrderIds.has(clientKey(f.accountId, f.clientOrderId))) return 'DUPLICATE_CLIENT_ORDER_ID';
  // While no account has limits (the usual case) the two lookups are skipped.
  const limits = s.riskLimits.size === 0 ? undefined : s.riskLimits.get(f.accountId)?.get(f.symbol);
  const risk = checkRisk(f, market, limits);
  if (risk) return risk;
  if (limits?.maxPosition !== undefined && f.side === 'buy' && position(s, f.accountId, market) + f.qty > limits.maxPosition) return 'POSITION_LIMIT';
  if (f.postOnly === true && f.price !== undefined && wouldTake(market, f.side, f.price)) return 'POST_ONLY_WOULD_TAKE';
  return undefined;
}

/** Holdings plus open buy quantity, in lots. */
export function position(s: EngineState, accountId: number, market: Market): number {
  const instrument = market.instrument;
  const balance = s.clearing.peek(accountId, instrument.base);
  let lots = balance ? Math.floor((balance.available + balance.held) / instrument.baseUnitsPerLot) : 0;
  // The legs of a group cancel each other, so only one of them can add to the position.
  let groupsCounted: Set<number> | undefined;
  for (let order = s.clearing.accounts.get(accountId)!.firstOrder; order; order = order.nextInAccount) {
    if (order.market !== market || order.side !== 'buy') continue;
    if (order.groupId !== 0 && s.groups.get(order.groupId)?.legs.includes(order.id)) {
      groupsCounted ??= new Set();
      if (groupsCounted.has(order.groupId)) continue;
      groupsCounted.add(order.groupId);
    }
    lots += order.qty - order.filled;
  }
  return lots;
}

/**
 * Makes the order for checked fields, not yet accepted, in a retired order object when one is
 * spare. It takes the next order id; `unbuild` gives both back when the order is refused.
 */
function build(s: EngineState, f: OrderFields, groupId: number, parentId: number): LiveOrder {
  const type = f.type;
  const side = f.side;
  const isStop = type === 'stop' || type === 'stop_limit' || type === 'trailing_stop';
  const market = f.market!;
  const account = f.account!;
  // Stand-ins until acceptance, so a refused order leaves no empty balance behind.
  const base = account.byAsset[market.baseIndex] ?? standIn(account, market.instrument.base);
  const quote = account.byAsset[market.quoteIndex] ?? standIn(account, market.instrument.quote);
  // Every field is set, whether the object is a retired order's or a new one. (An init object
  // literal here would be allocated on every call: it is too large for the compiler to elide.)
  const order = spareOrder(s) ?? blankLiveOrder(account, market, base);
  order.id = s.nextOrderId++;
  order.accountId = f.accountId;
  order.account = account;
  order.clientOrderId = f.clientOrderId;
  order.market = market;
  order.side = side;
  order.type = type;
  order.execType = isStop ? 'pending' : type === 'market' ? 'market' : 'limit';
  order.tif = f.tif ?? defaultTif(f);
  order.qty = f.qty;
  order.filled = 0;
  order.price = f.price ?? 0;
  order.stopPrice = f.stopPrice ?? 0;
  order.trail = type === 'trailing_stop' ? { amount: f.trailAmount ?? 0, bps: f.trailBps ?? 0, extreme: market.lastPrice } : undefined;
  order.expireAt = f.expireAt ?? 0;
  order.postOnly = f.postOnly === true;
  order.stp = f.stp ?? 'cancel_newest';
  order.state = isStop ? 'untriggered' : 'open';
  order.reservation = undefined;
  order.heldFrom = side === 'buy' ? quote : base;
  order.held = 0;
  order.holders = 0;
  order.groupId = groupId;
  order.parentId = parentId;
  order.prevInAccount = undefined;
  order.nextInAccount = undefined;
  // Its acceptance carries the starting stop price: no move to announce.
  if (order.trail) trail(order, order.trail, market.lastPrice);
  return order;
}

/** A leg of a group, built for the account and market its group was checked for. */
function buildLeg(s: EngineState, f: OrderFields, request: OrderRequest, groupId: number, parentId: number): LiveOrder {
  const { account, market } = f;
  f.read(request);
  f.account = account;
  f.market = market;
  return build(s, f, groupId, parentId);
}

/** Takes back the newest order built, which was refused: its id goes to the next order, its object to the spares. */
function unbuild(s: EngineState, order: LiveOrder): void {
  s.nextOrderId = order.id;
  recycle(s, order);
}

function standIn(account: Account, asset: string): Balance {
  return { accountId: account.id, asset, available: 0, held: 0 };
}

/** Registers an accepted order and announces it. */
function accept(s: EngineState, order: LiveOrder): void {
  const market = order.market;
  const base = s.clearing.balanceAt(order.account, market.baseIndex, market.instrument.base);
  const quote = s.clearing.balanceAt(order.account, market.quoteIndex, market.instrument.quote);
  order.heldFrom = order.side === 'buy' ? quote : base;
  s.orders.set(order.id, order);
  linkToAccount(order);
  if (order.clientOrderId !== undefined) s.clientOrderIds.set(clientKey(order.accountId, order.clientOrderId), order.id);
  if (order.tif === 'gtd') {
    s.expiries.push(order.expireAt, order.id);
    s.liveGtd++;
  }
  const log = s.log;
  if (log.skip()) return;
  log.push({
    type: 'OrderAccepted',
    seq: log.next(),
    ts: log.ts,
    orderId: order.id,
    accountId: order.accountId,
    clientOrderId: order.clientOrderId,
    symbol: order.market.instrument.symbol,
    side: order.side,
    orderType: order.type,
    tif: order.tif,
    qty: order.qty,
    price: order.price || undefined,
    stopPrice: order.stopPrice || undefined,
    trailAmount: order.trail?.amount || undefined,
    trailBps: order.trail?.bps || undefined,
    waterMark: order.trail?.extreme,
    expireAt: order.expireAt || undefined,
    postOnly: order.postOnly,
    stp: order.stp,
    state: order.state,
    groupId: order.groupId || undefined,
    parentId: order.parentId || undefined,
  });
}

/** Sends an accepted order on its way: stops wait (or trigger at once), everything else executes. */
export function start(s: EngineState, order: LiveOrder): void {
  if (order.state === 'pending_parent') return;
  if (order.state !== 'untriggered') {
    execute(s, order);
    return;
  }
  const last = order.market.lastPrice;
  const reached = order.side === 'buy' ? last >= order.stopPrice : last <= order.stopPrice;
  if (reached) s.pending.push({ kind: 'trigger', order });
  else order.market.stops.add(order);
}

function reject(s: EngineState, request: OrderRequest, reason: ReasonCode): void {
  const log = s.log;
  const valid = request !== null && typeof request === 'object';
  const existing = reason === 'DUPLICATE_CLIENT_ORDER_ID' ? s.clientOrderIds.get(clientKey(request.accountId, request.clientOrderId!)) : undefined;
  log.push({
    type: 'OrderRejected',
    seq: log.next(),
    ts: log.ts,
    accountId: valid && typeof request.accountId === 'number' ? request.accountId : 0,
    clientOrderId: valid && typeof request.clientOrderId === 'string' ? request.clientOrderId : undefined,
    symbol: valid && typeof request.symbol === 'string' ? request.symbol : '',
    reason,
    message: reasonMessage(reason),
    existingOrderId: existing,
  });
}

function insufficient(order: LiveOrder): ReasonCode {
  return order.side === 'buy' ? 'INSUFFICIENT_FUNDS' : 'INSUFFICIENT_SHARES';
}

/** OCO legs share account, symbol, side and quantity; market orders and IOC/FOK legs make no sense in a group. */
function ocoError(a: OrderRequest, b: OrderRequest): ReasonCode | undefined {
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return 'INVALID_REQUEST';
  if (a.accountId !== b.accountId || a.symbol !== b.symbol || a.side !== b.side || a.qty !== b.qty) return 'INVALID_GROUP';
  for (const leg of [a, b]) {
    if (leg.type === 'market' || leg.tif === 'ioc' || leg.tif === 'fok') return 'INVALID_GROUP';
  }
  if (a.clientOrderId !== undefined && a.clientOrderId === b.clientOrderId) return 'DUPLICATE_CLIENT_ORDER_ID';
  return undefined;
}

/** A long bracket takes profit above and stops out below; a short one the other way round. */
function bracketError(command: PlaceBracket, market: Market): ReasonCode | undefined {
  const { entry, takeProfitPrice, stopLossPrice, stopLossLimitPrice } = command;
  if (!isPositiveInt(takeProfitPrice, MAX_PRICE_TICKS) || !isPositiveInt(stopLossPrice, MAX_PRICE_TICKS)) return 'INVALID_PRICE';
  if (stopLossLimitPrice !== undefined && !isPositiveInt(stopLossLimitPrice, MAX_PRICE_TICKS)) return 'INVALID_PRICE';
  if (entry.side === 'buy' ? takeProfitPrice <= stopLossPrice : takeProfitPrice >= stopLossPrice) return 'INVALID_GROUP';
  if (outOfBand(market, takeProfitPrice, market.lastPrice)) return 'PRICE_OUT_OF_BAND';
  if (stopLossLimitPrice !== undefined && outOfBand(market, stopLossLimitPrice, stopLossPrice)) return 'PRICE_OUT_OF_BAND';
  return undefined;
}
