// Port calls as engine commands for one account: the translation every engine-backed venue (backtest, test harnesses) shares.
import type { Command } from '../core/commands.ts';
import type { InstrumentSpec } from '../core/instrument.ts';
import type { Side } from '../core/orders.ts';
import type { PortInstrument, PortOrder } from './ports.ts';
import { gridText, type GridText } from './unit-text.ts';
import { toRequest, units } from './venue-orders.ts';

/** A command ready to apply, with what the venue needs to bring liquidity for it; or the refusal. */
export type Prepared = { readonly ok: true; readonly command: Command; readonly symbol: string; readonly sides: readonly Side[] } | { readonly ok: false; readonly code: string; readonly message: string };

type Changes = { readonly qty?: string; readonly price?: string; readonly stopPrice?: string };

export class PortCommands {
  private readonly texts = new Map<string, GridText>();

  constructor(
    private readonly accountId: number,
    private readonly spec: (symbol: string) => InstrumentSpec | undefined,
    /** The account's order, while the venue still knows it. */
    private readonly orderOf: (orderId: number) => { readonly symbol: string; readonly side: Side } | undefined,
  ) {}

  place(order: PortOrder): Prepared {
    const request = this.request(order);
    if ('code' in request) return { ok: false, ...request };
    return { ok: true, command: { type: 'placeOrder', order: request, ts: 0 }, symbol: order.symbol, sides: [order.side] };
  }

  placeOco(legs: readonly [PortOrder, PortOrder]): Prepared {
    const a = this.request(legs[0]);
    const b = this.request(legs[1]);
    if ('code' in a) return { ok: false, ...a };
    if ('code' in b) return { ok: false, ...b };
    return { ok: true, command: { type: 'placeOco', legs: [a, b], ts: 0 }, symbol: legs[0].symbol, sides: [legs[0].side, legs[1].side] };
  }

  placeBracket(entry: PortOrder, takeProfitPrice: string, stopLossPrice: string, stopLossLimitPrice?: string): Prepared {
    const spec = this.spec(entry.symbol);
    const request = this.request(entry);
    if ('code' in request || !spec) return { ok: false, ...('code' in request ? request : { code: 'UNKNOWN_SYMBOL', message: `${entry.symbol} is not listed` }) };
    // Off-grid prices become -1, which the engine refuses with its own reason code.
    const tick = spec.tickSize;
    const exits = { takeProfitPrice: units(takeProfitPrice, tick) ?? -1, stopLossPrice: units(stopLossPrice, tick) ?? -1, stopLossLimitPrice: units(stopLossLimitPrice, tick) };
    return { ok: true, command: { type: 'placeBracket', entry: request, ...exits, ts: 0 }, symbol: entry.symbol, sides: [entry.side] };
  }

  private request(order: PortOrder): ReturnType<typeof toRequest> {
    const spec = this.spec(order.symbol);
    return toRequest(spec, this.accountId, order, spec && this.textOf(order.symbol, spec));
  }

  private textOf(symbol: string, spec: InstrumentSpec): GridText {
    let text = this.texts.get(symbol);
    if (!text) this.texts.set(symbol, (text = gridText(spec)));
    return text;
  }

  cancel(orderId: number): Command {
    return { type: 'cancelOrder', accountId: this.accountId, orderId, ts: 0 };
  }

  cancelAll(symbol?: string): Command {
    return { type: 'cancelAll', accountId: this.accountId, symbol, ts: 0 };
  }

  replace(orderId: number, changes: Changes): Prepared {
    const order = this.orderOf(orderId);
    const spec = order && this.spec(order.symbol);
    if (!order || !spec) return { ok: false, code: 'UNKNOWN_ORDER', message: `no order ${orderId}` };
    const text = this.textOf(order.symbol, spec);
    const fields = { qty: units(changes.qty, spec.lotSize, text.sizes), price: units(changes.price, spec.tickSize, text.prices), stopPrice: units(changes.stopPrice, spec.tickSize, text.prices) };
    return { ok: true, command: { type: 'replaceOrder', accountId: this.accountId, orderId, ...fields, ts: 0 }, symbol: order.symbol, sides: [order.side] };
  }
}

/** The instruments as a trading port lists them. */
export function portInstruments(specs: Iterable<InstrumentSpec>): PortInstrument[] {
  return [...specs].map(({ symbol, base, quote, tickSize, lotSize, minQty, maxQty }) => ({ symbol, base, quote, tickSize, lotSize, minQty, maxQty }));
}
