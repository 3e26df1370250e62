// StrategyRunner: runs one strategy definition over a set of ports, one event at a time, and reports its health.
//
// Invariants:
// - handlers run strictly one after another, in the order events arrived; an async handler delays
//   the next event (no interleaving), so with a simulated clock and feed a run repeats exactly;
// - a timer has at most one tick waiting in the queue: a handler slower than its timer gets one
//   catch-up tick, not a backlog that would keep every later event waiting behind stale ticks;
// - state the context shows (orders, positions, bars, last prices) is updated from an event just
//   before that event's handler runs;
// - a handler that throws never escapes: the runner reports it through onError, stops itself
//   (timers cleared, feed unsubscribed) and leaves the process alone.
import { SeededRandom } from '../core/rng.ts';
import { OrderActions } from './actions.ts';
import { createContext } from './context.ts';
import { parseParams, type StrategyDefinition } from './define-strategy.ts';
import { AccountLedger } from './ledger.ts';
import { consoleSink, createLogger } from './log.ts';
import { OrderTracker } from './order-tracker.ts';
import { MarketState } from './market-state.ts';
import type { ClockPort, FeedPort, MarketEvent, PortInstrument, TradingPort } from './ports.ts';
import { RunQueue, type Job } from './run-queue.ts';
import { Timers } from './timers.ts';
import type { Logger, LogSink, StrategyContext } from './types.ts';
import { failureText } from './failure-text.ts';
import { fillView, orderView, tradeView } from './views.ts';

/** Where a failure happened: a handler name, or 'start' for loading instruments, balances and history. */
export interface FailureInfo {
  readonly strategy: string;
  readonly during: string;
}

export interface RunnerOptions {
  readonly trading: TradingPort;
  readonly feed: FeedPort;
  readonly clock: ClockPort;
  /** Seeds ctx.random; the same seed with the same data repeats a run exactly. */
  readonly seed: number;
  /** Raw params, validated with the definition's schema (undefined means `{}`). */
  readonly params?: unknown;
  /** Overrides the definition's symbols. */
  readonly symbols?: readonly string[];
  readonly log?: LogSink;
  /** Called once when the strategy fails; the runner has already stopped itself. */
  readonly onError?: (error: unknown, info: FailureInfo) => void;
  /** Called for each placement the SDK refused before sending it (the venue never hears of those), with the refusal's code. */
  readonly onPlacementNotSent?: (code: string) => void;
  /**
   * The caller steps the world and calls `runReady()` after each step, instead of events running
   * on their own (backtests: a simulated market has nothing to wait for between records).
   */
  readonly driven?: boolean;
}

export type RunnerState = 'new' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

/** For the bot manager's status page and restarts. */
export interface RunnerStatus {
  readonly state: RunnerState;
  /** Placements (order, oco, bracket) that reached the trading port. */
  readonly ordersSent: number;
  /** Actions refused, by the SDK before sending or by the venue. */
  readonly ordersRefused: number;
  readonly eventsHandled: number;
  readonly errors: number;
  readonly lastError: string | undefined;
  /** Clock time the runner last made progress (started, or handled an event). */
  readonly lastHeartbeat: number | undefined;
}

export class StrategyRunner<P, S = unknown> {
  readonly params: P;
  readonly state: S;
  readonly symbols: readonly string[];
  readonly context: StrategyContext<P, S>;
  private phase: RunnerState = 'new';
  private readonly instruments = new Map<string, PortInstrument>();
  private readonly orders = new OrderTracker();
  private readonly ledger = new AccountLedger(this.instruments);
  private readonly market: MarketState;
  private readonly timers: Timers;
  private readonly queue: RunQueue;
  private readonly log: Logger;
  private unsubscribe: (() => void) | undefined;
  private starting: Promise<void> | undefined;
  private counts = { ordersSent: 0, ordersRefused: 0, eventsHandled: 0, errors: 0 };
  private lastError: string | undefined;
  private lastHeartbeat: number | undefined;
  private readonly keys = new Map<string, { readonly trade: string; readonly quote: string }>();
  private readonly withPrice = new Set<string>();
  /** Timers with a tick waiting in the queue. */
  private readonly ticking = new Set<string>();

