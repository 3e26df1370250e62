// The backtest venue: the strategy's trading and feed ports over a real engine, with history turned into liquidity by a fill model.
//
// Invariants:
// - the strategy's account trades only in the engine, so risk holds, matching, clearing, fees and
//   every order type behave exactly as on the exchange;
// - everything happens at the backtest clock's time, so a run over the same records repeats exactly;
// - the strategy hears a record after the fill model has acted on it (its own fills first).
import type { Command } from '../core/commands.ts';
import { atPlaces, decimalPlaces, toUnits } from '../core/decimal.ts';
import type { EngineEvent } from '../core/events.ts';
import { instrumentsByBase, type InstrumentSpec } from '../core/instrument.ts';
import type { Side } from '../core/orders.ts';
import { SessionCalendar } from '../core/session-calendar.ts';
import { Engine } from '../engine/engine.ts';
import type { ActionResult, FeedPort, MarketEvent, PlaceResult, PortBalance, PortBar, PortInstrument, PortOrder, PortOrderState, PortQuote, TradingPort } from '../strategy/index.ts';
import { barText } from '../strategy/bar-text.ts';
import { TradeBars } from '../strategy/trade-bars.ts';
import { InstrumentText } from '../strategy/unit-text.ts';
import { PortCommands, portInstruments, type Prepared } from '../strategy/port-commands.ts';
import { actionResult, minorUnit, OrderBookkeeper, placeResult } from '../strategy/venue-orders.ts';
import type { BacktestClock } from './clock.ts';
import type { Exposure, FillModel, MarketView, RestingOrder } from './fill-model.ts';
import { Liquidity, MAKER_ACCOUNT, STRATEGY_ACCOUNT, TAKER_ACCOUNT } from './liquidity.ts';
import { OrderOutcomeCounter, type OrderOutcomes } from './order-outcomes.ts';
import { RecordedBook } from './recorded-book.ts';
import type { BacktestMarket, FillRecord, MarketRecord } from './types.ts';

export interface VenueOptions {
  readonly market: BacktestMarket;
  readonly fillModel: FillModel;
  readonly clock: BacktestClock;
  /** The strategy account's starting balances, as decimal strings per asset. */
  readonly deposits: Readonly<Record<string, string>>;
  /** Delays each strategy action by this many ms of backtest time (0: it acts at once). */
  readonly latency?: () => number;
  /** Called for each strategy fill, in order. */
  readonly onFill?: (fill: FillRecord) => void;
}

interface Subscriber {
  readonly symbols: ReadonlySet<string>;
  readonly intervals: ReadonlySet<string>;
  readonly deliver: (event: MarketEvent) => void;
}

/** Everything the venue keeps per symbol, in one place: the record path looks it up once. */
interface SymbolState {
  readonly spec: InstrumentSpec;
  readonly text: InstrumentText;
  readonly maxQty: number;
  last: number | undefined;
  quote: { bid: number | undefined; ask: number | undefined } | undefined;
  engineLast: number | undefined;
  /** History's price now (the last trade or close, else the quote's mid): what the engine's price band should be centred on. */
  reference: number | undefined;
  /** The reference the engine's band was last moved to, if the venue moved it. */
  synced: number | undefined;
  /** The strategy's exposure, measured when first asked for after its orders changed. */
  exposure: Exposure | undefined;
  /** The historical book, once the data has book records. */
  book: RecordedBook | undefined;
}

interface Pending {
  readonly due: number;
  readonly run: () => void;
}

/** The market's own accounts can always take the other side: 10^15 minor units of every asset. */
const MARKET_DEPOSIT = 10 ** 15;
const NO_EXPOSURE: Exposure = { maxBuy: -Infinity, minSell: Infinity, stops: false };

export class BacktestVenue implements TradingPort, FeedPort, MarketView {
  readonly engine = new Engine();
  readonly liquidity: Liquidity;
  private readonly specs = new Map<string, InstrumentSpec>();
  /** Per currency, the symbols quoted in it by base asset (see equity). */
  private readonly quotedIn = new Map<string, Map<string, InstrumentSpec[]>>();
  private readonly scales = new Map<string, number>();
  private readonly symbols = new Map<string, SymbolState>();
  private readonly book: OrderBookkeeper;
  private readonly commands: PortCommands;
  private readonly bars: TradeBars;
  private readonly subscribers: Subscriber[] = [];
  private pending: Pending[] = [];
  private readonly fillModel: FillModel;
  private readonly outcomes = new OrderOutcomeCounter();
  private readonly sessions: SessionCalendar;

