// New orders: plain, OCO and bracket. Validation, risk, reservation, acceptance, then execution.
import type { PlaceBracket, PlaceOco } from '../core/commands.ts';
import { FEE_ACCOUNT, isPositiveInt, MAX_PRICE_TICKS } from '../core/limits.ts';
import { opposite, type OrderRequest } from '../core/orders.ts';
import { reasonMessage, type ReasonCode } from '../core/reasons.ts';
import { clientKey, type EngineState } from './engine-state.ts';
import { requiredHold } from './holds.ts';
import { execute } from './matching.ts';
import { checkRisk, checkShape, defaultTif, outOfBand, wouldTake } from './order-checks.ts';
import { trail } from './stops.ts';
import { createLiveOrder, linkToAccount, sharedReservation, type LiveOrder, type Market } from './state.ts';

export function placeOrder(s: EngineState, request: OrderRequest): void {
  const checked = check(s, request);
  if (typeof checked === 'string') return reject(s, request, checked);
  const order = build(s, checked, request, 0, 0);
  const need = requiredHold(order, checked.lastPrice);
  if (order.heldFrom.available < need) {
    s.nextOrderId = order.id;
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
  for (const leg of [a, b]) {
    const problem = check(s, leg);
    if (typeof problem === 'string') return reject(s, leg, problem);
  }
  const market = s.markets.get(a.symbol)!;
  const groupId = s.nextOrderId;
  const legs = [build(s, market, a, groupId, 0), build(s, market, b, groupId, 0)];
  const need = Math.max(...legs.map((leg) => requiredHold(leg, market.lastPrice)));
  if (legs[0]!.heldFrom.available < need) {
    s.nextOrderId = groupId;
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
  const market = check(s, entry);
  if (typeof market === 'string') return reject(s, entry, market);
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
  const entryOrder = build(s, market, entry, groupId, 0);
  const legs = [build(s, market, takeProfit, groupId, groupId), build(s, market, stopLoss, groupId, groupId)];
  const need = requiredHold(entryOrder, market.lastPrice);
  if (entryOrder.heldFrom.available < need) {
    s.nextOrderId = groupId;
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

/** Validation and risk for one request; the market on success, a reason otherwise. */
function check(s: EngineState, request: OrderRequest): Market | ReasonCode {
  if (request === null || typeof request !== 'object') return 'INVALID_REQUEST';
  if (request.accountId === FEE_ACCOUNT || !s.clearing.accounts.has(request.accountId)) return 'UNKNOWN_ACCOUNT';
  const market = s.markets.get(request.symbol);
  if (!market) return 'UNKNOWN_SYMBOL';
  const shape = checkShape(request, market, s.log.ts);
  if (shape) return shape;
  if (request.clientOrderId !== undefined && s.clientOrderIds.has(clientKey(request.accountId, request.clientOrderId))) return 'DUPLICATE_CLIENT_ORDER_ID';
  const limits = s.riskLimits.get(request.accountId)?.get(request.symbol);
  const risk = checkRisk(request, market, limits);
  if (risk) return risk;
  if (limits?.maxPosition !== undefined && request.side === 'buy' && position(s, request.accountId, market) + request.qty > limits.maxPosition) return 'POSITION_LIMIT';
  if (request.postOnly === true && request.price !== undefined && wouldTake(market, request.side, request.price)) return 'POST_ONLY_WOULD_TAKE';
  return market;
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

function build(s: EngineState, market: Market, request: OrderRequest, groupId: number, parentId: number): LiveOrder {
  const isStop = request.type === 'stop' || request.type === 'stop_limit' || request.type === 'trailing_stop';
  const instrument = market.instrument;
  const account = s.clearing.accounts.get(request.accountId)!;
  // Stand-ins until acceptance, so a refused order leaves no empty balance behind.
  const baseStandIn = account.byAsset[market.baseIndex] ?? { accountId: request.accountId, asset: instrument.base, available: 0, held: 0 };
  const quoteStandIn = account.byAsset[market.quoteIndex] ?? { accountId: request.accountId, asset: instrument.quote, available: 0, held: 0 };
  const order = createLiveOrder({
    id: s.nextOrderId++,
    accountId: request.accountId,
    account,
    receiveIn: request.side === 'buy' ? baseStandIn : quoteStandIn,
    clientOrderId: request.clientOrderId,
    market,
    side: request.side,
    type: request.type,
    execType: isStop ? 'pending' : request.type === 'market' ? 'market' : 'limit',
    tif: request.tif ?? defaultTif(request),
    qty: request.qty,
    filled: 0,
    price: request.price ?? 0,
    stopPrice: request.stopPrice ?? 0,
    trail: request.type === 'trailing_stop' ? { amount: request.trailAmount ?? 0, bps: request.trailBps ?? 0, extreme: market.lastPrice } : undefined,
    expireAt: request.expireAt ?? 0,
    postOnly: request.postOnly === true,
    stp: request.stp ?? 'cancel_newest',
    state: isStop ? 'untriggered' : 'open',
    reservation: undefined,
    heldFrom: request.side === 'buy' ? quoteStandIn : baseStandIn,
    held: 0,
    holders: 0,
    groupId,
    parentId,
  });
  if (order.trail) trail(order, order.trail, market.lastPrice);
  return order;
}

/** Registers an accepted order and announces it. */
function accept(s: EngineState, order: LiveOrder): void {
  const market = order.market;
  const base = s.clearing.balanceAt(order.account, market.baseIndex, market.instrument.base);
  const quote = s.clearing.balanceAt(order.account, market.quoteIndex, market.instrument.quote);
  order.heldFrom = order.side === 'buy' ? quote : base;
  order.receiveIn = order.side === 'buy' ? base : quote;
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
