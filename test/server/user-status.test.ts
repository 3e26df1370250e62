// An admin disables a user and enables them again, over real HTTP and WebSocket on SQLite and PostgreSQL: every credential refused, open orders cancelled, connections closed, bots stopped, others untouched; it survives a restart.
import { it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import type { Api } from '../support/http-client.ts';
import { adminApi, newTrader, PASSWORD } from '../support/traders.ts';
import type { BalanceView, OrderView, UserView } from '../support/views.ts';
import { WsClient } from '../support/ws-client.ts';

interface StatusChange {
  readonly id: number;
  readonly status: 'active' | 'disabled';
  readonly changed: boolean;
  readonly cancelledOrders: number[];
  readonly stoppedBots: number[];
  readonly cancelledAlgoOrders: number[];
}

interface BotView {
  readonly id: number;
  readonly userId: number;
  readonly desiredState: 'running' | 'stopped';
  readonly state: string;
}

const statusOf = (id: number) => `/api/v1/admin/users/${id}/status`;
const walker = (name: string, symbol: string) => ({ name, strategy: 'random-walk', symbols: [symbol], params: { intervalMs: 100, referencePrice: 100, maxQty: 2 }, deposits: { [symbol]: '20' }, start: true });

/** The total of each asset: the disable moves holds back to available, never money. */
function totals(balances: readonly BalanceView[]): Record<string, string> {
  return Object.fromEntries(balances.map((b) => [b.asset, b.total]));
}

function put<T = unknown>(api: Api, path: string, json: unknown): Promise<T> {
  return api.ok<T>('PUT', path, { json });
}

async function userRow(admin: Api, id: number): Promise<UserView & { status: string }> {
  const page = await admin.get<{ items: Array<UserView & { status: string }> }>('/api/v1/admin/users', { limit: 500 });
  const row = page.items.find((user) => user.id === id);
  if (!row) throw new Error(`user ${id} is not listed`);
  return row;
}

describeEachBackend('disabling a user', ({ platform }) => {
  it('refuses their token, refresh token, API key and login at once, closes their sockets and cancels their open orders; others are untouched', async ({ expect }) => {
    const admin = await adminApi(platform().url);
    const victim = await newTrader(platform().url, { USD: '10000', S10: '50' }, { apiKey: ['read', 'trade'] });
    const other = await newTrader(platform().url, { USD: '10000' });
    const keyApi = platform().api().withKey(victim.key.id, victim.key.secret);
    const buy = await victim.api.placeOrder({ symbol: 'S10', side: 'buy', type: 'limit', qty: '3', price: '95' });
    const sell = await keyApi.placeOrder({ symbol: 'S10', side: 'sell', type: 'limit', qty: '2', price: '105' });
    const stop = await victim.api.placeOrder({ symbol: 'S10', side: 'sell', type: 'stop', qty: '1', stopPrice: '90' });
    const others = await other.api.placeOrder({ symbol: 'S10', side: 'buy', type: 'limit', qty: '1', price: '94' });
    const before = totals(await victim.api.balances());
    const byToken = await WsClient.connect(platform().wsUrl);
    expect(await byToken.request({ op: 'auth', token: victim.session.accessToken })).toMatchObject({ type: 'authenticated' });
    expect(await byToken.request({ op: 'subscribe', channels: ['orders'] })).toMatchObject({ type: 'subscribed' });
    const byKey = await WsClient.connect(platform().wsUrl, { 'x-bourse-key-id': victim.key.id, 'x-bourse-key-secret': victim.key.secret });
    const bystander = await WsClient.connect(platform().wsUrl);
    expect(await bystander.request({ op: 'auth', token: other.session.accessToken })).toMatchObject({ type: 'authenticated' });

    const change = await put<StatusChange>(admin, statusOf(victim.user.id), { status: 'disabled' });
    expect(change).toEqual({ id: victim.user.id, status: 'disabled', changed: true, cancelledOrders: [buy.id, sell.id, stop.id].sort((a, b) => a - b), stoppedBots: [], cancelledAlgoOrders: [] });

    // Both sockets of the user are told and closed; the other user's stays open.
    for (const ws of [byToken, byKey]) {
      expect(await ws.closed).toEqual({ code: 1008, reason: 'account disabled' });
      expect(ws.messages.filter((m) => m.type === 'error')).toEqual([{ type: 'error', code: 'ACCOUNT_DISABLED', message: 'This user is disabled; an admin can enable them again.', details: null }]);
    }
    expect((await bystander.request({ op: 'ping' })).type).toBe('pong');
    // Closed before the cancels: no private event reached a socket of the disabled user after the close.
    expect(byToken.messages.filter((m) => m.channel === 'orders' && (m.data as OrderView).status === 'cancelled')).toEqual([]);

    expectErrorWith(expect, await victim.api.call('GET', '/api/v1/me'), 403, 'ACCOUNT_DISABLED');
    expectErrorWith(expect, await victim.api.call('POST', '/api/v1/orders', { json: { symbol: 'S10', side: 'buy', type: 'limit', qty: '1', price: '95' } }), 403, 'ACCOUNT_DISABLED');
    expectErrorWith(expect, await keyApi.call('GET', '/api/v1/account/balances'), 403, 'ACCOUNT_DISABLED');
    // A wrong secret or password is refused as for anyone: only the holder of the credential learns the user is disabled.
    expectErrorWith(expect, await platform().api().withKey(victim.key.id, 'x'.repeat(43)).call('GET', '/api/v1/account/balances'), 401, 'INVALID_TOKEN');
    expectErrorWith(expect, await platform().api().call('POST', '/api/v1/auth/refresh', { json: { refreshToken: victim.session.refreshToken } }), 401, 'INVALID_TOKEN');
    expectErrorWith(expect, await platform().api().call('POST', '/api/v1/auth/login', { json: { username: victim.name, password: 'not the password' } }), 401, 'INVALID_CREDENTIALS');
    const refused = expectErrorWith(expect, await platform().api().call('POST', '/api/v1/auth/login', { json: { username: victim.name, password: PASSWORD } }), 403, 'ACCOUNT_DISABLED');
    expect(refused.message).toBe('This user is disabled; an admin can enable them again.');
    const late = await WsClient.connect(platform().wsUrl);
    expect(await late.request({ op: 'auth', token: victim.session.accessToken })).toMatchObject({ type: 'error', code: 'ACCOUNT_DISABLED' });
    await late.close();

    expect(await userRow(admin, victim.user.id)).toMatchObject({ status: 'disabled', role: 'trader' });
    // The other user's order and login are as they were.
    expect((await other.api.order(others.id)).status).toBe('open');
    await bystander.close();
    const audit = platform()
      .logs.lines()
      .find((line) => line.audit === 'user disabled' && line.userId === victim.user.id);
    expect(audit).toMatchObject({ changed: true, cancelledOrders: 3 });
    expect(platform().logs.lines().some((line) => line.audit === 'login refused' && line.userId === victim.user.id)).toBe(true);

    // Disabling again changes nothing and finds nothing left to cancel.
    expect(await put<StatusChange>(admin, statusOf(victim.user.id), { status: 'disabled' })).toMatchObject({ changed: false, cancelledOrders: [] });

    // Enabled: the password works again, the old login stays ended, the API key works again, and nothing of the money moved.
    expect(await put<StatusChange>(admin, statusOf(victim.user.id), { status: 'active' })).toEqual({ id: victim.user.id, status: 'active', changed: true, cancelledOrders: [], stoppedBots: [], cancelledAlgoOrders: [] });
    expect(platform().logs.lines().some((line) => line.audit === 'user enabled' && line.userId === victim.user.id)).toBe(true);
    expectErrorWith(expect, await victim.api.call('GET', '/api/v1/me'), 401, 'INVALID_TOKEN');
    expectErrorWith(expect, await platform().api().call('POST', '/api/v1/auth/refresh', { json: { refreshToken: victim.session.refreshToken } }), 401, 'INVALID_TOKEN');
    const again = platform().api().withToken((await platform().api().login(victim.name, PASSWORD)).accessToken);
    expect((await keyApi.balances()).length).toBeGreaterThan(0);
    const after = await again.balances();
    expect(totals(after)).toEqual(before);
    expect(after.every((b) => Number(b.held) === 0)).toBe(true);
    for (const id of [buy.id, sell.id, stop.id]) expect(await again.order(id)).toMatchObject({ status: 'cancelled', reason: 'ACCOUNT_DISABLED' });
    expect(await userRow(admin, victim.user.id)).toMatchObject({ status: 'active' });
  });

  it('is for admins only, never on oneself, and answers 404 for an unknown user and 400 for a bad status', async ({ expect }) => {
    const admin = await adminApi(platform().url);
    const trader = await newTrader(platform().url);
    const target = await newTrader(platform().url);
    expectErrorWith(expect, await trader.api.call('PUT', statusOf(target.user.id), { json: { status: 'disabled' } }), 403, 'FORBIDDEN');
    expectErrorWith(expect, await platform().api().call('PUT', statusOf(target.user.id), { json: { status: 'disabled' } }), 401, 'UNAUTHENTICATED');
    const me = await admin.get<{ user: { id: number } }>('/api/v1/me');
    const own = expectErrorWith(expect, await admin.call('PUT', statusOf(me.user.id), { json: { status: 'disabled' } }), 403, 'FORBIDDEN');
    expect(own.message).toBe('You cannot change your own status; another admin can.');
    expectErrorWith(expect, await admin.call('PUT', statusOf(2_147_483_647), { json: { status: 'disabled' } }), 404, 'NOT_FOUND');
    const bad = expectErrorWith(expect, await admin.call('PUT', statusOf(target.user.id), { json: { status: 'banned' } }), 400, 'INVALID_REQUEST');
    expect(bad.details).toEqual([{ path: 'status', message: expect.stringContaining('active') as string }]);
    expectErrorWith(expect, await admin.call('PUT', statusOf(target.user.id), { json: { status: 'disabled', extra: 1 } }), 400, 'INVALID_REQUEST');
    // A read-only key of an admin reads the admin routes but changes nothing.
    const reader = await admin.createKey('reader', ['read']);
    expectErrorWith(expect, await platform().api().withKey(reader.id, reader.secret).call('PUT', statusOf(target.user.id), { json: { status: 'disabled' } }), 403, 'FORBIDDEN');
    expect((await target.api.call('GET', '/api/v1/me')).status).toBe(200);
  });

  it('keeps an active admin: disabled admins do not count, and of two admins disabling each other at once one stays', async ({ expect }) => {
    const root = await adminApi(platform().url);
    const rootId = (await root.get<{ user: { id: number } }>('/api/v1/me')).user.id;
    const second = await newTrader(platform().url);
    await root.ok('PUT', `/api/v1/admin/users/${second.user.id}/role`, { json: { role: 'admin' } });
    // The second admin disabled: the root admin is the last active one, so cannot be demoted.
    await put(root, statusOf(second.user.id), { status: 'disabled' });
    expectErrorWith(expect, await root.call('PUT', `/api/v1/admin/users/${rootId}/role`, { json: { role: 'trader' } }), 409, 'LAST_ADMIN');
    await put(root, statusOf(second.user.id), { status: 'active' });
    const secondApi = platform().api().withToken((await platform().api().login(second.name, PASSWORD)).accessToken);
    const replies = await Promise.all([root.call('PUT', statusOf(second.user.id), { json: { status: 'disabled' } }), secondApi.call('PUT', statusOf(rootId), { json: { status: 'disabled' } })]);
    const passed = replies.filter((reply) => reply.status === 200);
    expect(passed).toHaveLength(1);
    // The loser is refused for leaving no active admin, or (had the winner's disable come first) for being disabled.
    const loser = replies.find((reply) => reply.status !== 200)!;
    expect([
      { status: 409, code: 'LAST_ADMIN' },
      { status: 403, code: 'ACCOUNT_DISABLED' },
    ]).toContainEqual({ status: loser.status, code: (loser.body as { code: string }).code });
    const rootWon = replies[0].status === 200;
    const winner = rootWon ? root : secondApi;
    const loserId = rootWon ? second.user.id : rootId;
    // The winner enables the other again and the second admin goes back to trading.
    await put(winner, statusOf(loserId), { status: 'active' });
    const rootAgain = await adminApi(platform().url);
    await rootAgain.ok('PUT', `/api/v1/admin/users/${second.user.id}/role`, { json: { role: 'trader' } });
    expect(await userRow(rootAgain, rootId)).toMatchObject({ role: 'admin', status: 'active' });
  });

  it("stops the bots of a disabled owner and a disabled bot's own user, and does not start them again on its own", async ({ expect }) => {
    const admin = await adminApi(platform().url);
    const owner = await newTrader(platform().url);
    const first = await owner.api.post<BotView>('/api/v1/bots', walker('kept-1', 'S11'));
    const second = await owner.api.post<BotView>('/api/v1/bots', walker('kept-2', 'S12'));
    expect([first.state, second.state]).toEqual(['running', 'running']);

    const change = await put<StatusChange>(admin, statusOf(owner.user.id), { status: 'disabled' });
    expect(change.stoppedBots).toEqual([first.id, second.id]);
    for (const id of [first.id, second.id]) expect(await admin.get<BotView>(`/api/v1/bots/${id}`)).toMatchObject({ desiredState: 'stopped', state: 'stopped' });
    const refused = expectErrorWith(expect, await admin.call('POST', `/api/v1/bots/${first.id}/start`), 403, 'ACCOUNT_DISABLED');
    expect(refused.message).toBe(`The owner of bot ${first.id} is disabled; an admin has to enable them before it can run.`);
    expect(await admin.get<BotView>(`/api/v1/bots/${first.id}`)).toMatchObject({ desiredState: 'stopped' });

    await put(admin, statusOf(owner.user.id), { status: 'active' });
    expect(await admin.get<BotView>(`/api/v1/bots/${first.id}`)).toMatchObject({ desiredState: 'stopped', state: 'stopped' });
    const ownerApi = platform().api().withToken((await platform().api().login(owner.name, PASSWORD)).accessToken);
    expect(await ownerApi.post<BotView>(`/api/v1/bots/${first.id}/start`, {})).toMatchObject({ desiredState: 'running', state: 'running' });

    // The bot's own user disabled: that bot stops and its open orders are cancelled; the owner's other bot is not touched.
    const own = await put<StatusChange>(admin, statusOf(first.userId), { status: 'disabled' });
    expect(own.stoppedBots).toEqual([first.id]);
    expect(await ownerApi.get<BotView>(`/api/v1/bots/${first.id}`)).toMatchObject({ desiredState: 'stopped', state: 'stopped' });
    expectErrorWith(expect, await ownerApi.call('POST', `/api/v1/bots/${first.id}/start`), 403, 'ACCOUNT_DISABLED');
    expect(await ownerApi.get<BotView>(`/api/v1/bots/${second.id}`)).toMatchObject({ desiredState: 'stopped' });
    await put(admin, statusOf(first.userId), { status: 'active' });
  });

  it('survives a restart: still refused after it, and enabling afterwards lets the user in', async ({ expect }) => {
    const admin = await adminApi(platform().url);
    const user = await newTrader(platform().url, { USD: '500' }, { apiKey: ['read'] });
    await put(admin, statusOf(user.user.id), { status: 'disabled' });
    await platform().restart();
    const fresh = platform().api();
    expectErrorWith(expect, await fresh.call('POST', '/api/v1/auth/login', { json: { username: user.name, password: PASSWORD } }), 403, 'ACCOUNT_DISABLED');
    expectErrorWith(expect, await fresh.withToken(user.session.accessToken).call('GET', '/api/v1/me'), 403, 'ACCOUNT_DISABLED');
    expectErrorWith(expect, await fresh.withKey(user.key.id, user.key.secret).call('GET', '/api/v1/account/balances'), 403, 'ACCOUNT_DISABLED');
    const adminAfter = await adminApi(platform().url);
    expect(await userRow(adminAfter, user.user.id)).toMatchObject({ status: 'disabled' });
    await put(adminAfter, statusOf(user.user.id), { status: 'active' });
    const back = fresh.withToken((await fresh.login(user.name, PASSWORD)).accessToken);
    expect(await back.balance('USD')).toMatchObject({ available: '500' });
  });
});