  constructor(private readonly options: VenueOptions) {
    this.fillModel = options.fillModel;
    const { assets, instruments } = options.market;
    for (const asset of assets) this.scales.set(asset.code, asset.scale);
    this.book = new OrderBookkeeper(STRATEGY_ACCOUNT, (symbol) => this.spec(symbol), (code) => this.scales.get(code) ?? 0);
    this.commands = new PortCommands(STRATEGY_ACCOUNT, (symbol) => this.specs.get(symbol), (orderId) => this.book.orderOf(orderId));
    this.bars = new TradeBars((symbol) => this.spec(symbol), (bar, view) => this.emit(bar.symbol, { kind: 'bar', bar, view }, bar.interval), { intervals: [] });
    const now = () => options.clock.now();
    this.liquidity = new Liquidity((command) => this.run(command), (symbol) => this.maxQty(symbol), now, (symbol) => this.followMarket(symbol));
    for (const asset of assets) this.run({ type: 'addAsset', asset, ts: now() });
    for (const spec of instruments) {
      this.specs.set(spec.symbol, spec);
      const maxQty = toUnits(spec.maxQty, spec.lotSize);
      if (maxQty === undefined) throw new RangeError(`${spec.symbol}: maxQty is not a whole number of lots`);
      const text = new InstrumentText(spec, minorUnit(this.scales.get(spec.quote) ?? 0));
      this.symbols.set(spec.symbol, { spec, text, maxQty, last: undefined, quote: undefined, engineLast: undefined, reference: undefined, synced: undefined, exposure: undefined, book: undefined });
      this.run({ type: 'addInstrument', instrument: spec, ts: now() });
    }
    for (const accountId of [STRATEGY_ACCOUNT, MAKER_ACCOUNT, TAKER_ACCOUNT]) this.run({ type: 'openAccount', accountId, ts: now() });
    for (const [asset, amount] of Object.entries(options.deposits)) {
      const minor = toUnits(amount, minorUnit(this.scales.get(asset) ?? 0));
      if (minor === undefined) throw new RangeError(`deposit ${amount} ${asset} is not a whole number of minor units`);
      this.run({ type: 'deposit', accountId: STRATEGY_ACCOUNT, asset, amount: minor, ts: now() });
    }
    for (const accountId of [MAKER_ACCOUNT, TAKER_ACCOUNT]) for (const asset of assets) this.run({ type: 'deposit', accountId, asset: asset.code, amount: MARKET_DEPOSIT, ts: now() });
    this.sessions = new SessionCalendar(options.market.sessions);
    this.sessions.track(this.specs.keys(), now());
  }

  // ---- Driving (the backtest loop calls these) -------------------------------------------------

  /** One market record, at the clock's current time. */
  record(record: MarketRecord): void {
    const symbol = record.symbol;
    const state = this.symbols.get(symbol);
    if (!state) throw new RangeError(`record for unknown symbol ${symbol}`);
    switch (record.kind) {
      case 'trade':
        state.last = state.reference = record.price;
        break;
      case 'bar':
        state.last = state.reference = record.close;
        break;
      case 'quote':
        state.quote = { bid: record.bid, ask: record.ask };
        this.quoted(state);
        break;
      case 'book': {
        const book = (state.book ??= new RecordedBook());
        book.apply(record);
        state.quote = { bid: book.best('buy'), ask: book.best('sell') };
        this.quoted(state);
        break;
      }
    }
    this.fillModel.onRecord(record, this);
    if (this.subscribers.length === 0) return;
    const { prices, sizes } = state.text;
    switch (record.kind) {
      case 'trade':
        this.emit(symbol, { kind: 'trade', trade: { symbol, price: prices.text(record.price), qty: sizes.text(record.qty), takerSide: record.takerSide ?? 'buy', ts: record.ts } });
        this.bars.trade(symbol, record.ts, record.price, record.qty);
        break;
      case 'bar': {
        const { bar, view } = barText(state.text, record);
        this.bars.seed(bar);
        this.emit(symbol, { kind: 'bar', bar, view }, record.interval);
        break;
      }
      case 'quote':
        this.emit(symbol, { kind: 'quote', quote: { symbol, bidPrice: priceText(prices, record.bid), bidQty: sizes.text(record.bidQty), askPrice: priceText(prices, record.ask), askQty: sizes.text(record.askQty), ts: record.ts } });
        break;
      case 'book':
        this.emit(symbol, { kind: 'quote', quote: bookQuote(symbol, state, state.book!, record.ts) });
        break;
    }
  }

  /** The touch of the recorded book now, for a strategy starting on it (a quote event comes only when the book changes). */
  quote(symbol: string): PortQuote | undefined {
    const state = this.symbols.get(symbol);
    return state?.book && bookQuote(symbol, state, state.book, this.options.clock.now());
  }

