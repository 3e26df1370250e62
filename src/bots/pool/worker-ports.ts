// Inside a worker: TradingPort and FeedPort proxies that forward every call to the host over the worker's port, and the latest quotes the worker heard.
import type { FeedPort, MarketEvent, PortQuote, TradingPort } from '../../strategy/index.ts';
import type { PortRequest, PortResponse } from './protocol.ts';

/** Sends one request to the host and resolves with its answer; rejects when the host's port threw. */
export type Caller = <R extends PortRequest>(request: R) => Promise<PortResponse<R['method']>>;

/** Opens a feed subscription on the host; returns how to close it. */
export type Subscriber = (symbols: readonly string[], intervals: readonly string[], deliver: (event: MarketEvent) => void) => () => void;

export function proxyTrading(call: Caller): TradingPort {
  return {
    instruments: () => call({ method: 'instruments', args: [] }),
    place: (order) => call({ method: 'place', args: [order] }),
    placeOco: (legs) => call({ method: 'placeOco', args: [legs] }),
    placeBracket: (entry, takeProfit, stopLoss, stopLossLimit) => call({ method: 'placeBracket', args: [entry, takeProfit, stopLoss, stopLossLimit] }),
    cancel: (orderId) => call({ method: 'cancel', args: [orderId] }),
    cancelAll: (symbol) => call({ method: 'cancelAll', args: [symbol] }),
    replace: (orderId, changes) => call({ method: 'replace', args: [orderId, changes] }),
    balances: () => call({ method: 'balances', args: [] }),
    openOrders: () => call({ method: 'openOrders', args: [] }),
  };
}

/** `touch`: the symbol's latest quote the worker knows (see Touches), so the runner's start reads it without a round trip. */
export function proxyFeed(call: Caller, subscribe: Subscriber, touch: (symbol: string) => PortQuote | undefined): FeedPort {
  return {
    subscribe: (symbols, intervals, deliver) => subscribe(symbols, intervals, deliver),
    history: (symbol, interval, n) => call({ method: 'history', args: [symbol, interval, n] }),
    quote: touch,
  };
}

/**
 * The latest best bid and ask per symbol in a worker: set from a start message's touches (the host's
 * current quote of the bot's symbols, or none for an empty book), then from every quote event that
 * reaches the worker. Both come in the host's order, so the last one written is the newest.
 */
export class Touches {
  private readonly latest = new Map<string, PortQuote>();

  /** The host's touches for these symbols: a symbol without one has an empty book now. Null: the host cannot tell, keep what was heard. */
  started(symbols: readonly string[], touches: readonly PortQuote[] | null): void {
    if (!touches) return;
    for (const symbol of symbols) this.latest.delete(symbol);
    for (const touch of touches) this.latest.set(touch.symbol, touch);
  }

  heard(event: MarketEvent): void {
    if (event.kind === 'quote') this.latest.set(event.quote.symbol, event.quote);
  }

  get(symbol: string): PortQuote | undefined {
    return this.latest.get(symbol);
  }
}
