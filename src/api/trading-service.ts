// Trading for one caller: orders, groups, cancels, replaces, deposits and withdrawals, with outcomes as API answers.
import type { EngineEvent } from '../core/events.ts';
import type { OrderRequest } from '../core/orders.ts';
import type { LiveOrder } from '../engine/state.ts';
import { toOrderRequest, toReplaceFields, type BracketInput, type OrderInput, type ReplaceInput } from '../platform/order-requests.ts';
import type { Exchange } from '../platform/exchange.ts';
import type { OrderGate, OrderIntent } from '../platform/risk/index.ts';
import { atPath, together, type FieldProblem } from '../platform/field-problem.ts';
import { assetAmount, formatAmount, isProblem, priceTicks, type DecimalInput } from '../platform/units.ts';
import { acceptedOrders, MAX_PAGE_LIMIT, type OrderRow, type Store } from '../store/index.ts';
import type { Principal } from './auth/principal.ts';
import { ApiError } from './errors.ts';
import { fieldRefusal, unknownAsset, unknownSymbol } from './field-refusal.ts';
import { accountCeilingRefusal, accountHolding, amountTooLarge, depositTooLargeToConvert, placementRefusal, replaceRefusal } from './refusal-details.ts';
import { clientOrderIdsOf, resendRefusal, type Placement } from './client-order-resend.ts';

/** The order a cancel or replace acts on: by the exchange's id or by the caller's client order id. */
export type OrderTarget = { readonly orderId: number } | { readonly clientOrderId: string };

/** The orders a request created, as they stand once it is acknowledged; `replayed` when the same request came before. */
export interface PlacedOrders {
  readonly orders: OrderRow[];
  readonly replayed: boolean;
}

function fail(problem: FieldProblem): never {
  throw fieldRefusal(problem);
}

/** Refuses the request when it has problems, naming each; the first one's code answers. */
function refuseAll(problems: readonly FieldProblem[]): void {
  const problem = together(problems);
  if (problem) fail(problem);
}

/**
 * Placements, the hot path, are answered once durable (`Exchange.submit`); answers that read the
 * store back wait for the read models to catch up first. Cancels, replaces and transfers answer
 * after their commit (`Exchange.execute`), so the risk monitor has valued a transfer before the
 * caller's next request.
 *
 * Every method acts on the caller's own account only: the account id comes from the principal,
 * never from the request, so no request can reach another user's orders or money.
 */
export class TradingService {
  constructor(
    private readonly exchange: Exchange,
    private readonly store: Store,
    /** Central risk: consulted right before each order-entry command, with no await in between. */
    private readonly risk?: OrderGate,
  ) {}

  async placeOrder(principal: Principal, input: OrderInput): Promise<PlacedOrders> {
    const request = this.request(principal, input);
    const command: Placement = { type: 'placeOrder', ts: this.exchange.now(), order: request };
    const resent = this.resent(principal, command);
    if (resent) return this.replay(principal, command, resent);
    this.gate(principal, [request]);
    return this.place(command);
  }

  async placeOco(principal: Principal, legs: readonly [OrderInput, OrderInput]): Promise<PlacedOrders> {
    const problems: FieldProblem[] = [];
    const first = this.checked(principal, legs[0], 'legs.0.', problems);
    const second = this.checked(principal, legs[1], 'legs.1.', problems);
    refuseAll(problems);
    // Checked: with no problem, both legs converted.
    const requests: [OrderRequest, OrderRequest] = [first!, second!];
    const command: Placement = { type: 'placeOco', ts: this.exchange.now(), legs: requests };
    const resent = this.resent(principal, command);
    if (resent) return this.replay(principal, command, resent);
    this.gate(principal, requests);
    return this.place(command);
  }

  async placeBracket(principal: Principal, input: BracketInput): Promise<PlacedOrders> {
    const problems: FieldProblem[] = [];
    const entry = this.checked(principal, input.entry, 'entry.', problems);
    // An unlisted symbol has no tick to check the exit prices against: it is the answer on its own.
    const instrument = this.exchange.engine.instrument(input.entry.symbol);
    const price = (value: DecimalInput, what: string): number | undefined => {
      const ticks = instrument && priceTicks(instrument, value, what);
      return isProblem(ticks) ? void problems.push({ problem: 'INVALID_PRICE', message: ticks.message, path: what }) : ticks;
    };
    const takeProfitPrice = price(input.takeProfitPrice, 'takeProfitPrice');
    const stopLossPrice = price(input.stopLossPrice, 'stopLossPrice');
    const stopLossLimitPrice = input.stopLossLimitPrice === undefined ? undefined : price(input.stopLossLimitPrice, 'stopLossLimitPrice');
    refuseAll(problems);
    // Checked: with no problem, every part converted.
    const command: Placement = { type: 'placeBracket', ts: this.exchange.now(), entry: entry!, takeProfitPrice: takeProfitPrice!, stopLossPrice: stopLossPrice!, stopLossLimitPrice };
    const resent = this.resent(principal, command);
    if (resent) return this.replay(principal, command, resent);
    // The exit legs trade the other way once the entry fills.
    this.gate(principal, [command.entry, { side: command.entry.side === 'buy' ? 'sell' : 'buy', symbol: command.entry.symbol, qty: command.entry.qty }], 3);
    return this.place(command);
  }