  /**
   * History from before the run (`until`: the run's first record's time), before the strategy
   * starts: its bars, and the bars its trades make, become what `history` answers. Nothing is
   * emitted or traded, and no price is set.
   */
  preload(records: Iterable<MarketRecord>, intervals: readonly string[], until: number): void {
    this.bars.want(intervals);
    for (const record of records) {
      if (record.ts >= until) break;
      const state = this.state(record.symbol);
      if (record.kind === 'bar') this.bars.seed(barText(state.text, record).bar);
      else if (record.kind === 'trade') this.bars.trade(record.symbol, record.ts, record.price, record.qty);
    }
    // A bar built from trades that ended by the run's first record is history too.
    this.bars.closeUpTo(until);
  }

  /** Bars built from trade records close when time passes their end: when the next one is due. */
  nextBarClose(): number | undefined {
    return this.bars.nextClose();
  }

  closeBars(ts: number): void {
    this.bars.closeUpTo(ts);
  }

  /** When the earliest trading session closes (Infinity when no symbol is listed). */
  nextSessionClose(): number {
    return this.sessions.nextDue();
  }

  /** Ends every session that has closed by `ts`: DAY orders on its symbol expire, as the exchange's session scheduler expires them. */
  endSessions(ts: number): void {
    for (const [symbol] of this.sessions.takeDue(ts)) this.run({ type: 'endSession', symbol, ts: this.options.clock.now() });
  }

  /** When the earliest delayed strategy action arrives, if any. */
  nextArrival(): number | undefined {
    return this.pending[0]?.due;
  }

  /** Runs the delayed actions that have arrived by `ts`, in arrival order; false when none had. */
  arrive(ts: number): boolean {
    const first = this.pending[0];
    if (!first || first.due > ts) return false;
    this.pending.shift();
    first.run();
    return true;
  }

  /**
   * The strategy account valued at the last prices, in `currency`: cash plus each base asset once,
   * at the last price of the first symbol listed on it and quoted in `currency` that has one (an
   * asset two symbols trade is one holding, not one per symbol).
   */
  equity(currency: string): number {
    let decimals = this.scales.get(currency) ?? 0;
    let total = this.book.total(currency) / 10 ** decimals;
    for (const [base, specs] of this.basesQuotedIn(currency)) {
      const held = this.book.total(base);
      if (held === 0) continue;
      for (const spec of specs) {
        const price = this.symbols.get(spec.symbol)?.last;
        if (price === undefined) continue;
        const baseScale = this.scales.get(base) ?? 0;
        total += (held / 10 ** baseScale) * price * Number(spec.tickSize);
        decimals = Math.max(decimals, baseScale + decimalPlaces(spec.tickSize));
        break;
      }
    }
    // Each term is exact at these decimals.
    return atPlaces(total, decimals);
  }

  /** The symbols quoted in `currency`, by base asset, in listing order; the listings never change during a run. */
  private basesQuotedIn(currency: string): Map<string, InstrumentSpec[]> {
    let byBase = this.quotedIn.get(currency);
    if (!byBase) this.quotedIn.set(currency, (byBase = instrumentsByBase([...this.specs.values()].filter((spec) => spec.quote === currency))));
    return byBase;
  }

  /** A placement the strategy's SDK refused before sending it: counted with the venue's refusals. */
  placementNotSent(code: string): void {
    this.outcomes.refuse(code);
  }

  /** What became of the strategy's orders so far. */
  orderOutcomes(): OrderOutcomes {
    return this.outcomes.outcomes();
  }

  // ---- MarketView (the fill model reads these) --------------------------------------------------

  exposure(symbol: string): Exposure {
    const state = this.state(symbol);
    return (state.exposure ??= this.measure(symbol));
  }

  resting(symbol: string): RestingOrder[] {
    const orders: RestingOrder[] = [];
    for (const order of this.book.liveOrders()) {
      if (order.symbol !== symbol || order.price === undefined || (order.status !== 'open' && order.status !== 'partially_filled')) continue;
      orders.push({ id: order.id, side: order.side, price: order.price, leaves: order.leaves });
    }
    return orders;
  }

  lastPrice(symbol: string): number | undefined {
    return this.symbols.get(symbol)?.last;
  }

  lastQuote(symbol: string): { readonly bid: number | undefined; readonly ask: number | undefined } | undefined {
    return this.symbols.get(symbol)?.quote;
  }

  recordedBook(symbol: string): RecordedBook | undefined {
    return this.symbols.get(symbol)?.book;
  }