  /** Throws StrategyParamsError when the params do not fit the schema (and whatever the state factory throws). */
  constructor(
    private readonly definition: StrategyDefinition<P, S>,
    private readonly options: RunnerOptions,
  ) {
    this.params = Object.freeze(parseParams(definition, options.params));
    // Without a factory there is no state; S is then `undefined` by defineStrategy's default.
    this.state = definition.state ? definition.state(this.params) : (undefined as S);
    this.symbols = Object.freeze([...(options.symbols ?? definition.symbols)]);
    this.market = new MarketState(definition.historySize, this.ledger);
    this.timers = new Timers(options.clock);
    const now = () => options.clock.now();
    this.log = createLogger(definition.name, now, options.log ?? consoleSink);
    this.queue = new RunQueue((job) => this.handle(job), (error, job) => this.fail(error, handlerFor(job)), options.driven);
    const actions = new OrderActions({
      trading: options.trading,
      orders: this.orders,
      instrument: (symbol) => this.instruments.get(symbol),
      active: () => this.phase === 'starting' || this.phase === 'running' || this.phase === 'stopping',
      sent: () => void this.counts.ordersSent++,
      refused: () => void this.counts.ordersRefused++,
      placementNotSent: (failure) => options.onPlacementNotSent?.(failure.code),
    });
    this.context = createContext<P, S>({
      name: definition.name,
      params: this.params,
      state: this.state,
      symbols: this.symbols,
      now,
      random: new SeededRandom(options.seed),
      log: this.log,
      actions,
      orders: this.orders,
      ledger: this.ledger,
      bars: this.market.bars,
      instrument: (symbol) => this.instruments.get(symbol),
      lastPrice: (symbol) => this.market.lastPrice(symbol),
      quote: (symbol) => this.market.lastQuote(symbol),
      setTimer: (name, everyMs) => this.timers.set(name, everyMs, (fired) => this.tick(fired)),
      clearTimer: (name) => this.timers.clear(name),
    });
  }

  /**
   * Loads instruments, subscribes, loads balances, open orders and history, runs onStart, then
   * starts delivering events. Never rejects: a failure goes to onError and the state says 'failed'.
   */
  start(): Promise<void> {
    this.starting ??= this.boot();
    return this.starting;
  }

  /**
   * Waits for the handler in flight, drops what is queued, clears timers, runs onStop, unsubscribes.
   * Call it from outside the strategy: a handler awaiting it would wait for itself.
   */
  async stop(): Promise<void> {
    if (this.starting) await this.starting;
    if (this.phase !== 'running') return;
    this.phase = 'stopping';
    this.queue.close();
    await this.queue.idle();
    // The handler still in flight may have failed meanwhile; the failure path has cleaned up.
    if (this.phase !== 'stopping') return;
    this.timers.close();
    try {
      await this.definition.onStop?.(this.context);
    } catch (error) {
      this.report(error, 'onStop');
    }
    this.release();
    this.phase = 'stopped';
  }

  /** Resolves once every event delivered so far has been handled (or the runner stopped). */
  async idle(): Promise<void> {
    if (this.starting) await this.starting;
    await this.queue.idle();
  }

  /**
   * For a driven runner: handles the events delivered so far, on the caller's stack, until one
   * handler is async. Returns undefined when all are handled, else a promise for the rest.
   */
  runReady(): Promise<void> | undefined {
    return this.queue.runReady();
  }

  /**
   * `runReady` for a driver's hot loop: returns the async handler's own promise; await it and call
   * `settleReady` with how it ended (see RunQueue.step).
   */
  stepReady(): Promise<void> | undefined {
    return this.queue.step();
  }

  settleReady(failed: boolean, error?: unknown): Promise<void> | undefined {
    return this.queue.settle(failed, error);
  }

