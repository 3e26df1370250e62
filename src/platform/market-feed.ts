// The live market-data feed: turns committed engine events into trades, depth deltas, candles and tickers.
import type { EngineEvent } from '../core/events.ts';
import type { Engine } from '../engine/engine.ts';
import { CandleBuilder, DepthFeed, TickerBook, TradeTape, tradeFromFill, type Candle, type DepthSnapshot, type Ticker, type Trade } from '../marketdata/index.ts';
import type { EventBus } from './event-bus.ts';
import type { FeedMessage } from './feed-messages.ts';
import { topics } from './topics.ts';

export interface MarketFeedOptions {
  /** Depth levels per side in snapshots and deltas. */
  readonly depthLevels?: number;
  readonly tapeCapacity?: number;
}

/** What folding a batch (or a tick) changed: candles for the store, and messages to publish once it has them. */
export interface FeedUpdate {
  readonly candles: Candle[];
  readonly messages: ReadonlyArray<readonly [string, FeedMessage]>;
  /** Depth after the update, per symbol it changed: what `depth()` shows once it is published. */
  readonly depth: readonly DepthSnapshot[];
}

/** Events after which a symbol's book may look different (a moved stop is waiting, not in the book). */
function touchesBook(event: EngineEvent): event is Extract<EngineEvent, { symbol: string }> {
  switch (event.type) {
    case 'OrderAccepted':
    case 'Fill':
    case 'OrderCancelled':
    case 'OrderExpired':
    case 'OrderReplaced':
    case 'OrderTriggered':
      return true;
    case 'AssetAdded':
    case 'InstrumentAdded':
    case 'AccountOpened':
    case 'RiskLimitsSet':
    case 'OrderRejected':
    case 'RequestRejected':
    case 'LedgerEntry':
    case 'SessionEnded':
    case 'StopMoved':
    case 'TradingStatusChanged':
      return false;
  }
}

/**
 * Feeds are built from durable batches only and published as each becomes durable (the store
 * follows), so a trade is never shown before it is durable. Depth is read from the engine when the batch is folded in; it
 * can include orders applied after the batch and not yet durable (a few milliseconds ahead), never
 * fewer than the batch itself.
 */
export class MarketFeed {
  private readonly candles = new CandleBuilder();
  private readonly tickers = new TickerBook();
  private readonly depthFeed: DepthFeed;
  private readonly tape: TradeTape;
  private outbox: Array<[string, FeedMessage]> = [];
  private folded: DepthSnapshot[] = [];
  /** Depth as last published, so a snapshot always matches the deltas already sent. */
  private readonly published = new Map<string, DepthSnapshot>();

  constructor(
    private readonly engine: Engine,
    private readonly bus: EventBus<FeedMessage>,
    options: MarketFeedOptions = {},
  ) {
    this.depthFeed = new DepthFeed({ levels: options.depthLevels ?? 50 });
    this.tape = new TradeTape({ capacity: options.tapeCapacity ?? 1000 });
  }

  /** Restores the newest stored candle per symbol and interval, so buckets continue after a restart. */
  seedCandles(rows: readonly Candle[]): void {
    this.candles.seed(rows);
  }

  /** Restores the tape and the 24h tickers from stored trades, oldest first. */
  seedTrades(trades: readonly Trade[]): void {
    for (const trade of trades) {
      this.tape.record(trade);
      this.tickers.onTrade(trade.symbol, trade.price, trade.qty, trade.ts);
    }
  }

  /** Reads every listed book once at start-up, so depth and top of book are right before the first change. */
  seedDepth(): void {
    for (const instrument of this.engine.instruments()) this.foldDepth(instrument.symbol);
  }

  /**
   * Folds a durable batch in and returns the candles that changed, for the store, with the batch's
   * messages; they go out with `publish`.
   * Batches fold in journal order, each when it becomes durable, so depth deltas follow the book
   * command by command even when the store is slower than the journal.
   */
  fold(events: readonly EngineEvent[]): FeedUpdate {
    const touched = new Set<string>();
    const traded = new Set<string>();
    for (const event of events) {
      if (event.type === 'TradingStatusChanged') this.queue(topics.status(event.symbol), { kind: 'status', change: event });
      if (!touchesBook(event)) continue;
      touched.add(event.symbol);
      if (event.type !== 'Fill') continue;
      const trade = tradeFromFill(event);
      if (!trade) continue;
      traded.add(trade.symbol);
      this.tape.record(trade);
      this.candles.onTrade(trade.symbol, trade.price, trade.qty, trade.ts);
      this.tickers.onTrade(trade.symbol, trade.price, trade.qty, trade.ts);
      this.queue(topics.trades(trade.symbol), { kind: 'trade', trade });
    }
    for (const symbol of touched) this.foldDepth(symbol);
    for (const symbol of traded) this.foldTicker(symbol);
    return this.update(this.foldCandles());
  }

  /** Moves time on without trades: closes finished candles and slides the 24h windows; publish() sends them. */
  tick(now: number): FeedUpdate {
    this.candles.tick(now);
    this.tickers.tick(now);
    return this.update(this.foldCandles());
  }

  /** The published depth; its seq matches the deltas already sent, so a client can continue from it. */
  depth(symbol: string): DepthSnapshot {
    return this.published.get(symbol) ?? this.depthFeed.snapshot(symbol);
  }

  ticker(symbol: string): Ticker | undefined {
    return this.tickers.get(symbol);
  }

  tickersAll(): Ticker[] {
    return this.tickers.all();
  }

  recentTrades(symbol: string, limit: number): Trade[] {
    return this.tape.recent(symbol, limit);
  }

  currentCandle(symbol: string, interval: Candle['interval']): Candle | undefined {
    return this.candles.current(symbol, interval);
  }

  /** Sends an update's messages in order; without one, whatever was folded outside an update (the seeded depth). */
  publish(update: FeedUpdate = this.update([])): void {
    for (const snapshot of update.depth) this.published.set(snapshot.symbol, snapshot);
    for (const [topic, message] of update.messages) this.bus.publish(topic, message);
  }

  private update(candles: Candle[]): FeedUpdate {
    const { outbox: messages, folded: depth } = this;
    this.outbox = [];
    this.folded = [];
    return { candles, messages, depth };
  }

  private queue(topic: string, message: FeedMessage): void {
    if (this.bus.hasListeners(topic)) this.outbox.push([topic, message]);
  }

  private foldDepth(symbol: string): void {
    const book = this.engine.book(symbol);
    if (!book) return;
    const levels = this.depthFeed.levels;
    const bids = book.depth('buy', levels);
    const asks = book.depth('sell', levels);
    const best = (side: typeof bids) => side[0] ?? [0, 0, 0];
    this.tickers.setTopOfBook(symbol, best(bids)[0], best(bids)[1], best(asks)[0], best(asks)[1]);
    const delta = this.depthFeed.update(symbol, bids, asks);
    if (!delta) return;
    this.folded.push(this.depthFeed.snapshot(symbol));
    this.queue(topics.book(symbol), { kind: 'depth', delta });
  }

  private foldTicker(symbol: string): void {
    const ticker = this.tickers.get(symbol);
    if (ticker) this.queue(topics.ticker(symbol), { kind: 'ticker', ticker });
  }

  private foldCandles(): Candle[] {
    const changed: Candle[] = [];
    for (const { candle, closed } of this.candles.drainChanged()) {
      changed.push(candle);
      this.queue(topics.candles(candle.symbol, candle.interval), { kind: 'candle', candle, closed });
    }
    return changed;
  }
}
