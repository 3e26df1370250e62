// BotPool: runs bots on N worker threads (or inline), spread evenly, restarted with backoff when they fail, never taking the host down.
//
// Invariants:
// - a bot holds a slot while it is wanted (running or waiting to restart) and none otherwise; a
//   start goes to the least-loaded live slot, so placement stays even as bots come and go;
// - each start of a bot is a new run with a pool-wide number; whatever an older run still reports
//   is ignored, so a stopped or restarted bot can never act twice;
// - a failing bot is restarted after its backoff only while it is wanted; its neighbours on the
//   same slot are untouched. A dead worker is replaced at once, and its bots restart with backoff
//   on whichever slot is least loaded then.
import { availableParallelism } from 'node:os';
import type { ClockPort, LogEntry } from '../../strategy/index.ts';
import { BotRecord } from './bot-record.ts';
import { BotBuildError, checkSpec, errorText } from './build-runner.ts';
import { after, wallClock } from './clock.ts';
import { InlineSlot } from './inline-slot.ts';
import { countingPort } from './order-count.ts';
import { SlotGoneError, type Slot, type SlotEvents } from './slot.ts';
import { UnknownBotError, type BotPoolOptions, type BotSpec, type BotStatus, type WorkerInfo } from './types.ts';
import { WorkerSlot } from './worker-slot.ts';

export class BotPool {
  private readonly clock: ClockPort;
  private readonly bots = new Map<string, BotRecord>();
  private readonly runs = new Map<number, BotRecord>();
  /** One entry per worker index; undefined while a replacement could not be spawned yet. */
  private readonly slots: Array<Slot | undefined>;
  private readonly replaced: number[];
  private readonly events: SlotEvents;
  private readonly stopHousekeeping: (() => void) | undefined;
  private nextRun = 1;
  private closed = false;

  constructor(private readonly options: BotPoolOptions) {
    this.clock = options.clock ?? wallClock;
    this.events = {
      failed: (run, error, during) => this.failed(run, error, during),
      log: (run, entry) => this.log(run, entry),
      died: (slot, reason) => this.died(slot, reason),
    };
    const workers = Math.max(0, Math.floor(options.workers ?? availableParallelism()));
    if (workers === 0) {
      this.slots = [new InlineSlot(this.clock, this.events)];
      this.replaced = [0];
      return;
    }
    this.slots = Array.from({ length: workers }, (_, index) => this.spawn(index));
    this.replaced = this.slots.map(() => 0);
    const stallMs = options.stallMs ?? 30_000;
    this.stopHousekeeping = this.clock.every(Math.min(stallMs, options.reportIntervalMs ?? 1_000), () => {
      const now = this.clock.now();
      for (const slot of this.slots) if (slot && slot.silentFor(now) > stallMs) slot.kill(`no report for ${stallMs} ms: a bot is blocking its thread`);
    });
  }

  /** Registers a bot, stopped. Throws BotBuildError for an unknown strategy or a built-in's invalid params or missing symbols. */
  add(bot: BotSpec): void {
    if (this.closed) throw new Error('the bot pool is closed');
    if (typeof bot.id !== 'string' || bot.id.length === 0) throw new Error('a bot needs a non-empty id');
    if (this.bots.has(bot.id)) throw new Error(`bot ${JSON.stringify(bot.id)} already exists`);
    checkSpec(bot);
    this.bots.set(bot.id, new BotRecord(Object.freeze({ ...bot }), this.clock, this.options.rateWindowMs ?? 10_000, this.options.backoff));
  }

  /** Starts the bot; resolves once its runner has started (or failed to, which schedules a restart). Does nothing if it is already running. */
  async start(id: string): Promise<void> {
    const bot = this.get(id);
    if (this.closed) throw new Error('the bot pool is closed');
    // Being removed: as good as gone already.
    if (bot.removed) throw new UnknownBotError(id);
    if (bot.wanted) return;
    bot.wanted = true;
    bot.backoff.reset();
    await this.launch(bot);
  }

  /** Stops the bot gracefully (onStop runs); a bot that does not stop within stopTimeoutMs is dropped. */
  async stop(id: string): Promise<void> {
    await this.halt(this.get(id));
  }

  /** Stops the bot and forgets it. */
  async remove(id: string): Promise<void> {
    const bot = this.get(id);
    bot.removed = true;
    await this.halt(bot);
    this.bots.delete(id);
  }

  status(id: string): BotStatus | undefined {
    return this.bots.get(id)?.status();
  }

  statuses(): BotStatus[] {
    return [...this.bots.values()].map((bot) => bot.status());
  }

  /** The slots and how many bots each holds; inline, a single entry with no thread. */
  workers(): WorkerInfo[] {
    return this.slots.map((slot, index) => ({ index, threadId: slot?.threadId ?? null, bots: slot ? this.load(slot) : 0, replaced: this.replaced[index] ?? 0 }));
  }

  /** Ends worker `index` (say, to reclaim a leaking heap); it is replaced and its bots restart like after a crash. */
  recycleWorker(index: number): void {
    this.slots[index]?.kill('recycled');
  }