  engineLastPrice(symbol: string): number | undefined {
    return this.symbols.get(symbol)?.engineLast;
  }

  maxQty(symbol: string): number {
    return this.state(symbol).maxQty;
  }

  bandBps(symbol: string): number {
    return this.state(symbol).spec.bandBps;
  }

  // ---- FeedPort ---------------------------------------------------------------------------------

  subscribe(symbols: readonly string[], barIntervals: readonly string[], deliver: (event: MarketEvent) => void): () => void {
    const subscriber: Subscriber = { symbols: new Set(symbols), intervals: new Set(barIntervals), deliver };
    this.subscribers.push(subscriber);
    this.bars.want(barIntervals);
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
    return this.placing(this.commands.place(order));
  }

  placeOco(legs: readonly [PortOrder, PortOrder]): Promise<PlaceResult> {
    return this.placing(this.commands.placeOco(legs));
  }

  placeBracket(entry: PortOrder, takeProfitPrice: string, stopLossPrice: string, stopLossLimitPrice?: string): Promise<PlaceResult> {
    return this.placing(this.commands.placeBracket(entry, takeProfitPrice, stopLossPrice, stopLossLimitPrice));
  }

  cancel(orderId: number): Promise<ActionResult> {
    return this.later(() => actionResult(this.exec(this.commands.cancel(orderId))));
  }

  cancelAll(symbol?: string): Promise<ActionResult> {
    return this.later(() => actionResult(this.exec(this.commands.cancelAll(symbol))));
  }

  replace(orderId: number, changes: { readonly qty?: string; readonly price?: string; readonly stopPrice?: string }): Promise<ActionResult> {
    const prepared = this.commands.replace(orderId, changes);
    if (!prepared.ok) return Promise.resolve(prepared);
    return this.later(() => actionResult(this.act(prepared.symbol, prepared.sides, prepared.command)));
  }

  balances(): Promise<readonly PortBalance[]> {
    return Promise.resolve(this.book.balances());
  }

  openOrders(): Promise<readonly PortOrderState[]> {
    return Promise.resolve(this.book.open());
  }

  // ---- Internals --------------------------------------------------------------------------------

