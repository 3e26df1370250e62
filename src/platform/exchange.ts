// The running exchange: one durable engine, its read models and feeds, and the commit pipeline between them.
import type { Command } from '../core/commands.ts';
import type { EngineEvent } from '../core/events.ts';
import type { Engine } from '../engine/engine.ts';
import { DurableEngine, type DurableMetrics, type Execution } from '../journal/index.ts';
import type { Store } from '../store/index.ts';
import { accountEvents } from './account-events.ts';
import { EventBus } from './event-bus.ts';
import type { FeedMessage } from './feed-messages.ts';
import { MarketFeed } from './market-feed.ts';
import { listingCommands, type MarketsConfig } from './markets-config.ts';
import { topics } from './topics.ts';

/** The exchange cannot take commands now (shutting down); nothing was applied. Clients should retry later. */
export class ExchangeUnavailableError extends Error {
  override name = 'ExchangeUnavailableError';
}

/** The store's meta key for the last journal seq whose events are in the read models. */
export const JOURNAL_SEQ_KEY = 'exchange.journalSeq';

export interface ExchangeLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface ExchangeOptions {
  readonly dataDir: string;
  readonly store: Store;
  readonly markets: MarketsConfig;
  readonly logger: ExchangeLogger;
  /** Wall clock, epoch ms. Engine time never goes back, whatever this returns. */
  readonly clock?: () => number;
  readonly snapshotEvery?: number;
  readonly onCorruption?: 'refuse' | 'truncate';
  readonly metrics?: DurableMetrics;
  /** Told how long the engine took to apply each command (journal append included), in seconds. */
  readonly onApplied?: (command: Command['type'], seconds: number) => void;
  /** How often time moves on when idle (candles close, GTD orders expire). Default 1000 ms; 0 turns it off. */
  readonly tickMs?: number;
}

/**
 * Commands go through `execute`: journaled and applied at once, then, once durable, their events
 * are written to the read models, folded into the feeds and published, in that order, before the
 * caller's promise resolves. So an acknowledged order can always be read back, and nobody hears of
 * a trade that a crash could undo. Batches commit strictly in journal order.
 */
