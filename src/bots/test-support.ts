// Test-only: a venue over a real engine that gives every bot its own account's ports, and a simulated clock.
//
// The engine is passed in (tests construct `new Engine()`), so src/bots keeps to its layer rule.
// Each account's order and fill updates reach only that account's subscribers; trades and quotes
// reach everyone subscribed to the symbol. Accounts 900001 and 900002 are the venue's own market
// makers for `print`, as in the SDK's EngineHarness.
import { fromUnits, toUnits } from '../core/decimal.ts';
import type { Command } from '../core/commands.ts';
import type { InstrumentSpec } from '../core/instrument.ts';
import type { ClockPort, FeedPort, MarketEvent, PortOrder, PortQuote, TradingPort } from '../strategy/index.ts';
import { ACME, ACME_ASSET, BTC, BTC_USD, USD } from '../strategy/test-support-fixtures.ts';
import { PortCommands, portInstruments, type Prepared } from '../strategy/port-commands.ts';
import { actionResult, minorUnit, OrderBookkeeper, placeResult } from '../strategy/venue-orders.ts';
import type { EngineLike } from '../strategy/test-support.ts';
import type { MarketDataPort } from './pool/types.ts';

const SELLER = 900_001;
const BUYER = 900_002;
const ASSETS = [USD, ACME_ASSET, BTC];
const INSTRUMENTS = [ACME, BTC_USD];

interface Subscriber {
  /** Undefined for a market-data subscriber, which hears no account's updates. */
  readonly accountId: number | undefined;
  readonly symbols: ReadonlySet<string>;
  readonly deliver: (event: MarketEvent) => void;
}

export class TestVenue {
  private readonly specs = new Map<string, InstrumentSpec>(INSTRUMENTS.map((spec) => [spec.symbol, spec]));
  private readonly books = new Map<number, OrderBookkeeper>();
  private readonly subscribers = new Set<Subscriber>();
  private readonly quotes = new Map<string, string>();
  /** Every order each account sent, as sent. */
  readonly sent = new Map<number, PortOrder[]>();

  constructor(
    private readonly engine: EngineLike,
    private readonly now: () => number,
  ) {
    for (const asset of ASSETS) this.exec({ type: 'addAsset', asset, ts: 0 });
    for (const instrument of INSTRUMENTS) this.exec({ type: 'addInstrument', instrument, ts: 0 });
    for (const accountId of [SELLER, BUYER]) {
      this.exec({ type: 'openAccount', accountId, ts: 0 });
      for (const asset of ASSETS) this.exec({ type: 'deposit', accountId, asset: asset.code, amount: 10 ** 13, ts: 0 });
    }
  }

  /** Opens an account with deposits given as decimal strings per asset. */
  open(accountId: number, deposits: Readonly<Record<string, string>>): this {
    this.books.set(accountId, new OrderBookkeeper(accountId, (symbol) => this.spec(symbol), (asset) => ASSETS.find((a) => a.code === asset)?.scale ?? 0));
    this.exec({ type: 'openAccount', accountId, ts: 0 });
    for (const [asset, amount] of Object.entries(deposits)) {
      const minor = toUnits(amount, minorUnit(ASSETS.find((a) => a.code === asset)?.scale ?? 0));
      if (minor === undefined) throw new Error(`venue: ${amount} ${asset} is not a whole number of minor units`);
      this.exec({ type: 'deposit', accountId, asset, amount: minor, ts: 0 });
    }
    return this;
  }

  /** How many feed subscriptions are open (0 once every bot has stopped). */
  get subscriptions(): number {
    return this.subscribers.size;
  }

  /** Of those, how many are market data only (`market.ticks`), and how many name a symbol at all. */
  get marketSubscriptions(): { readonly ticks: number; readonly withSymbols: number } {
    const all = [...this.subscribers];
    return { ticks: all.filter((s) => s.accountId === undefined).length, withSymbols: all.filter((s) => s.symbols.size > 0).length };
  }

