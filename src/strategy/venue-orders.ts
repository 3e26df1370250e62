// One account's orders and balances followed from engine events, and port requests and answers in engine terms: what an engine-backed venue reports to a strategy.
import { fromUnits, toUnits } from '../core/decimal.ts';
import type { EngineEvent } from '../core/events.ts';
import type { InstrumentSpec } from '../core/instrument.ts';
import type { OrderRequest, OrderType, Side } from '../core/orders.ts';
import { divideRounded, formatScaled, parseDecimal, type Scaled } from './exact.ts';
import type { ActionResult, MarketEvent, PlaceResult, PortBalance, PortFill, PortOrder, PortOrderState, PortOrderStatus } from './ports.ts';
import { InstrumentText, type GridText, type UnitText } from './unit-text.ts';

/** Engine units of a decimal, -1 (which the engine refuses) when off the grid, undefined when absent. */
export function units(text: string | undefined, unit: string, cache?: UnitText): number | undefined {
  return text === undefined ? undefined : ((cache ? cache.units(text) : toUnits(text, unit)) ?? -1);
}

/**
 * A port order as the engine's request; off-grid numbers become -1 so the engine refuses them with
 * its own code. `text`, the instrument's cached conversions, saves parsing the same prices again.
 */
export function toRequest(spec: InstrumentSpec | undefined, accountId: number, order: PortOrder, text?: GridText): OrderRequest | { code: string; message: string } {
  if (!spec) return { code: 'UNKNOWN_SYMBOL', message: `${order.symbol} is not listed` };
  // Every field named, in one order: a request of one shape is read fast by the engine (a copy
  // through rest and spread makes a slow dictionary object). Absent and undefined mean the same there.
  return {
    accountId,
    symbol: order.symbol,
    clientOrderId: order.clientOrderId,
    side: order.side,
    type: order.type,
    qty: units(order.qty, spec.lotSize, text?.sizes) ?? -1,
    price: units(order.price, spec.tickSize, text?.prices),
    stopPrice: units(order.stopPrice, spec.tickSize, text?.prices),
    trailAmount: units(order.trailAmount, spec.tickSize, text?.prices),
    trailBps: units(order.trailPercent, '0.01'),
    tif: order.tif,
    expireAt: order.expireAt,
    postOnly: order.postOnly,
    stp: order.stp,
  };
}

/** The answer to a placement: the account's rejection, or the orders it created in their state after the command. */
export function placeResult(events: readonly EngineEvent[], accountId: number, state: (orderId: number) => PortOrderState): PlaceResult {
  const ids: number[] = [];
  for (const event of events) {
    if (event.type === 'OrderRejected') {
      if (event.accountId === accountId) return { ok: false, code: event.reason, message: event.message };
    } else if (event.type === 'OrderAccepted' && event.accountId === accountId) ids.push(event.orderId);
  }
  return { ok: true, orders: ids.map(state) };
}

export function actionResult(events: readonly EngineEvent[]): ActionResult {
  for (const event of events) if (event.type === 'RequestRejected') return { ok: false, code: event.reason, message: event.message };
  return { ok: true };
}

/** One minor unit of an asset with `scale` decimals: 2 -> "0.01". */
export function minorUnit(scale: number): string {
  return scale === 0 ? '1' : `0.${'0'.repeat(scale - 1)}1`;
}

export interface TrackedOrder {
  readonly id: number;
  readonly clientOrderId: string | null;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  status: PortOrderStatus;
  /** Lots and ticks, as the engine counts them. */
  qty: number;
  filled: number;
  leaves: number;
  price: number | undefined;
  stopPrice: number | undefined;
  /** Sum of price x qty over fills, in tick-lots. */
  notional: bigint;
  reason: string | null;
  /** The report of the order as it is now; cleared by every change, so a report is made once per state. */
  report: PortOrderState | undefined;
}

/** What the bookkeeper formats one symbol's numbers with. */
interface SymbolText {
  readonly text: InstrumentText;
  readonly tick: Scaled;
}

/** Extra decimals an average fill price carries beyond the tick size. */
const AVERAGE_DIGITS = 6;
/** Finished orders remembered for lookups; older ones are forgotten so long runs stay in bounded memory. */
const FINISHED_KEPT = 4096;
const FINISHED: ReadonlySet<PortOrderStatus> = new Set(['filled', 'cancelled', 'expired', 'rejected']);