export class Exchange {
  readonly bus: EventBus<FeedMessage>;
  readonly feed: MarketFeed;
  private pending: Execution[] = [];
  /** Events of batches the store refused; retried with the next batch (the watermark skips repeats). */
  private unstored: EngineEvent[] = [];
  private scheduledThrough = 0;
  private chain: Promise<void> = Promise.resolve();
  private nextAccountId: number;
  private ticker: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly durable: DurableEngine,
    private readonly store: Store,
    private readonly options: ExchangeOptions,
  ) {
    this.bus = new EventBus<FeedMessage>((topic, error) => options.logger.error({ topic, err: error }, 'a subscriber failed'));
    this.feed = new MarketFeed(durable.engine, this.bus);
    this.nextAccountId = durable.engine.lastAccountId() + 1;
  }

  static async open(options: ExchangeOptions): Promise<Exchange> {
    const { store, logger } = options;
    const storedThrough = (await store.meta.get(JOURNAL_SEQ_KEY)) ?? 0;
    const missed: Array<[number, EngineEvent[]]> = [];
    const durable = await DurableEngine.open({
      dir: options.dataDir,
      snapshotEvery: options.snapshotEvery,
      onCorruption: options.onCorruption,
      metrics: options.metrics,
      logger: { warn: (message, details) => logger.warn(details ?? {}, message) },
      catchUp: { afterSeq: storedThrough, onEvents: (seq, events) => void missed.push([seq, events]) },
    });
    try {
      if (durable.lastSeq < storedThrough) {
        throw new Error(`the read-model store has events through journal seq ${storedThrough} but the journal ends at ${durable.lastSeq}: the data directory and the database do not belong together`);
      }
      const exchange = new Exchange(durable, store, options);
      await exchange.restoreFeeds(missed);
      await exchange.listMarkets();
      exchange.startTicking();
      return exchange;
    } catch (error) {
      await durable.close();
      throw error;
    }
  }

  /** The live engine, for queries only. */
  get engine(): Engine {
    return this.durable.engine;
  }

  get recovery(): DurableEngine['recovery'] {
    return this.durable.recovery;
  }

  /** Engine time for the next command: the wall clock, but never behind the last command. */
  now(): number {
    return Math.max((this.options.clock ?? Date.now)(), this.durable.engine.time);
  }

  /**
   * Journals and applies a command stamped with `now()`; resolves with its events once they are
   * durable, stored and published. Rejects when the exchange is closing or the command cannot be
   * journaled; nothing changed then.
   */
  execute(command: Command): Promise<EngineEvent[]> {
    if (this.closing) return Promise.reject(new ExchangeUnavailableError('the exchange is shutting down'));
    let execution: Execution;
    const started = performance.now();
    try {
      execution = this.durable.execute(command);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.options.onApplied?.(command.type, (performance.now() - started) / 1000);
    this.pending.push(execution);
    return execution.durable.then(() => this.commitThrough(execution.seq)).then(() => execution.events);
  }

  /** Opens a new engine account; its id is the next free one. */
  async openAccount(): Promise<number> {
    const accountId = this.nextAccountId++;
    await this.execute({ type: 'openAccount', ts: this.now(), accountId });
    return accountId;
  }

  /** Seq of the last command whose events are stored and published. */
  get committedSeq(): number {
    return this.scheduledThrough;
  }

  /** Stops the clock, commits everything applied, snapshots and closes the journal. The store stays open. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.ticker);
      const last = this.pending.at(-1);
      if (last) await last.durable.then(() => this.commitThrough(last.seq));
      await this.chain;
      await this.durable.close();
    })();
    return this.closing;
  }

  /** Queues, in journal order, the commit of every durable execution not yet committed. */
  private commitThrough(seq: number): Promise<void> {
    if (this.scheduledThrough >= seq) return this.chain;
    const durableSeq = this.durable.durableSeq;
    let count = 0;
    while (count < this.pending.length && this.pending[count]!.seq <= durableSeq) count++;
    const batch = this.pending.splice(0, count);
    this.scheduledThrough = batch.at(-1)!.seq;
    this.chain = this.chain.then(() => this.commit(batch));
    return this.chain;
  }

  private async commit(batch: readonly Execution[]): Promise<void> {
    const events = batch.flatMap((execution) => execution.events);
    const candles = this.feed.fold(events);
    await this.storeBatch(events, candles, batch.at(-1)!.seq);
    this.feed.publish();
    this.publishPrivate(events);
    this.bus.publish(topics.committed, { kind: 'committed', seq: batch.at(-1)!.seq, events });
  }

  /**
   * Writes events and candles with the journal watermark in one transaction. A failure is logged
   * and the events are retried with the next batch: acknowledgements do not wait for the read
   * models to heal, since the journal already holds every command.
   */
  private async storeBatch(events: EngineEvent[], candles: ReturnType<MarketFeed['fold']>, journalSeq: number): Promise<void> {
    const all = this.unstored.length > 0 ? [...this.unstored, ...events] : events;
    try {
      await this.store.projector.apply(all, { [JOURNAL_SEQ_KEY]: journalSeq }, candles);
      this.unstored = [];
    } catch (error) {
      this.unstored = all;
      this.options.logger.error({ err: error, journalSeq, events: all.length }, 'the read-model store refused a batch; it will be retried');
    }
  }

  private publishPrivate(events: readonly EngineEvent[]): void {
    for (const [accountId, own] of accountEvents(events)) {
      const topic = topics.account(accountId);
      if (this.bus.hasListeners(topic)) this.bus.publish(topic, { kind: 'account', accountId, events: own });
    }
  }

  /** Catches the read models up with what the journal holds beyond them, then seeds the feeds. */
  private async restoreFeeds(missed: ReadonlyArray<[number, EngineEvent[]]>): Promise<void> {
    const { store } = this;
    const since = this.now() - 86_400_000;
    this.feed.seedCandles(await store.candles.latest());
    this.feed.seedTrades(await store.trades.since(since));
    const chunk = 2_000;
    for (let start = 0; start < missed.length; start += chunk) {
      const part = missed.slice(start, start + chunk);
      const events = part.flatMap(([, list]) => list);
      const candles = this.feed.fold(events);
      await store.projector.apply(events, { [JOURNAL_SEQ_KEY]: part.at(-1)![0] }, candles);
    }
    this.feed.seedDepth();
    this.feed.publish();
    this.scheduledThrough = this.durable.lastSeq;
    if (missed.length > 0) this.options.logger.info({ commands: missed.length }, 'read models caught up with the journal');
  }

  /** Lists what the markets file adds; terms of listed instruments stay as journaled. */
  private async listMarkets(): Promise<void> {
    const { commands, differs } = listingCommands(this.options.markets, this.engine, this.now());
    for (const symbol of differs) this.options.logger.warn({ symbol }, 'the markets file changes a listed instrument; the listed terms stay in force');
    await Promise.all(commands.map((command) => this.execute(command)));
  }

  private startTicking(): void {
    const every = this.options.tickMs ?? 1000;
    if (every <= 0) return;
    this.ticker = setInterval(() => void this.tick(), every);
    this.ticker.unref();
  }

  /** Closes candles and slides tickers; submits advanceTime when a GTD order is due and nothing else moved time. */
  private async tick(): Promise<void> {
    const now = this.now();
    const due = this.engine.nextExpiry();
    if (due !== undefined && due <= now && !this.closing) await this.execute({ type: 'advanceTime', ts: now }).catch(() => undefined);
    // In the commit chain, so these messages never mix with a batch that is still being stored.
    this.chain = this.chain.then(async () => {
      const candles = this.feed.tick(now);
      if (candles.length > 0) {
        await this.store.candles.upsert(candles).catch((error: unknown) => this.options.logger.error({ err: error }, 'storing closed candles failed'));
      }
      this.feed.publish();
    });
  }
}