  /** Stops every bot, then the workers. The pool cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopHousekeeping?.();
    await Promise.all([...this.bots.values()].map((bot) => this.halt(bot)));
    await Promise.all(this.slots.flatMap((slot) => (slot ? [slot.close()] : [])));
  }

  /** Stops a bot: no more restarts, the run stopped gracefully or dropped after the timeout, the slot released. */
  private async halt(bot: BotRecord): Promise<void> {
    bot.wanted = false;
    bot.cancelRestart?.();
    bot.cancelRestart = undefined;
    bot.nextRestartAt = null;
    const { run, slot } = bot;
    if (run !== undefined && slot) {
      let cancel = () => {};
      const timeout = new Promise<void>((resolve) => (cancel = after(this.clock, this.options.stopTimeoutMs ?? 10_000, resolve)));
      await Promise.race([slot.stop(run), timeout]);
      cancel();
      this.endRun(bot, run, slot);
    }
    // A start while this one was stopping wins: it has its own run and slot.
    if (bot.wanted) return;
    bot.state = bot.state === 'failed' ? 'failed' : 'stopped';
    bot.slot = undefined;
  }

  private get(id: string): BotRecord {
    const bot = this.bots.get(id);
    if (!bot) throw new UnknownBotError(id);
    return bot;
  }

  private async launch(bot: BotRecord): Promise<void> {
    const slot = bot.slot && this.slots.includes(bot.slot) ? bot.slot : this.leastLoaded();
    const run = this.nextRun++;
    bot.slot = slot;
    bot.run = run;
    bot.state = 'running';
    bot.startedAt = this.clock.now();
    bot.count.newRun();
    bot.nextRestartAt = null;
    bot.lastReport = undefined;
    this.runs.set(run, bot);
    if (!slot) return this.failed(run, 'no worker thread is available', 'worker');
    try {
      bot.ports ??= await this.makePorts(bot);
    } catch (error) {
      return this.failed(run, errorText(error), 'ports');
    }
    if (bot.run !== run) return;
    try {
      await slot.start(run, bot.spec, bot.ports);
    } catch (error) {
      // Stopped, failed or moved meanwhile: whoever ended the run has dealt with it.
      if (bot.run !== run) return;
      if (error instanceof BotBuildError) return this.giveUp(bot, run, error.message);
      this.failed(run, errorText(error), error instanceof SlotGoneError ? 'worker' : 'start');
    }
  }

  private async makePorts(bot: BotRecord) {
    const ports = await this.options.ports(bot.spec.id);
    return { trading: countingPort(ports.trading, bot.count), feed: ports.feed };
  }

  /** A run ended on its own (the strategy failed, its worker died): record it and restart after the backoff if still wanted. */
  private failed(run: number, message: string, during: string): void {
    const bot = this.runs.get(run);
    if (!bot || bot.run !== run) return;
    const now = this.clock.now();
    const ranMs = bot.startedAt === undefined ? undefined : now - bot.startedAt;
    this.endRun(bot, run, bot.slot);
    this.record(bot, message, during, now);
    if (!bot.wanted || this.closed) {
      bot.state = 'stopped';
      bot.slot = undefined;
      return;
    }
    const delay = bot.backoff.next(ranMs);
    bot.state = 'restarting';
    bot.nextRestartAt = now + delay;
    bot.cancelRestart = after(this.clock, delay, () => {
      bot.cancelRestart = undefined;
      if (!bot.wanted || this.closed || bot.removed) return;
      bot.restarts++;
      void this.launch(bot);
    });
  }

  /** The bot cannot be built: restarting would fail the same way, so it stays failed until started again. */
  private giveUp(bot: BotRecord, run: number, message: string): void {
    this.endRun(bot, run, bot.slot);
    this.record(bot, message, 'build', this.clock.now());
    bot.wanted = false;
    bot.state = 'failed';
    bot.slot = undefined;
  }

  private record(bot: BotRecord, message: string, during: string, at: number): void {
    bot.errors++;
    bot.lastError = { message, during, at };
  }

  /** Forgets a run: keeps its final report, closes it on its slot. */
  private endRun(bot: BotRecord, run: number, slot: Slot | undefined): void {
    if (bot.run === run) {
      bot.report();
      bot.run = undefined;
    }
    this.runs.delete(run);
    slot?.drop(run);
  }

  private log(run: number, entry: LogEntry): void {
    const bot = this.runs.get(run);
    if (bot) this.options.log?.(bot.spec.id, entry);
  }

  private died(slot: Slot, reason: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.closed) return;
    this.replaced[index] = (this.replaced[index] ?? 0) + 1;
    // The replacement comes first, so the bots below may restart on it.
    this.slots[index] = this.spawn(index);
    for (const bot of this.bots.values()) {
      if (bot.slot !== slot) continue;
      if (bot.run !== undefined) this.failed(bot.run, `worker ${index} died: ${reason}`, 'worker');
      if (bot.slot === slot) bot.slot = undefined;
    }
  }

  /** A worker slot at `index`; when spawning fails, none, and another try after a second. */
  private spawn(index: number): Slot | undefined {
    try {
      return new WorkerSlot(index, { reportIntervalMs: this.options.reportIntervalMs ?? 1_000, heapMb: this.options.workerHeapMb, market: this.options.market }, this.clock, this.events);
    } catch {
      after(this.clock, 1_000, () => {
        if (!this.closed && this.slots[index] === undefined) this.slots[index] = this.spawn(index);
      });
      return undefined;
    }
  }

  private load(slot: Slot): number {
    let bots = 0;
    for (const bot of this.bots.values()) if (bot.slot === slot) bots++;
    return bots;
  }

  /** The live slot holding the fewest bots; the lowest index wins a tie. */
  private leastLoaded(): Slot | undefined {
    let best: Slot | undefined;
    let bestLoad = Infinity;
    for (const slot of this.slots) {
      if (!slot) continue;
      const load = this.load(slot);
      if (load < bestLoad) [best, bestLoad] = [slot, load];
    }
    return best;
  }
}
