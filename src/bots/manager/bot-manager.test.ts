// BotManager inline on a simulated clock and a real engine: create checks, lifecycle, reconfigure, delete, resume after a restart.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine.ts';
import { SimClock, TestVenue } from '../test-support.ts';
import { BotManager } from './bot-manager.ts';
import { BotManagerError, DEFAULT_MAX_BOTS_PER_OWNER, type BotAccounts, type BotRegistry, type StoredBot } from './types.ts';

const FLAKY = new URL('../pool/fixtures/flaky.ts', import.meta.url).pathname;

/** The registry as a map; `rows` outlives a manager, as a database would. */
class MemoryRegistry implements BotRegistry {
  readonly rows = new Map<number, StoredBot>();
  private nextId = 1;
  list = () => Promise.resolve([...this.rows.values()]);
  insert(bot: Omit<StoredBot, 'id' | 'createdAt' | 'updatedAt'>) {
    if ([...this.rows.values()].some((b) => b.ownerUserId === bot.ownerUserId && b.name === bot.name)) return Promise.resolve(undefined);
    const row = { ...bot, id: this.nextId++, createdAt: 1, updatedAt: 1 };
    this.rows.set(row.id, row);
    return Promise.resolve(row);
  }
  update(id: number, changes: Partial<StoredBot>) {
    const row = this.rows.get(id);
    if (!row) return Promise.resolve(undefined);
    const updated = { ...row, ...changes, updatedAt: row.updatedAt + 1 };
    this.rows.set(id, updated);
    return Promise.resolve(updated);
  }
  delete = (id: number) => Promise.resolve(this.rows.delete(id));
}

/** `gate` holds every provision until it settles; `maxBotsPerOwner` is the manager's cap. */
interface SetupOptions {
  readonly gate?: Promise<void>;
  readonly maxBotsPerOwner?: number;
  /** While `on`, the exchange refuses the manager's clean-up (cancel all), as when it is shutting down. */
  readonly refuseCleanup?: { on: boolean };
}

const SHUTTING_DOWN = { ok: false, code: 'UNAVAILABLE', message: 'The exchange is shutting down.' } as const;

function setup(registry = new MemoryRegistry(), clock = new SimClock(), venue = new TestVenue(new Engine(), () => clock.now()), options: SetupOptions = {}) {
  let nextAccount = 500;
  const strategies = new Map<number, string | undefined>();
  const funded: Array<{ accountId: number; cash: string; deposits: Record<string, string> }> = [];
  const accounts: BotAccounts = {
    provision: async ({ funding }) => {
      await options.gate;
      const accountId = nextAccount++;
      venue.open(accountId, { USD: funding.cash, ...funding.deposits });
      funded.push({ accountId, cash: funding.cash, deposits: { ...funding.deposits } });
      return { userId: accountId + 1000, accountId };
    },
    setStrategy: (accountId, strategy) => Promise.resolve(void strategies.set(accountId, strategy)),
    ports: (bot, use) => {
      const ports = venue.ports(bot.accountId);
      if (!use?.cleanup || !options.refuseCleanup?.on) return ports;
      return { ...ports, trading: { ...ports.trading, cancelAll: () => Promise.resolve(SHUTTING_DOWN) } };
    },
    unknownSymbols: (symbols) => symbols.filter((s) => s !== 'ACME' && s !== 'BTC-USD'),
    notListed: (symbol) => `${symbol} is not listed here`,
  };
  const manager = new BotManager({ registry, accounts, pool: { workers: 0, clock }, newSeed: () => 42, maxBotsPerOwner: options.maxBotsPerOwner });
  return { manager, registry, clock, venue, strategies, funded };
}

const walker = { ownerUserId: 1, name: 'walk', strategy: 'random-walk', symbols: ['ACME'], params: { intervalMs: 200, referencePrice: 100 } };

async function refusal(promise: Promise<unknown>): Promise<BotManagerError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(BotManagerError);
  return error as BotManagerError;
}

