// Who may use a route is decided before its body is validated, on SQLite and PostgreSQL: a caller without the scope, the role or a login gets 401 or 403 whatever it sends.
import { beforeAll, it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import type { Api } from '../support/http-client.ts';
import { ROUTES } from '../support/routes.ts';
import { adminApi, newTrader, type Trader } from '../support/traders.ts';

/** Bodies no route accepts: empty, of the wrong kind, and not JSON at all. */
const INVALID_BODIES = [{ json: {} }, { json: { bogus: 1, qty: '-1' } }, { raw: '{"symbol": ', headers: { 'content-type': 'application/json' } }] as const;
/** The routes a login without a key uses freely (sign-up, login, sessions): their bodies are their credentials. */
const isAuthRoute = (path: string) => path.startsWith('/api/v1/auth/');
const writeRoutes = ROUTES.filter((route) => route.method !== 'GET' && !isAuthRoute(route.path)).map((route) => ({ ...route, path: route.path.replace(/:\w+/g, 'not-an-id') }));

describeEachBackend('authorization before validation', ({ platform }) => {
  let trader: Trader;
  let anonymous: Api;
  let reader: Api;
  let tradeBot: Api;
  let adminReader: Api;

  beforeAll(async () => {
    const url = platform().url;
    trader = await newTrader(url, { USD: '1000' });
    anonymous = platform().api();
    const readKey = await trader.api.createKey('reader', ['read']);
    const tradeKey = await trader.api.createKey('trader', ['trade']);
    reader = anonymous.withKey(readKey.id, readKey.secret);
    tradeBot = anonymous.withKey(tradeKey.id, tradeKey.secret);
    const admin = await adminApi(url);
    const adminKey = await admin.createKey('admin reader', ['read']);
    adminReader = anonymous.withKey(adminKey.id, adminKey.secret);
  });

  it('answers 401 to a caller without credentials on every write route that needs them, whatever the body', async ({ expect }) => {
    for (const route of writeRoutes) {
      for (const body of INVALID_BODIES) {
        const reply = await anonymous.call(route.method, route.path, body);
        expect({ route: `${route.method} ${route.path}`, status: reply.status }).toEqual({ route: `${route.method} ${route.path}`, status: 401 });
        expectErrorWith(expect, reply, 401, 'UNAUTHENTICATED');
      }
    }
  });

  it('answers 403 to a read-only key on every write route, whatever the body', async ({ expect }) => {
    for (const route of writeRoutes) {
      for (const body of INVALID_BODIES) {
        const reply = await reader.call(route.method, route.path, body);
        expect({ route: `${route.method} ${route.path}`, status: reply.status }).toEqual({ route: `${route.method} ${route.path}`, status: 403 });
        expectErrorWith(expect, reply, 403, 'FORBIDDEN');
      }
    }
  });

  it('names the missing scope on trading, withdrawal and risk routes sent an empty body', async ({ expect }) => {
    const cases: [Api, string, string, string][] = [
      [reader, 'POST', '/api/v1/orders', 'trade'],
      [reader, 'POST', '/api/v1/orders/bracket', 'trade'],
      [reader, 'POST', '/api/v1/algo-orders', 'trade'],
      [reader, 'POST', '/api/v1/bots', 'trade'],
      [reader, 'POST', '/api/v1/backtests', 'trade'],
      [reader, 'PUT', '/api/v1/risk/limits', 'trade'],
      [reader, 'POST', '/api/v1/account/deposits', 'trade'],
      [tradeBot, 'POST', '/api/v1/account/withdrawals', 'withdraw'],
    ];
    for (const [caller, method, path, scope] of cases) {
      const refused = expectErrorWith(expect, await caller.call(method, path, { json: {} }), 403, 'FORBIDDEN');
      expect(refused.message).toBe(`This API key lacks the ${scope} scope.`);
    }
  });

  it('refuses a key that manages keys before looking at the body', async ({ expect }) => {
    const create = expectErrorWith(expect, await tradeBot.call('POST', '/api/v1/api-keys', { json: { scopes: 'all of them' } }), 403, 'FORBIDDEN');
    expect(create.message).toBe('API keys cannot create API keys; log in to manage them.');
    const revoke = expectErrorWith(expect, await tradeBot.call('DELETE', `/api/v1/api-keys/${'x'.repeat(90)}`), 403, 'FORBIDDEN');
    expect(revoke.message).toBe('API keys cannot revoke API keys; log in to manage them.');
    // A login is still told what its body got wrong.
    expectErrorWith(expect, await trader.api.call('POST', '/api/v1/api-keys', { json: { scopes: 'all of them' } }), 400, 'INVALID_REQUEST');
  });

  it('refuses a trader on admin routes and an admin read-only key on admin changes, whatever the body', async ({ expect }) => {
    const adminWrites = writeRoutes.filter((route) => route.path.startsWith('/api/v1/admin/'));
    expect(adminWrites.length).toBeGreaterThanOrEqual(4);
    for (const route of adminWrites) {
      const asTrader = expectErrorWith(expect, await trader.api.call(route.method, route.path, { json: { role: 'emperor', maxDailyLoss: 'lots' } }), 403, 'FORBIDDEN');
      expect(asTrader.message).toBe('Only an admin may do this.');
    }
    for (const path of ['/api/v1/admin/risk/limits/account/1', '/api/v1/admin/risk/limits/strategy/swing', '/api/v1/admin/risk/accounts/1/strategy']) {
      const asReader = expectErrorWith(expect, await adminReader.call('PUT', path, { json: { maxDailyLoss: 'lots', strategy: 7 } }), 403, 'FORBIDDEN');
      expect(asReader.message).toBe('This API key lacks the trade scope.');
    }
    // The admin's read-only key still reads the admin routes.
    expect((await adminReader.call('GET', '/api/v1/admin/risk/limits/strategy/swing')).status).toBe(200);
  });

  it('checks the body as before for a caller who may use the route', async ({ expect }) => {
    const invalid = expectErrorWith(expect, await tradeBot.call('POST', '/api/v1/orders', { json: {} }), 400, 'INVALID_REQUEST');
    expect(invalid.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'symbol' })]));
    expectErrorWith(expect, await tradeBot.call('PUT', '/api/v1/risk/limits', { json: { bogus: 1 } }), 400);
    expect((await trader.api.orders()).items).toEqual([]);
  });
});
