// Test-only EngineHarness: the three ports over a real matching engine, with a simulated clock, market-maker prints and bars.
//
// The engine is passed in (tests construct `new Engine()`), so this file depends only on core and
// the SDK, as the layer rule requires. Account 1 is the strategy's; accounts 2 (seller) and 3
// (buyer) make the market: `print` makes a trade at a price, and leaves a quote around it.
// Everything runs on the harness clock, so a run over the same prints repeats exactly.
import type { Command } from '../core/commands.ts';
import { fromUnits, toUnits } from '../core/decimal.ts';
import type { EngineEvent, Fill } from '../core/events.ts';
import type { AssetSpec, InstrumentSpec } from '../core/instrument.ts';
import type { OrderRequest, Side } from '../core/orders.ts';
import { TradeBars } from './trade-bars.ts';
import { ACME, ACME_ASSET, BTC, BTC_USD, STRATEGY_ACCOUNT, T0, USD } from './test-support-fixtures.ts';
import { PortCommands, portInstruments, type Prepared } from './port-commands.ts';
import { actionResult, minorUnit, OrderBookkeeper, placeResult } from './venue-orders.ts';
export { ACME, ACME_ASSET, BTC, BTC_USD, STRATEGY_ACCOUNT, T0, USD } from './test-support-fixtures.ts';
import type { ActionResult, ClockPort, FeedPort, MarketEvent, PlaceResult, PortBalance, PortBar, PortInstrument, PortOrder, PortOrderState, TradingPort } from './ports.ts';

/** The part of the engine the harness drives (src/engine/engine.ts's Engine fits). */
export interface EngineLike {
  apply(command: Command): readonly EngineEvent[];
  book(symbol: string): { depth(side: Side, maxLevels: number): Array<[number, number, number]> } | undefined;
}

const SELLER = 2;
const BUYER = 3;

export interface HarnessOptions {
  readonly start?: number;
  readonly assets?: readonly AssetSpec[];
  readonly instruments?: readonly InstrumentSpec[];
  /** The strategy account's deposits, as decimal strings per asset. Default 1,000,000 USD. */
  readonly deposits?: Readonly<Record<string, string>>;
}

interface Timer {
  readonly id: number;
  due: number;
  readonly every: number;
  readonly fire: () => void;
}

interface Subscriber {
  readonly symbols: ReadonlySet<string>;
  readonly intervals: ReadonlySet<string>;
  readonly deliver: (event: MarketEvent) => void;
}

export class EngineHarness implements TradingPort, FeedPort, ClockPort {
  private time: number;
  private readonly scales = new Map<string, number>();
  private readonly specs = new Map<string, InstrumentSpec>();
  private readonly subscribers: Subscriber[] = [];
  private timers: Timer[] = [];
  private nextTimerId = 1;
  private readonly quotes = new Map<string, string>();
  private readonly bars: TradeBars;
  private readonly book: OrderBookkeeper;
  private readonly commands: PortCommands;
  /** Every order the strategy sent, as sent: compare runs for determinism. */
  readonly sent: PortOrder[] = [];
  /** Waits for the strategy to react; set with attach(). */
  private settle: () => Promise<void> = async () => {};

  constructor(
    readonly engine: EngineLike,
    options: HarnessOptions = {},
  ) {
    this.time = options.start ?? T0;
    const assets = options.assets ?? [USD, ACME_ASSET, BTC];
    const instruments = options.instruments ?? [ACME, BTC_USD];
    for (const asset of assets) this.scales.set(asset.code, asset.scale);
    for (const spec of instruments) this.specs.set(spec.symbol, spec);
    this.bars = new TradeBars((symbol) => this.spec(symbol), (bar) => this.emit(bar.symbol, { kind: 'bar', bar }, bar.interval));
    this.book = new OrderBookkeeper(STRATEGY_ACCOUNT, (symbol) => this.spec(symbol), (code) => this.scales.get(code) ?? 0);
    this.commands = new PortCommands(STRATEGY_ACCOUNT, (symbol) => this.specs.get(symbol), (orderId) => this.book.orderOf(orderId));
    for (const asset of assets) this.exec({ type: 'addAsset', asset, ts: 0 });
    for (const spec of instruments) this.exec({ type: 'addInstrument', instrument: spec, ts: 0 });
    for (const accountId of [STRATEGY_ACCOUNT, SELLER, BUYER]) this.exec({ type: 'openAccount', accountId, ts: 0 });
    for (const [asset, amount] of Object.entries(options.deposits ?? { USD: '1000000' })) this.deposit(STRATEGY_ACCOUNT, asset, amount);
    // The market makers can always take the other side: 10^13 minor units of everything.
    for (const accountId of [SELLER, BUYER]) for (const asset of assets) this.exec({ type: 'deposit', accountId, asset: asset.code, amount: 10 ** 13, ts: 0 });
  }

