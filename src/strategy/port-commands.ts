// Port calls as engine commands for one account: the translation every engine-backed venue (backtest, test harnesses) shares.
import type { Command } from '../core/commands.ts';
import type { InstrumentSpec } from '../core/instrument.ts';
import type { Side } from '../core/orders.ts';
import type { PortInstrument, PortOrder } from './ports.ts';
import { toRequest, units } from './venue-orders.ts';

/** A command ready to apply, with what the venue needs to bring liquidity for it; or the refusal. */
export type Prepared = { readonly ok: true; readonly command: Command; readonly symbol: string; readonly sides: readonly Side[] } | { readonly ok: false; readonly code: string; readonly message: string };

type Changes = { readonly qty?: string; readonly price?: string; readonly stopPrice?: string };

export class PortCommands {
  constructor(
    private readonly accountId: number,
    private readonly spec: (symbol: string) => InstrumentSpec | undefined,
    /** The account's order, while the venue still knows it. */
    private readonly orderOf: (orderId: number) => { readonly symbol: string; readonly side: Side } | undefined,
  ) {}

  place(order: PortOrder): Prepared {
    const request = toRequest(this.spec(order.symbol), this.accountId, order);
    if ('code' in request) return { ok: false, ...request };
    return { ok: true, command: { type: 'placeOrder', order: request, ts: 0 }, symbol: order.symbol, sides: [order.side] };
  }

  placeOco(legs: readonly [PortOrder, PortOrder]): Prepared {
    const a = toRequest(this.spec(legs[0].symbol), this.accountId, legs[0]);
    const b = toRequest(this.spec(legs[1].symbol), this.accountId, legs[1]);
    if ('code' in a) return { ok: false, ...a };
    if ('code' in b) return { ok: false, ...b };
    return { ok: true, command: { type: 'placeOco', legs: [a, b], ts: 0 }, symbol: legs[0].symbol, sides: [legs[0].side, legs[1].side] };
  }

  placeBracket(entry: PortOrder, takeProfitPrice: string, stopLossPrice: string, stopLossLimitPrice?: string): Prepared {
    const spec = this.spec(entry.symbol);
    const request = toRequest(spec, this.accountId, entry);
    if ('code' in request || !spec) return { ok: false, ...('code' in request ? request : { code: 'UNKNOWN_SYMBOL', message: `${entry.symbol} is not listed` }) };
    // Off-grid prices become -1, which the engine refuses with its own reason code.
    const tick = spec.tickSize;
    const exits = { takeProfitPrice: units(takeProfitPrice, tick) ?? -1, stopLossPrice: units(stopLossPrice, tick) ?? -1, stopLossLimitPrice: units(stopLossLimitPrice, tick) };
    return { ok: true, command: { type: 'placeBracket', entry: request, ...exits, ts: 0 }, symbol: entry.symbol, sides: [entry.side] };
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
    const fields = { qty: units(changes.qty, spec.lotSize), price: units(changes.price, spec.tickSize), stopPrice: units(changes.stopPrice, spec.tickSize) };
    return { ok: true, command: { type: 'replaceOrder', accountId: this.accountId, orderId, ...fields, ts: 0 }, symbol: order.symbol, sides: [order.side] };
  }
}

/** The instruments as a trading port lists them. */
export function portInstruments(specs: Iterable<InstrumentSpec>): PortInstrument[] {
  return [...specs].map(({ symbol, base, quote, tickSize, lotSize, minQty, maxQty }) => ({ symbol, base, quote, tickSize, lotSize, minQty, maxQty }));
}
