// The context's trading actions: strategy inputs rounded onto the instrument grid, sent through the TradingPort, answered as result values.
//
// A refusal (by the SDK before sending, or by the venue) is a Failure value, never an exception.
// An exception from the port itself (a broken connection) is not a business answer: it propagates,
// fails the handler, and the runner reports it and stops, so the bot manager can restart it.
import { marketTifProblem, opposite, TIME_IN_FORCE, type OrderType, type TimeInForce } from '../core/orders.ts';
import type { OrderTracker } from './order-tracker.ts';
import type { PlaceResult, PortInstrument, PortOrder, TradingPort } from './ports.ts';
import { limitPrice, quantity, stopPrice, trailAmount, trailPercent, type Converted } from './rounding.ts';
import type { BracketInput, DoneResult, Failure, OrderInput, OrderResult, OrdersResult, ReplaceChanges } from './types.ts';
import { orderView } from './views.ts';

/** What the actions need from the runner. */
export interface ActionHost {
  readonly trading: TradingPort;
  readonly orders: OrderTracker;
  instrument(symbol: string): PortInstrument | undefined;
  /** False once the runner has stopped: late actions are refused instead of trading for a dead strategy. */
  active(): boolean;
  /** Counts placements that reached the port. */
  sent(): void;
  /** Counts refusals, local or by the venue. */
  refused(): void;
  /** A placement refused before it reached the venue (a quantity that rounds to zero, an unknown symbol, a stopped strategy). */
  placementNotSent(failure: Failure): void;
}

type Built = { readonly ok: true; readonly order: PortOrder } | Failure;

function fail(code: string, message: string): Failure {
  return { ok: false, code, message };
}

function inferType(input: OrderInput): OrderType {
  if (input.type) return input.type;
  if (input.trailAmount !== undefined || input.trailPercent !== undefined) return 'trailing_stop';
  if (input.stopPrice !== undefined) return input.price !== undefined ? 'stop_limit' : 'stop';
  return input.price !== undefined ? 'limit' : 'market';
}

/** Runs each conversion for the fields present; the first failure wins. */
function convertAll(fields: ReadonlyArray<readonly [string, (() => Converted) | undefined]>): Record<string, string> | Failure {
  const out: Record<string, string> = {};
  for (const [name, convert] of fields) {
    if (!convert) continue;
    const result = convert();
    if (!result.ok) return result;
    out[name] = result.text;
  }
  return out;
}

function isFailure(value: object): value is Failure {
  return 'ok' in value && value.ok === false;
}

export class OrderActions {
  constructor(private readonly host: ActionHost) {}

  /** The exact port order for a strategy's input, or why it cannot be sent. */
  build(input: OrderInput): Built {
    const instrument = this.host.instrument(input.symbol);
    if (!instrument) return fail('UNKNOWN_SYMBOL', `${input.symbol} is not listed on this venue`);
    // Field by field, the first failure winning: qty, then the prices in this order. The order
    // keeps its keys in one order and has only those given (no copies through spreads, which make
    // slow dictionary objects of every order).
    const qty = quantity(instrument, input.qty);
    if (!qty.ok) return qty;
    const order: { -readonly [K in keyof PortOrder]: PortOrder[K] } = { symbol: input.symbol, side: input.side, type: inferType(input), qty: qty.text };
    if (input.price !== undefined) {
      const price = limitPrice(instrument, input.side, input.price);
      if (!price.ok) return price;
      order.price = price.text;
    }
    if (input.stopPrice !== undefined) {
      const stop = stopPrice(instrument, input.stopPrice);
      if (!stop.ok) return stop;
      order.stopPrice = stop.text;
    }
    if (input.trailAmount !== undefined) {
      const trail = trailAmount(instrument, input.trailAmount);
      if (!trail.ok) return trail;
      order.trailAmount = trail.text;
    }
    if (input.trailPercent !== undefined) {
      const trail = trailPercent(input.trailPercent);
      if (!trail.ok) return trail;
      order.trailPercent = trail.text;
    }
    if (input.tif !== undefined) {
      // Written as people write it ("DAY") or as the API spells it ("day"): the same time in force.
      const tif = typeof input.tif === 'string' ? (input.tif.toLowerCase() as TimeInForce) : input.tif;
      if (!TIME_IN_FORCE.includes(tif)) return fail('INVALID_TIME_IN_FORCE', `tif ${JSON.stringify(input.tif)} is not a time in force: give one of ${TIME_IN_FORCE.join(', ')}`);
      const marketProblem = marketTifProblem(order.type, tif);
      if (marketProblem) return fail('INVALID_TIME_IN_FORCE', marketProblem);
      order.tif = tif;
    }
    if (input.expireAt !== undefined) order.expireAt = input.expireAt;
    if (input.postOnly !== undefined) order.postOnly = input.postOnly;
    if (input.clientOrderId !== undefined) order.clientOrderId = input.clientOrderId;
    if (input.stp !== undefined) order.stp = input.stp;
    return { ok: true, order };
  }

