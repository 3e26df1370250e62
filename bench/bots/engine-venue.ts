// The peer: the same strategy ports over a bare engine in memory (no journal, read models, risk or feed pipeline), routed per account and symbol.
import type { Command } from '../../src/core/commands.ts';
import { fromUnits, toUnits } from '../../src/core/decimal.ts';
import type { EngineEvent } from '../../src/core/events.ts';
import type { InstrumentSpec } from '../../src/core/instrument.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { BotPorts, MarketDataPort } from '../../src/bots/pool/types.ts';
import { listingCommands, type MarketsConfig } from '../../src/platform/markets-config.ts';
import type { MarketEvent, TradingPort } from '../../src/strategy/index.ts';
import { actionResult, minorUnit, OrderBookkeeper, placeResult, toRequest, units } from '../../src/strategy/venue-orders.ts';
import { FlowCount } from './flow.ts';

type Deliver = (event: MarketEvent) => void;

/**
 * Work per command is proportional to what it touched: an account's updates go to that account's
 * subscribers only, trades and quotes to the symbol's. Engine time is the wall clock.
 */
export class EngineVenue {
  private readonly engine = new Engine();
  private readonly specs = new Map<string, InstrumentSpec>();
  private readonly scales = new Map<string, number>();
  private readonly accounts = new Map<number, { book: OrderBookkeeper; subscribers: Set<Deliver> }>();
  private readonly bySymbol = new Map<string, Set<Deliver>>();
  private readonly quotes = new Map<string, string>();
  /** Symbols whose quote may have changed since the last flush. */
  private readonly touched = new Set<string>();
  private nextAccount = 1;
  /** What the bots' orders did. */
  readonly flow = new FlowCount();

  constructor(markets: MarketsConfig) {
    for (const asset of markets.assets) this.scales.set(asset.code, asset.scale);
    for (const command of listingCommands(markets, this.engine, Date.now()).commands) this.engine.apply(command);
    for (const instrument of this.engine.instruments()) this.specs.set(instrument.symbol, instrument.spec);
  }

  /** Opens an account with deposits given as decimal strings per asset; returns its ports. */
  open(deposits: Readonly<Record<string, string>>): BotPorts {
    const accountId = this.nextAccount++;
    const book = new OrderBookkeeper(accountId, (symbol) => this.specs.get(symbol)!, (asset) => this.scales.get(asset) ?? 0);
    this.accounts.set(accountId, { book, subscribers: new Set() });
    this.exec({ type: 'openAccount', accountId, ts: 0 });
    for (const [asset, amount] of Object.entries(deposits)) this.exec({ type: 'deposit', accountId, asset, amount: toUnits(amount, minorUnit(this.scales.get(asset) ?? 0))!, ts: 0 });
    return { trading: this.trading(accountId, book), feed: this.feed(accountId) };
  }

  private trading(accountId: number, book: OrderBookkeeper): TradingPort {
    const act = (command: Command) => this.act(command);
    return {
      instruments: () => Promise.resolve([...this.specs.values()]),
      place: (order) => {
        const request = toRequest(this.specs.get(order.symbol), accountId, order);
        if ('code' in request) return Promise.resolve({ ok: false, ...request });
        return Promise.resolve(placeResult(act({ type: 'placeOrder', order: request, ts: 0 }), accountId, (id) => book.state(id)));
      },
      placeOco: () => Promise.resolve({ ok: false, code: 'INVALID_REQUEST', message: 'single orders only' }),
      placeBracket: () => Promise.resolve({ ok: false, code: 'INVALID_REQUEST', message: 'single orders only' }),
      cancel: (orderId) => Promise.resolve(actionResult(act({ type: 'cancelOrder', accountId, orderId, ts: 0 }))),
      cancelAll: (symbol) => Promise.resolve(actionResult(act({ type: 'cancelAll', accountId, symbol, ts: 0 }))),
      replace: (orderId, changes) => {
        const symbol = book.symbolOf(orderId);
        if (symbol === undefined) return Promise.resolve({ ok: false, code: 'UNKNOWN_ORDER', message: `no order ${orderId}` });
        const spec = this.specs.get(symbol)!;
        const fields = { qty: units(changes.qty, spec.lotSize), price: units(changes.price, spec.tickSize), stopPrice: units(changes.stopPrice, spec.tickSize) };
        return Promise.resolve(actionResult(act({ type: 'replaceOrder', accountId, orderId, ...fields, ts: 0 })));
      },
      balances: () => Promise.resolve(book.balances()),
      openOrders: () => Promise.resolve(book.open()),
    };
  }