  /** Cancels one live order by id or client order id; answers with the order as it ended. */
  async cancel(principal: Principal, target: OrderTarget): Promise<OrderRow> {
    const orderId = this.liveOrder(principal, target).id;
    const events = await this.exchange.execute({ type: 'cancelOrder', ts: this.exchange.now(), accountId: principal.accountId, orderId });
    throwIfRefused(events);
    return this.stored(principal, orderId);
  }

  /** Cancels every live order of the caller, optionally of one symbol; answers with their ids. */
  async cancelAll(principal: Principal, symbol?: string): Promise<number[]> {
    // The engine refuses an unlisted symbol too, but without the field; this refusal names it.
    if (symbol !== undefined && !this.exchange.engine.instrument(symbol)) throw unknownSymbol(symbol, { path: 'symbol' });
    const events = await this.exchange.execute({ type: 'cancelAll', ts: this.exchange.now(), accountId: principal.accountId, symbol });
    throwIfRefused(events);
    const ids: number[] = [];
    for (const event of events) if (event.type === 'OrderCancelled') ids.push(event.orderId);
    return ids;
  }

  /** Replaces one live order, named by id or client order id; answers with the order after the change. */
  async replace(principal: Principal, target: OrderTarget, input: ReplaceInput): Promise<OrderRow> {
    const engine = this.exchange.engine;
    const live = this.liveOrder(principal, target);
    const orderId = live.id;
    const fields = toReplaceFields((s) => this.exchange.engine.instrument(s), live.market.instrument.symbol, input);
    if (isProblem(fields)) fail(fields);
    // Only a raised quantity can grow a position; the increase is what the gate weighs.
    const raised = fields.qty !== undefined && fields.qty > live.qty ? fields.qty - live.qty : 0;
    this.gate(principal, raised > 0 ? [{ side: live.side, symbol: live.market.instrument.symbol, qty: raised }] : [], 1);
    const events = await this.exchange.execute({ type: 'replaceOrder', ts: this.exchange.now(), accountId: principal.accountId, orderId, ...fields });
    const refused = events.find((e) => e.type === 'RequestRejected');
    if (refused) throw replaceRefusal(engine, refused.reason, live, fields, refused.message);
    return this.stored(principal, orderId);
  }

  async deposit(principal: Principal, asset: string, amount: DecimalInput, memo?: string): Promise<EngineEvent[]> {
    return this.transfer('deposit', principal, asset, amount, memo);
  }

  async withdraw(principal: Principal, asset: string, amount: DecimalInput, memo?: string): Promise<EngineEvent[]> {
    return this.transfer('withdraw', principal, asset, amount, memo);
  }

  private async transfer(type: 'deposit' | 'withdraw', principal: Principal, asset: string, amount: DecimalInput, memo: string | undefined): Promise<EngineEvent[]> {
    const spec = this.exchange.engine.asset(asset);
    if (!spec) throw unknownAsset(asset, 'asset');
    const units = assetAmount(spec, amount);
    if (isProblem(units)) {
      const pastCeiling = type === 'deposit' ? depositTooLargeToConvert(this.exchange.engine, asset, amount, accountHolding(this.exchange.engine, principal.accountId, asset)) : undefined;
      throw pastCeiling ?? fieldRefusal(atPath(units, 'amount'));
    }
    const overCeiling = type === 'deposit' ? accountCeilingRefusal(this.exchange.engine, principal.accountId, asset, units) : undefined;
    if (overCeiling) throw overCeiling;
    const events = await this.exchange.execute({ type, ts: this.exchange.now(), accountId: principal.accountId, asset, amount: units, memo });
    const refused = events.find((e) => e.type === 'RequestRejected');
    if (refused?.reason === 'INSUFFICIENT_FUNDS' && type === 'withdraw') {
      const available = this.exchange.engine.balance(principal.accountId, asset)?.available ?? 0;
      const shortfall = `amount ${formatAmount(spec, units)} is more than the ${formatAmount(spec, available)} ${asset} available`;
      throw new ApiError('INSUFFICIENT_FUNDS', `Not enough available ${asset} to withdraw ${formatAmount(spec, units)}: ${formatAmount(spec, available)} is available; amounts held for open orders cannot be withdrawn.`, [{ path: 'amount', message: shortfall }]);
    }
    if (refused?.reason === 'AMOUNT_TOO_LARGE') throw amountTooLarge(this.exchange.engine, asset, units);
    throwIfRefused(events);
    return events;
  }