  /** Trades and quotes with no account behind them, for a pool to share (the venue builds no bars). */
  readonly market: MarketDataPort = {
    ticks: (symbol, deliver) => {
      const subscriber: Subscriber = { accountId: undefined, symbols: new Set([symbol]), deliver };
      this.subscribers.add(subscriber);
      return () => void this.subscribers.delete(subscriber);
    },
    bars: () => () => undefined,
  };

  ports(accountId: number): { trading: TradingPort; feed: FeedPort } {
    const book = this.books.get(accountId);
    if (!book) throw new Error(`venue: no account ${accountId}`);
    const sent = this.sent.get(accountId) ?? [];
    this.sent.set(accountId, sent);
    const commands = new PortCommands(accountId, (symbol) => this.specs.get(symbol), (orderId) => book.orderOf(orderId));
    const run = (prepared: Prepared) => (prepared.ok ? placeResult(this.act(prepared.command), accountId, (id) => book.state(id)) : prepared);
    const trading: TradingPort = {
      instruments: () => Promise.resolve(portInstruments(this.specs.values())),
      place: (order) => {
        sent.push(order);
        return Promise.resolve(run(commands.place(order)));
      },
      placeOco: () => Promise.resolve({ ok: false, code: 'INVALID_REQUEST', message: 'the test venue takes single orders' }),
      placeBracket: () => Promise.resolve({ ok: false, code: 'INVALID_REQUEST', message: 'the test venue takes single orders' }),
      cancel: (orderId) => Promise.resolve(actionResult(this.act(commands.cancel(orderId)))),
      cancelAll: (symbol) => Promise.resolve(actionResult(this.act(commands.cancelAll(symbol)))),
      replace: (orderId, changes) => {
        const prepared = commands.replace(orderId, changes);
        return Promise.resolve(prepared.ok ? actionResult(this.act(prepared.command)) : prepared);
      },
      balances: () => Promise.resolve(book.balances()),
      openOrders: () => Promise.resolve(book.open()),
    };
    const feed: FeedPort = {
      subscribe: (symbols, _intervals, deliver) => {
        const subscriber: Subscriber = { accountId, symbols: new Set(symbols), deliver };
        this.subscribers.add(subscriber);
        return () => void this.subscribers.delete(subscriber);
      },
      history: () => Promise.resolve([]),
      // As the in-process feed: the touch now, none on an empty book.
      quote: (symbol) => {
        const quote = this.touch(symbol);
        return quote && (quote.bidPrice !== null || quote.askPrice !== null) ? quote : undefined;
      },
    };
    return { trading, feed };
  }

  /** A trade at `price` between the venue's makers, which also fills resting orders it crosses; then a deep quote a tick either side. */
  print(symbol: string, price: string): void {
    const spec = this.spec(symbol);
    const ticks = toUnits(price, spec.tickSize)!;
    const lots = toUnits(spec.minQty, spec.lotSize)!;
    for (const accountId of [SELLER, BUYER]) this.exec({ type: 'cancelAll', accountId, symbol, ts: 0 });
    this.exec({ type: 'placeOrder', order: { accountId: SELLER, symbol, side: 'sell', type: 'limit', qty: lots, price: ticks, tif: 'gtc' }, ts: 0 });
    this.exec({ type: 'placeOrder', order: { accountId: BUYER, symbol, side: 'buy', type: 'limit', qty: lots, price: ticks, tif: 'ioc' }, ts: 0 });
    for (const accountId of [SELLER, BUYER]) this.exec({ type: 'cancelAll', accountId, symbol, ts: 0 });
    this.exec({ type: 'placeOrder', order: { accountId: BUYER, symbol, side: 'buy', type: 'limit', qty: 1000 * lots, price: ticks - 1, tif: 'gtc' }, ts: 0 });
    this.exec({ type: 'placeOrder', order: { accountId: SELLER, symbol, side: 'sell', type: 'limit', qty: 1000 * lots, price: ticks + 1, tif: 'gtc' }, ts: 0 });
    this.emitQuote(symbol);
  }