/** What one engine event means for the account's strategy: its order and fill updates. */
export type AccountUpdate = Extract<MarketEvent, { kind: 'order' | 'fill' }>;
const NO_UPDATES: readonly AccountUpdate[] = Object.freeze([]);

export class OrderBookkeeper {
  private readonly orders = new Map<number, TrackedOrder>();
  private readonly finished: number[] = [];
  /** Orders not yet finished, in acceptance order. */
  private readonly live = new Set<number>();
  private readonly cash = new Map<string, { available: number; held: number }>();
  private readonly texts = new Map<string, SymbolText>();

  constructor(
    private readonly accountId: number,
    private readonly spec: (symbol: string) => InstrumentSpec,
    private readonly scale: (asset: string) => number,
  ) {}

  /**
   * Follows one engine event; returns the order and fill updates it means for the account. Most
   * events of an order are other accounts' (the counterparty, fees): they cost one type test.
   */
  apply(event: EngineEvent): readonly AccountUpdate[] {
    switch (event.type) {
      case 'LedgerEntry': {
        if (event.accountId !== this.accountId) return NO_UPDATES;
        // Several entries per order: the asset's record is updated in place, not made anew.
        const cash = this.cash.get(event.asset);
        if (cash === undefined) this.cash.set(event.asset, { available: event.available, held: event.held });
        else {
          cash.available = event.available;
          cash.held = event.held;
        }
        return NO_UPDATES;
      }
      case 'OrderAccepted': {
        if (event.accountId !== this.accountId) return NO_UPDATES;
        const tracked: TrackedOrder = {
          id: event.orderId,
          clientOrderId: event.clientOrderId ?? null,
          symbol: event.symbol,
          side: event.side,
          type: event.orderType,
          status: event.state,
          qty: event.qty,
          filled: 0,
          leaves: event.qty,
          price: event.price,
          stopPrice: event.stopPrice,
          notional: 0n,
          reason: null,
          report: undefined,
        };
        this.orders.set(tracked.id, tracked);
        return [this.update(tracked)];
      }
      case 'OrderTriggered': {
        const o = event.accountId === this.accountId ? this.orders.get(event.orderId) : undefined;
        if (!o) return NO_UPDATES;
        o.leaves = event.qty;
        o.qty = o.filled + event.qty;
        // A bracket leg that comes alive as a stop waits for its trigger; anything else is working.
        if (event.cause === 'parent' && o.type !== 'limit') o.status = 'untriggered';
        else o.status = o.filled > 0 ? 'partially_filled' : 'open';
        return [this.changed(o)];
      }
      case 'Fill': {
        if (event.accountId !== this.accountId) return NO_UPDATES;
        const o = this.orders.get(event.orderId);
        if (o) {
          o.filled = event.filledQty;
          o.leaves = event.leavesQty;
          o.notional += BigInt(event.price) * BigInt(event.qty);
          o.status = event.leavesQty === 0 ? 'filled' : 'partially_filled';
        }
        const { text } = this.textOf(event.symbol);
        const fill: PortFill = {
          orderId: event.orderId,
          tradeId: event.tradeId,
          symbol: event.symbol,
          side: event.side,
          price: text.prices.text(event.price),
          qty: text.sizes.text(event.qty),
          fee: text.fees.text(event.fee),
          liquidity: event.liquidity,
          ts: event.ts,
        };
        return o ? [{ kind: 'fill', fill }, this.changed(o)] : [{ kind: 'fill', fill }];
      }
      case 'OrderCancelled':
      case 'OrderExpired': {
        const o = event.accountId === this.accountId ? this.orders.get(event.orderId) : undefined;
        if (!o) return NO_UPDATES;
        o.status = event.type === 'OrderCancelled' ? 'cancelled' : 'expired';
        o.leaves = 0;
        o.reason = event.reason;
        return [this.changed(o)];
      }
      case 'OrderReplaced': {
        const o = event.accountId === this.accountId ? this.orders.get(event.orderId) : undefined;
        if (!o) return NO_UPDATES;
        o.qty = event.qty;
        o.leaves = event.leavesQty;
        o.price = event.price ?? o.price;
        o.stopPrice = event.stopPrice ?? o.stopPrice;
        return [this.changed(o)];
      }
      case 'StopMoved': {
        const o = event.accountId === this.accountId ? this.orders.get(event.orderId) : undefined;
        if (!o) return NO_UPDATES;
        o.stopPrice = event.stopPrice;
        return [this.changed(o)];
      }
      case 'AssetAdded':
      case 'InstrumentAdded':
      case 'AccountOpened':
      case 'OrderRejected':
      case 'RequestRejected':
      case 'RiskLimitsSet':
      case 'SessionEnded':
      case 'TradingStatusChanged':
        return NO_UPDATES;
    }
  }

