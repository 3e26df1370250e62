// The bot pool's public vocabulary: a bot's spec, the host-side port factory, options and statuses.
import type { ClockPort, FeedPort, LogEntry, MarketEvent, TradingPort } from '../../strategy/index.ts';

export interface BotSpec {
  /** Unique in the pool; also what the port factory is asked for. */
  readonly id: string;
  /** A built-in strategy name (see BUILT_IN_STRATEGIES), or the path or file URL of a strategy module. */
  readonly strategy: string;
  /** Raw params, validated with the strategy's schema (undefined means `{}`). */
  readonly params?: unknown;
  /** Overrides the strategy's symbols; built-in strategies have none of their own, so a bot must name some. */
  readonly symbols?: readonly string[];
  /** Seeds ctx.random; defaults to a hash of the id, so each bot differs and every run repeats. */
  readonly seed?: number;
}

/**
 * The real work behind a bot's proxy ports: trading and feed for that bot's own account. When the
 * pool has a `market` port, bots in worker threads subscribe their own feed to no symbols: it then
 * carries only the account's order and fill updates, and market data comes from `market`.
 */
export interface BotPorts {
  readonly trading: TradingPort;
  readonly feed: FeedPort;
}

/**
 * Public market data, the same for every bot: what one market-data connection carries (trades,
 * quotes, closed bars), with no account in it. Each worker thread holds one subscription per symbol
 * (and per bar interval) for all its bots and hands every event to each of them.
 */
export interface MarketDataPort {
  /** Trades and quotes of `symbol`, in the order the venue published them; returns how to stop. */
  ticks(symbol: string, deliver: (event: MarketEvent) => void): () => void;
  /** Closed bars of `symbol` at `interval` (an interval the venue does not build delivers nothing); returns how to stop. */
  bars(symbol: string, interval: string, deliver: (event: MarketEvent) => void): () => void;
}

/**
 * Supplied by the host (src/api wires the in-process client here). Called on the host thread once
 * per bot, the first time it starts; its ports serve every later run of that bot. It may throw or
 * reject (say, the bot's account is gone): the start then fails and is retried with backoff.
 */
export type BotPortFactory = (botId: string) => BotPorts | Promise<BotPorts>;

export interface BackoffOptions {
  /** Delay before the first restart (default 1 s); each further failure doubles it. */
  readonly initialMs?: number;
  /** The longest delay (default 60 s). */
  readonly maxMs?: number;
  /** A run that lasted this long before failing starts the backoff over (default 60 s). */
  readonly resetAfterMs?: number;
}

export interface BotPoolOptions {
  readonly ports: BotPortFactory;
  /**
   * Market data shared by the bots of each worker thread (see MarketDataPort). Without it every bot
   * subscribes its own feed to its symbols, and each event crosses to the worker once per bot.
   * Inline bots always use their own feed.
   */
  readonly market?: MarketDataPort;
  /** Worker threads; default the number of CPUs (at least 1). 0 runs every bot inline on the calling thread. */
  readonly workers?: number;
  /**
   * The pool's own timers (backoff, stop timeouts, order rates) and, inline, the bots' clock. Default
   * the wall clock. Bots in worker threads always run on the wall clock.
   */
  readonly clock?: ClockPort;
  readonly backoff?: BackoffOptions;
  /** Orders per second are averaged over this window (default 10 s). */
  readonly rateWindowMs?: number;
  /** How often workers report their bots' state (default 1 s). */
  readonly reportIntervalMs?: number;
  /** A worker that has not reported for this long is stuck (a bot's endless loop): it is replaced (default 30 s). */
  readonly stallMs?: number;
  /** A bot that has not stopped after this long is dropped without its onStop (default 10 s). */
  readonly stopTimeoutMs?: number;
  /** Heap limit per worker thread, in MB; a worker over it dies and is replaced. */
  readonly workerHeapMb?: number;
  /** Where the bots' log lines go; default nowhere (errors still show in statuses). */
  readonly log?: (botId: string, entry: LogEntry) => void;
}

/**
 * running: started (or starting); restarting: failed, waiting for its backoff; stopped: not wanted;
 * failed: cannot be built (unknown strategy, invalid params), so restarting would not help.
 */
export type BotState = 'running' | 'stopped' | 'restarting' | 'failed';

export interface BotError {
  readonly message: string;
  /** Where: a handler name, 'start', 'ports', 'build' or 'worker'. */
  readonly during: string;
  /** Pool clock time. */
  readonly at: number;
}

/** A placement the venue refused: its reason code and message, and when the answer came (pool clock time). */
export interface BotRefusal {
  readonly code: string;
  readonly message: string;
  readonly at: number;
}

/** P&L of the current run, exact, as decimal strings: total = realized + unrealized - fees. */
export interface BotPnl {
  readonly realized: string;
  readonly unrealized: string;
  readonly fees: string;
  readonly total: string;
}

export interface BotStatus {
  readonly id: string;
  readonly strategy: string;
  readonly symbols: readonly string[];
  readonly state: BotState;
  /** Worker index the bot runs on (0 when inline); null when it holds none (stopped, failed). */
  readonly worker: number | null;
  /** Clock time the bot last handled an event or timer (or started). */
  readonly heartbeat: number | null;
  /** Placements that reached the venue, over every run. */
  readonly ordersSent: number;
  /** Placements the venue refused, over every run, and the latest of them. */
  readonly refusals: { readonly count: number; readonly last: BotRefusal | null };
  /** Placements per second over the recent window. */
  readonly ordersPerSecond: number;
  readonly errors: { readonly count: number; readonly last: BotError | null };
  readonly restarts: number;
  /** When a restarting bot starts again (pool clock). */
  readonly nextRestartAt: number | null;
  /** Null until the current run reports. */
  readonly pnl: BotPnl | null;
}

export interface WorkerInfo {
  readonly index: number;
  /** The thread's id; it changes when a dead worker is replaced. Null inline. */
  readonly threadId: number | null;
  /** Bots placed on it (running or waiting to restart). */
  readonly bots: number;
  /** How many times the worker at this index died and was replaced. */
  readonly replaced: number;
}

export class UnknownBotError extends Error {
  constructor(readonly botId: string) {
    super(`no bot ${JSON.stringify(botId)} in the pool`);
    this.name = 'UnknownBotError';
  }
}
