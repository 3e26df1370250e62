// One account's orders and balances followed from engine events, and port requests and answers in engine terms: what an engine-backed venue reports to a strategy.
import { fromUnits, toUnits } from '../core/decimal.ts';
import type { EngineEvent } from '../core/events.ts';
import type { InstrumentSpec } from '../core/instrument.ts';
import type { OrderRequest, OrderType, Side } from '../core/orders.ts';
import { divideRounded, formatScaled, parseDecimal } from './exact.ts';
import type { ActionResult, MarketEvent, PlaceResult, PortBalance, PortFill, PortOrder, PortOrderState, PortOrderStatus } from './ports.ts';

/** Engine units of a decimal, -1 (which the engine refuses) when off the grid, undefined when absent. */
export function units(text: string | undefined, unit: string): number | undefined {
  return text === undefined ? undefined : (toUnits(text, unit) ?? -1);
}

/** A port order as the engine's request; off-grid numbers become -1 so the engine refuses them with its own code. */
export function toRequest(spec: InstrumentSpec | undefined, accountId: number, order: PortOrder): OrderRequest | { code: string; message: string } {
  if (!spec) return { code: 'UNKNOWN_SYMBOL', message: `${order.symbol} is not listed` };
  const { qty, price, stopPrice, trailAmount, trailPercent, ...rest } = order;
  return {
    ...rest,
    accountId,
    qty: units(qty, spec.lotSize) ?? -1,
    price: units(price, spec.tickSize),
    stopPrice: units(stopPrice, spec.tickSize),
    trailAmount: units(trailAmount, spec.tickSize),
    trailBps: units(trailPercent, '0.01'),
  };
}

/** The answer to a placement: the account's rejection, or the orders it created in their state after the command. */
export function placeResult(events: readonly EngineEvent[], accountId: number, state: (orderId: number) => PortOrderState): PlaceResult {
  const rejected = events.find((e) => e.type === 'OrderRejected' && e.accountId === accountId);
  if (rejected?.type === 'OrderRejected') return { ok: false, code: rejected.reason, message: rejected.message };
  const ids = events.flatMap((e) => (e.type === 'OrderAccepted' && e.accountId === accountId ? [e.orderId] : []));
  return { ok: true, orders: ids.map(state) };
}

export function actionResult(events: readonly EngineEvent[]): ActionResult {
  const rejected = events.find((e) => e.type === 'RequestRejected');
  return rejected?.type === 'RequestRejected' ? { ok: false, code: rejected.reason, message: rejected.message } : { ok: true };
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
}

/** Extra decimals an average fill price carries beyond the tick size. */
const AVERAGE_DIGITS = 6;
/** Finished orders remembered for lookups; older ones are forgotten so long runs stay in bounded memory. */
const FINISHED_KEPT = 4096;
const FINISHED: ReadonlySet<PortOrderStatus> = new Set(['filled', 'cancelled', 'expired', 'rejected']);

export class OrderBookkeeper {
  private readonly orders = new Map<number, TrackedOrder>();
  private readonly finished: number[] = [];
  /** Orders not yet finished, in acceptance order. */
  private readonly live = new Set<number>();
  private readonly cash = new Map<string, { available: number; held: number }>();

  constructor(
    private readonly accountId: number,
    private readonly spec: (symbol: string) => InstrumentSpec,
    private readonly scale: (asset: string) => number,
  ) {}

  /** Follows one engine event; returns the order and fill updates it means for the account. */
  apply(event: EngineEvent): Array<Extract<MarketEvent, { kind: 'order' | 'fill' }>> {
    if (!('accountId' in event) || event.accountId !== this.accountId) return [];
    switch (event.type) {
      case 'LedgerEntry':
        this.cash.set(event.asset, { available: event.available, held: event.held });
        return [];
      case 'OrderAccepted': {
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
        };
        this.orders.set(tracked.id, tracked);
        return [this.update(tracked)];
      }
      case 'OrderTriggered':
        return this.change(event.orderId, (o) => {
          o.leaves = event.qty;
          o.qty = o.filled + event.qty;
          // A bracket leg that comes alive as a stop waits for its trigger; anything else is working.
          if (event.cause === 'parent' && o.type !== 'limit') o.status = 'untriggered';
          else o.status = o.filled > 0 ? 'partially_filled' : 'open';
        });
      case 'Fill': {
        const updates = this.change(event.orderId, (o) => {
          o.filled = event.filledQty;
          o.leaves = event.leavesQty;
          o.notional += BigInt(event.price) * BigInt(event.qty);
          o.status = event.leavesQty === 0 ? 'filled' : 'partially_filled';
        });
        const spec = this.spec(event.symbol);
        const fill: PortFill = {
          orderId: event.orderId,
          tradeId: event.tradeId,
          symbol: event.symbol,
          side: event.side,
          price: fromUnits(event.price, spec.tickSize),
          qty: fromUnits(event.qty, spec.lotSize),
          fee: fromUnits(event.fee, minorUnit(this.scale(spec.quote))),
          liquidity: event.liquidity,
          ts: event.ts,
        };
        return [{ kind: 'fill', fill }, ...updates];
      }
      case 'OrderCancelled':
      case 'OrderExpired':
        return this.change(event.orderId, (o) => {
          o.status = event.type === 'OrderCancelled' ? 'cancelled' : 'expired';
          o.leaves = 0;
          o.reason = event.reason;
        });
      case 'OrderReplaced':
        return this.change(event.orderId, (o) => {
          o.qty = event.qty;
          o.leaves = event.leavesQty;
          o.price = event.price ?? o.price;
          o.stopPrice = event.stopPrice ?? o.stopPrice;
        });
      case 'AccountOpened':
      case 'OrderRejected':
      case 'RequestRejected':
      case 'RiskLimitsSet':
        return [];
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

  private change(orderId: number, mutate: (order: TrackedOrder) => void): Array<Extract<MarketEvent, { kind: 'order' }>> {
    const tracked = this.orders.get(orderId);
    if (!tracked) return [];
    mutate(tracked);
    return [this.update(tracked)];
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

  private view(o: TrackedOrder): PortOrderState {
    const spec = this.spec(o.symbol);
    const price = (ticks: number | undefined) => (ticks === undefined ? null : fromUnits(ticks, spec.tickSize));
    return {
      id: o.id,
      clientOrderId: o.clientOrderId,
      symbol: o.symbol,
      side: o.side,
      type: o.type,
      status: o.status,
      qty: fromUnits(o.qty, spec.lotSize),
      filledQty: fromUnits(o.filled, spec.lotSize),
      leavesQty: fromUnits(o.leaves, spec.lotSize),
      price: price(o.price),
      stopPrice: price(o.stopPrice),
      avgFillPrice: o.filled === 0 ? null : average(o.notional, o.filled, spec.tickSize),
      reason: o.reason,
    };
  }
}

/** notional / filled ticks, as a price with AVERAGE_DIGITS more decimals than the tick (rounded to nearest). */
function average(notional: bigint, filled: number, tickSize: string): string {
  const tick = parseDecimal(tickSize)!;
  const ticksScaled = divideRounded(notional * 10n ** BigInt(AVERAGE_DIGITS), BigInt(filled), 'nearest');
  return formatScaled({ digits: ticksScaled * tick.digits, scale: tick.scale + AVERAGE_DIGITS });
}
