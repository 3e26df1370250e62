// Inside a worker: TradingPort and FeedPort proxies that forward every call to the host over the worker's port.
import type { FeedPort, MarketEvent, TradingPort } from '../../strategy/index.ts';
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

export function proxyFeed(call: Caller, subscribe: Subscriber): FeedPort {
  return {
    subscribe: (symbols, intervals, deliver) => subscribe(symbols, intervals, deliver),
    history: (symbol, interval, n) => call({ method: 'history', args: [symbol, interval, n] }),
  };
}