  async order(input: OrderInput): Promise<OrderResult> {
    if (!this.host.active()) return this.notSent(stopped());
    const built = this.build(input);
    if (!built.ok) return this.notSent(built);
    const result = await this.send(() => this.host.trading.place(built.order));
    if (!result.ok) return result;
    const first = result.orders[0];
    return first ? { ok: true, order: first } : fail('NO_ORDER', 'the venue accepted the order but reported none');
  }

  async oco(first: OrderInput, second: OrderInput): Promise<OrdersResult> {
    if (!this.host.active()) return this.notSent(stopped());
    const a = this.build(first);
    if (!a.ok) return this.notSent(a);
    const b = this.build(second);
    if (!b.ok) return this.notSent(b);
    return this.send(() => this.host.trading.placeOco([a.order, b.order]));
  }

  async bracket(input: BracketInput): Promise<OrdersResult> {
    if (!this.host.active()) return this.notSent(stopped());
    const entry = this.build(input);
    if (!entry.ok) return this.notSent(entry);
    const instrument = this.host.instrument(input.symbol)!;
    // The exits trade the other way: their limits round in the exit side's favour.
    const exit = opposite(input.side);
    const exits = convertAll([
      ['takeProfit', () => limitPrice(instrument, exit, input.takeProfit)],
      ['stopLoss', () => stopPrice(instrument, input.stopLoss)],
      ['stopLossLimit', input.stopLossLimit === undefined ? undefined : () => limitPrice(instrument, exit, input.stopLossLimit!)],
    ]);
    if (isFailure(exits)) return this.notSent(exits);
    return this.send(() => this.host.trading.placeBracket(entry.order, exits.takeProfit!, exits.stopLoss!, exits.stopLossLimit));
  }

  async cancel(orderId: number): Promise<DoneResult> {
    if (!this.host.active()) return this.refuse(stopped());
    const result = await this.host.trading.cancel(orderId);
    return result.ok ? result : this.refuse(result);
  }

  async cancelAll(symbol?: string): Promise<DoneResult> {
    if (!this.host.active()) return this.refuse(stopped());
    const result = await this.host.trading.cancelAll(symbol);
    return result.ok ? result : this.refuse(result);
  }

  async replace(orderId: number, changes: ReplaceChanges): Promise<DoneResult> {
    if (!this.host.active()) return this.refuse(stopped());
    const known = this.host.orders.get(orderId);
    const instrument = known ? this.host.instrument(known.symbol) : undefined;
    if (!known || !instrument) return this.refuse(fail('UNKNOWN_ORDER', `order ${orderId} is not an open order of this strategy's account`));
    const converted = convertAll([
      ['qty', changes.qty === undefined ? undefined : () => quantity(instrument, changes.qty!)],
      // A stop_limit's price is a limit too; both round in the order side's favour.
      ['price', changes.price === undefined ? undefined : () => limitPrice(instrument, known.side, changes.price!)],
      ['stopPrice', changes.stopPrice === undefined ? undefined : () => stopPrice(instrument, changes.stopPrice!)],
    ]);
    if (isFailure(converted)) return this.refuse(converted);
    const result = await this.host.trading.replace(orderId, converted);
    return result.ok ? result : this.refuse(result);
  }

  /** Sends a placement, records the orders the venue reports, and counts. */
  private async send(place: () => Promise<PlaceResult>): Promise<OrdersResult> {
    this.host.sent();
    const placed = await place();
    if (!placed.ok) return this.refuse({ ok: false, code: placed.code, message: placed.message });
    for (const order of placed.orders) this.host.orders.update(order);
    return { ok: true, orders: placed.orders.map(orderView) };
  }

  private refuse(failure: Failure): Failure {
    this.host.refused();
    return failure;
  }

  /** A placement refused here, before the venue heard of it: the venue cannot count it, so the host is told. */
  private notSent(failure: Failure): Failure {
    this.host.placementNotSent(failure);
    return this.refuse(failure);
  }
}

function stopped(): Failure {
  return fail('STRATEGY_STOPPED', 'the strategy is not running');
}