  /** Runs a strategy action now, or when its latency has passed. */
  private later<T>(action: () => T): Promise<T> {
    const delay = this.options.latency?.() ?? 0;
    if (delay <= 0) return Promise.resolve(action());
    return new Promise<T>((resolve, reject) => {
      const due = this.options.clock.now() + delay;
      const run = () => {
        try {
          resolve(action());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      // Arrivals keep time order; equal times keep the order they were sent in.
      let at = this.pending.length;
      while (at > 0 && this.pending[at - 1]!.due > due) at--;
      this.pending.splice(at, 0, { due, run });
    });
  }

  private placing(prepared: Prepared): Promise<PlaceResult> {
    if (!prepared.ok) {
      this.outcomes.refuse(prepared.code);
      return Promise.resolve(prepared);
    }
    return this.later(() => this.placed(this.act(prepared.symbol, prepared.sides, prepared.command)));
  }

  private placed(events: readonly EngineEvent[]): PlaceResult {
    return placeResult(events, STRATEGY_ACCOUNT, (id) => this.book.state(id));
  }

  /** A strategy command with the fill model's liquidity around it. */
  private act(symbol: string, sides: readonly Side[], command: Command): readonly EngineEvent[] {
    this.followMarket(symbol);
    this.fillModel.beforeOrder(symbol, sides.length === 1 ? ONE_SIDE[sides[0]!] : new Set(sides), this);
    const events = this.exec(command);
    this.fillModel.afterOrder(symbol, this);
    return events;
  }

  /** A strategy's command, made without the time (the port layer does not know the clock): stamped here. */
  private exec(command: Command): readonly EngineEvent[] {
    const now = this.options.clock.now();
    // A command at or after a close comes after that session's end, as on the exchange: a DAY order placed at 16:00 lives to the next close.
    if (this.sessions.isDue(now)) this.endSessions(now);
    return this.run({ ...command, ts: now });
  }

  /**
   * Applies a command that carries the clock's time. The venue's own commands are made with it:
   * copying every kind of command through one spread made that copy megamorphic, a slow generic
   * clone on each of the three commands of an order.
   */
  private run(command: Command): readonly EngineEvent[] {
    const events = this.engine.apply(command);
    for (const event of events) {
      if (event.type === 'Fill') this.state(event.symbol).engineLast = event.price;
      // Most of an order's events are the market accounts' (their quotes, holds and fills): the
      // bookkeeper follows only the strategy's account, so they stop here, at one field read.
      if ((event as { readonly accountId?: number }).accountId !== STRATEGY_ACCOUNT) continue;
      this.outcomes.observe(event);
      if (event.type === 'Fill') this.options.onFill?.(this.fillRecord(event));
      const updates = this.book.apply(event);
      for (const update of updates) {
        const symbol = update.kind === 'fill' ? update.fill.symbol : update.order.symbol;
        this.state(symbol).exposure = undefined;
        this.emit(symbol, update);
      }
    }
    return events;
  }

  /** A quote's mid is history's price until a trade says otherwise; without any trade yet it is also the last price. */
  private quoted(state: SymbolState): void {
    const { bid, ask } = state.quote!;
    if (bid === undefined || ask === undefined) return;
    const mid = Math.round((bid + ask) / 2);
    state.last ??= mid;
    state.reference = mid;
  }

  /**
   * Centres the engine's price band on history's price before anything trades there. The band is the
   * exchange's rule around its own last trade, but in a backtest the price is history's: without
   * this, a market that drifts further than the band from the instrument's reference price (or from
   * the last fill) refuses every order from then on. Costs a command only when the price moved.
   */
  private followMarket(symbol: string): void {
    const state = this.state(symbol);
    const reference = state.reference;
    if (reference === undefined || reference === state.synced) return;
    state.synced = reference;
    if (this.engine.lastPrice(symbol) !== reference) this.run({ type: 'setReferencePrice', symbol, price: reference, ts: this.options.clock.now() });
  }

  private fillRecord(fill: Extract<EngineEvent, { type: 'Fill' }>): FillRecord {
    const { text } = this.state(fill.symbol);
    return {
      ts: fill.ts,
      symbol: fill.symbol,
      side: fill.side,
      // Through the exact decimal text, so 100.46 stays 100.46 rather than 100.46000000000001.
      price: text.prices.value(fill.price),
      qty: text.sizes.value(fill.qty),
      fee: text.fees.value(fill.fee),
      liquidity: fill.liquidity,
      orderId: fill.orderId,
    };
  }

  private measure(symbol: string): Exposure {
    let maxBuy = -Infinity;
    let minSell = Infinity;
    let stops = false;
    for (const order of this.book.liveOrders()) {
      if (order.symbol !== symbol) continue;
      if (order.status === 'untriggered') stops = true;
      else if ((order.status === 'open' || order.status === 'partially_filled') && order.price !== undefined) {
        if (order.side === 'buy' && order.price > maxBuy) maxBuy = order.price;
        if (order.side === 'sell' && order.price < minSell) minSell = order.price;
      }
    }
    return maxBuy === -Infinity && minSell === Infinity && !stops ? NO_EXPOSURE : { maxBuy, minSell, stops };
  }

  private emit(symbol: string, event: MarketEvent, interval?: string): void {
    // Own order and fill updates go to every subscriber; market data only to those who asked for it.
    const own = event.kind === 'order' || event.kind === 'fill';
    for (const subscriber of this.subscribers) {
      if (!own && !subscriber.symbols.has(symbol)) continue;
      if (interval !== undefined && !subscriber.intervals.has(interval)) continue;
      subscriber.deliver(event);
    }
  }

  private state(symbol: string): SymbolState {
    const state = this.symbols.get(symbol);
    if (!state) throw new RangeError(`unknown symbol ${symbol}`);
    return state;
  }

  private spec(symbol: string): InstrumentSpec {
    const spec = this.specs.get(symbol);
    if (!spec) throw new RangeError(`unknown symbol ${symbol}`);
    return spec;
  }
}

/** The sides of a one-sided order (nearly all of them), made once: the fill models only read them. */
const ONE_SIDE: Readonly<Record<Side, ReadonlySet<Side>>> = { buy: new Set<Side>(['buy']), sell: new Set<Side>(['sell']) };

/** The recorded book's best bid and ask with the size at each, as the strategy hears a quote. */
function bookQuote(symbol: string, state: SymbolState, book: RecordedBook, ts: number): PortQuote {
  const { prices, sizes } = state.text;
  const bid = state.quote?.bid;
  const ask = state.quote?.ask;
  const bidQty = sizes.text(bid === undefined ? 0 : book.qty('buy', bid));
  const askQty = sizes.text(ask === undefined ? 0 : book.qty('sell', ask));
  return { symbol, bidPrice: priceText(prices, bid), bidQty, askPrice: priceText(prices, ask), askQty, ts };
}

function priceText(prices: InstrumentText['prices'], ticks: number | undefined): string | null {
  return ticks === undefined ? null : prices.text(ticks);
}
