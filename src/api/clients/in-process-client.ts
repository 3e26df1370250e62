// The in-process client: the strategy ports over the same trading service and feeds that REST and WebSocket use.
import { isCandleInterval } from '../../core/candle-intervals.ts';
import type { MarketDataPort } from '../../bots/index.ts';
import type { EngineEvent } from '../../core/events.ts';
import type { LiveOrder } from '../../engine/state.ts';
import { ExchangeUnavailableError } from '../../platform/exchange.ts';
import type { FeedMessage } from '../../platform/feed-messages.ts';
import { topics } from '../../platform/topics.ts';
import type { OrderRow } from '../../store/index.ts';
import type { ActionResult, FeedPort, MarketEvent, PlaceResult, PortBar, PortOrder, PortOrderState, PortOrderStatus, PortQuote, TradingPort } from '../../strategy/ports.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiContext } from '../context.ts';
import { ApiError, messageOf } from '../errors.ts';
import { callerKey, type RequestLimit } from '../request-limit.ts';
import { candleView, orderView, tradeView } from '../views.ts';

function refusal(error: unknown): { ok: false; code: string; message: string } {
  if (error instanceof ApiError) return { ok: false, code: error.code, message: error.message };
  // The exchange takes no commands (shutting down, or its journal failed): a refusal for the bot to
  // wait out, as an API client gets 503, not a failure of its strategy to restart it for (and log).
  if (error instanceof ExchangeUnavailableError) return { ok: false, code: 'UNAVAILABLE', message: error.publicMessage ?? messageOf('UNAVAILABLE') };
  throw error;
}

/**
 * No back door: every action goes through `TradingService` with the bot's own principal, exactly
 * as an API request would, and reads come from the same engine and store the API reads.
 */
export class InProcessTradingPort implements TradingPort {
  constructor(
    private readonly ctx: ApiContext,
    private readonly principal: Principal,
    /**
     * The request budget each order action spends, as the principal's REST calls and WebSocket
     * order entry do (past it, RATE_LIMITED): a bot's. None for the server's own execution of an
     * order a client already sent (an algo order's children).
     */
    private readonly budget?: RequestLimit,
  ) {}

  instruments() {
    return Promise.resolve(this.ctx.exchange.engine.instruments().map((i) => ({ symbol: i.symbol, base: i.base, quote: i.quote, tickSize: i.spec.tickSize, lotSize: i.spec.lotSize, minQty: i.spec.minQty, maxQty: i.spec.maxQty })));
  }

  async place(order: PortOrder): Promise<PlaceResult> {
    try {
      this.spend();
      return { ok: true, orders: (await this.ctx.trading.placeOrder(this.principal, order)).orders.map((o) => this.state(o)) };
    } catch (error) {
      return refusal(error);
    }
  }

  async placeOco(legs: readonly [PortOrder, PortOrder]): Promise<PlaceResult> {
    try {
      this.spend();
      return { ok: true, orders: (await this.ctx.trading.placeOco(this.principal, legs)).orders.map((o) => this.state(o)) };
    } catch (error) {
      return refusal(error);
    }
  }

  async placeBracket(entry: PortOrder, takeProfitPrice: string, stopLossPrice: string, stopLossLimitPrice?: string): Promise<PlaceResult> {
    try {
      this.spend();
      const placed = await this.ctx.trading.placeBracket(this.principal, { entry, takeProfitPrice, stopLossPrice, stopLossLimitPrice });
      return { ok: true, orders: placed.orders.map((o) => this.state(o)) };
    } catch (error) {
      return refusal(error);
    }
  }

  async cancel(orderId: number): Promise<ActionResult> {
    return this.act(() => this.ctx.trading.cancel(this.principal, { orderId }));
  }

  async cancelAll(symbol?: string): Promise<ActionResult> {
    return this.act(() => this.ctx.trading.cancelAll(this.principal, symbol));
  }

  async replace(orderId: number, changes: { readonly qty?: string; readonly price?: string; readonly stopPrice?: string }): Promise<ActionResult> {
    return this.act(() => this.ctx.trading.replace(this.principal, { orderId }, changes));
  }

  balances() {
    const f = this.ctx.format;
    return Promise.resolve(this.ctx.exchange.engine.balances(this.principal.accountId).map((b) => ({ asset: b.asset, available: f.amount(b.asset, b.available), held: f.amount(b.asset, b.held) })));
  }

  openOrders(): Promise<readonly PortOrderState[]> {
    return Promise.resolve(this.ctx.exchange.engine.liveOrders(this.principal.accountId).map((order) => liveState(this.ctx, order)));
  }

  private async act(run: () => Promise<unknown>): Promise<ActionResult> {
    try {
      this.spend();
      await run();
      return { ok: true };
    } catch (error) {
      return refusal(error);
    }
  }

  /** Counts one order action against the principal's budget, if it spends one; throws the refusal past it. */
  private spend(): void {
    const overBudget = this.budget?.overBudget(callerKey(this.principal));
    if (overBudget) throw overBudget;
  }

