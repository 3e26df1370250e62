// API keys (create once, never listed, scopes, revoke) and the admin role over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../support/expect-error.ts';
import type { Api } from '../support/http-client.ts';
import { ADMIN, TestPlatform } from '../support/platform.ts';
import { adminApi, newTrader } from '../support/traders.ts';
import type { KeyView, UserView } from '../support/views.ts';

let platform: TestPlatform;
let anonymous: Api;
beforeAll(async () => {
  platform = await TestPlatform.start();
  anonymous = platform.api();
});
afterAll(async () => {
  await platform.dispose();
});

const ORDER = { symbol: 'AAPL', side: 'buy', type: 'limit', qty: '1', price: '180' } as const;

describe('API keys', () => {
  it('shows the secret once at creation and never in the list', async () => {
    const trader = await newTrader(platform.url);
    const key = await trader.api.createKey('my bot', ['trade', 'read', 'trade']);
    expect(key.id).toMatch(/^bk_/);
    expect(key.secret).toMatch(/^bs_/);
    expect(key.scopes).toEqual(['read', 'trade']);
    const listed = await trader.api.call<{ keys: KeyView[] }>('GET', '/api/v1/api-keys');
    expect(listed.body.keys.map((k) => [k.id, k.scopes])).toEqual([[key.id, ['read', 'trade']]]);
    expect(listed.text).not.toContain(key.secret);
    expect(listed.text).not.toMatch(/secret/i);
  });

  it('authenticates with the key headers and trades with a trade key', async () => {
    const trader = await newTrader(platform.url, { USD: '1000' });
    const key = await trader.api.createKey('trader bot', ['trade']);
    const bot = anonymous.withKey(key.id, key.secret);
    const me = await bot.get<{ user: UserView; keyId: string; scopes: string[] }>('/api/v1/me');
    expect(me).toMatchObject({ keyId: key.id, scopes: ['trade'], user: { id: trader.user.id } });
    const order = await bot.placeOrder(ORDER);
    expect(order.status).toBe('open');
    expect((await trader.api.order(order.id)).id).toBe(order.id);
    // Keys cannot mint keys, nor revoke them (a leaked one could stop the owner's other programs).
    expectError(await bot.call('POST', '/api/v1/api-keys', { json: { label: 'child', scopes: ['read'] } }), 403, 'FORBIDDEN');
    expectError(await bot.call('DELETE', `/api/v1/api-keys/${key.id}`), 403, 'FORBIDDEN');
    expect((await bot.call('GET', '/api/v1/me')).status).toBe(200);
  });

  it('only a withdraw key takes money out: a trade key may not, and a withdraw key may not trade', async () => {
    const trader = await newTrader(platform.url, { USD: '1000' });
    const tradeKey = await trader.api.createKey('trading program', ['trade']);
    const tradeBot = anonymous.withKey(tradeKey.id, tradeKey.secret);
    expectError(await tradeBot.call('POST', '/api/v1/account/withdrawals', { json: { asset: 'USD', amount: '1' } }), 403, 'FORBIDDEN');
    const payoutKey = await trader.api.createKey('payouts', ['withdraw']);
    const payouts = anonymous.withKey(payoutKey.id, payoutKey.secret);
    expectError(await payouts.call('POST', '/api/v1/orders', { json: ORDER }), 403, 'FORBIDDEN');
    expect((await payouts.call('POST', '/api/v1/account/withdrawals', { json: { asset: 'USD', amount: '1' } })).status).toBe(201);
    expect((await payouts.balance('USD')).available).toBe('999');
  });

  it('a read-only key reads but cannot trade or move money (403)', async () => {
    const trader = await newTrader(platform.url, { USD: '1000' });
    const key = await trader.api.createKey('reader', ['read']);
    const reader = anonymous.withKey(key.id, key.secret);
    expect((await reader.balance('USD')).available).toBe('1000');
    expect((await reader.orders()).items).toEqual([]);
    expectError(await reader.call('POST', '/api/v1/orders', { json: ORDER }), 403, 'FORBIDDEN');
    expectError(await reader.call('POST', '/api/v1/account/deposits', { json: { asset: 'USD', amount: '1' } }), 403, 'FORBIDDEN');
    expectError(await reader.call('POST', '/api/v1/account/withdrawals', { json: { asset: 'USD', amount: '1' } }), 403, 'FORBIDDEN');
    expectError(await reader.call('DELETE', '/api/v1/orders'), 403, 'FORBIDDEN');
    expect((await trader.api.orders()).items).toEqual([]);
  });

  it('decides authentication and scope before it looks at the body', async () => {
    const trader = await newTrader(platform.url, { USD: '1000' });
    const readKey = await trader.api.createKey('reader', ['read']);
    const tradeKey = await trader.api.createKey('trader', ['trade']);
    const reader = anonymous.withKey(readKey.id, readKey.secret);
    const tradeBot = anonymous.withKey(tradeKey.id, tradeKey.secret);
    const invalidOrder = { ...ORDER, qty: '-1', side: 'sideways' };

    const lacksTrade = expectError(await reader.call('POST', '/api/v1/orders', { json: invalidOrder }), 403, 'FORBIDDEN');
    expect(lacksTrade.message).toBe('This API key lacks the trade scope.');
    expectError(await reader.call('POST', '/api/v1/orders', { json: ORDER }), 403, 'FORBIDDEN');
    expectError(await reader.call('POST', '/api/v1/orders', { raw: '{not json', headers: { 'content-type': 'application/json' } }), 403, 'FORBIDDEN');
    expectError(await reader.call('POST', '/api/v1/orders/oco', { json: { legs: [] } }), 403, 'FORBIDDEN');
    expectError(await reader.call('PATCH', '/api/v1/orders/not-an-id', { json: { qty: 'x' } }), 403, 'FORBIDDEN');
    expectError(await reader.call('POST', '/api/v1/account/deposits', { json: { asset: 7 } }), 403, 'FORBIDDEN');
    expectError(await tradeBot.call('POST', '/api/v1/account/withdrawals', { json: {} }), 403, 'FORBIDDEN');
    expectError(await anonymous.call('POST', '/api/v1/orders', { json: invalidOrder }), 401, 'UNAUTHENTICATED');
    expectError(await trader.api.call('PUT', '/api/v1/admin/users/1/role', { json: { role: 'emperor' } }), 403, 'FORBIDDEN');
    // An admin's read-only key reads the admin routes but changes nothing, a role included, whatever the body.
    const adminKey = await (await adminApi(platform.url)).createKey('admin reader', ['read']);
    const adminReader = anonymous.withKey(adminKey.id, adminKey.secret);
    const lacksTradeToo = expectError(await adminReader.call('PUT', `/api/v1/admin/users/${trader.user.id}/role`, { json: { role: 'admin' } }), 403, 'FORBIDDEN');
    expect(lacksTradeToo.message).toBe('This API key lacks the trade scope.');
    expectError(await adminReader.call('PUT', '/api/v1/admin/users/1/role', { json: { role: 'emperor' } }), 403, 'FORBIDDEN');
    expect((await adminReader.call('GET', '/api/v1/admin/users')).status).toBe(200);
    expect((await trader.api.get<{ user: UserView }>('/api/v1/me')).user.role).toBe('trader');

    // With the scope, the body is checked as before.
    const invalid = expectError(await tradeBot.call('POST', '/api/v1/orders', { json: invalidOrder }), 400, 'INVALID_REQUEST');
    expect(invalid.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'side' })]));
    expect((await trader.api.orders()).items).toEqual([]);
  });

  it('a revoked key fails on its very next request', async () => {
    const trader = await newTrader(platform.url);
    const key = await trader.api.createKey('short-lived', ['read']);
    const bot = anonymous.withKey(key.id, key.secret);
    expect((await bot.call('GET', '/api/v1/account/balances')).status).toBe(200);
    expect((await trader.api.call('DELETE', `/api/v1/api-keys/${key.id}`)).status).toBe(204);
    expectError(await bot.call('GET', '/api/v1/account/balances'), 401, 'INVALID_TOKEN');
    expectError(await trader.api.call('DELETE', `/api/v1/api-keys/${key.id}`), 404, 'NOT_FOUND');
    const listed = await trader.api.get<{ keys: KeyView[] }>('/api/v1/api-keys');
    expect(listed.keys[0]?.revokedAt).toEqual(expect.any(Number));
  });

  it('nobody else can revoke or list a key', async () => {
    const owner = await newTrader(platform.url);
    const other = await newTrader(platform.url);
    const key = await owner.api.createKey('mine', ['read']);
    expectError(await other.api.call('DELETE', `/api/v1/api-keys/${key.id}`), 404, 'NOT_FOUND');
    expect((await other.api.get<{ keys: KeyView[] }>('/api/v1/api-keys')).keys).toEqual([]);
    expect((await anonymous.withKey(key.id, key.secret).call('GET', '/api/v1/me')).status).toBe(200);
  });

  it('refuses keys without scopes or with unknown ones', async () => {
    const trader = await newTrader(platform.url);
    expectError(await trader.api.call('POST', '/api/v1/api-keys', { json: { label: 'x', scopes: [] } }), 400, 'INVALID_REQUEST');
    expectError(await trader.api.call('POST', '/api/v1/api-keys', { json: { label: 'x', scopes: ['admin'] } }), 400, 'INVALID_REQUEST');
  });
});

