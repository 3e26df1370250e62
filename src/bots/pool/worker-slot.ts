// The host side of one worker thread: serves its bots' port calls with the real ports, forwards feed events in batches, notices its death.
//
// Invariants:
// - a call is served only for a run this slot still hosts; a superseded or dropped run is refused,
//   so a bot that was stopped or restarted elsewhere can never trade through a zombie runner;
// - feed events and replies go out in order, coalesced per event-loop turn into one message, and
//   events that arrived before a reply precede it, so a worker sees the events a call caused no
//   later than the call's answer;
// - a market channel (the worker's one subscription to a symbol for all its bots) is open here
//   from its `watch` to its `unwatch`, or until the thread dies;
// - when the thread dies every run's subscriptions and every channel are closed, pending starts
//   reject and pending stops resolve, and the pool hears `died` (unless the slot was being closed).
import type { Worker } from 'node:worker_threads';
import type { ClockPort, MarketEvent, PortQuote } from '../../strategy/index.ts';
import { BotBuildError, errorText } from './build-runner.ts';
import { encodeFeed } from './feed-codec.ts';
import { dispatch, type HostMessage, type PortRequest, type RunReport, type WorkerMessage } from './protocol.ts';
import { SlotGoneError, type Slot, type SlotEvents } from './slot.ts';
import { spawnWorker } from './spawn.ts';
import type { BotPorts, BotSpec, MarketDataPort } from './types.ts';

/** How long a worker may take to load before its silence counts against it. */
const BOOT_GRACE_MS = 60_000;

interface HostedRun {
  readonly botId: string;
  readonly ports: BotPorts;
  /** Host-side unsubscribe per worker subscription id. */
  readonly subs: Map<number, () => void>;
  report: RunReport | undefined;
  started?: { resolve: () => void; reject: (error: Error) => void };
  stopped?: () => void;
}

export interface WorkerSlotOptions {
  readonly reportIntervalMs: number;
  readonly heapMb: number | undefined;
  readonly market: MarketDataPort | undefined;
}

export class WorkerSlot implements Slot {
  readonly threadId: number;
  private readonly worker: Worker;
  private readonly runs = new Map<number, HostedRun>();
  private readonly subRuns = new Map<number, number>();
  /** Host-side unsubscribe per market channel the worker watches. */
  private readonly channels = new Map<number, () => void>();
  private readonly market: MarketDataPort | undefined;
  /** Messages for the worker this turn, in order; feed events collect in `feedSubs`/`feedEvents` until a reply follows them. */
  private outbox: HostMessage[] = [];
  private feedSubs: number[] = [];
  private feedEvents: MarketEvent[] = [];
  private flushing = false;
  private lastSign: number;
  /** Whether the worker has sent anything yet: loading its modules is not being stuck. */
  private booted = false;
  private exitReason: string | undefined;
  private gone = false;
  private closing = false;

  constructor(
    readonly index: number,
    options: WorkerSlotOptions,
    private readonly clock: ClockPort,
    private readonly events: SlotEvents,
  ) {
    this.market = options.market;
    this.worker = spawnWorker({ reportIntervalMs: options.reportIntervalMs, sharedMarket: options.market !== undefined }, options.heapMb);
    this.threadId = this.worker.threadId;
    this.lastSign = clock.now();
    this.worker.on('message', (message: WorkerMessage) => this.receive(message));
    // Without an 'error' listener a worker's uncaught exception would be rethrown in the host.
    this.worker.on('error', (error) => (this.exitReason ??= errorText(error)));
    this.worker.on('exit', (code) => this.die(this.exitReason ?? `exited with code ${code}`));
  }

  start(run: number, bot: BotSpec, ports: BotPorts): Promise<void> {
    if (this.gone) return Promise.reject(new SlotGoneError(this.exitReason ?? 'closed'));
    return new Promise((resolve, reject) => {
      this.runs.set(run, { botId: bot.id, ports, subs: new Map(), report: undefined, started: { resolve, reject } });
      this.post({ type: 'start', run, bot, touches: touchesOf(bot, ports) });
    });
  }

  stop(run: number): Promise<void> {
    const hosted = this.runs.get(run);
    if (!hosted || this.gone) return Promise.resolve();
    return new Promise((resolve) => {
      hosted.stopped = resolve;
      this.post({ type: 'stop', run });
    });
  }

  drop(run: number): void {
    if (!this.runs.has(run)) return;
    this.end(run);
    if (!this.gone) this.post({ type: 'drop', run });
  }

  report(run: number): RunReport | undefined {
    return this.runs.get(run)?.report;
  }

  silentFor(now: number): number {
    // Before its first message the worker is still loading (and compiling) its modules, which can
    // take seconds on a busy machine; only a boot that takes far longer counts as silence.
    return this.booted ? now - this.lastSign : Math.max(0, now - this.lastSign - BOOT_GRACE_MS);
  }