  private state(row: OrderRow): PortOrderState {
    return rowState(this.ctx, row);
  }
}

function rowState(ctx: ApiContext, row: OrderRow): PortOrderState {
  const v = orderView(ctx.format, row);
  return { id: v.id, clientOrderId: v.clientOrderId, symbol: v.symbol, side: v.side, type: v.type, status: v.status, qty: v.qty, filledQty: v.filledQty, leavesQty: v.leavesQty, price: v.price, stopPrice: v.stopPrice, avgFillPrice: v.avgFillPrice, reason: v.reason };
}

function liveState(ctx: ApiContext, order: Readonly<LiveOrder>): PortOrderState {
  const f = ctx.format;
  const symbol = order.market.instrument.symbol;
  const status: PortOrderStatus = order.state !== 'open' ? order.state : order.filled > 0 ? 'partially_filled' : 'open';
  return {
    id: order.id,
    clientOrderId: order.clientOrderId ?? null,
    symbol,
    side: order.side,
    type: order.type,
    status,
    qty: f.qty(symbol, order.qty),
    filledQty: f.qty(symbol, order.filled),
    leavesQty: f.qty(symbol, order.qty - order.filled),
    price: f.optionalPrice(symbol, order.price),
    stopPrice: f.optionalPrice(symbol, order.stopPrice),
    avgFillPrice: null,
    reason: null,
  };
}

/**
 * One bus message reaches every bot subscribed to its symbol. Its strategy event is built once and
 * handed to all of them (events are read-only data), so a busy symbol costs one formatting per
 * message instead of one per subscriber. The feed's depth only changes when a batch is folded in,
 * never during a delivery, so every subscriber would have built the same quote.
 */
const sharedEvents = new WeakMap<FeedMessage, MarketEvent>();

function shared(message: FeedMessage, build: () => MarketEvent): MarketEvent {
  let event = sharedEvents.get(message);
  if (!event) sharedEvents.set(message, (event = build()));
  return event;
}

/**
 * Public market data from the exchange's bus as strategy events: what the public WebSocket channels
 * carry, with no account behind it. A bot pool shares one of these among all its bots.
 */
export class InProcessMarketData implements MarketDataPort {
  constructor(private readonly ctx: ApiContext) {}

  ticks(symbol: string, deliver: (event: MarketEvent) => void): () => void {
    const { bus } = this.ctx.exchange;
    const f = this.ctx.format;
    const stops = [
      bus.subscribe(topics.trades(symbol), (message) => {
        if (message.kind === 'trade') deliver(shared(message, () => ({ kind: 'trade', trade: tradeView(f, message.trade) })));
      }),
      bus.subscribe(topics.book(symbol), (message) => {
        if (message.kind !== 'depth') return;
        deliver(shared(message, () => ({ kind: 'quote', quote: this.topOfBook(symbol) })));
      }),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }

  /** The book's best bid and ask now; undefined when the book is empty. */
  quote(symbol: string): PortQuote | undefined {
    const quote = this.topOfBook(symbol);
    return quote.bidPrice === null && quote.askPrice === null ? undefined : quote;
  }

  private topOfBook(symbol: string): PortQuote {
    const f = this.ctx.format;
    const book = this.ctx.exchange.feed.depth(symbol);
    const [bid, ask] = [book.bids[0], book.asks[0]];
    return { symbol, bidPrice: bid ? f.price(symbol, bid[0]) : null, bidQty: f.qty(symbol, bid?.[1] ?? 0), askPrice: ask ? f.price(symbol, ask[0]) : null, askQty: f.qty(symbol, ask?.[1] ?? 0), ts: this.ctx.exchange.engine.time };
  }

  bars(symbol: string, interval: string, deliver: (event: MarketEvent) => void): () => void {
    if (!isCandleInterval(interval)) return () => undefined;
    const f = this.ctx.format;
    return this.ctx.exchange.bus.subscribe(topics.candles(symbol, interval), (message) => {
      if (message.kind === 'candle' && message.closed) deliver(shared(message, () => ({ kind: 'bar', bar: barOf(candleView(f, message.candle)) })));
    });
  }
}

/** Market data from the exchange's bus, and the account's own order and fill updates, as strategy events. */
export class InProcessFeedPort implements FeedPort {
  /** Orders of this account still open, as last reported, so an ended order's update keeps its side and type. */
  private readonly known = new Map<number, PortOrderState>();
  private readonly market: InProcessMarketData;

  constructor(
    private readonly ctx: ApiContext,
    private readonly accountId: number,
  ) {
    this.market = new InProcessMarketData(ctx);
  }

