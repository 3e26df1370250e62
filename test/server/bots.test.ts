// Bots over real HTTP on SQLite and PostgreSQL: create, start, trade, status, stop, reconfigure, delete; who may manage which bot; bad input; a restart; the living market.
import { beforeAll, describe, it } from 'vitest';
import { botCall } from '../../src/api/bots/bot-views.ts';
import { BotManagerError } from '../../src/bots/index.ts';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import type { Api } from '../support/http-client.ts';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { rebind } from '../support/state.ts';
import { PASSWORD, adminApi, newTrader, type Trader } from '../support/traders.ts';
import type { BookView } from '../support/views.ts';

const LIVING_MARKET = new URL('../fixtures/living-market.json', import.meta.url);
/** A small cap, so the parallel-create test stays quick. */
const MAX_BOTS = 5;

interface BotView {
  readonly id: number;
  readonly name: string;
  readonly ownerUserId: number;
  readonly ownerUsername: string;
  readonly userId: number;
  readonly accountId: number;
  readonly strategy: string;
  readonly params: Record<string, unknown>;
  readonly symbols: string[];
  readonly desiredState: 'running' | 'stopped';
  readonly state: string;
  readonly heartbeat: number | null;
  readonly ordersSent: number;
  readonly ordersPerSecond: number;
  readonly refusals: { count: number; last: { code: string; message: string; at: number } | null };
  readonly errors: { count: number; last: unknown };
  readonly pnl: { realized: string; unrealized: string; fees: string; total: string } | null;
  readonly account: { equity: string; returnPercent: string; trades: number } | null;
}

const walker = (name: string, symbol: string) => ({ name, strategy: 'random-walk', symbols: [symbol], params: { intervalMs: 100, referencePrice: 100, maxQty: 2 }, deposits: { [symbol]: '20' } });

const bot = (api: Api, id: number) => api.get<BotView>(`/api/v1/bots/${id}`);