  kill(reason: string): void {
    this.exitReason ??= reason;
    void this.worker.terminate();
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private receive(message: WorkerMessage): void {
    this.lastSign = this.clock.now();
    this.booted = true;
    switch (message.type) {
      case 'started':
        return this.runs.get(message.run)?.started?.resolve();
      case 'invalid': {
        const hosted = this.runs.get(message.run);
        this.end(message.run);
        return hosted?.started?.reject(new BotBuildError(hosted.botId, message.error));
      }
      case 'failed': {
        const hosted = this.runs.get(message.run);
        if (!hosted) return;
        this.end(message.run);
        this.events.failed(message.run, message.error, message.during);
        // A failed start still ends the start: the worker's `started` will find no run to resolve.
        return hosted.started?.resolve();
      }
      case 'stopped': {
        const hosted = this.runs.get(message.run);
        this.end(message.run);
        hosted?.started?.resolve();
        return hosted?.stopped?.();
      }
      case 'call':
        return void this.serve(message.run, message.call, message.request);
      case 'subscribe': {
        const hosted = this.runs.get(message.run);
        if (!hosted) return;
        const close = hosted.ports.feed.subscribe(message.symbols, message.intervals, (event) => this.push(message.sub, event));
        hosted.subs.set(message.sub, close);
        return void this.subRuns.set(message.sub, message.run);
      }
      case 'unsubscribe': {
        const run = this.subRuns.get(message.sub);
        const close = run === undefined ? undefined : this.runs.get(run)?.subs.get(message.sub);
        if (run !== undefined) this.runs.get(run)?.subs.delete(message.sub);
        this.subRuns.delete(message.sub);
        return safely(close);
      }
      case 'watch': {
        const { market } = this;
        if (!market || this.channels.has(message.channel)) return;
        const deliver = (event: MarketEvent) => this.push(message.channel, event);
        const close = message.interval === null ? market.ticks(message.symbol, deliver) : market.bars(message.symbol, message.interval, deliver);
        return void this.channels.set(message.channel, close);
      }
      case 'unwatch': {
        const close = this.channels.get(message.channel);
        this.channels.delete(message.channel);
        return safely(close);
      }
      case 'report':
        for (const report of message.runs) {
          const hosted = this.runs.get(report.run);
          if (hosted) hosted.report = report;
        }
        return;
      case 'logs':
        for (const [run, entry] of message.entries) if (this.runs.has(run)) this.events.log(run, entry);
        return;
      case 'batch':
        for (const each of message.messages) this.receive(each);
        return;
    }
  }

  private async serve(run: number, call: number, request: PortRequest): Promise<void> {
    const hosted = this.runs.get(run);
    if (!hosted) return this.reply({ type: 'reply', call, ok: false, error: 'the bot is no longer running here' });
    try {
      const value = await dispatch(hosted.ports.trading, hosted.ports.feed, request);
      this.reply({ type: 'reply', call, ok: true, value });
    } catch (error) {
      this.reply({ type: 'reply', call, ok: false, error: `${request.method}: ${errorText(error)}` });
    }
  }

  private reply(message: Extract<HostMessage, { type: 'reply' }>): void {
    if (this.gone) return;
    this.sealFeed();
    this.outbox.push(message);
    this.schedule();
  }

  private push(sub: number, event: MarketEvent): void {
    if (this.gone || !(this.subRuns.has(sub) || this.channels.has(sub))) return;
    this.feedSubs.push(sub);
    this.feedEvents.push(event);
    this.schedule();
  }

  /** The feed events so far become one message, ahead of whatever is queued after them. */
  private sealFeed(): void {
    if (this.feedSubs.length === 0) return;
    this.outbox.push({ type: 'feed', lines: encodeFeed(this.feedSubs, this.feedEvents) });
    this.feedSubs = [];
    this.feedEvents = [];
  }

  private schedule(): void {
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => this.flush());
  }

  /** Sends the turn's messages as one; if that cannot be cloned, one by one, so only the culprit is replaced. */
  private flush(): void {
    this.flushing = false;
    if (this.gone) return;
    this.sealFeed();
    const messages = this.outbox;
    this.outbox = [];
    if (messages.length === 0) return;
    try {
      this.worker.postMessage(messages.length === 1 ? messages[0] : { type: 'batch', messages });
    } catch {
      for (const message of messages) this.postOne(message);
    }
  }

  private postOne(message: HostMessage): void {
    try {
      this.worker.postMessage(message);
    } catch (error) {
      // The port returned something that cannot cross threads (a function, a class instance with one).
      if (message.type === 'reply') this.worker.postMessage({ type: 'reply', call: message.call, ok: false, error: `the answer cannot be sent to the worker: ${errorText(error)}` });
      else throw error;
    }
  }

  private post(message: HostMessage): void {
    if (!this.gone) this.worker.postMessage(message);
  }

  /** Closes the run's host-side subscriptions and forgets it. */
  private end(run: number): void {
    const hosted = this.runs.get(run);
    if (!hosted) return;
    this.runs.delete(run);
    for (const [sub, close] of hosted.subs) {
      this.subRuns.delete(sub);
      safely(close);
    }
  }

  private die(reason: string): void {
    if (this.gone) return;
    this.gone = true;
    this.outbox = [];
    this.feedSubs = [];
    this.feedEvents = [];
    for (const close of this.channels.values()) safely(close);
    this.channels.clear();
    for (const [run, hosted] of [...this.runs]) {
      this.end(run);
      hosted.started?.reject(new SlotGoneError(reason));
      hosted.stopped?.();
    }
    if (!this.closing) this.events.died(this, reason);
  }
}

/** Runs an unsubscribe; a feed that fails to unsubscribe must not take the slot down. */
function safely(close: (() => void) | undefined): void {
  try {
    close?.();
  } catch {
    /* the subscription is gone either way */
  }
}

/** The current best bid and ask of each of the bot's symbols; null when its feed cannot tell. */
function touchesOf(bot: BotSpec, { feed }: BotPorts): PortQuote[] | null {
  if (!feed.quote) return null;
  return (bot.symbols ?? []).flatMap((symbol) => feed.quote?.(symbol) ?? []);
}