  private spec(symbol: string): InstrumentSpec {
    const spec = this.specs.get(symbol);
    if (!spec) throw new Error(`venue: unknown symbol ${symbol}`);
    return spec;
  }

  /** A bot's command: applied, then the quote refreshed (its order may be the new best). */
  private act(command: Command) {
    const events = this.exec(command);
    for (const symbol of new Set(events.flatMap((e) => ('symbol' in e && typeof e.symbol === 'string' ? [e.symbol] : [])))) this.emitQuote(symbol);
    return events;
  }

  private exec(command: Command) {
    const events = this.engine.apply({ ...command, ts: this.now() });
    for (const event of events) {
      if (event.type === 'Fill' && event.liquidity === 'taker') {
        const spec = this.spec(event.symbol);
        this.emit(event.symbol, undefined, { kind: 'trade', trade: { symbol: event.symbol, price: fromUnits(event.price, spec.tickSize), qty: fromUnits(event.qty, spec.lotSize), takerSide: event.side, ts: this.now() } });
      }
      for (const [accountId, book] of this.books) for (const update of book.apply(event)) this.emit(undefined, accountId, update);
    }
    return events;
  }

  /** The book's best bid and ask now; undefined for an unknown symbol. */
  private touch(symbol: string): PortQuote | undefined {
    const book = this.engine.book(symbol);
    if (!book) return undefined;
    const spec = this.spec(symbol);
    const [bid] = book.depth('buy', 1);
    const [ask] = book.depth('sell', 1);
    return { symbol, bidPrice: bid ? fromUnits(bid[0], spec.tickSize) : null, bidQty: fromUnits(bid?.[1] ?? 0, spec.lotSize), askPrice: ask ? fromUnits(ask[0], spec.tickSize) : null, askQty: fromUnits(ask?.[1] ?? 0, spec.lotSize), ts: this.now() };
  }

  private emitQuote(symbol: string): void {
    const quote = this.touch(symbol);
    if (!quote) return;
    const key = JSON.stringify([quote.bidPrice, quote.bidQty, quote.askPrice, quote.askQty]);
    if (this.quotes.get(symbol) === key) return;
    this.quotes.set(symbol, key);
    this.emit(symbol, undefined, { kind: 'quote', quote });
  }

  /** Market data to the symbol's subscribers, an account's own updates to that account's. */
  private emit(symbol: string | undefined, accountId: number | undefined, event: MarketEvent): void {
    for (const subscriber of [...this.subscribers]) {
      if (accountId !== undefined ? subscriber.accountId === accountId : symbol !== undefined && subscriber.symbols.has(symbol)) subscriber.deliver(event);
    }
  }
}

interface SimTimer {
  readonly id: number;
  due: number;
  readonly every: number;
  readonly fire: () => void;
}

/**
 * A simulated clock: timers fire in time order as tests advance it, letting async work settle after
 * each. `quiet` waits for that work; the default suits venues without I/O, and a simulation over a
 * real platform passes one that also waits for the journal, so no timer fires while a command is
 * still on its way (which would make the outcome depend on disk speed).
 */
export class SimClock implements ClockPort {
  private timers: SimTimer[] = [];
  private nextId = 1;

  constructor(
    private time = 1_700_000_000_000,
    private readonly quiet: () => Promise<void> = settle,
  ) {}

  now(): number {
    return this.time;
  }

  every(everyMs: number, fire: () => void): () => void {
    const timer: SimTimer = { id: this.nextId++, due: this.time + everyMs, every: everyMs, fire };
    this.timers.push(timer);
    return () => void (this.timers = this.timers.filter((t) => t !== timer));
  }

  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const next = this.timers.reduce<SimTimer | undefined>((first, t) => (!first || t.due < first.due || (t.due === first.due && t.id < first.id) ? t : first), undefined);
      if (!next || next.due > end) break;
      this.time = next.due;
      next.due += next.every;
      next.fire();
      await this.quiet();
    }
    this.time = end;
    await this.quiet();
  }
}

/** Lets promise chains that need no I/O run to the end (the runners' queues, the ports' answers). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
