// Builds the StrategyContext a handler receives from the runner's parts: actions, ledger, orders, bars, timers.
import type { OrderActions } from './actions.ts';
import type { BarStore } from './bar-store.ts';
import type { AccountLedger } from './ledger.ts';
import type { OrderTracker } from './order-tracker.ts';
import type { PortInstrument } from './ports.ts';
import type { Logger, OrderOptions, QuoteEvent, Random, StrategyContext } from './types.ts';
import { orderView } from './views.ts';

/** The runner's parts the context reads and acts through. */
export interface ContextParts<P, S> {
  readonly name: string;
  readonly params: P;
  readonly state: S;
  readonly symbols: readonly string[];
  readonly now: () => number;
  readonly random: Random;
  readonly log: Logger;
  readonly actions: OrderActions;
  readonly orders: OrderTracker;
  readonly ledger: AccountLedger;
  readonly bars: BarStore;
  instrument(symbol: string): PortInstrument | undefined;
  lastPrice(symbol: string): number | undefined;
  quote(symbol: string): QuoteEvent | undefined;
  setTimer(name: string, everyMs: number): void;
  clearTimer(name: string): void;
}

export function createContext<P, S>(parts: ContextParts<P, S>): StrategyContext<P, S> {
  const { actions } = parts;
  const defaultAsset = (): string | undefined => {
    const first = parts.symbols[0];
    return first === undefined ? undefined : parts.instrument(first)?.quote;
  };
  const side = (chosen: 'buy' | 'sell') => (symbol: string, qty: number | string, options: OrderOptions = {}) => actions.order({ ...options, symbol, side: chosen, qty });
  return Object.freeze({
    name: parts.name,
    params: parts.params,
    state: parts.state,
    symbols: Object.freeze([...parts.symbols]),
    clock: Object.freeze({ now: parts.now }),
    random: parts.random,
    log: parts.log,
    buy: side('buy'),
    sell: side('sell'),
    order: (input) => actions.order(input),
    oco: (first, second) => actions.oco(first, second),
    bracket: (input) => actions.bracket(input),
    cancel: (orderId) => actions.cancel(orderId),
    cancelAll: (symbol) => actions.cancelAll(symbol),
    replace: (orderId, changes) => actions.replace(orderId, changes),
    position: (symbol) => parts.ledger.position(symbol),
    cash: (asset) => {
      const code = asset ?? defaultAsset();
      return code === undefined ? 0 : parts.ledger.cash(code);
    },
    openOrders: (symbol) => parts.orders.open(symbol).map(orderView),
    pnl: () => parts.ledger.pnl(),
    lastPrice: (symbol) => parts.lastPrice(symbol),
    quote: (symbol) => parts.quote(symbol),
    instrument: (symbol) => parts.instrument(symbol),
    history: (symbol, interval, n) => parts.bars.last(symbol, interval, n),
    setTimer: (name, everyMs) => parts.setTimer(name, everyMs),
    clearTimer: (name) => parts.clearTimer(name),
  } satisfies StrategyContext<P, S>);
}