describe('admin', () => {
  it('the configured admin lists users; a trader gets 403 and nobody sees password hashes', async () => {
    const trader = await newTrader(platform.url);
    const admin = await adminApi(platform.url);
    const users = await admin.all<UserView>('/api/v1/admin/users', { limit: 2 });
    const names = users.map((u) => u.username);
    expect(names).toContain(ADMIN.username);
    expect(names).toContain(trader.name);
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
    expect(users.find((u) => u.username === ADMIN.username)?.role).toBe('admin');
    expect(JSON.stringify(users)).not.toMatch(/passwordHash|argon2/);
    expectError(await trader.api.call('GET', '/api/v1/admin/users'), 403, 'FORBIDDEN');
    const key = await trader.api.createKey('k', ['read', 'trade']);
    expectError(await anonymous.withKey(key.id, key.secret).call('GET', '/api/v1/admin/users'), 403, 'FORBIDDEN');
  });

  it('an admin can promote a trader, who may then list users', async () => {
    const trader = await newTrader(platform.url);
    const admin = await adminApi(platform.url);
    expectError(await trader.api.call('PUT', `/api/v1/admin/users/${trader.user.id}/role`, { json: { role: 'admin' } }), 403, 'FORBIDDEN');
    expect(await admin.ok('PUT', `/api/v1/admin/users/${trader.user.id}/role`, { json: { role: 'admin' } })).toEqual({ id: trader.user.id, role: 'admin' });
    expect((await trader.api.call('GET', '/api/v1/admin/users')).status).toBe(200);
    expectError(await admin.call('PUT', '/api/v1/admin/users/999999/role', { json: { role: 'admin' } }), 404, 'NOT_FOUND');
  });
});
