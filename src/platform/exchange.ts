// The running exchange: one durable engine, its read models and feeds, and the commit pipeline between them.
import type { Command } from '../core/commands.ts';
import type { EngineEvent } from '../core/events.ts';
import { collect } from '../core/lists.ts';
import type { Engine } from '../engine/engine.ts';
import { DurableEngine, type DurableMetrics, type Execution, type SpawnWorker } from '../journal/index.ts';
import { CapitalValuesRepo, type Store } from '../store/index.ts';
import { accountEvents } from './account-events.ts';
import { CapitalValuer } from './capital-values.ts';
import { EventBus } from './event-bus.ts';
import type { FeedMessage } from './feed-messages.ts';
import { MarketFeed, type FeedUpdate } from './market-feed.ts';
import { describeMarketsProblems } from './markets-checks.ts';
import { bindStoreToJournal } from './store-binding.ts';
import { describeDifference, listingCommands, type MarketsConfig } from './markets-config.ts';
import { SessionScheduler } from './sessions/session-scheduler.ts';
import { topics } from './topics.ts';

/**
 * The exchange cannot take commands now (shutting down, or its journal failed); nothing was
 * applied. `publicMessage`, when set, says why in words fit for a client.
 */
export class ExchangeUnavailableError extends Error {
  override name = 'ExchangeUnavailableError';
  constructor(
    message: string,
    readonly publicMessage?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const SETTLED: Promise<void> = Promise.resolve();

/** Durable commands, already folded into the feeds and published, waiting to be stored. */
interface DurableBatch {
  readonly events: EngineEvent[];
  readonly candles: FeedUpdate['candles'];
  readonly lastSeq: number;
}

/** Batches stored in one write, with their event count. */
type DurableGroup = DurableBatch[] & { events: number };

/** Events per store write at most: one write is one message to the projection thread, cloned on this thread. */
const MAX_GROUP_EVENTS = 20_000;

/** A deferred store write starts at once when its batches reach this many events. */
const COALESCE_MAX_EVENTS = 8_000;

/** Commands answered but not yet committed, at most, before `submit` answers only after the commit. */
const MAX_UNSETTLED_COMMANDS = 5_000;

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
  /**
   * How long a store write may wait for more durable batches when nobody waits for it, in ms
   * (default 0: it starts at once). Only placements (`submit`) leave writes nobody waits for;
   * `execute`, `settled` and `close` start a waiting write at once, so reads and cancels never
   * wait for the timer. Feeds and private streams do not wait for it (they go out once durable);
   * the `committed` subscribers (risk, leaderboard) hear that much later at most. It is a
   * wall-clock timer: a simulation that must repeat exactly leaves it off.
   */
  readonly coalesceMs?: number;
  /** Periodic snapshots on a worker thread started with this (DurableEngineOptions.snapshotThread). */
  readonly snapshotThread?: SpawnWorker;
  /** The currency each deposit and withdrawal is valued in as it is applied, and recorded (see capitalValue). Default USD. */
  readonly valuationCurrency?: string;
  /**
   * Start on a store with no users next to a journal that has opened accounts, which is refused
   * otherwise (the database was lost or replaced; see store-binding.ts).
   */
  readonly acceptEmptyStore?: boolean;
}

/**
 * Commands are journaled and applied at once; once durable, their events are folded into the feeds
 * and published (market data, each account's own events), then written to the read models, then
 * announced on `committed`. Everything goes strictly in journal order, and nobody hears of a trade
 * that a crash could undo. A REST read waits for the store first (`settled`), so whatever a feed
 * showed can be read back.
 *
 * `execute` resolves after that commit. `submit` resolves as soon as the command is durable, which
 * is all an acknowledgement needs; the commit follows on its own. Readers that must see everything
 * acknowledged so far (an order read back right after its ack) wait for `settled()` first.
 */
export class Exchange {
  readonly bus: EventBus<FeedMessage>;
  readonly feed: MarketFeed;
  /** Each symbol's trading-session close; DAY orders expire at it (see sessions/session-scheduler.ts). */
  readonly sessions: SessionScheduler;
  private pending: Execution[] = [];
  /** Events of batches the store refused; retried with the next batch (the watermark skips repeats). */
  private unstored: EngineEvent[] = [];
  private scheduledThrough = 0;
  /** Seq through which batches are committed: published, stored (or refused by the store and queued) and announced. */
  private settledThrough = 0;
  private chain: Promise<void> = Promise.resolve();
  /** Durable batches waiting for the next store write; later batches join them until it starts. */
  private open: DurableGroup | undefined;
  /** Starts the store write that is waiting for more batches (see `coalesceMs`), if one is. */
  private startWaiting: (() => void) | undefined;
  private nextAccountId: number;
  private ticker: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;
  /** Set once the engine's failure has been logged, so it is logged once, not once per refused command. */
  private failureLogged = false;