  /** How many feed subscriptions are live (0 once a runner has stopped). */
  get subscriptions(): number {
    return this.subscribers.length;
  }

  /** How many timers are live. */
  get activeTimers(): number {
    return this.timers.length;
  }

  /** Makes the harness wait for the runner's queue after each thing it delivers. */
  attach(runner: { idle(): Promise<void> }): this {
    this.settle = () => runner.idle();
    return this;
  }

  // ---- ClockPort --------------------------------------------------------------------------------

  now(): number {
    return this.time;
  }

  every(everyMs: number, fire: () => void): () => void {
    const timer: Timer = { id: this.nextTimerId++, due: this.time + everyMs, every: everyMs, fire };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  // ---- FeedPort ---------------------------------------------------------------------------------

  subscribe(symbols: readonly string[], barIntervals: readonly string[], deliver: (event: MarketEvent) => void): () => void {
    const subscriber: Subscriber = { symbols: new Set(symbols), intervals: new Set(barIntervals), deliver };
    this.subscribers.push(subscriber);
    return () => {
      const at = this.subscribers.indexOf(subscriber);
      if (at >= 0) this.subscribers.splice(at, 1);
    };
  }

  history(symbol: string, interval: string, n: number): Promise<readonly PortBar[]> {
    return Promise.resolve(this.bars.closed(symbol, interval, n));
  }

  // ---- TradingPort ------------------------------------------------------------------------------

  instruments(): Promise<readonly PortInstrument[]> {
    return Promise.resolve(portInstruments(this.specs.values()));
  }

  place(order: PortOrder): Promise<PlaceResult> {
    this.sent.push(order);
    return Promise.resolve(this.run(this.commands.place(order)));
  }

  placeOco(legs: readonly [PortOrder, PortOrder]): Promise<PlaceResult> {
    this.sent.push(...legs);
    return Promise.resolve(this.run(this.commands.placeOco(legs)));
  }

  placeBracket(entry: PortOrder, takeProfitPrice: string, stopLossPrice: string, stopLossLimitPrice?: string): Promise<PlaceResult> {
    this.sent.push(entry);
    return Promise.resolve(this.run(this.commands.placeBracket(entry, takeProfitPrice, stopLossPrice, stopLossLimitPrice)));
  }

  cancel(orderId: number): Promise<ActionResult> {
    return Promise.resolve(actionResult(this.act(this.commands.cancel(orderId))));
  }

  cancelAll(symbol?: string): Promise<ActionResult> {
    return Promise.resolve(actionResult(this.act(this.commands.cancelAll(symbol))));
  }

  replace(orderId: number, changes: { readonly qty?: string; readonly price?: string; readonly stopPrice?: string }): Promise<ActionResult> {
    const prepared = this.commands.replace(orderId, changes);
    return Promise.resolve(prepared.ok ? actionResult(this.act(prepared.command)) : prepared);
  }

  balances(): Promise<readonly PortBalance[]> {
    return Promise.resolve(this.book.balances());
  }

  openOrders(): Promise<readonly PortOrderState[]> {
    return Promise.resolve(this.book.open());
  }

  // ---- Drivers (tests call these) ---------------------------------------------------------------

  /**
   * A trade of `qty` (default one lot) at `price` between the market makers, which also fills the
   * strategy's resting orders at or through that price; then a quote `spreadTicks` either side.
   */
  async print(symbol: string, price: string | number, options: { qty?: string; spreadTicks?: number; depth?: string } = {}): Promise<void> {
    const spec = this.spec(symbol);
    const ticks = this.units(String(price), spec.tickSize);
    const qty = this.units(options.qty ?? spec.minQty, spec.lotSize);
    const order = (accountId: number, side: Side, at: number, lots: number, tif: 'gtc' | 'ioc'): OrderRequest => ({ accountId, symbol, side, type: 'limit', qty: lots, price: at, tif });
    this.cancelMakers(symbol);
    this.exec({ type: 'placeOrder', order: order(SELLER, 'sell', ticks, qty, 'gtc'), ts: 0 });
    this.exec({ type: 'placeOrder', order: order(BUYER, 'buy', ticks, qty, 'ioc'), ts: 0 });
    this.cancelMakers(symbol);
    const spread = options.spreadTicks ?? 1;
    const depth = this.units(options.depth ?? '1000', spec.lotSize);
    if (ticks - spread > 0) this.exec({ type: 'placeOrder', order: order(BUYER, 'buy', ticks - spread, depth, 'gtc'), ts: 0 });
    this.exec({ type: 'placeOrder', order: order(SELLER, 'sell', ticks + spread, depth, 'gtc'), ts: 0 });
    this.emitQuote(symbol);
    await this.settle();
  }

  /** Moves the clock forward to `ts`, closing bars and firing timers in time order on the way. */
  async advanceTo(ts: number): Promise<void> {
    for (;;) {
      const barDue = this.bars.nextClose();
      const timer = this.timers.reduce<Timer | undefined>((first, t) => (!first || t.due < first.due || (t.due === first.due && t.id < first.id) ? t : first), undefined);
      const due = Math.min(barDue ?? Infinity, timer?.due ?? Infinity);
      if (due > ts) break;
      this.time = Math.max(this.time, due);
      if (barDue === due) this.bars.closeUpTo(due);
      else if (timer) {
        timer.due += timer.every;
        timer.fire();
      }
      await this.settle();
    }
    this.time = Math.max(this.time, ts);
    this.exec({ type: 'advanceTime', ts: 0 });
    await this.settle();
  }

  advance(ms: number): Promise<void> {
    return this.advanceTo(this.time + ms);
  }

  /** One print per step: advance `stepMs`, then print the next price. */
  async play(symbol: string, prices: ReadonlyArray<string | number>, stepMs = 60_000): Promise<void> {
    for (const price of prices) {
      await this.advance(stepMs);
      await this.print(symbol, price);
    }
  }

  /** Closed bars the feed's history() returns before any trading. */
  seedBars(bars: readonly PortBar[]): void {
    for (const bar of bars) this.bars.seed(bar);
  }

  deposit(accountId: number, asset: string, amount: string): void {
    this.exec({ type: 'deposit', accountId, asset, amount: this.units(amount, minorUnit(this.scales.get(asset) ?? 0)), ts: 0 });
  }

  // ---- Internals --------------------------------------------------------------------------------

  private spec(symbol: string): InstrumentSpec {
    const spec = this.specs.get(symbol);
    if (!spec) throw new Error(`harness: unknown symbol ${symbol}`);
    return spec;
  }

  private units(text: string, unit: string): number {
    const units = toUnits(text, unit);
    if (units === undefined) throw new Error(`harness: ${text} is not a multiple of ${unit}`);
    return units;
  }

  private run(prepared: Prepared): PlaceResult {
    return prepared.ok ? placeResult(this.act(prepared.command), STRATEGY_ACCOUNT, (id) => this.book.state(id)) : prepared;
  }

  /** A strategy's command: applied, then the quote is refreshed (its order may be the new best). */
  private act(command: Command): readonly EngineEvent[] {
    const events = this.exec(command);
    for (const symbol of new Set(events.flatMap((e) => ('symbol' in e && typeof e.symbol === 'string' ? [e.symbol] : [])))) this.emitQuote(symbol);
    return events;
  }

  /** Applies a command at the harness clock's time (the `ts` written at call sites is only a placeholder). */
  private exec(command: Command): readonly EngineEvent[] {
    const events = this.engine.apply({ ...command, ts: this.time });
    for (const event of events) {
      if (event.type === 'Fill' && event.liquidity === 'taker') this.printed(event);
      for (const update of this.book.apply(event)) this.emit(update.kind === 'fill' ? update.fill.symbol : update.order.symbol, update);
    }
    return events;
  }

  private printed(fill: Fill): void {
    const spec = this.spec(fill.symbol);
    const trade = { symbol: fill.symbol, price: fromUnits(fill.price, spec.tickSize), qty: fromUnits(fill.qty, spec.lotSize), takerSide: fill.side, ts: this.time };
    this.bars.trade(fill.symbol, this.time, fill.price, fill.qty);
    this.emit(fill.symbol, { kind: 'trade', trade });
  }

  private cancelMakers(symbol: string): void {
    for (const accountId of [SELLER, BUYER]) this.exec({ type: 'cancelAll', accountId, symbol, ts: 0 });
  }

  private emitQuote(symbol: string): void {
    const book = this.engine.book(symbol);
    if (!book) return;
    const spec = this.spec(symbol);
    const [bid] = book.depth('buy', 1);
    const [ask] = book.depth('sell', 1);
    const price = (level: [number, number, number] | undefined) => (level ? fromUnits(level[0], spec.tickSize) : null);
    const size = (level: [number, number, number] | undefined) => (level ? fromUnits(level[1], spec.lotSize) : '0');
    const quote = { symbol, bidPrice: price(bid), bidQty: size(bid), askPrice: price(ask), askQty: size(ask), ts: this.time };
    const key = JSON.stringify([quote.bidPrice, quote.bidQty, quote.askPrice, quote.askQty]);
    if (this.quotes.get(symbol) === key) return;
    this.quotes.set(symbol, key);
    this.emit(symbol, { kind: 'quote', quote });
  }

  private emit(symbol: string, event: MarketEvent, interval?: string): void {
    // Own order and fill updates go to every subscriber; market data only to those who asked for it.
    const own = event.kind === 'order' || event.kind === 'fill';
    for (const subscriber of [...this.subscribers]) {
      if (!own && !subscriber.symbols.has(symbol)) continue;
      if (interval !== undefined && !subscriber.intervals.has(interval)) continue;
      subscriber.deliver(event);
    }
  }
}