describeEachBackend(
  'bots',
  ({ platform }) => {
    let alice: Trader;
    let bob: Trader;
    let admin: Api;
    beforeAll(async () => {
      alice = await newTrader(platform().url);
      bob = await newTrader(platform().url);
      admin = await adminApi(platform().url);
    });

    it('creates a funded bot that trades once started, shows its status, stops and is deleted while its account stays', async ({ expect }) => {
      const created = await alice.api.post<BotView>('/api/v1/bots', walker('walker', 'S01'));
      expect(created).toMatchObject({ name: 'walker', ownerUserId: alice.user.id, ownerUsername: alice.user.username, strategy: 'random-walk', symbols: ['S01'], desiredState: 'stopped', state: 'stopped', ordersSent: 0 });
      expect(created.accountId).not.toBe(alice.user.accountId);
      // The account's lifetime figures: $10,000 of cash and 20 shares at S01's reference price of 100.
      expect(created.account).toEqual({ equity: '12000', returnPercent: '0.00', trades: 0 });
      // Central risk knows the account by its strategy, so per-strategy limits apply.
      expect(await admin.get(`/api/v1/admin/risk/limits/account/${created.accountId}`)).toMatchObject({ strategy: { name: 'random-walk' } });

      expect(await alice.api.post<BotView>(`/api/v1/bots/${created.id}/start`, {})).toMatchObject({ desiredState: 'running', state: 'running' });
      await expect.poll(async () => (await bot(alice.api, created.id)).ordersSent, { timeout: 20_000, interval: 100 }).toBeGreaterThan(5);
      // A worker reports its bots' heartbeats and P&L every second.
      await expect.poll(async () => (await bot(alice.api, created.id)).heartbeat, { timeout: 5_000, interval: 100 }).not.toBeNull();
      const running = await bot(alice.api, created.id);
      expect(running).toMatchObject({ state: 'running', errors: { count: 0 } });
      expect(running.ordersPerSecond).toBeGreaterThan(0);
      expect(running.ordersPerSecond).toBe(Math.round(running.ordersPerSecond * 100) / 100);
      const metrics = await (await fetch(`${platform().url}/metrics`)).text();
      expect(metrics).toMatch(/^bourse_bots\{state="running"\} [1-9]/m);
      expect(metrics).toMatch(/^bourse_bot_orders_sent [1-9]/m);
      expect(running.heartbeat).toBeGreaterThan(Date.now() - 10_000);
      // Money in USD, which the test markets list with two decimals.
      const money = /^-?\d+(\.\d{1,2})?$/;
      expect(Object.keys(running.pnl ?? {}).sort()).toEqual(['fees', 'realized', 'total', 'unrealized']);
      for (const figure of Object.values(running.pnl ?? {})) expect(figure).toMatch(money);
      expect((await alice.api.get<{ bots: BotView[] }>('/api/v1/bots')).bots.map((b) => b.id)).toEqual([created.id]);

      const stopped = await alice.api.post<BotView>(`/api/v1/bots/${created.id}/stop`, {});
      expect(stopped).toMatchObject({ desiredState: 'stopped', state: 'stopped', ordersPerSecond: 0 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      // A stopped bot keeps its count but sends nothing now: its rate is 0, not what its last seconds were.
      expect(await bot(alice.api, created.id)).toMatchObject({ ordersSent: stopped.ordersSent, ordersPerSecond: 0 });
      expect((await alice.api.get<{ bots: BotView[] }>('/api/v1/bots')).bots[0]).toMatchObject({ state: 'stopped', ordersPerSecond: 0 });

      const deleted = await alice.api.call('DELETE', `/api/v1/bots/${created.id}`);
      expect(deleted.status).toBe(204);
      expectErrorWith(expect, await alice.api.call('GET', `/api/v1/bots/${created.id}`), 404, 'NOT_FOUND');
      const board = await alice.api.get<{ rows: Array<{ userId: number }> }>('/api/v1/leaderboard');
      expect(board.rows.map((r) => r.userId)).toContain(created.userId);
    });

    it('reconfigures a running bot, which restarts with the new params', async ({ expect }) => {
      const created = await alice.api.post<BotView>('/api/v1/bots', { ...walker('tuned', 'S02'), start: true });
      expect(created.state).toBe('running');
      expectErrorWith(expect, await alice.api.call('PATCH', `/api/v1/bots/${created.id}`, { json: { params: { intervalMs: 1 } } }), 400, 'INVALID_PARAMS');
      expect(expectErrorWith(expect, await alice.api.call('PATCH', `/api/v1/bots/${created.id}`, { json: {} }), 400, 'INVALID_REQUEST').message).toBe('The body is invalid: a change needs params, symbols or both');
      // A params that is no object is told in words, not in the schema library's.
      expect(expectErrorWith(expect, await alice.api.call('PATCH', `/api/v1/bots/${created.id}`, { json: { params: null } }), 400, 'INVALID_REQUEST').details).toEqual([{ path: 'params', message: 'params must be an object' }]);
      expectErrorWith(expect, await alice.api.call('PATCH', `/api/v1/bots/${created.id}`, { json: { params: { intervalMs: 50, intervalMS: 60 } } }), 400, 'INVALID_PARAMS');
      const changed = await alice.api.ok<BotView>('PATCH', `/api/v1/bots/${created.id}`, { json: { params: { intervalMs: 50, referencePrice: 100 }, symbols: ['S03'] } });
      expect(changed).toMatchObject({ params: { intervalMs: 50 }, symbols: ['S03'], desiredState: 'running', state: 'running' });
      await expect.poll(async () => (await bot(alice.api, created.id)).ordersSent, { timeout: 20_000, interval: 100 }).toBeGreaterThan(0);
    });

    it('reports the orders the platform refused a bot: how many, and the last code, message and time', async ({ expect }) => {
      const dave = await newTrader(platform().url);
      // It holds no shares, so every order it sends is a buy.
      const created = await dave.api.post<BotView>('/api/v1/bots', { ...walker('buyer', 'S07'), deposits: undefined });
      expect(created.refusals).toEqual({ count: 0, last: null });
      // An admin turns the bot's kill switch on: every buy it sends is refused.
      await admin.post('/api/v1/risk/kill-switch', { accountId: created.accountId, note: 'refusal test' });
      const since = Date.now();
      await dave.api.post(`/api/v1/bots/${created.id}/start`, {});
      await expect.poll(async () => (await bot(dave.api, created.id)).refusals.count, { timeout: 20_000, interval: 100 }).toBeGreaterThan(1);
      await dave.api.post(`/api/v1/bots/${created.id}/stop`, {});
      const stopped = await bot(dave.api, created.id);
      expect(stopped.refusals.count).toBe(stopped.ordersSent);
      expect(stopped.refusals.last).toMatchObject({ code: 'KILL_SWITCH_ACTIVE', message: expect.stringMatching(/kill switch/i) as string });
      expect(stopped.refusals.last!.at).toBeGreaterThanOrEqual(since);
      expect(stopped.refusals.last!.at).toBeLessThanOrEqual(Date.now());
      expect((await dave.api.call('DELETE', `/api/v1/bots/${created.id}`)).status).toBe(204);
    });

    it('lets a trader manage only their own bots, and an admin every bot', async ({ expect }) => {
      const mine = (await alice.api.get<{ bots: BotView[] }>('/api/v1/bots')).bots;
      const target = mine[0]!;
      expect((await bob.api.get<{ bots: BotView[] }>('/api/v1/bots')).bots).toEqual([]);
      for (const [method, path] of [
        ['GET', ''],
        ['POST', '/start'],
        ['POST', '/stop'],
        ['DELETE', ''],
      ] as const) {
        expectErrorWith(expect, await bob.api.call(method, `/api/v1/bots/${target.id}${path}`, method === 'POST' ? { json: {} } : {}), 404, 'NOT_FOUND');
      }
      expectErrorWith(expect, await bob.api.call('PATCH', `/api/v1/bots/${target.id}`, { json: { params: {} } }), 404, 'NOT_FOUND');
      // Names are per owner: bob may use alice's.
      expect((await bob.api.post<BotView>('/api/v1/bots', walker(target.name, 'S04'))).ownerUserId).toBe(bob.user.id);

      const all = (await admin.get<{ bots: BotView[] }>('/api/v1/bots')).bots;
      expect(all.map((b) => b.ownerUserId)).toEqual(expect.arrayContaining([alice.user.id, bob.user.id]));
      expect(await admin.post<BotView>(`/api/v1/bots/${target.id}/stop`, {})).toMatchObject({ state: 'stopped' });
      expectErrorWith(expect, await alice.api.anonymous().call('GET', '/api/v1/bots'), 401, 'UNAUTHENTICATED');
    });

    it('refuses bad input with the one error shape and a reason code', async ({ expect }) => {
      const create = (body: unknown) => alice.api.call('POST', '/api/v1/bots', { json: body });
      const base = walker('bad', 'S05');
      expectErrorWith(expect, await create({ ...base, strategy: 'no-such-strategy' }), 422, 'UNKNOWN_STRATEGY');
      const params = expectErrorWith(expect, await create({ ...base, params: { intervalMs: 'often' } }), 400, 'INVALID_PARAMS');
      expect(JSON.stringify(params.details)).toContain('intervalMs');
      // A misspelt or unknown name is refused, as the backtest API does, not dropped by the schema.
      const unknown = expectErrorWith(expect, await create({ ...base, params: { bogus: 1 } }), 400, 'INVALID_PARAMS');
      expect(unknown.details).toEqual([{ path: 'params.bogus', message: expect.stringContaining('not a param of') as string }]);
      // The sentence every UNKNOWN_SYMBOL refusal says, top-level and at the symbol's place in the list.
      const unlisted = expectErrorWith(expect, await create({ ...base, symbols: ['S05', 'NOPE'] }), 422, 'UNKNOWN_SYMBOL');
      expect(unlisted.message).toBe('NOPE is not listed; GET /api/v1/instruments lists the symbols.');
      expect(unlisted.details).toEqual([{ path: 'symbols.1', message: unlisted.message }]);
      expectErrorWith(expect, await create({ ...base, symbols: [] }), 400, 'INVALID_REQUEST');
      expectErrorWith(expect, await create({ ...base, name: 'no spaces' }), 400, 'INVALID_REQUEST');
      expectErrorWith(expect, await create({ ...base, extra: true }), 400, 'INVALID_REQUEST');
      expect(expectErrorWith(expect, await create({ ...base, cash: '-5' }), 400, 'INVALID_AMOUNT').details).toEqual([{ path: 'cash', message: 'amount must be positive (more than 0)' }]);
      const noAsset = expectErrorWith(expect, await create({ ...base, deposits: { NOPE: '1' } }), 422, 'UNKNOWN_ASSET');
      expect(noAsset.message).toBe('NOPE is not an asset here; GET /api/v1/assets lists the assets.');
      expect(noAsset.details).toEqual([{ path: 'deposits.NOPE', message: noAsset.message }]);
      expectErrorWith(expect, await create({ ...base, cash: '0.0000001' }), 400, 'INVALID_AMOUNT');
      // Past one account's deposit ceiling, or funded with nothing in any asset: refused before the bot's user is made, so none is left behind.
      const users = await platform().running.ctx.store.users.count();
      expectErrorWith(expect, await create({ ...base, cash: '100000000001' }), 422, 'AMOUNT_TOO_LARGE');
      // So is an amount past what can be held exactly at all: the same code, not another for being larger.
      expectErrorWith(expect, await create({ ...base, cash: '99999999999999999999999' }), 422, 'AMOUNT_TOO_LARGE');
      const unfunded = expectErrorWith(expect, await create({ ...base, cash: '0', deposits: undefined }), 400, 'INVALID_AMOUNT');
      expect(unfunded.details).toEqual([{ path: 'cash', message: unfunded.message }]);
      expectErrorWith(expect, await create({ ...base, cash: 0, deposits: { S05: '0.0' } }), 400, 'INVALID_AMOUNT');
      // A deposit named with nothing in it is refused where it is, as a deposit of 0 is, not passed over.
      const emptyDeposit = expectErrorWith(expect, await create({ ...base, deposits: { S05: '0' } }), 400, 'INVALID_AMOUNT');
      expect(emptyDeposit.details).toEqual([{ path: 'deposits.S05', message: 'a deposit must be more than 0: leave S05 out of deposits to deposit none' }]);
      expect(await platform().running.ctx.store.users.count()).toBe(users);
      // Shares alone are funding: a bot may start with no cash and sell.
      const sharesOnly = await create({ ...base, name: 'shares-only', cash: '0' });
      expect(sharesOnly.status, sharesOnly.text).toBe(201);
      const sharesOnlyId = (sharesOnly.body as BotView).id;
      // Starting and stopping take no fields: an unknown one is refused, as in every strict body, and the bot stays stopped.
      const stray = expectErrorWith(expect, await alice.api.call('POST', `/api/v1/bots/${sharesOnlyId}/start`, { json: { symbols: ['S05'] } }), 400, 'INVALID_REQUEST');
      expect(stray.details).toEqual([{ path: 'symbols', message: 'symbols is not a field here' }]);
      expect((await bot(alice.api, sharesOnlyId)).desiredState).toBe('stopped');
      expectErrorWith(expect, await alice.api.call('POST', `/api/v1/bots/${sharesOnlyId}/stop`, { json: { force: true } }), 400, 'INVALID_REQUEST');
      expect((await alice.api.call('DELETE', `/api/v1/bots/${sharesOnlyId}`)).status).toBe(204);
      // A strategy file is code the server would import: admins only.
      expectErrorWith(expect, await create({ ...base, strategy: './examples/sma-crossover.ts' }), 403, 'FORBIDDEN');
      expectErrorWith(expect, await create({ ...walker('tuned', 'S05') }), 409, 'ALREADY_EXISTS');
      expectErrorWith(expect, await alice.api.call('GET', '/api/v1/bots/abc'), 400, 'INVALID_REQUEST');
      expectErrorWith(expect, await alice.api.call('POST', '/api/v1/bots/999999/start', { json: {} }), 404, 'NOT_FOUND');
      expect((await alice.api.get<{ bots: BotView[] }>('/api/v1/bots')).bots.map((b) => b.name)).toEqual(['tuned']);
      const strategies = await alice.api.get<{ strategies: Array<{ name: string }> }>('/api/v1/bots/strategies');
      expect(strategies.strategies.map((s) => s.name)).toContain('market-maker');
    });

    it('brings running bots back after a restart, and leaves stopped ones stopped', async ({ expect }) => {
      for (const b of (await bob.api.get<{ bots: BotView[] }>('/api/v1/bots')).bots) await bob.api.post(`/api/v1/bots/${b.id}/start`, {});
      const all = (await admin.get<{ bots: BotView[] }>('/api/v1/bots')).bots;
      const running = all.filter((b) => b.desiredState === 'running').map((b) => b.id);
      const stopped = all.filter((b) => b.desiredState === 'stopped').map((b) => b.id);
      expect(running.length).toBeGreaterThan(0);
      expect(stopped.length).toBeGreaterThan(0);
      await platform().restart();
      const boss = rebind(admin, platform().url);
      await expect
        .poll(async () => (await boss.get<{ bots: BotView[] }>('/api/v1/bots')).bots.filter((b) => b.state === 'running' && b.ordersSent > 0).map((b) => b.id), { timeout: 30_000, interval: 200 })
        .toEqual(running);
      const after = (await boss.get<{ bots: BotView[] }>('/api/v1/bots')).bots;
      // The run's figures start over; the account's carry on.
      for (const before of all) expect(after.find((b) => b.id === before.id)!.account!.trades).toBeGreaterThanOrEqual(before.account!.trades);
      for (const id of stopped) expect(after.find((b) => b.id === id)).toMatchObject({ state: 'stopped', desiredState: 'stopped' });
    });

    it('keeps a trader at the cap even when creates arrive in parallel; the cap is 403', async ({ expect }) => {
      const carol = await newTrader(platform().url);
      const all = await Promise.all(Array.from({ length: 60 }, (_, i) => carol.api.call('POST', '/api/v1/bots', { json: { ...walker(`c${i}`, 'S06'), deposits: undefined } })));
      expect(all.filter((r) => r.status === 201)).toHaveLength(MAX_BOTS);
      for (const refused of all.filter((r) => r.status !== 201)) expect(expectErrorWith(expect, refused, 403, 'FORBIDDEN').message).toContain(`at most ${MAX_BOTS} bots`);
      expect((await carol.api.get<{ bots: BotView[] }>('/api/v1/bots')).bots).toHaveLength(MAX_BOTS);
      // Admins have no cap.
      expect((await rebind(admin, platform().url).call('POST', '/api/v1/bots', { json: walker('uncapped', 'S06') })).status).toBe(201);
    });
  },
  { bots: { workers: 1, maxBotsPerTrader: MAX_BOTS } },
);

describe('a bot manager refusal as an answer', () => {
  it('turns a create or start after close into 503 UNAVAILABLE and the cap into 403', async ({ expect }) => {
    await expect(botCall(() => Promise.reject(new BotManagerError('UNAVAILABLE', 'closing')))).rejects.toMatchObject({ code: 'UNAVAILABLE', statusCode: 503 });
    await expect(botCall(() => Promise.reject(new BotManagerError('LIMIT_REACHED', 'full')))).rejects.toMatchObject({ code: 'FORBIDDEN', statusCode: 403 });
  });
});

describe('the living market', () => {
  it('creates its bots once under its owner, keeps them running across restarts, and stays off when resuming is off', async ({ expect }) => {
    const platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, bots: { workers: 0, livingMarket: LIVING_MARKET } });
    try {
      const admin = await adminApi(platform.url);
      const names = async (api: Api) => (await api.get<{ bots: BotView[] }>('/api/v1/bots')).bots.filter((b) => b.state === 'running').map((b) => b.name);
      await expect.poll(() => names(admin), { timeout: 20_000, interval: 100 }).toEqual(['mm-s10', 'walk-s10', 'trend-s10']);
      // The maker quotes both sides from its inventory, and the walker trades against it.
      await expect
        .poll(async () => {
          const book = await admin.get<BookView>('/api/v1/markets/S10/book');
          return book.bids.length > 0 && book.asks.length > 0;
        }, { timeout: 20_000, interval: 100 })
        .toBe(true);
      await expect.poll(async () => (await admin.get<{ trades: unknown[] }>('/api/v1/markets/S10/trades')).trades.length, { timeout: 20_000, interval: 200 }).toBeGreaterThan(0);
      const living = (await admin.get<{ bots: BotView[] }>('/api/v1/bots')).bots[0]!;
      const owner = living.ownerUserId;
      // The living market's owner ranks on no leaderboard: the bot names it.
      expect(living.ownerUsername).toBe('test-market');
      expect(platform.logs.lines().some((line) => line.msg === 'living market: bot not created' && line.bot === 'unlisted')).toBe(true);

      await platform.restart();
      const again = rebind(admin, platform.url);
      await expect.poll(() => names(again), { timeout: 20_000, interval: 100 }).toEqual(['mm-s10', 'walk-s10', 'trend-s10']);
      const bots = (await again.get<{ bots: BotView[] }>('/api/v1/bots')).bots;
      expect(bots.map((b) => [b.ownerUserId, b.name])).toEqual([owner, owner, owner].map((id, i) => [id, ['mm-s10', 'walk-s10', 'trend-s10'][i]]));

      // A deleted bot of the living market stays deleted across restarts.
      expect((await again.call('DELETE', `/api/v1/bots/${bots.find((b) => b.name === 'trend-s10')!.id}`)).status).toBe(204);
      await platform.restart();
      const later = rebind(admin, platform.url);
      await expect.poll(() => names(later), { timeout: 20_000, interval: 100 }).toEqual(['mm-s10', 'walk-s10']);
      await expect.poll(() => platform.logs.lines().filter((line) => line.msg === 'living market ready').at(-1), { timeout: 20_000, interval: 100 }).toMatchObject({ created: 0, deleted: 1 });
      expect((await later.get<{ bots: BotView[] }>('/api/v1/bots')).bots.map((b) => b.name)).toEqual(['mm-s10', 'walk-s10']);

      // What --no-bots gives: no living market, no saved bot restarted; desired states kept for later.
      await platform.restart({ bots: { workers: 0, resume: false } });
      const off = rebind(admin, platform.url);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const idle = (await off.get<{ bots: BotView[] }>('/api/v1/bots')).bots;
      expect(idle.map((b) => [b.state, b.desiredState])).toEqual(Array.from({ length: 2 }, () => ['stopped', 'running']));
    } finally {
      await platform.dispose();
    }
  });

  it('does not hand itself to a user who registered its owner name first: it is skipped with a warning', async ({ expect }) => {
    const platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, bots: { workers: 0 } });
    try {
      const squatter = await platform.api().register('test-market', PASSWORD);
      await platform.restart({ bots: { workers: 0, livingMarket: LIVING_MARKET } });
      await expect.poll(() => platform.logs.lines().some((line) => String(line.msg).startsWith('living market skipped') && line.owner === 'test-market'), { timeout: 20_000, interval: 100 }).toBe(true);
      const admin = await adminApi(platform.url);
      expect((await admin.get<{ bots: BotView[] }>('/api/v1/bots')).bots).toEqual([]);
      expect(platform.logs.lines().some((line) => line.msg === 'living market ready')).toBe(false);
      // Still skipped at the next start: the name was never the living market's.
      await platform.restart({ bots: { workers: 0, livingMarket: LIVING_MARKET } });
      await expect.poll(() => platform.logs.lines().filter((line) => String(line.msg).startsWith('living market skipped')).length, { timeout: 20_000, interval: 100 }).toBe(2);
      expect((await rebind(admin, platform.url).get<{ bots: BotView[] }>('/api/v1/bots')).bots.filter((b) => b.ownerUserId === squatter.id)).toEqual([]);
    } finally {
      await platform.dispose();
    }
  });
});