  state(orderId: number): PortOrderState {
    const tracked = this.orders.get(orderId);
    if (!tracked) throw new Error(`no order ${orderId}`);
    return this.view(tracked);
  }

  symbolOf(orderId: number): string | undefined {
    return this.orders.get(orderId)?.symbol;
  }

  /** The order's symbol and side, while it is remembered. */
  orderOf(orderId: number): { readonly symbol: string; readonly side: Side } | undefined {
    return this.orders.get(orderId);
  }

  open(): PortOrderState[] {
    return [...this.liveOrders()].map((o) => this.view(o));
  }

  /** The account's unfinished orders in engine units (ticks and lots), oldest first. */
  *liveOrders(): Iterable<Readonly<TrackedOrder>> {
    for (const id of this.live) {
      const order = this.orders.get(id);
      if (order) yield order;
    }
  }

  /** Available plus held of an asset, in its minor units. */
  total(asset: string): number {
    const cash = this.cash.get(asset);
    return cash === undefined ? 0 : cash.available + cash.held;
  }

  balances(): PortBalance[] {
    return [...this.cash].map(([asset, { available, held }]) => {
      const unit = minorUnit(this.scale(asset));
      return { asset, available: fromUnits(available, unit), held: fromUnits(held, unit) };
    });
  }

  /** The update for an order just changed in place (its old report no longer holds). */
  private changed(tracked: TrackedOrder): Extract<MarketEvent, { kind: 'order' }> {
    tracked.report = undefined;
    return this.update(tracked);
  }

  private update(tracked: TrackedOrder): Extract<MarketEvent, { kind: 'order' }> {
    if (FINISHED.has(tracked.status)) {
      this.live.delete(tracked.id);
      this.forgetLater(tracked.id);
    } else this.live.add(tracked.id);
    return { kind: 'order', order: this.view(tracked) };
  }

  private forgetLater(orderId: number): void {
    this.finished.push(orderId);
    if (this.finished.length > FINISHED_KEPT * 2) for (const id of this.finished.splice(0, FINISHED_KEPT)) this.orders.delete(id);
  }

  /** The order's report, made once per state of it (reports are immutable, so one object serves every reader). */
  private view(o: TrackedOrder): PortOrderState {
    if (o.report) return o.report;
    const { text, tick } = this.textOf(o.symbol);
    const { prices, sizes } = text;
    o.report = {
      id: o.id,
      clientOrderId: o.clientOrderId,
      symbol: o.symbol,
      side: o.side,
      type: o.type,
      status: o.status,
      qty: sizes.text(o.qty),
      filledQty: sizes.text(o.filled),
      leavesQty: sizes.text(o.leaves),
      price: o.price === undefined ? null : prices.text(o.price),
      stopPrice: o.stopPrice === undefined ? null : prices.text(o.stopPrice),
      avgFillPrice: o.filled === 0 ? null : average(o.notional, o.filled, tick),
      reason: o.reason,
    };
    return o.report;
  }

  private textOf(symbol: string): SymbolText {
    let entry = this.texts.get(symbol);
    if (!entry) {
      const spec = this.spec(symbol);
      const tick = parseDecimal(spec.tickSize);
      if (!tick) throw new RangeError(`${symbol}: tick size ${spec.tickSize} is not a decimal`);
      this.texts.set(symbol, (entry = { text: new InstrumentText(spec, minorUnit(this.scale(spec.quote))), tick }));
    }
    return entry;
  }
}

/** notional / filled ticks, as a price with AVERAGE_DIGITS more decimals than the tick (rounded to nearest). */
function average(notional: bigint, filled: number, tick: Scaled): string {
  const ticksScaled = divideRounded(notional * 10n ** BigInt(AVERAGE_DIGITS), BigInt(filled), 'nearest');
  return formatScaled({ digits: ticksScaled * tick.digits, scale: tick.scale + AVERAGE_DIGITS });
}