describe('BotManager', () => {
  it('creates a funded bot, registers its strategy, starts, trades, stops and deletes it', async () => {
    const { manager, registry, clock, strategies, funded } = setup();
    await manager.load();
    const bot = await manager.create({ ...walker, deposits: { ACME: '50' } });
    expect(bot).toMatchObject({ id: 1, name: 'walk', strategy: 'random-walk', seed: 42, desiredState: 'stopped', status: { state: 'stopped', ordersSent: 0 } });
    expect(funded).toEqual([{ accountId: bot.accountId, cash: '10000', deposits: { ACME: '50' } }]);
    expect(strategies.get(bot.accountId)).toBe('random-walk');

    expect((await manager.start(bot.id)).status.state).toBe('running');
    await clock.advance(2_000);
    const running = manager.get(bot.id)!;
    expect(running.desiredState).toBe('running');
    expect(running.status.ordersSent).toBeGreaterThan(3);
    expect(running.status.heartbeat).toBeGreaterThan(0);

    expect(await manager.stop(bot.id)).toMatchObject({ desiredState: 'stopped', status: { state: 'stopped' } });
    expect(registry.rows.get(bot.id)?.desiredState).toBe('stopped');
    await manager.delete(bot.id);
    expect(manager.get(bot.id)).toBeUndefined();
    expect(registry.rows.size).toBe(0);
    await expect(manager.start(bot.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await manager.close();
  });

  it('cancels the orders a bot leaves working when it is stopped or deleted, whatever its strategy does in onStop', async () => {
    const { manager, clock, venue } = setup();
    await manager.load();
    // The random walker rests limit orders and cancels none of them in onStop.
    const resting = { ...walker, params: { ...walker.params, maxOffsetBps: 200, maxOpenOrders: 5 } };
    const open = async (accountId: number) => (await venue.ports(accountId).trading.openOrders()).length;
    const stopped = await manager.create({ ...resting, name: 'stopped', deposits: { ACME: '50' }, start: true });
    const deleted = await manager.create({ ...resting, name: 'deleted', deposits: { ACME: '50' }, start: true });
    await clock.advance(2_000);
    expect(await open(stopped.accountId)).toBeGreaterThan(0);
    expect(await open(deleted.accountId)).toBeGreaterThan(0);
    await manager.stop(stopped.id);
    expect(await open(stopped.accountId)).toBe(0);
    await manager.delete(deleted.id);
    expect(await open(deleted.accountId)).toBe(0);
    // A reconfigure restarts the bot: the old run's orders are cancelled with it (on BTC-USD it no longer trades ACME).
    const moved = await manager.create({ ...resting, name: 'moved', deposits: { ACME: '50' }, start: true });
    await clock.advance(2_000);
    const before = (await venue.ports(moved.accountId).trading.openOrders()).map((order) => order.symbol);
    expect(before.length).toBeGreaterThan(0);
    expect(new Set(before)).toEqual(new Set(['ACME']));
    await manager.configure(moved.id, { symbols: ['BTC-USD'], params: { ...resting.params, referencePrice: 30_000 } });
    expect((await venue.ports(moved.accountId).trading.openOrders()).filter((order) => order.symbol === 'ACME')).toEqual([]);
    await manager.close();
  });

  it('refuses bad input before storing anything, with a code per problem', async () => {
    const { manager, registry, funded } = setup();
    await manager.load();
    expect((await refusal(manager.create({ ...walker, strategy: 'nope' }))).code).toBe('UNKNOWN_STRATEGY');
    expect((await refusal(manager.create({ ...walker, strategy: './no/such/file.ts' }))).code).toBe('UNKNOWN_STRATEGY');
    const params = await refusal(manager.create({ ...walker, params: { intervalMs: -5, extra: 1 } }));
    expect(params.code).toBe('INVALID_PARAMS');
    expect(params.details).toEqual([{ path: 'params.extra', message: expect.stringContaining('not a param') as string }]);
    const bound = await refusal(manager.create({ ...walker, params: { intervalMs: -5 } }));
    expect(bound.details).toEqual([{ path: 'params.intervalMs', message: expect.stringMatching(/^intervalMs must be /) as string }]);
    expect((await refusal(manager.create({ ...walker, symbols: [] }))).code).toBe('INVALID_SYMBOLS');
    expect((await refusal(manager.create({ ...walker, symbols: ['ACME', 'ACME'] }))).code).toBe('INVALID_SYMBOLS');
    const unlisted = await refusal(manager.create({ ...walker, symbols: ['ACME', 'ZZZ', 'YYY'] }));
    // In the host's words, the first one leading, each at its place in the list.
    expect(unlisted).toMatchObject({ code: 'UNKNOWN_SYMBOL', message: 'ZZZ is not listed here' });
    expect(unlisted.details).toEqual([{ path: 'symbols.1', message: 'ZZZ is not listed here' }, { path: 'symbols.2', message: 'YYY is not listed here' }]);
    expect((await refusal(manager.create({ ...walker, name: 'has space' }))).code).toBe('INVALID_NAME');
    expect((await refusal(manager.create({ ...walker, name: 'x'.repeat(21) }))).code).toBe('INVALID_NAME');
    expect(registry.rows.size).toBe(0);
    expect(funded).toEqual([]);

    await manager.create(walker);
    // Two creates of one name at once: exactly one wins.
    const both = await Promise.allSettled([manager.create({ ...walker, name: 'twin' }), manager.create({ ...walker, name: 'twin' })]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await refusal(manager.create(walker))).code).toBe('NAME_TAKEN');
    // Without regard to case, as usernames are, naming the bot that has it; two such creates at once are one name too.
    expect(await refusal(manager.create({ ...walker, name: 'WALK' }))).toMatchObject({ code: 'NAME_TAKEN', message: 'You already have a bot named "walk".' });
    const cased = await Promise.allSettled([manager.create({ ...walker, name: 'Pair' }), manager.create({ ...walker, name: 'pAIR' })]);
    expect(cased.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(manager.findByName(1, 'PAIR')?.name).toBe('Pair');
    // Names are per owner.
    expect((await manager.create({ ...walker, ownerUserId: 2 })).ownerUserId).toBe(2);
    expect(manager.list({ ownerUserId: 1 }).map((b) => b.name)).toEqual(['walk', 'twin', 'Pair']);
    await manager.close();
  });

  it('loads a strategy file at create, checking its params there', async () => {
    const { manager, strategies } = setup();
    await manager.load();
    expect((await refusal(manager.create({ ...walker, name: 'f', strategy: FLAKY, params: { tickMs: 'soon' } }))).code).toBe('INVALID_PARAMS');
    const bot = await manager.create({ ...walker, name: 'f', strategy: FLAKY, params: { tickMs: 100 } });
    expect(bot.strategy).toBe(FLAKY);
    expect(strategies.get(bot.accountId)).toBe('flaky');
    await manager.close();
  });

  it('reconfigures a running bot: it restarts with the new params and symbols', async () => {
    const { manager, clock } = setup();
    await manager.load();
    const bot = await manager.create({ ...walker, start: true });
    await clock.advance(1_000);
    expect((await refusal(manager.configure(bot.id, { params: { intervalMs: 0 } }))).code).toBe('INVALID_PARAMS');
    expect((await refusal(manager.configure(bot.id, { symbols: ['NOPE'] }))).code).toBe('UNKNOWN_SYMBOL');
    const changed = await manager.configure(bot.id, { params: { intervalMs: 100, referencePrice: 100 }, symbols: ['ACME'] });
    expect(changed).toMatchObject({ params: { intervalMs: 100 }, desiredState: 'running', status: { state: 'running', ordersSent: 0 } });
    await clock.advance(1_000);
    expect(manager.get(bot.id)!.status.ordersSent).toBeGreaterThanOrEqual(8);
    // A stopped bot stays stopped.
    await manager.stop(bot.id);
    expect((await manager.configure(bot.id, { params: {} })).status.state).toBe('stopped');
    await manager.close();
  });

  it('resumes the bots whose desired state is running after a restart', async () => {
    const first = setup();
    await first.manager.load();
    const running = await first.manager.create({ ...walker, start: true });
    const stopped = await first.manager.create({ ...walker, name: 'idle' });
    await first.clock.advance(500);
    await first.manager.close();
    // Closing keeps desired states.
    expect(first.registry.rows.get(running.id)?.desiredState).toBe('running');

    const second = setup(first.registry, first.clock, first.venue);
    await second.manager.load();
    expect(second.manager.list().map((b) => b.status.state)).toEqual(['stopped', 'stopped']);
    await second.manager.resume();
    expect(second.manager.get(running.id)!.status.state).toBe('running');
    expect(second.manager.get(stopped.id)!.status.state).toBe('stopped');
    await second.clock.advance(1_000);
    expect(second.manager.get(running.id)!.status.ordersSent).toBeGreaterThan(0);
    await second.manager.close();
  });

  it('cancels at resume what a stopped bot still has working, as when a crash cut its stop short', async () => {
    const first = setup();
    await first.manager.load();
    const resting = { ...walker, params: { ...walker.params, maxOffsetBps: 200, maxOpenOrders: 5 } };
    const bot = await first.manager.create({ ...resting, deposits: { ACME: '50' }, start: true });
    await first.clock.advance(2_000);
    const open = async () => (await first.venue.ports(bot.accountId).trading.openOrders()).length;
    expect(await open()).toBeGreaterThan(0);
    await first.manager.close();
    // The stop was stored; the process ended before its clean-up ran.
    first.registry.rows.set(bot.id, { ...first.registry.rows.get(bot.id)!, desiredState: 'stopped' });

    const second = setup(first.registry, first.clock, first.venue);
    await second.manager.load();
    expect(await open()).toBeGreaterThan(0);
    await second.manager.resume();
    expect(await open()).toBe(0);
    expect(second.manager.get(bot.id)!.status.state).toBe('stopped');
    await second.manager.close();
  });

  it('tells a stop or a delete whose clean-up the exchange refuses that the orders still work; doing it again cancels them', async () => {
    const refuseCleanup = { on: false };
    const { manager, venue, clock } = setup(undefined, undefined, undefined, { refuseCleanup });
    await manager.load();
    const resting = { ...walker, params: { ...walker.params, maxOffsetBps: 200, maxOpenOrders: 5 } };
    const bot = await manager.create({ ...resting, deposits: { ACME: '50' }, start: true });
    await clock.advance(2_000);
    const open = async () => (await venue.ports(bot.accountId).trading.openOrders()).length;
    expect(await open()).toBeGreaterThan(0);

    refuseCleanup.on = true;
    const stop = await refusal(manager.stop(bot.id));
    expect(stop.code).toBe('UNAVAILABLE');
    expect(stop.message).toMatch(/could not be cancelled and are still working \(UNAVAILABLE: The exchange is shutting down\.\)\. The bot is stopped; stop it again/);
    expect(manager.get(bot.id)!.status.state).toBe('stopped');
    expect(await open()).toBeGreaterThan(0);
    const del = await refusal(manager.delete(bot.id));
    expect(del.message).toMatch(/was not deleted; delete it again/);
    expect(manager.get(bot.id)).toBeDefined();

    refuseCleanup.on = false;
    await manager.stop(bot.id);
    expect(await open()).toBe(0);
    await manager.delete(bot.id);
    expect(manager.get(bot.id)).toBeUndefined();
    await manager.close();
  });

  it('shows a stored bot the pool cannot build as failed, until its params are fixed', async () => {
    const { manager: first, registry, clock, venue } = setup();
    await first.load();
    const bot = await first.create(walker);
    await first.close();
    registry.rows.set(bot.id, { ...registry.rows.get(bot.id)!, params: { intervalMs: 'fast' }, desiredState: 'running' });
    const { manager } = setup(registry, clock, venue);
    await manager.load();
    await manager.resume();
    expect(manager.get(bot.id)!.status).toMatchObject({ state: 'failed', errors: { count: 1 } });
    expect((await refusal(manager.start(bot.id))).code).toBe('INVALID_PARAMS');
    expect((await manager.configure(bot.id, { params: { intervalMs: 100 } })).status.state).toBe('running');
    await manager.close();
  });

  it('keeps capped creates at the cap even when they all arrive at once, counting those in flight', async () => {
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { manager, registry, funded } = setup(undefined, undefined, undefined, { gate, maxBotsPerOwner: 3 });
    await manager.load();
    const all = Array.from({ length: 12 }, (_, i) => manager.create({ ...walker, name: `w${i}`, capped: true }));
    open();
    const results = await Promise.allSettled(all);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as BotManagerError] : []));
    expect(refused.map((e) => e.code)).toEqual(Array.from({ length: 9 }, () => 'LIMIT_REACHED'));
    expect(refused[0]!.details).toEqual({ max: 3 });
    // Nothing was provisioned for the refused ones.
    expect(funded).toHaveLength(3);
    expect(registry.rows.size).toBe(3);
    expect((await refusal(manager.create({ ...walker, name: 'more', capped: true }))).code).toBe('LIMIT_REACHED');
    // The cap is per owner; a deleted bot frees its place; an uncapped create (an admin's, the living market's) passes it.
    expect((await manager.create({ ...walker, name: 'other', ownerUserId: 2, capped: true })).ownerUserId).toBe(2);
    await manager.delete(manager.list({ ownerUserId: 1 })[0]!.id);
    expect((await manager.create({ ...walker, name: 'again', capped: true })).name).toBe('again');
    expect((await manager.create({ ...walker, name: 'admin' })).name).toBe('admin');
    expect(manager.list({ ownerUserId: 1 })).toHaveLength(4);
    expect(DEFAULT_MAX_BOTS_PER_OWNER).toBe(50);
    await manager.close();
  });

  it('lets a create in flight finish at close, its bot stored to start at the next resume; creates after close are unavailable', async () => {
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { manager, registry, funded } = setup(undefined, undefined, undefined, { gate });
    await manager.load();
    const pending = manager.create({ ...walker, start: true });
    // Past its checks and waiting on its funding when the close begins.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const closed = manager.close();
    open();
    const bot = await pending;
    await closed;
    expect(funded).toHaveLength(1);
    expect(registry.rows.get(bot.id)).toMatchObject({ name: 'walk', accountId: funded[0]!.accountId, desiredState: 'running' });
    expect((await refusal(manager.create({ ...walker, name: 'late' }))).code).toBe('UNAVAILABLE');
    expect((await refusal(manager.start(bot.id))).code).toBe('UNAVAILABLE');
    expect(funded).toHaveLength(1);
  });
});