  /** Trades and quotes for the pool to share among its bots (no bars: the bare engine builds none). */
  readonly market: MarketDataPort = {
    ticks: (symbol, deliver) => {
      const listener = (event: MarketEvent) => deliver(event);
      this.symbolSubscribers(symbol).add(listener);
      return () => void this.bySymbol.get(symbol)?.delete(listener);
    },
    bars: () => () => undefined,
  };

  private feed(accountId: number): BotPorts['feed'] {
    return {
      subscribe: (symbols, _intervals, deliver) => {
        this.accounts.get(accountId)!.subscribers.add(deliver);
        for (const symbol of symbols) this.symbolSubscribers(symbol).add(deliver);
        return () => {
          this.accounts.get(accountId)!.subscribers.delete(deliver);
          for (const symbol of symbols) this.bySymbol.get(symbol)?.delete(deliver);
        };
      },
      history: () => Promise.resolve([]),
    };
  }

  private symbolSubscribers(symbol: string): Set<Deliver> {
    let set = this.bySymbol.get(symbol);
    if (!set) this.bySymbol.set(symbol, (set = new Set()));
    return set;
  }

  /**
   * A bot's command: applied, and the symbols it touched get a fresh quote at the end of this
   * event-loop turn, once for all the commands of the turn, as the platform publishes depth once
   * per committed batch.
   */
  private act(command: Command): EngineEvent[] {
    const events = this.exec(command);
    for (const event of events) {
      if (!('symbol' in event) || typeof event.symbol !== 'string') continue;
      if (this.touched.size === 0) setImmediate(() => this.flushQuotes());
      this.touched.add(event.symbol);
    }
    return events;
  }

  private flushQuotes(): void {
    const symbols = [...this.touched];
    this.touched.clear();
    for (const symbol of symbols) this.emitQuote(symbol);
  }

  private exec(command: Command): EngineEvent[] {
    const events = this.engine.apply({ ...command, ts: Date.now() });
    this.flow.observe(events);
    for (const event of events) {
      if (event.type === 'Fill' && event.liquidity === 'taker') {
        const spec = this.specs.get(event.symbol)!;
        const trade = { symbol: event.symbol, price: fromUnits(event.price, spec.tickSize), qty: fromUnits(event.qty, spec.lotSize), takerSide: event.side, ts: event.ts };
        this.toSymbol(event.symbol, { kind: 'trade', trade });
      }
      if (!('accountId' in event) || event.accountId === undefined) continue;
      const account = this.accounts.get(event.accountId);
      if (!account) continue;
      for (const update of account.book.apply(event)) for (const deliver of account.subscribers) deliver(update);
    }
    return events;
  }

  private emitQuote(symbol: string): void {
    const book = this.engine.book(symbol);
    const spec = this.specs.get(symbol);
    if (!book || !spec) return;
    const [bid] = book.depth('buy', 1);
    const [ask] = book.depth('sell', 1);
    const quote = { symbol, bidPrice: bid ? fromUnits(bid[0], spec.tickSize) : null, bidQty: fromUnits(bid?.[1] ?? 0, spec.lotSize), askPrice: ask ? fromUnits(ask[0], spec.tickSize) : null, askQty: fromUnits(ask?.[1] ?? 0, spec.lotSize), ts: this.engine.time };
    const key = `${quote.bidPrice}|${quote.bidQty}|${quote.askPrice}|${quote.askQty}`;
    if (this.quotes.get(symbol) === key) return;
    this.quotes.set(symbol, key);
    this.toSymbol(symbol, { kind: 'quote', quote });
  }

  private toSymbol(symbol: string, event: MarketEvent): void {
    for (const deliver of this.bySymbol.get(symbol) ?? []) deliver(event);
  }
}