  private readonly capitalValues: CapitalValuesRepo;

  private constructor(
    private readonly durable: DurableEngine,
    private readonly store: Store,
    private readonly options: ExchangeOptions,
    private readonly valuer: CapitalValuer,
  ) {
    this.capitalValues = new CapitalValuesRepo(store.db);
    this.bus = new EventBus<FeedMessage>((topic, error) => options.logger.error({ topic, err: error }, 'a subscriber failed'));
    this.feed = new MarketFeed(durable.engine, this.bus);
    this.nextAccountId = durable.engine.lastAccountId() + 1;
    this.sessions = new SessionScheduler({
      closes: options.markets.sessionCloses,
      endSession: (symbol, ts) => (this.engine.hasDayOrders(symbol) ? this.execute({ type: 'endSession', ts, symbol }) : undefined),
      clock: () => this.now(),
      logger: options.logger,
    });
  }

  static async open(options: ExchangeOptions): Promise<Exchange> {
    const { store, logger } = options;
    const storedThrough = (await store.meta.get(JOURNAL_SEQ_KEY)) ?? 0;
    const missed: Array<[number, EngineEvent[]]> = [];
    // Moves the read models missed are valued as they are replayed, with the engine as it was then.
    const valuer = new CapitalValuer(options.valuationCurrency ?? 'USD');
    const durable = await DurableEngine.open({
      dir: options.dataDir,
      snapshotEvery: options.snapshotEvery,
      snapshotThread: options.snapshotThread,
      onCorruption: options.onCorruption,
      metrics: options.metrics,
      logger: { warn: (message, details) => logger.warn(details ?? {}, message) },
      catchUp: {
        afterSeq: storedThrough,
        onEvents: (seq, events, engine) => {
          missed.push([seq, events]);
          valuer.note(engine, events);
        },
      },
    });
    try {
      // Before the seq check: a store of another install is told as such, whatever its seq.
      await bindStoreToJournal({
        store,
        journalDir: options.dataDir,
        journalSeq: durable.lastSeq,
        accounts: durable.engine.lastAccountId(),
        acceptEmptyStore: options.acceptEmptyStore,
        now: (options.clock ?? Date.now)(),
        logger,
      });
      if (durable.lastSeq < storedThrough) {
        throw new Error(`the read-model store has events through journal seq ${storedThrough} but the journal ends at ${durable.lastSeq}: the data directory and the database do not belong together`);
      }
      const exchange = new Exchange(durable, store, options, valuer);
      await exchange.restoreFeeds(missed);
      // Every close after the last journaled command is still to end, so a session that closed while
      // the exchange was down ends before anything else is journaled (listings included).
      const symbols = [...options.markets.instruments, ...durable.engine.instruments()].map((instrument) => instrument.symbol);
      exchange.sessions.track(symbols, durable.engine.time);
      await exchange.listMarkets();
      await exchange.sessions.endDue(exchange.now());
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

  /**
   * Why the exchange takes no more commands, once its journal has failed (a full disk, an I/O
   * error) or an engine invariant broke; undefined while healthy. Only a restart clears it.
   */
  get failure(): Error | undefined {
    return this.durable.failure;
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
    let execution: Execution;
    try {
      execution = this.run(command);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return execution.durable.then(() => this.commitThrough(execution.seq, true), this.refuseFailed).then(() => execution.events);
  }

  /**
   * Like `execute`, but resolves with the events as soon as the command is durable: the point an
   * acknowledgement may be sent. Its commit (read models, feeds, subscribers) follows in journal
   * order; `settled()` waits for it.
   */
  submit(command: Command): Promise<EngineEvent[]> {
    let execution: Execution;
    try {
      execution = this.run(command);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return execution.durable.then(() => {
      const committed = this.commitThrough(execution.seq);
      // Backpressure: when the read models fall this far behind, answers wait for them again, so
      // the backlog (memory, and the wait of every read) stays bounded under overload.
      if (execution.seq - this.settledThrough > MAX_UNSETTLED_COMMANDS) {
        this.hurry();
        return committed.then(() => execution.events);
      }
      committed.catch(this.onCommitFailure);
      return execution.events;
    }, this.refuseFailed);
  }

  /**
   * Resolves once every command durable now is committed: what the read models and feeds show then
   * includes everything acknowledged before the call. Immediate when nothing is waiting.
   */
  settled(): Promise<void> {
    const durableSeq = this.durable.durableSeq;
    if (this.settledThrough >= durableSeq) return SETTLED;
    return this.commitThrough(durableSeq, true);
  }

  /**
   * Resolves once every command applied so far is durable and committed, not only those durable
   * now (`settled`): what the engine shows at the call, the read models show after it. Rejects
   * when the journal fails first.
   */
  caughtUp(): Promise<void> {
    const last = this.pending.at(-1);
    if (last === undefined) return this.settled();
    return last.durable.then(() => this.commitThrough(last.seq, true), this.refuseFailed);
  }

  /**
   * The value in `currency` of the deposit or withdrawal at event `seq`, as it was when the engine
   * applied it; known from then until the store has recorded it (`committed` listeners and later
   * readers find it there), and only in the valuation currency.
   */
  capitalValue(seq: number, currency: string): number | undefined {
    return currency === this.valuer.currency ? this.valuer.valueOf(seq) : undefined;
  }

  /** Opens a new engine account; its id is the next free one. */
  async openAccount(): Promise<number> {
    const accountId = this.nextAccountId++;
    await this.execute({ type: 'openAccount', ts: this.now(), accountId });
    return accountId;
  }

  /** Seq of the last command whose events are published, stored and announced. */
  get committedSeq(): number {
    return this.settledThrough;
  }

  /**
   * Stops the clock, commits everything applied, snapshots and closes the journal. The store stays
   * open. After a failure (see `failure`) it commits what was durable, writes no snapshot and closes
   * the files; what the journal synced stays on disk for the next start to recover.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.ticker);
      this.sessions.stop();
      const last = this.pending.at(-1);
      // A journal failing now rejects `durable`: what became durable before it is committed below.
      if (last) await last.durable.then(() => this.commitThrough(last.seq, true), () => this.commitThrough(this.durable.durableSeq, true));
      this.hurry();
      await this.chain;
      await this.durable.close();
      const failure = this.durable.failure;
      if (failure) {
        this.options.logger.error(
          { err: failure, durableSeq: this.durable.durableSeq },
          'the exchange stopped after a failure: the journal was not flushed and no snapshot was written; the next start recovers from what the journal holds on disk',
        );
      }
    })();
    return this.closing;
  }

  /** Journals and applies a command; its execution joins the commit queue. */
  private run(command: Command): Execution {
    if (this.closing) throw new ExchangeUnavailableError('the exchange is shutting down');
    const failure = this.durable.failure;
    if (failure) throw this.unavailable(failure);
    // A session closing by the command's time ends first: a DAY order it expires never sees a later command.
    const ts = typeof command.ts === 'number' ? command.ts : 0;
    if (this.sessions.isDue(ts)) void this.sessions.endDue(ts);
    const started = performance.now();
    const execution = this.durable.execute(command);
    this.options.onApplied?.(command.type, (performance.now() - started) / 1000);
    if (command.type === 'deposit' || command.type === 'withdraw') this.valuer.note(this.durable.engine, execution.events);
    this.pending.push(execution);
    return execution;
  }

  /**
   * Queues, in journal order, the commit of every durable execution not yet committed. `urgent`:
   * the caller waits for it, so a write waiting for more batches starts now.
   */
  private commitThrough(seq: number, urgent = false): Promise<void> {
    const chain = this.scheduleThrough(seq);
    if (urgent) this.hurry();
    return chain;
  }

  private scheduleThrough(seq: number): Promise<void> {
    if (this.scheduledThrough >= seq) return this.chain;
    const durableSeq = this.durable.durableSeq;
    let count = 0;
    while (count < this.pending.length && this.pending[count]!.seq <= durableSeq) count++;
    // Nothing durable is waiting (a seq taken by a command the engine failed on has no execution).
    if (count === 0) return this.chain;
    const batch = this.pending.splice(0, count);
    const lastSeq = batch.at(-1)!.seq;
    this.scheduledThrough = lastSeq;
    const events = batch.length === 1 ? batch[0]!.events : collect(batch, (execution) => execution.events);
    // Folded and published now, in journal order, as each batch becomes durable. The store follows;
    // a REST read first waits for it (`settled`), so whatever a feed showed can be read back.
    const update = this.feed.fold(events);
    this.publish(update, events, lastSeq);
    const candles = update.candles;
    let group = this.open;
    if (group === undefined || group.events >= MAX_GROUP_EVENTS) {
      const entries: DurableGroup = (group = this.open = Object.assign([], { events: 0 }));
      const waiting = this.waitForMore();
      this.chain = this.chain.then(() => waiting).then(() => this.commit(entries));
    }
    group.push({ events, candles, lastSeq });
    group.events += events.length;
    if (group.events >= COALESCE_MAX_EVENTS) this.hurry();
    return this.chain;
  }

  /**
   * With `coalesceMs`, a new store write first waits that long for more durable batches to join it:
   * under light load every group commit holds a few orders, and each write costs a round trip to
   * the projection thread and a transaction, whatever its size. Resolves at once otherwise.
   */
  private waitForMore(): Promise<void> | undefined {
    const ms = this.options.coalesceMs ?? 0;
    if (ms <= 0) return undefined;
    this.hurry();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.hurry(), ms);
      this.startWaiting = () => {
        clearTimeout(timer);
        this.startWaiting = undefined;
        resolve();
      };
    });
  }

  /** Starts the store write waiting for more batches now. */
  private hurry(): void {
    this.startWaiting?.();
  }

  /** Market data, each account's own events and the whole batch, as soon as they are durable. */
  private publish(update: FeedUpdate, events: readonly EngineEvent[], seq: number): void {
    try {
      this.feed.publish(update);
      this.publishPrivate(events);
      this.bus.publish(topics.durable, { kind: 'durable', seq, events });
    } catch (error) {
      // The command is durable and answered regardless; a feed that failed is a feed's problem.
      this.options.logger.error({ err: error }, 'publishing a durable batch failed');
    }
  }

  /**
   * Stores every batch that became durable while the previous write ran in one transaction (one
   * round to the projector however many group commits the journal made meanwhile), then tells the
   * `committed` subscribers (risk, leaderboard), who may read the store, batch by batch.
   */
  private async commit(group: readonly DurableBatch[]): Promise<void> {
    if (this.open === group) this.open = undefined;
    const last = group.at(-1)!;
    const events = group.length === 1 ? last.events : collect(group, (batch) => batch.events);
    const candles = group.length === 1 ? last.candles : collect(group, (batch) => batch.candles);
    await this.storeBatch(events, candles, last.lastSeq);
    for (const batch of group) {
      try {
        this.bus.publish(topics.committed, { kind: 'committed', seq: batch.lastSeq, events: batch.events });
      } finally {
        this.settledThrough = batch.lastSeq;
      }
    }
  }

  /** A command whose journal write failed was never acknowledged: it is refused as unavailable, like every later one. */
  private readonly refuseFailed = (error: unknown): never => {
    const failure = this.durable.failure;
    throw failure ? this.unavailable(failure) : error;
  };

  /**
   * The refusal of a command after a failure, which is logged the first time only: a busy server
   * would otherwise log it once for every command refused until it is restarted.
   */
  private unavailable(failure: Error): ExchangeUnavailableError {
    const journal = failure.name === 'JournalFailedError';
    if (!this.failureLogged) {
      this.failureLogged = true;
      this.options.logger.error(
        { err: failure, durableSeq: this.durable.durableSeq },
        journal
          ? 'the journal failed: commands are refused (503 UNAVAILABLE) and /healthz answers 503 until the server is restarted; fix the cause (a full disk, an I/O error) and restart to recover from the journal'
          : 'the engine failed: commands are refused (503 UNAVAILABLE) and /healthz answers 503 until the server is restarted',
      );
    }
    return new ExchangeUnavailableError(failure.message, describeFailure(failure), { cause: failure });
  }

  private readonly onCommitFailure = (error: unknown): void => {
    this.options.logger.error({ err: error }, 'committing a batch failed');
  };

  /**
   * Writes events and candles with the journal watermark in one transaction. A failure is logged
   * and the events are retried with the next batch: acknowledgements do not wait for the read
   * models to heal, since the journal already holds every command.
   */
  private async storeBatch(events: EngineEvent[], candles: FeedUpdate['candles'], journalSeq: number): Promise<void> {
    const all = this.unstored.length > 0 ? [...this.unstored, ...events] : events;
    try {
      await this.project(all, journalSeq, candles);
      this.unstored = [];
    } catch (error) {
      this.unstored = all;
      this.options.logger.error({ err: error, journalSeq, events: all.length }, 'the read-model store refused a batch; it will be retried');
    }
  }

  /**
   * Records the batch's capital values, then its events with the journal watermark: once the
   * watermark covers a move, its value is stored, and a crash between the two only records again
   * values that are already there.
   */
  private async project(events: EngineEvent[], journalSeq: number, candles: FeedUpdate['candles']): Promise<void> {
    const last = events.at(-1);
    const values = last === undefined ? [] : this.valuer.through(last.seq);
    if (values.length > 0) await this.capitalValues.record(values);
    await this.store.projector.apply(events, { [JOURNAL_SEQ_KEY]: journalSeq }, candles);
    this.valuer.recorded(values);
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
      const events = collect(part, ([, list]) => list);
      const { candles } = this.feed.fold(events);
      await this.project(events, part.at(-1)![0], candles);
    }
    this.feed.seedDepth();
    this.feed.publish();
    this.scheduledThrough = this.settledThrough = this.durable.lastSeq;
    if (missed.length > 0) this.options.logger.info({ commands: missed.length }, 'read models caught up with the journal');
  }

