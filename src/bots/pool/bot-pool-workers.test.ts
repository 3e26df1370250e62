// The pool on two real worker threads over a real engine: even placement, isolation, restarts, dead and stuck workers replaced.
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine.ts';
import { TestVenue } from '../test-support.ts';
import { BotPool } from './bot-pool.ts';
import type { BotPoolOptions, BotSpec, BotStatus } from './types.ts';

const FLAKY = new URL('./fixtures/flaky.ts', import.meta.url).href;
const LISTENER = new URL('./fixtures/listener.ts', import.meta.url).href;
const TOUCH = new URL('./fixtures/touch.ts', import.meta.url).href;
const ACME = ['ACME'];

const maker = (id: string): BotSpec => ({ id, strategy: 'market-maker', symbols: ACME, params: { referencePrice: 100, size: 5, targetPosition: 100, maxPosition: 400, requoteMs: 100 } });
const taker = (id: string): BotSpec => ({ id, strategy: 'noise', symbols: ACME, params: { meanIntervalMs: 100, tickMs: 20 } });
const walker = (id: string): BotSpec => ({ id, strategy: 'random-walk', symbols: ACME, params: { intervalMs: 50, referencePrice: 100 } });
const flaky = (id: string, params: Record<string, unknown>): BotSpec => ({ id, strategy: FLAKY, symbols: ACME, params });

let pool: BotPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

