// Venues a smart order router can split across: the strategy's own trading context, and a simulated venue that fills at its quotes.
import type { Side } from '../../core/orders.ts';
import type { Failure, OrderView, QuoteEvent } from '../types.ts';
import { PRIMARY_VENUE } from './base.ts';
import type { AlgoContext } from './types.ts';

/** Top of a venue's book; sizes in base units. */
export interface VenueQuote {
  readonly bid: number | undefined;
  readonly bidQty: number;
  readonly ask: number | undefined;
  readonly askQty: number;
}

/** An immediate-or-cancel limit order, with exact decimal text on the instrument's grid. */
export interface VenueOrder {
  readonly symbol: string;
  readonly side: Side;
  readonly qty: string;
  readonly price: string;
}

export interface VenueFill {
  readonly price: number;
  readonly qty: number;
  readonly ts: number;
}

export type VenueResult =
  | {
      readonly ok: true;
      readonly orderId: number;
      /** Fills known at once (a venue outside the strategy's account). */
      readonly fills: readonly VenueFill[];
      /** An order on the strategy's own account: its fills arrive later as the strategy's fill events. */
      readonly own?: OrderView;
    }
  | Failure;

/** One place to route to: what it shows, and how to take it. */
export interface RouteVenue {
  readonly name: string;
  quote(symbol: string): VenueQuote | undefined;
  send(order: VenueOrder): Promise<VenueResult>;
}

/**
 * The strategy's own trading context (the internal book, or whatever venue the strategy runs on).
 * What it sent against a quote is taken off that quote's size until a new quote arrives, so a
 * second routing pass does not count on liquidity the first already took.
 */
export function contextVenue(ctx: AlgoContext): RouteVenue {
  const taken = new Map<string, { quote: QuoteEvent; bid: number; ask: number }>();
  const current = (symbol: string) => {
    const quote = ctx.quote(symbol);
    if (!quote) return undefined;
    let entry = taken.get(symbol);
    if (entry?.quote !== quote) taken.set(symbol, (entry = { quote, bid: 0, ask: 0 }));
    return entry;
  };
  return {
    name: PRIMARY_VENUE,
    quote(symbol) {
      const entry = current(symbol);
      return entry && { bid: entry.quote.bid, bidQty: Math.max(0, entry.quote.bidQty - entry.bid), ask: entry.quote.ask, askQty: Math.max(0, entry.quote.askQty - entry.ask) };
    },
    async send(order) {
      const entry = current(order.symbol);
      const result = await ctx.order({ ...order, type: 'limit', tif: 'ioc' });
      if (!result.ok) return result;
      if (entry) entry[order.side === 'buy' ? 'ask' : 'bid'] += Number(order.qty);
      return { ok: true, orderId: result.order.id, fills: [], own: result.order };
    },
  };
}

export interface SimQuote extends VenueQuote {
  readonly symbol: string;
  /** From when the quote stands. */
  readonly ts: number;
}

export interface SimVenueOptions {
  readonly name: string;
  /** The clock the quote stream is read at (a strategy passes ctx.clock.now). */
  readonly now: () => number;
  /** A quote stream in time order; the latest one at or before now is the venue's quote. */
  readonly quotes?: readonly SimQuote[];
}

/**
 * A simulated venue that fills at its own quoted price, up to its quoted size, and nothing more:
 * what it filled is taken off the quote until the next quote replaces it. Its fills are not on the
 * strategy's account (ctx.position does not see them); the router reports them.
 */
export class SimVenue implements RouteVenue {
  readonly name: string;
  private readonly stream: readonly SimQuote[];
  private cursor = 0;
  private readonly current = new Map<string, { quote: SimQuote; bidLeft: number; askLeft: number }>();
  private nextId = 1;
  private readonly filled: Array<VenueFill & { readonly orderId: number; readonly side: Side; readonly symbol: string }> = [];

  constructor(private readonly options: SimVenueOptions) {
    this.name = options.name;
    this.stream = options.quotes ?? [];
  }

  /** Sets the venue's quote for a symbol from now on. */
  update(quote: SimQuote): void {
    this.current.set(quote.symbol, { quote, bidLeft: quote.bidQty, askLeft: quote.askQty });
  }

  quote(symbol: string): VenueQuote | undefined {
    this.advance();
    const entry = this.current.get(symbol);
    return entry && { bid: entry.quote.bid, bidQty: entry.bidLeft, ask: entry.quote.ask, askQty: entry.askLeft };
  }

  send(order: VenueOrder): Promise<VenueResult> {
    this.advance();
    const orderId = this.nextId++;
    const entry = this.current.get(order.symbol);
    const limit = Number(order.price);
    const wanted = Number(order.qty);
    const fills: VenueFill[] = [];
    if (entry) {
      const buy = order.side === 'buy';
      const price = buy ? entry.quote.ask : entry.quote.bid;
      const left = buy ? entry.askLeft : entry.bidLeft;
      const crosses = price !== undefined && (buy ? limit >= price : limit <= price);
      const qty = Math.min(wanted, left);
      if (crosses && qty > 0) {
        const fill = { price, qty, ts: this.options.now() };
        fills.push(fill);
        this.filled.push({ ...fill, orderId, side: order.side, symbol: order.symbol });
        if (buy) entry.askLeft = left - qty;
        else entry.bidLeft = left - qty;
      }
    }
    return Promise.resolve({ ok: true, orderId, fills });
  }

  /** Every fill this venue made, in order. */
  fills(): ReadonlyArray<VenueFill & { readonly orderId: number; readonly side: Side; readonly symbol: string }> {
    return this.filled;
  }

  private advance(): void {
    const now = this.options.now();
    while (this.cursor < this.stream.length && this.stream[this.cursor]!.ts <= now) this.update(this.stream[this.cursor++]!);
  }
}