  /**
   * The caller's live order that a cancel or replace names. Any other (no such id, another account's
   * order, one already ended) is the same UNKNOWN_ORDER, refused before it reaches the journal, so
   * the answer never tells whether the order exists elsewhere and no `rejected` event follows it.
   */
  private liveOrder(principal: Principal, target: OrderTarget): Readonly<LiveOrder> {
    const engine = this.exchange.engine;
    const orderId = 'orderId' in target ? target.orderId : engine.orderIdByClientId(principal.accountId, target.clientOrderId);
    const live = orderId === undefined ? undefined : engine.order(orderId);
    if (!live || live.accountId !== principal.accountId) throw new ApiError('UNKNOWN_ORDER');
    return live;
  }

  /** Throws the risk service's refusal (kill switch on, or the order rate just tripped it). */
  private gate(principal: Principal, intents: readonly OrderIntent[], orders = intents.length): void {
    const refusal = this.risk?.checkOrder(principal.accountId, intents, orders);
    if (refusal) throw new ApiError(refusal.code, refusal.message, refusal.details);
  }

  /** The engine request for one order; `prefix` places its fields in the request body ("legs.0."). */
  private request(principal: Principal, input: OrderInput, prefix = ''): OrderRequest {
    const problems: FieldProblem[] = [];
    const request = this.checked(principal, input, prefix, problems);
    refuseAll(problems);
    // Checked: with no problem, the order converted.
    return request!;
  }

  /** The order's engine request, or undefined with each of its problems added to `problems`: a group's answer names every bad field. */
  private checked(principal: Principal, input: OrderInput, prefix: string, problems: FieldProblem[]): OrderRequest | undefined {
    const request = toOrderRequest((s) => this.exchange.engine.instrument(s), principal.accountId, input, prefix);
    if (!isProblem(request)) return request;
    problems.push({ ...request, alongside: undefined }, ...(request.alongside ?? []));
    return undefined;
  }

  /**
   * The first client order id of a placement that names an order of the account already, with
   * that order's id. Looked up in the engine, which keeps every id it accepted (across restarts),
   * with no await between it and the placement, so two sends of one id cannot both place.
   */
  private resent(principal: Principal, placement: Placement): { readonly clientOrderId: string; readonly orderId: number } | undefined {
    for (const clientOrderId of clientOrderIdsOf(placement)) {
      const orderId = this.exchange.engine.orderIdByClientId(principal.accountId, clientOrderId);
      if (orderId !== undefined) return { clientOrderId, orderId };
    }
    return undefined;
  }

  /**
   * A placement whose client order id was used before: nothing is journaled, published or
   * counted. The same request answers with the orders it first placed; another is refused with
   * each difference. The first placement may still be on its way to the journal, so the read
   * models first take in everything the engine applied.
   */
  private async replay(principal: Principal, placement: Placement, resent: { readonly clientOrderId: string; readonly orderId: number }): Promise<PlacedOrders> {
    await this.exchange.caughtUp();
    const original = await this.store.orders.byId(principal.accountId, resent.orderId);
    if (!original) throw new ApiError('DUPLICATE_CLIENT_ORDER_ID', `Client order id "${resent.clientOrderId}" already placed order ${resent.orderId}.`);
    const orders = await this.group(principal, original);
    const refusal = resendRefusal(placement, orders, resent.clientOrderId, (s) => this.exchange.engine.instrument(s));
    if (refusal) throw refusal;
    return { orders, replayed: true };
  }

  /** Runs a placement and reads its outcome from its own events: no read-back needed on the hot path. */
  private async place(command: Placement): Promise<PlacedOrders> {
    const events = await this.exchange.submit(command);
    const rejected = events.find((e) => e.type === 'OrderRejected');
    if (rejected) throw placementRefusal(this.exchange.engine, rejected.reason, rejected.message, command);
    return { orders: acceptedOrders(events), replayed: false };
  }

  /** An order with the rest of its OCO or bracket group, in id order: what the original request created. */
  private async group(principal: Principal, order: OrderRow): Promise<OrderRow[]> {
    if (order.groupId === null) return [order];
    // One command places a whole group, so its orders share the symbol and the creation time.
    const page = await this.store.orders.list(principal.accountId, { symbol: order.symbol, from: order.createdAt, to: order.createdAt + 1, limit: MAX_PAGE_LIMIT });
    return page.items.filter((row) => row.groupId === order.groupId).sort((a, b) => a.id - b.id);
  }

  /** Reads an order back; the read models first take in everything acknowledged so far. */
  private async stored(principal: Principal, orderId: number): Promise<OrderRow> {
    await this.exchange.settled();
    const row = await this.store.orders.byId(principal.accountId, orderId);
    if (!row) throw new ApiError('UNKNOWN_ORDER');
    return row;
  }
}

function throwIfRefused(events: readonly EngineEvent[]): void {
  const refused = events.find((e) => e.type === 'RequestRejected');
  if (refused) throw new ApiError(refused.reason, refused.message);
}
