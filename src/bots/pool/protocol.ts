// The messages between the pool (host thread) and a worker thread: two small discriminated unions.
//
// Invariants:
// - a run (one start of one bot) has a pool-wide number; every message about a bot names its run,
//   so anything a superseded run still sends (a late call, a late failure) is recognised and ignored;
// - the host answers every `call` exactly once with a `reply` of the same `call` number, unless the
//   worker died first;
// - feed events and log lines travel in batches, in order, coalesced per event-loop turn;
// - a feed event names one subscription of a run (its own feed) or one market channel of the
//   worker (a symbol's trades and quotes, or its bars at one interval), which the worker hands to
//   every bot that joined it; both kinds of id come from one counter in the worker;
// - each side may coalesce its messages of one event-loop turn into a `batch`, which the other side
//   handles message by message, in order: one postMessage per turn instead of one per call or reply.
import type { FeedPort, LogEntry, PortQuote, RunnerStatus, TradingPort } from '../../strategy/index.ts';
import type { BotSpec } from './types.ts';

/** One port method call: any TradingPort method, or the feed's history (subscriptions have their own messages). */
export type PortRequest =
  | { [M in keyof TradingPort]: { readonly method: M; readonly args: Parameters<TradingPort[M]> } }[keyof TradingPort]
  | { readonly method: 'history'; readonly args: Parameters<FeedPort['history']> };

export type PortMethod = PortRequest['method'];

/** What a call's promise resolves to. */
export type PortResponse<M extends PortMethod> = M extends keyof TradingPort ? Awaited<ReturnType<TradingPort[M]>> : Awaited<ReturnType<FeedPort['history']>>;

/** The runner's health and exact P&L (decimal strings), as a worker reports it. */
export interface RunReport {
  readonly run: number;
  readonly status: RunnerStatus;
  readonly pnl: { readonly realized: string; readonly unrealized: string; readonly fees: string };
}

/** Host -> worker. */
export type HostMessage =
  /**
   * Build a runner for the bot and start it; answered by `started` (or `invalid`). `touches`: the
   * best bid and ask of each of the bot's symbols as the host's feed has them now (none for an empty
   * book), so onStart sees the current quote on a quiet book, as an in-process bot does; null when
   * the host's feed has no quote at hand (FeedPort.quote is optional).
   */
  | { readonly type: 'start'; readonly run: number; readonly bot: BotSpec; readonly touches: readonly PortQuote[] | null }
  /** Stop gracefully (handler in flight, onStop); answered by `stopped`. */
  | { readonly type: 'stop'; readonly run: number }
  /** Forget the run at once (it did not stop in time); its calls are refused from now on. */
  | { readonly type: 'drop'; readonly run: number }
  | { readonly type: 'reply'; readonly call: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'reply'; readonly call: number; readonly ok: false; readonly error: string }
  /** Feed events in the order the host received them, each for one subscription or channel, as lines (see feed-codec.ts). */
  | { readonly type: 'feed'; readonly lines: string }
  | { readonly type: 'batch'; readonly messages: readonly HostMessage[] };

/** Worker -> host. */
export type WorkerMessage =
  /** The runner's start() resolved (if it failed, `failed` came first). */
  | { readonly type: 'started'; readonly run: number }
  /** The runner could not be built (unknown strategy, invalid params): retrying would not help. */
  | { readonly type: 'invalid'; readonly run: number; readonly error: string }
  /** The strategy failed (the runner's onError); the runner has already stopped itself. */
  | { readonly type: 'failed'; readonly run: number; readonly error: string; readonly during: string }
  | { readonly type: 'stopped'; readonly run: number }
  | { readonly type: 'call'; readonly run: number; readonly call: number; readonly request: PortRequest }
  | { readonly type: 'subscribe'; readonly run: number; readonly sub: number; readonly symbols: readonly string[]; readonly intervals: readonly string[] }
  | { readonly type: 'unsubscribe'; readonly sub: number }
  /** Opens a market channel for the worker's bots: a symbol's trades and quotes (`interval` null) or its closed bars at `interval`. */
  | { readonly type: 'watch'; readonly channel: number; readonly symbol: string; readonly interval: string | null }
  | { readonly type: 'unwatch'; readonly channel: number }
  /** Sent every report interval, also with no runs: it doubles as the worker's heartbeat. */
  | { readonly type: 'report'; readonly runs: readonly RunReport[] }
  | { readonly type: 'logs'; readonly entries: ReadonlyArray<readonly [run: number, entry: LogEntry]> }
  | { readonly type: 'batch'; readonly messages: readonly WorkerMessage[] };

/** What the pool hands a worker at spawn. */
export interface WorkerData {
  readonly reportIntervalMs: number;
  /** Whether the host has a market-data port: bots then join the worker's market channels and ask their own feed for no symbols. */
  readonly sharedMarket: boolean;
}

/** Runs one request against the real ports (host side). */
export function dispatch(trading: TradingPort, feed: FeedPort, request: PortRequest): Promise<unknown> {
  switch (request.method) {
    case 'instruments':
      return trading.instruments();
    case 'place':
      return trading.place(...request.args);
    case 'placeOco':
      return trading.placeOco(...request.args);
    case 'placeBracket':
      return trading.placeBracket(...request.args);
    case 'cancel':
      return trading.cancel(...request.args);
    case 'cancelAll':
      return trading.cancelAll(...request.args);
    case 'replace':
      return trading.replace(...request.args);
    case 'balances':
      return trading.balances();
    case 'openOrders':
      return trading.openOrders();
    case 'history':
      return feed.history(...request.args);
  }
}