/** A pool of two workers; every bot id gets its own funded account on one shared venue. */
function setup(bots: readonly BotSpec[], options: { readonly venue?: TestVenue; readonly shared?: boolean; readonly log?: BotPoolOptions['log'] } = {}) {
  const venue = options.venue ?? new TestVenue(new Engine(), () => Date.now());
  const accounts = new Map<string, number>();
  const account = (id: string) => {
    if (!accounts.has(id)) {
      venue.open(100 + accounts.size, { USD: '1000000', ACME: '200' });
      accounts.set(id, 100 + accounts.size);
    }
    return accounts.get(id)!;
  };
  pool = new BotPool({ workers: 2, reportIntervalMs: 50, stallMs: 2_000, stopTimeoutMs: 500, backoff: { initialMs: 100, maxMs: 400, resetAfterMs: 10_000 }, ports: (id) => venue.ports(account(id)), market: options.shared ? venue.market : undefined, log: options.log });
  for (const bot of bots) pool.add(bot);
  return pool;
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const byId = (p: BotPool, id: string): BotStatus => p.status(id)!;
/** Running, and handled an event or timer since `since`. */
const alive = (p: BotPool, ids: readonly string[], since: number) => ids.every((id) => byId(p, id).state === 'running' && (byId(p, id).heartbeat ?? 0) > since);
/**
 * Running and sent orders since the snapshot `after`. Market makers only send when the market
 * moves, so for them a fresh heartbeat is enough.
 */
const trading = (p: BotPool, ids: readonly string[], after: Map<string, number> = new Map(), since = 0) =>
  alive(p, ids, since) && ids.every((id) => id.startsWith('mm') || byId(p, id).ordersSent > (after.get(id) ?? 0));
const sentNow = (p: BotPool) => new Map(p.statuses().map((s) => [s.id, s.ordersSent]));

describe('BotPool with two worker threads', () => {
  const six = [maker('mm1'), maker('mm2'), taker('n1'), taker('n2'), walker('w1'), walker('w2')];
  const ids = six.map((b) => b.id);

  it('splits bots evenly, and they trade through the host with live statuses', async () => {
    const p = setup(six);
    for (const id of ids) await p.start(id);
    expect(p.workers().map((w) => w.bots)).toEqual([3, 3]);
    expect(new Set(p.workers().map((w) => w.threadId)).size).toBe(2);
    await until(() => trading(p, ids) && p.statuses().every((s) => s.pnl !== null && s.ordersSent > 0), 'every bot trades and reports');
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const status of p.statuses()) {
      expect(status.errors.count).toBe(0);
      expect(status.ordersPerSecond).toBeGreaterThan(0);
      expect(status.heartbeat).toBeGreaterThan(Date.now() - 1_000);
    }
    // Removing two bots of worker 0 and adding two more fills worker 0 back up.
    const onZero = p.statuses().filter((s) => s.worker === 0).map((s) => s.id);
    await p.remove(onZero[0]!);
    await p.remove(onZero[1]!);
    expect(p.workers().map((w) => w.bots)).toEqual([1, 3]);
    p.add(taker('n3'));
    p.add(walker('w3'));
    await p.start('n3');
    await p.start('w3');
    expect(p.workers().map((w) => w.bots)).toEqual([3, 3]);
    expect([byId(p, 'n3').worker, byId(p, 'w3').worker]).toEqual([0, 0]);
  });

  it('restarts a throwing bot with backoff while its neighbours keep trading, and its error reaches the host\'s log', async () => {
    const errors: Array<{ bot: string; message: string }> = [];
    const p = setup([...six, flaky('flaky', { tickMs: 50, failOnTick: 2 })], { log: (bot, entry) => void (entry.level === 'error' && errors.push({ bot, message: entry.message })) });
    for (const id of [...ids, 'flaky']) await p.start(id);
    await until(() => byId(p, 'flaky').errors.count === 1, 'flaky fails');
    // The run ends with the failure; the error line it logged on the way comes before, not dropped after.
    await until(() => errors.length > 0, 'the error is logged');
    expect(errors[0]).toEqual({ bot: 'flaky', message: 'strategy failed in onTimer' });
    const first = byId(p, 'flaky');
    expect(first.state).toBe('restarting');
    expect(first.nextRestartAt! - first.errors.last!.at).toBe(100);
    expect(first.errors.last).toMatchObject({ message: 'flaky failed on tick 2', during: 'onTimer' });
    const before = sentNow(p);
    await until(() => byId(p, 'flaky').restarts >= 3, 'flaky restarted three times');
    const later = byId(p, 'flaky');
    if (later.state === 'restarting') expect(later.nextRestartAt! - later.errors.last!.at).toBe(400);
    await until(() => trading(p, ids, before, Date.now() - 200), 'the others trade on');
    for (const id of ids) expect(byId(p, id)).toMatchObject({ state: 'running', restarts: 0, errors: { count: 0 } });
  });

  it('stops and starts bots at runtime', async () => {
    const p = setup(six);
    for (const id of ids) await p.start(id);
    await until(() => trading(p, ids), 'every bot trades');
    await p.stop('w1');
    const stopped = byId(p, 'w1');
    expect(stopped).toMatchObject({ state: 'stopped', worker: null });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(byId(p, 'w1').ordersSent).toBe(stopped.ordersSent);
    await p.start('w1');
    await until(() => byId(p, 'w1').ordersSent > stopped.ordersSent, 'w1 trades again');
  });

  it('replaces a worker that is terminated and restarts its bots', async () => {
    const p = setup(six);
    for (const id of ids) await p.start(id);
    await until(() => trading(p, ids), 'every bot trades');
    const [zero] = p.workers();
    const victims = p.statuses().filter((s) => s.worker === 0).map((s) => s.id);
    const survivors = ids.filter((id) => !victims.includes(id));
    p.recycleWorker(0);
    await until(() => p.workers()[0]!.replaced === 1, 'worker 0 is replaced');
    expect(p.workers()[0]!.threadId).not.toBe(zero!.threadId);
    const before = sentNow(p);
    await until(() => victims.every((id) => byId(p, id).restarts === 1) && trading(p, ids, before, Date.now() - 200), 'its bots restart and everyone trades');
    for (const id of victims) expect(byId(p, id).errors.last).toMatchObject({ during: 'worker', message: 'worker 0 died: recycled' });
    for (const id of survivors) expect(byId(p, id).restarts).toBe(0);
    expect(p.workers().reduce((n, w) => n + w.bots, 0)).toBe(6);
  });

  it('survives a bot that crashes its thread: the worker is replaced, the host carries on', async () => {
    const p = setup([...six, flaky('crasher', { tickMs: 50, failOnTick: 1, crash: true })]);
    for (const id of [...ids, 'crasher']) await p.start(id);
    await until(() => p.workers().some((w) => w.replaced > 0), 'a worker dies and is replaced');
    expect(byId(p, 'crasher').errors.last).toMatchObject({ during: 'worker' });
    expect(byId(p, 'crasher').errors.last!.message).toContain('flaky crashed its thread');
    await p.remove('crasher');
    const before = sentNow(p);
    await until(() => trading(p, ids, before, Date.now() - 200), 'every other bot trades again');
  });

  it('with a shared market, holds one subscription per worker and symbol, and each bot still hears the market and its own fills', async () => {
    const venue = new TestVenue(new Engine(), () => Date.now());
    const heard: Array<{ bot: string; message: string; fields: Readonly<Record<string, unknown>> | undefined }> = [];
    const listeners = ['l1', 'l2', 'l3', 'l4'];
    const p = setup([...listeners.map((id): BotSpec => ({ id, strategy: LISTENER, symbols: ACME })), walker('w1'), walker('w2')], { venue, shared: true, log: (bot, entry) => void heard.push({ bot, message: entry.message, fields: entry.fields }) });
    for (const id of [...listeners, 'w1', 'w2']) await p.start(id);
    expect(p.workers().map((w) => w.bots)).toEqual([3, 3]);
    // Each worker watches ACME once; the bots' own feeds name no symbol (they carry only account updates).
    await until(() => venue.marketSubscriptions.ticks === 2, 'both workers watch ACME');
    expect(venue.marketSubscriptions.withSymbols).toBe(2);
    expect(venue.subscriptions).toBe(2 + 6);
    venue.print('ACME', '100');
    const said = (bot: string, message: string) => heard.some((h) => h.bot === bot && h.message === message);
    await until(() => listeners.every((id) => said(id, 'quote') && said(id, 'trade') && said(id, 'fill')), 'every listener hears quotes, trades and its own fill');
    // The fill reached the runner's ledger: the 200 units it was funded with, and the one it bought.
    for (const id of listeners) expect(heard.find((h) => h.bot === id && h.message === 'fill')!.fields).toMatchObject({ position: 201 });
    await until(() => trading(p, ['w1', 'w2']), 'the walkers trade too');
    // A worker's channel closes with its last bot.
    for (const id of [...listeners, 'w1', 'w2']) await p.stop(id);
    await until(() => venue.subscriptions === 0, 'every subscription is closed');
  });

  for (const shared of [false, true]) {
    it(`shows a bot the current quote in onStart, as inline, on a quiet book (${shared ? 'shared market' : 'own feeds'})`, async () => {
      const venue = new TestVenue(new Engine(), () => Date.now());
      const heard: Array<{ bot: string; fields: Readonly<Record<string, unknown>> | undefined }> = [];
      const p = setup(['t1', 't2', 't3'].map((id): BotSpec => ({ id, strategy: TOUCH, symbols: ACME })), { venue, shared, log: (bot, entry) => void heard.push({ bot, fields: entry.fields }) });
      const touched = (bot: string) => heard.filter((h) => h.bot === bot).map((h) => h.fields);
      // An empty book: no quote to see.
      await p.start('t1');
      await until(() => touched('t1').length === 1, 't1 started');
      expect(touched('t1')).toEqual([{ symbol: 'ACME', bid: null, ask: null }]);
      // The book has a touch, and then stays quiet: no quote event comes to a bot started now.
      venue.print('ACME', '100');
      await p.start('t2');
      await until(() => touched('t2').length === 1, 't2 started');
      expect(touched('t2')).toEqual([{ symbol: 'ACME', bid: 99.99, ask: 100.01 }]);
      // On a worker that heard the earlier touch, a later start sees the touch as it is now.
      venue.print('ACME', '101');
      await p.start('t3');
      await until(() => touched('t3').length === 1, 't3 started');
      expect(touched('t3')).toEqual([{ symbol: 'ACME', bid: 100.99, ask: 101.01 }]);
    });
  }

  it('replaces a worker a bot has blocked, and drops the bot when it will not stop', async () => {
    const p = setup([...six, flaky('hog', { tickMs: 50, failOnTick: 1, hang: true })]);
    for (const id of [...ids, 'hog']) await p.start(id);
    const hogWorker = byId(p, 'hog').worker!;
    await until(() => p.workers()[hogWorker]!.replaced > 0, 'the stuck worker is replaced');
    expect(byId(p, 'hog').errors.last!.message).toMatch(/no report for 2000 ms/);
    await p.remove('hog');
    const before = sentNow(p);
    await until(() => trading(p, ids, before, Date.now() - 200), 'every other bot trades again');
  });
});