  /** With no symbols, only the account's own order and fill updates. */
  subscribe(symbols: readonly string[], barIntervals: readonly string[], deliver: (event: MarketEvent) => void): () => void {
    // Orders open before now (a resumed algo order's children, a restarted bot's quotes): when one ends, gone from the engine, its update still says what it was.
    for (const order of this.ctx.exchange.engine.liveOrders(this.accountId)) if (!this.known.has(order.id)) this.known.set(order.id, liveState(this.ctx, order));
    const stops: Array<() => void> = [];
    for (const symbol of symbols) {
      stops.push(this.market.ticks(symbol, deliver));
      for (const interval of barIntervals) stops.push(this.market.bars(symbol, interval, deliver));
    }
    stops.push(
      this.ctx.exchange.bus.subscribe(topics.account(this.accountId), (message) => {
        if (message.kind === 'account') for (const event of message.events) this.deliverOwn(event, deliver);
      }),
    );
    return () => {
      for (const stop of stops) stop();
    };
  }

  quote(symbol: string): PortQuote | undefined {
    return this.market.quote(symbol);
  }

  /**
   * Closed bars from the store, which first takes in every durable batch: bars go out once durable,
   * before the store has them, so a bot that subscribes and then reads its history would otherwise
   * miss a bar sent just before it subscribed.
   */
  async history(symbol: string, interval: string, n: number): Promise<readonly PortBar[]> {
    if (!isCandleInterval(interval) || n <= 0) return [];
    await this.ctx.exchange.settled();
    const page = await this.ctx.store.candles.candles(symbol, interval, { limit: Math.min(n, 500) });
    return page.items.map((c) => barOf(candleView(this.ctx.format, c))).reverse();
  }

  private deliverOwn(event: EngineEvent, deliver: (event: MarketEvent) => void): void {
    const f = this.ctx.format;
    if (event.type === 'Fill') {
      deliver({ kind: 'fill', fill: { orderId: event.orderId, tradeId: event.tradeId, symbol: event.symbol, side: event.side, price: f.price(event.symbol, event.price), qty: f.qty(event.symbol, event.qty), fee: f.quote(event.symbol, event.fee), liquidity: event.liquidity, ts: event.ts } });
    }
    const update = this.orderUpdate(event);
    if (!update) return;
    if (update.status === 'filled' || update.status === 'cancelled' || update.status === 'expired') this.known.delete(update.id);
    else this.known.set(update.id, update);
    deliver({ kind: 'order', order: update });
  }

  /**
   * The order's state after an event about it: live orders from the engine, ended ones from their
   * last known state. Updates are published once their batch is durable, when an order that traded
   * at once may be gone from the engine already: its acceptance then says what it was, so its fills
   * and its end still reach the strategy (which would otherwise keep it as open forever).
   */
  private orderUpdate(event: EngineEvent): PortOrderState | undefined {
    if (event.type !== 'OrderAccepted' && event.type !== 'OrderTriggered' && event.type !== 'OrderReplaced' && event.type !== 'StopMoved' && event.type !== 'Fill' && event.type !== 'OrderCancelled' && event.type !== 'OrderExpired') return undefined;
    const live = liveStateOrUndefined(this.ctx, event.orderId);
    if (live) return live;
    const f = this.ctx.format;
    if (event.type === 'OrderAccepted') return acceptedState(this.ctx, event);
    const last = this.known.get(event.orderId);
    if (!last) return undefined;
    if (event.type === 'Fill') {
      const leaves = f.qty(event.symbol, event.leavesQty);
      return { ...last, status: event.leavesQty === 0 ? 'filled' : 'partially_filled', filledQty: f.qty(event.symbol, event.filledQty), leavesQty: leaves };
    }
    // A trailing stop that moved and then filled before its update went out: the move still shows.
    if (event.type === 'StopMoved') return { ...last, stopPrice: f.price(event.symbol, event.stopPrice) };
    if (event.type === 'OrderCancelled' || event.type === 'OrderExpired') {
      return { ...last, status: event.type === 'OrderCancelled' ? 'cancelled' : 'expired', filledQty: f.qty(event.symbol, event.filledQty), leavesQty: '0', reason: event.reason };
    }
    return undefined;
  }
}

/** An order as it was accepted, before any fill. */
function acceptedState(ctx: ApiContext, event: Extract<EngineEvent, { type: 'OrderAccepted' }>): PortOrderState {
  const f = ctx.format;
  const { symbol } = event;
  const qty = f.qty(symbol, event.qty);
  return { id: event.orderId, clientOrderId: event.clientOrderId ?? null, symbol, side: event.side, type: event.orderType, status: event.state, qty, filledQty: f.qty(symbol, 0), leavesQty: qty, price: f.optionalPrice(symbol, event.price), stopPrice: f.optionalPrice(symbol, event.stopPrice), avgFillPrice: null, reason: null };
}

function liveStateOrUndefined(ctx: ApiContext, orderId: number): PortOrderState | undefined {
  const live = ctx.exchange.engine.order(orderId);
  return live ? liveState(ctx, live) : undefined;
}

function barOf(c: ReturnType<typeof candleView>): PortBar {
  return { symbol: c.symbol, interval: c.interval, openTime: c.openTime, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume };
}
