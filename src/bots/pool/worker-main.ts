// Worker thread entry: runs its share of the bots, each a StrategyRunner over proxy ports that forward to the host.
//
// Invariants:
// - the worker never trades itself: every TradingPort and FeedPort call becomes a `call` message
//   the host answers, and feed events arrive as `feed` batches;
// - with a shared market (see WorkerData), a bot's own feed is subscribed to no symbols, so it
//   carries only its account's updates, and its symbols' market data comes through the worker's
//   channels, one per symbol (and bar interval) for all its bots;
// - a bot's failure is caught by its runner and reported as `failed`; the other runners carry on.
//   What no runner catches (an uncaught exception, running out of heap) ends the thread, and the
//   pool replaces it;
// - bots here run on the wall clock.
import { parentPort, workerData } from 'node:worker_threads';
import type { LogEntry, MarketEvent, PortQuote } from '../../strategy/index.ts';
import { buildRunner, errorText, runReport, type BotRunner } from './build-runner.ts';
import { decodeFeed } from './feed-codec.ts';
import { wallClock } from './clock.ts';
import type { HostMessage, PortRequest, PortResponse, WorkerData, WorkerMessage } from './protocol.ts';
import { MarketChannels } from './market-channels.ts';
import type { BotSpec } from './types.ts';
import { proxyFeed, proxyTrading, Touches, type Caller, type Subscriber } from './worker-ports.ts';

if (!parentPort) throw new Error('worker-main runs only as a worker thread');
const port = parentPort;
// spawn.ts starts every worker with exactly this shape.
const { reportIntervalMs, sharedMarket } = workerData as WorkerData;

const runners = new Map<number, BotRunner>();
/** Runs being built (a module strategy may still be loading); a stop meanwhile removes the run here. */
const building = new Set<number>();
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
/** Runs' own subscriptions and the market channels, by the id their feed events carry. */
const subscriptions = new Map<number, (event: MarketEvent) => void>();
/** The latest quote per symbol, for a starting runner's ctx.quote: a quote event comes only when the book changes. */
const touches = new Touches();
const touch = (symbol: string) => touches.get(symbol);
let nextCall = 1;
let nextSub = 1;
const channels = new MarketChannels((symbol, interval, fanOut) => {
  const channel = nextSub++;
  subscriptions.set(channel, fanOut);
  send({ type: 'watch', channel, symbol, interval });
  return () => {
    if (subscriptions.delete(channel)) send({ type: 'unwatch', channel });
  };
});
let logs: Array<readonly [number, LogEntry]> = [];
/** Messages of this event-loop turn, sent as one at its end (see `batch` in protocol.ts). */
let outbox: WorkerMessage[] = [];

function send(message: WorkerMessage): void {
  if (outbox.length === 0) setImmediate(flush);
  outbox.push(message);
}

/** One postMessage for the turn; if something in it cannot be cloned, one by one, so only the culprit fails. */
function flush(): void {
  const messages = outbox;
  outbox = [];
  try {
    port.postMessage(messages.length === 1 ? messages[0] : { type: 'batch', messages });
  } catch {
    for (const message of messages) postOne(message);
  }
}

function postOne(message: WorkerMessage): void {
  try {
    port.postMessage(message);
  } catch (error) {
    if (message.type === 'logs') {
      port.postMessage({ type: 'logs', entries: message.entries.map(([run, { fields: _fields, ...entry }]) => [run, entry] as const) });
    } else if (message.type === 'call') {
      // An argument that cannot cross threads fails the call, and so the handler that made it.
      const waiting = pending.get(message.call);
      pending.delete(message.call);
      waiting?.reject(new Error(`${message.request.method}: ${errorText(error)}`));
    } else {
      throw error;
    }
  }
}

function caller(run: number): Caller {
  return <R extends PortRequest>(request: R) =>
    new Promise<PortResponse<R['method']>>((resolve, reject) => {
      const call = nextCall++;
      // The host answers with the method's own result type; the protocol pairs them by call number.
      pending.set(call, { resolve: (value) => resolve(value as PortResponse<R['method']>), reject });
      send({ type: 'call', run, call, request });
    });
}

function subscriber(run: number): Subscriber {
  return (symbols, intervals, deliver) => {
    const sub = nextSub++;
    subscriptions.set(sub, deliver);
    send({ type: 'subscribe', run, sub, symbols: sharedMarket ? [] : symbols, intervals: sharedMarket ? [] : intervals });
    const leave = sharedMarket ? symbols.flatMap((symbol) => [channels.join(symbol, null, deliver), ...intervals.map((interval) => channels.join(symbol, interval, deliver))]) : [];
    return () => {
      if (subscriptions.delete(sub)) send({ type: 'unsubscribe', sub });
      for (const each of leave) each();
    };
  };
}

/**
 * A run's last message: its log lines still waiting go before it, as the host forgets the run when
 * it ends and would drop lines that came after (a failing bot's error among them).
 */
function sendEnd(message: Extract<WorkerMessage, { type: 'failed' | 'invalid' | 'stopped' }>): void {
  if (logs.length > 0) flushLogs();
  send(message);
}

/** Log lines go out in batches; a line whose fields cannot be cloned goes without them. */
function log(run: number, entry: LogEntry): void {
  if (logs.length === 0) setImmediate(flushLogs);
  logs.push([run, entry]);
}

function flushLogs(): void {
  const entries = logs;
  logs = [];
  send({ type: 'logs', entries });
}

async function start(run: number, bot: BotSpec, current: readonly PortQuote[] | null): Promise<void> {
  touches.started(bot.symbols ?? [], current);
  const call = caller(run);
  let runner: BotRunner;
  building.add(run);
  try {
    runner = await buildRunner(bot, {
      ports: { trading: proxyTrading(call), feed: proxyFeed(call, subscriber(run), touch) },
      clock: wallClock,
      log: (entry) => log(run, entry),
      onError: (error, info) => {
        runners.delete(run);
        sendEnd({ type: 'failed', run, error: errorText(error), during: info.during });
      },
    });
  } catch (error) {
    if (building.delete(run)) sendEnd({ type: 'invalid', run, error: errorText(error) });
    return;
  }
  // Stopped while it was being built: the host already has its `stopped`.
  if (!building.delete(run)) return;
  runners.set(run, runner);
  await runner.start();
  send({ type: 'started', run });
}

async function stop(run: number): Promise<void> {
  building.delete(run);
  await runners.get(run)?.stop();
  runners.delete(run);
  sendEnd({ type: 'stopped', run });
}

function receive(message: HostMessage): void {
  switch (message.type) {
    case 'start':
      return void start(message.run, message.bot, message.touches);
    case 'stop':
      return void stop(message.run);
    case 'drop': {
      building.delete(message.run);
      const runner = runners.get(message.run);
      runners.delete(message.run);
      return void runner?.stop();
    }
    case 'reply': {
      const waiting = pending.get(message.call);
      pending.delete(message.call);
      if (message.ok) waiting?.resolve(message.value);
      else waiting?.reject(new Error(message.error));
      return;
    }
    case 'feed':
      return decodeFeed(message.lines, (sub, event) => {
        touches.heard(event);
        subscriptions.get(sub)?.(event);
      });
    case 'batch':
      for (const each of message.messages) receive(each);
      return;
  }
}

port.on('message', receive);
const report = () => send({ type: 'report', runs: [...runners].map(([run, runner]) => runReport(run, runner)) });
setInterval(report, reportIntervalMs);
report();