  /** Lists what the markets file adds; terms of listed instruments stay as journaled. */
  private async listMarkets(): Promise<void> {
    const { commands, differs, refused } = listingCommands(this.options.markets, this.engine, this.now());
    for (const difference of differs) {
      this.options.logger.warn({ symbol: difference.symbol, changes: difference.changes }, `the markets file changes listed ${difference.symbol} (${describeDifference(difference)}); the listed terms stay in force`);
    }
    if (refused.length > 0) throw new Error(`the markets file lists instruments the exchange cannot list next to what it already lists; fix the file and start again:\n${describeMarketsProblems(refused)}`);
    await Promise.all(commands.map((command) => this.execute(command)));
  }

  private startTicking(): void {
    const every = this.options.tickMs ?? 1000;
    if (every <= 0) return;
    this.sessions.start();
    this.ticker = setInterval(() => void this.tick(), every);
    this.ticker.unref();
  }

  /**
   * Ends the trading sessions whose close has come, closes candles and slides tickers; submits
   * advanceTime when a GTD order is due and nothing else moved time. The idle timer calls it on the wall clock; a simulation turns that off (tickMs 0)
   * and calls it on its own clock, so candles close at the same simulated moments in every run.
   */
  async tick(): Promise<void> {
    const now = this.now();
    if (!this.closing) await this.sessions.endDue(now);
    const due = this.engine.nextExpiry();
    if (due !== undefined && due <= now && !this.closing) await this.execute({ type: 'advanceTime', ts: now }).catch(() => undefined);
    // Folded and published in order with the batches; its candles are stored in the commit chain,
    // after the batches before it, and batches folded after it start a new group, so a candle's
    // newer state is never overwritten by this older one.
    const update = this.feed.tick(now);
    this.feed.publish(update);
    if (update.candles.length === 0) return;
    this.open = undefined;
    this.chain = this.chain.then(() => this.store.candles.upsert(update.candles).catch((error: unknown) => this.options.logger.error({ err: error }, 'storing closed candles failed')));
  }
}

/**
 * What a client (and /healthz) is told of a failure: the journal's error (a full disk, an I/O
 * error) without its file path, or that the engine stopped; and that only a restart helps.
 */
export function describeFailure(failure: Error): string {
  if (failure.name === 'JournalFailedError') {
    const cause = failure.cause instanceof Error ? failure.cause.message : 'an unknown error';
    return `The exchange takes no commands: its journal failed (${cause}), so nothing more can be made durable. An operator must fix the cause and restart the server.`;
  }
  return 'The exchange takes no commands: its engine stopped after an internal error. An operator must restart the server.';
}