  status(): RunnerStatus {
    return { state: this.phase, ...this.counts, lastError: this.lastError, lastHeartbeat: this.lastHeartbeat };
  }

  /** The exact P&L totals (bigint at 18 decimals) behind ctx.pnl(), for reports and tests. */
  exactPnl(): ReturnType<AccountLedger['exactPnl']> {
    return this.ledger.exactPnl();
  }

  private async boot(): Promise<void> {
    const { trading, feed } = this.options;
    this.phase = 'starting';
    try {
      for (const instrument of await trading.instruments()) this.instruments.set(instrument.symbol, instrument);
      const unknown = this.symbols.filter((symbol) => !this.instruments.has(symbol));
      if (unknown.length > 0) throw new Error(`unknown symbols: ${unknown.join(', ')}`);
      // Subscribe before reading the account and history so nothing falls in between; the queue
      // holds what arrives until onStart has run, and bars already in history are dropped as repeats.
      this.unsubscribe = feed.subscribe(this.symbols, this.definition.bars, (event) => this.enqueue(event));
      // A quote event comes only when the book changes: onStart on a quiet book sees the touch as it is now.
      // Quotes queued meanwhile are no newer than this one, so once handled they leave the same touch.
      for (const symbol of this.symbols) {
        const quote = feed.quote?.(symbol);
        if (quote) this.market.quote(quote);
      }
      const [balances, open] = await Promise.all([trading.balances(), trading.openOrders()]);
      for (const order of open) this.orders.update(order);
      if (this.definition.historySize > 0) {
        for (const symbol of this.symbols) {
          for (const interval of this.definition.bars) {
            for (const bar of await feed.history(symbol, interval, this.definition.historySize)) this.market.bar(bar);
          }
        }
      }
      this.ledger.open(balances, this.symbols);
      this.beat();
    } catch (error) {
      return this.fail(error, 'start');
    }
    try {
      await this.definition.onStart?.(this.context);
    } catch (error) {
      return this.fail(error, 'onStart');
    }
    if (this.phase !== 'starting') return;
    this.phase = 'running';
    this.queue.open();
  }

  /** Queues a timer's tick unless one of the same timer still waits for its turn. */
  private tick(name: string): void {
    if (this.ticking.has(name)) return;
    this.ticking.add(name);
    this.queue.push({ kind: 'timer', name });
  }

  /**
   * A trade or quote the strategy has no handler for runs no strategy code: it only moves its
   * symbol's last price or quote. With nothing queued or running it is applied at once (it would be
   * the next job anyway); while it waits, a newer one of its symbol takes its place (a busy symbol
   * costs a bot one job per turn, not one per print). A trade before the symbol's first price is
   * kept as it is: that one may set the basis of holdings from before the start.
   */
  private enqueue(event: MarketEvent): void {
    const d = this.definition;
    if ((event.kind === 'order' || event.kind === 'fill') && this.phase === 'running') return this.applyOwn(event);
    if (event.kind === 'quote' && !d.onQuote) {
      if (!this.queue.applyNow(event)) this.queue.pushLatest(event, this.latestKeys(event.quote.symbol).quote);
    } else if (event.kind === 'trade' && !d.onTrade) {
      if (this.queue.applyNow(event)) return;
      if (!this.priced(event.trade.symbol)) this.queue.push(event);
      else this.queue.pushLatest(event, this.latestKeys(event.trade.symbol).trade);
    } else {
      this.queue.push(event);
    }
  }

  /**
   * An own order or fill update takes effect as it arrives, ahead of the market events queued
   * before it; its handler still runs in turn. A placement's answer ends a filled order at once,
   * while its fill arrives with the market events of the same moment: applied in turn, a handler of
   * one of those would see the order gone but not the fill (a position that still holds what was
   * just sold). Before the runner is running, updates wait in the queue, behind the account read.
   * An update the strategy has no handler for needs no turn: it counts as handled at once.
   */
  private applyOwn(event: Extract<MarketEvent, { kind: 'order' | 'fill' }>): void {
    if (event.kind === 'fill') {
      if (!this.ledger.applyFill(event.fill)) return;
    } else {
      this.orders.update(event.order);
    }
    const handled = event.kind === 'fill' ? this.definition.onFill !== undefined : this.definition.onOrder !== undefined;
    if (handled) {
      this.queue.push({ kind: 'applied', event });
    } else {
      this.counts.eventsHandled++;
      this.beat();
    }
  }

  /** Whether the symbol has a last price; once it has one it keeps one, so the answer is kept. */
  private priced(symbol: string): boolean {
    if (this.withPrice.has(symbol)) return true;
    if (this.market.lastPrice(symbol) === undefined) return false;
    this.withPrice.add(symbol);
    return true;
  }

  private latestKeys(symbol: string): { readonly trade: string; readonly quote: string } {
    let keys = this.keys.get(symbol);
    if (!keys) this.keys.set(symbol, (keys = { trade: `trade:${symbol}`, quote: `quote:${symbol}` }));
    return keys;
  }

  /** Returns the handler's promise when it is async, so the queue awaits only what needs awaiting. */
  private handle(job: Job): Promise<void> | void {
    this.counts.eventsHandled++;
    this.beat();
    const d = this.definition;
    const ctx = this.context;
    if (job.kind === 'timer') {
      this.ticking.delete(job.name);
      // A timer cleared after it fired but before its turn came must not call back.
      return this.timers.has(job.name) ? d.onTimer?.(ctx, job.name) : undefined;
    }
    if (job.kind === 'applied') {
      const own = job.event;
      return own.kind === 'fill' ? d.onFill?.(ctx, fillView(own.fill)) : d.onOrder?.(ctx, orderView(own.order));
    }
    const event: MarketEvent = job;
    switch (event.kind) {
      case 'trade':
        this.market.trade(event.trade);
        return d.onTrade?.(ctx, tradeView(event.trade));
      case 'quote':
        this.market.quote(event.quote);
        // The view is made only for a handler (the optional call skips its arguments), and is the one ctx.quote() returns.
        return d.onQuote?.(ctx, this.market.lastQuote(event.quote.symbol)!);
      case 'bar': {
        const bar = this.market.bar(event.bar, event.view);
        return bar && d.onBar?.(ctx, bar);
      }
      case 'order':
        this.orders.update(event.order);
        return d.onOrder?.(ctx, orderView(event.order));
      case 'fill':
        if (!this.ledger.applyFill(event.fill)) return;
        return d.onFill?.(ctx, fillView(event.fill));
    }
  }

  private beat(): void {
    this.lastHeartbeat = this.options.clock.now();
  }

  /** Stops the runner after an error and reports it; safe to call from anywhere, never throws. */
  private fail(error: unknown, during: string): void {
    if (this.phase === 'failed' || this.phase === 'stopped') return;
    this.phase = 'failed';
    this.queue.close();
    this.timers.close();
    this.release();
    this.report(error, during);
  }

  private report(error: unknown, during: string): void {
    this.counts.errors++;
    this.lastError = failureText(during, error);
    this.log.error(`strategy failed in ${during}`, { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    try {
      this.options.onError?.(error, { strategy: this.definition.name, during });
    } catch (hookError) {
      this.log.error('onError hook threw', { error: String(hookError) });
    }
  }

  private release(): void {
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    try {
      unsubscribe?.();
    } catch (error) {
      this.log.warn('unsubscribe failed', { error: String(error) });
    }
  }
}

function handlerFor(job: Job): string {
  const event = job.kind === 'applied' ? job.event : job;
  switch (event.kind) {
    case 'timer':
      return 'onTimer';
    case 'trade':
      return 'onTrade';
    case 'quote':
      return 'onQuote';
    case 'bar':
      return 'onBar';
    case 'order':
      return 'onOrder';
    case 'fill':
      return 'onFill';
  }
}
