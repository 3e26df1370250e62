// The OpenAPI document describes what the routes really answer: every documented route is called over HTTP with valid input, and each success body is checked against the response schema /docs/json publishes for its status; so is the 409 of each placement that reuses a client order id with other terms.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Api, Reply } from '../support/http-client.ts';
import { OpenApiReader, operationsOf, type OpenApiDocument } from '../support/openapi.ts';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { PASSWORD, adminApi, newTrader, uniqueName } from '../support/traders.ts';
import type { KeyView, OrderView, SessionView, UserView } from '../support/views.ts';

let platform: TestPlatform;
let doc: OpenApiDocument;
let reader: OpenApiReader;
beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
  doc = await platform.api().get<OpenApiDocument>('/docs/json');
  reader = new OpenApiReader(doc);
});
afterAll(async () => {
  await platform.dispose();
});

it('is a structurally valid OpenAPI 3 document whose $refs all resolve', () => {
  expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
  expect(doc.info.title).toBe('Bourse API');
  const refs = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref' && typeof child === 'string') refs.add(child);
        else walk(child);
      }
    }
  };
  walk(doc);
  expect(refs.size).toBeGreaterThan(10);
  const unresolved = [...refs].filter((ref) => !ref.startsWith('#/components/schemas/') || !(ref.slice('#/components/schemas/'.length) in doc.components.schemas));
  expect(unresolved).toEqual([]);
  for (const [operation, { responses }] of operationsOf(doc).map((name) => [name, operationAt(name)] as const)) {
    expect(Object.keys(responses).length, operation).toBeGreaterThan(0);
    for (const [status, response] of Object.entries(responses)) {
      expect(status, operation).toMatch(/^([1-5]\d\d|default)$/);
      expect(typeof response.description, `${operation} ${status}`).toBe('string');
    }
  }
  // Every response schema compiles, with the components it refers to.
  for (const operation of operationsOf(doc)) for (const status of Object.keys(operationAt(operation).responses)) validatorFor(operation, status);
});

const operationAt = (operation: string) => reader.operation(operation);
const validatorFor = (operation: string, status: string) => reader.validator(operation, status);

it('answers every route with a body that matches the response schema in /docs/json', { timeout: 60_000 }, async () => {
  const called = new Set<string>();
  const problems: string[] = [];
  /** Calls `template` ("/api/v1/orders/{id}") with its path parameters filled in; a success body must match the document. */
  const call = async <T = unknown>(api: Api, method: string, template: string, options: { params?: Record<string, string | number>; json?: unknown; query?: Record<string, string | number> } = {}): Promise<T> => {
    const path = template.replace(/\{(\w+)\}/g, (_all, name: string) => encodeURIComponent(String(options.params?.[name])));
    const reply: Reply<T> = await api.call<T>(method, path, { json: options.json, query: options.query });
    const operation = `${method} ${template}`;
    expect(reply.status, `${operation}: ${reply.text.slice(0, 300)}`).toBeLessThan(300);
    called.add(operation);
    const status = String(reply.status);
    const documented = operationAt(operation).responses[status];
    if (!documented) problems.push(`${operation} answered ${status}, which the document does not list`);
    else if (reply.text === '') {
      if (documented.content) problems.push(`${operation} ${status} documents a body but sent none`);
    } else {
      const validate = validatorFor(operation, status);
      if (!validate) problems.push(`${operation} ${status} sent a body but documents no response schema: declare one in the route's config.responses`);
      else if (!validate(reply.body)) problems.push(`${operation} ${status}: ${(validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`).join('; ')}`);
    }
    return reply.body;
  };

  const admin = await adminApi(platform.url);
  const anonymous = platform.api();

  // Users and sessions.
  const name = uniqueName('docs');
  const { user } = await call<{ user: UserView }>(anonymous, 'POST', '/api/v1/auth/register', { json: { username: name, password: PASSWORD } });
  const first = await call<SessionView>(anonymous, 'POST', '/api/v1/auth/login', { json: { username: name, password: PASSWORD } });
  const session = await call<SessionView>(anonymous, 'POST', '/api/v1/auth/refresh', { json: { refreshToken: first.refreshToken } });
  const api = anonymous.withToken(session.accessToken);
  await call(api, 'GET', '/api/v1/me');

  // Money, and a trade against another trader so fills, positions, candles and tickers are not empty.
  const seller = await newTrader(platform.url, { S11: '10' }, 'docs-seller');
  await call(api, 'POST', '/api/v1/account/deposits', { json: { asset: 'USD', amount: '100000', memo: 'docs' } });
  await call(api, 'POST', '/api/v1/account/withdrawals', { json: { asset: 'USD', amount: '1' } });
  await call(seller.api, 'POST', '/api/v1/orders', { json: { symbol: 'S11', side: 'sell', type: 'limit', qty: '2', price: '100' } });
  const bought = await call<{ order: OrderView }>(api, 'POST', '/api/v1/orders', { json: { symbol: 'S11', side: 'buy', type: 'limit', qty: '2', price: '100', clientOrderId: 'docs-fill' } });
  expect(bought.order.status).toBe('filled');
  await call(api, 'GET', '/api/v1/account/balances');
  await call(api, 'GET', '/api/v1/account/holdings');
  await call(api, 'GET', '/api/v1/account/positions');
  const ledger = await call<{ nextCursor: string | null }>(api, 'GET', '/api/v1/account/ledger', { query: { limit: 1 } });
  await call(api, 'GET', '/api/v1/account/ledger', { query: { limit: 1, cursor: ledger.nextCursor ?? '' } });
  await call(api, 'GET', '/balance/{clientId}', { params: { clientId: user.accountId } });
  await call(api, 'GET', '/holdings/{securityId}/{clientId}', { params: { securityId: 'S11', clientId: user.accountId } });

  // Orders: single (new and replayed), OCO, bracket, reads, replace, cancels, fills.
  const order = { symbol: 'S11', side: 'buy', type: 'limit', qty: '1', price: '90', clientOrderId: 'docs-1' };
  const placed = await call<{ order: OrderView }>(api, 'POST', '/api/v1/orders', { json: order });
  await call(api, 'POST', '/api/v1/orders', { json: order });
  const oco = { legs: [{ symbol: 'S11', side: 'sell', type: 'limit', qty: '1', price: '110', clientOrderId: 'docs-oco' }, { symbol: 'S11', side: 'sell', type: 'stop', qty: '1', stopPrice: '80' }] };
  await call(api, 'POST', '/api/v1/orders/oco', { json: oco });
  await call(api, 'POST', '/api/v1/orders/oco', { json: oco });
  const bracket = { entry: { symbol: 'S11', side: 'buy', type: 'limit', qty: '1', price: '95', clientOrderId: 'docs-2' }, takeProfitPrice: '106', stopLossPrice: '92' };
  await call(api, 'POST', '/api/v1/orders/bracket', { json: bracket });
  await call(api, 'POST', '/api/v1/orders/bracket', { json: bracket });
  // The same client order ids with other terms: 409 DUPLICATE_CLIENT_ORDER_ID, in the shape each placement documents for 409.
  const otherTerms: Array<[string, unknown]> = [
    ['/api/v1/orders', { ...order, qty: '2' }],
    ['/api/v1/orders/oco', { legs: [oco.legs[0], { ...oco.legs[1], stopPrice: '81' }] }],
    ['/api/v1/orders/bracket', { ...bracket, takeProfitPrice: '107' }],
  ];
  for (const [path, json] of otherTerms) {
    const reply = await api.call('POST', path, { json });
    const code = (reply.body as { code?: unknown }).code;
    if (reply.status !== 409 || code !== 'DUPLICATE_CLIENT_ORDER_ID') problems.push(`POST ${path} answered ${reply.status} ${String(code)} to other terms under a used client order id`);
    const mismatch = reader.mismatch(`POST ${path}`, '409', reply.body);
    if (mismatch) problems.push(mismatch);
  }
  await call(api, 'GET', '/api/v1/orders', { query: { status: 'all' } });
  await call(api, 'GET', '/api/v1/orders/{id}', { params: { id: placed.order.id } });
  await call(api, 'GET', '/api/v1/orders/by-client-id/{clientOrderId}', { params: { clientOrderId: 'docs-1' } });
  await call(api, 'PATCH', '/api/v1/orders/{id}', { params: { id: placed.order.id }, json: { qty: '1', price: '91' } });
  await call(api, 'DELETE', '/api/v1/orders/{id}', { params: { id: placed.order.id } });
  await call(api, 'DELETE', '/api/v1/orders');
  await call(api, 'GET', '/api/v1/fills', { query: { symbol: 'S11' } });

  // Market data, public.
  await call(anonymous, 'GET', '/api/v1/instruments');
  await call(anonymous, 'GET', '/api/v1/assets');
  await call(anonymous, 'GET', '/api/v1/markets/{symbol}/book', { params: { symbol: 'S11' } });
  await call(anonymous, 'GET', '/api/v1/markets/{symbol}/trades', { params: { symbol: 'S11' } });
  await call(anonymous, 'GET', '/api/v1/markets/{symbol}/ticker', { params: { symbol: 'S11' } });
  await call(anonymous, 'GET', '/api/v1/markets/{symbol}/ticker', { params: { symbol: 'S12' } });
  await call(anonymous, 'GET', '/api/v1/tickers');
  await call(anonymous, 'GET', '/api/v1/markets/{symbol}/candles', { params: { symbol: 'S11' }, query: { interval: '1m' } });
  await call(anonymous, 'GET', '/api/v1/leaderboard', { query: { limit: 2 } });
  await call(anonymous, 'GET', '/healthz');

  // API keys.
  const { key } = await call<{ key: KeyView }>(api, 'POST', '/api/v1/api-keys', { json: { label: 'docs', scopes: ['read'] } });
  await call(api, 'GET', '/api/v1/api-keys');
  await call(api, 'DELETE', '/api/v1/api-keys/{keyId}', { params: { keyId: key.id } });

  // Risk: own account, then an admin's view of it.
  await call(api, 'PUT', '/api/v1/risk/limits', { json: { maxDailyLoss: '5000', maxOrdersPerSecond: 50 } });
  await call(api, 'GET', '/api/v1/risk/limits');
  await call(api, 'GET', '/api/v1/risk/status');
  await call(api, 'POST', '/api/v1/risk/kill-switch', { json: { note: 'docs' } });
  await call(api, 'GET', '/api/v1/risk/status');
  await call(api, 'POST', '/api/v1/risk/reset', { json: {} });
  await call(api, 'GET', '/api/v1/risk/events');
  await call(api, 'GET', '/api/v1/risk/history');
  await call(api, 'GET', '/api/v1/risk/history/samples');
  const accountPath = { params: { id: user.accountId } };
  await call(admin, 'PUT', '/api/v1/admin/risk/limits/strategy/{name}', { params: { name: 'docs-strategy' }, json: { maxOrdersPerSecond: 100 } });
  await call(admin, 'GET', '/api/v1/admin/risk/limits/strategy/{name}', { params: { name: 'docs-strategy' } });
  await call(admin, 'PUT', '/api/v1/admin/risk/accounts/{id}/strategy', { ...accountPath, json: { strategy: 'docs-strategy' } });
  await call(admin, 'PUT', '/api/v1/admin/risk/limits/account/{id}', { ...accountPath, json: { maxDailyLoss: '8000' } });
  await call(admin, 'GET', '/api/v1/admin/risk/limits/account/{id}', accountPath);

  // Algo orders.
  const twap = { type: 'twap', symbol: 'S11', side: 'buy', qty: '4', durationMs: 60_000, slices: 4, limitPrice: '90' };
  const algo = await call<{ algoOrder: { id: number } }>(api, 'POST', '/api/v1/algo-orders', { json: twap });
  await call(api, 'GET', '/api/v1/algo-orders');
  await call(api, 'GET', '/api/v1/algo-orders/{id}', { params: { id: algo.algoOrder.id } });
  await call(api, 'DELETE', '/api/v1/algo-orders/{id}', { params: { id: algo.algoOrder.id } });

  // Bots: created stopped, started, stopped, deleted.
  await call(api, 'GET', '/api/v1/bots/strategies');
  const walker = { name: 'docs-bot', strategy: 'random-walk', symbols: ['S11'], params: { intervalMs: 60_000, referencePrice: 100, maxQty: 1 }, cash: '100' };
  const bot = await call<{ id: number }>(api, 'POST', '/api/v1/bots', { json: walker });
  await call(api, 'GET', '/api/v1/bots');
  await call(api, 'GET', '/api/v1/bots/{id}', { params: { id: bot.id } });
  await call(api, 'PATCH', '/api/v1/bots/{id}', { params: { id: bot.id }, json: { params: { intervalMs: 60_000, referencePrice: 100, maxQty: 2 } } });
  await call(api, 'POST', '/api/v1/bots/{id}/start', { params: { id: bot.id } });
  await call(api, 'POST', '/api/v1/bots/{id}/stop', { params: { id: bot.id } });
  await call(api, 'DELETE', '/api/v1/bots/{id}', { params: { id: bot.id } });

  // Backtests and optimizations: one of each runs to the end and is read with its result; a second is cancelled while queued or running.
  await call(api, 'GET', '/api/v1/backtests/strategies');
  await call(api, 'GET', '/api/v1/backtests/data');
  const data = { source: 'synthetic', kind: 'bars', interval: '1m', count: 300, seed: 7 };
  const runs = [
    { path: '/api/v1/backtests', body: { strategy: 'momentum', symbol: 'S11', params: { fast: 3, slow: 8 }, data } },
    { path: '/api/v1/optimizations', body: { strategy: 'momentum', symbol: 'S11', data, space: { fast: [3, 4], slow: [8] }, objective: 'return' } },
  ];
  for (const run of runs) {
    const { id } = await call<{ id: number }>(api, 'POST', run.path, { json: run.body });
    await expect.poll(async () => (await api.get<{ status: string }>(`${run.path}/${id}`)).status, { timeout: 30_000, interval: 100 }).toBe('done');
    await call(api, 'GET', `${run.path}/{id}`, { params: { id } });
    await call(api, 'GET', run.path);
    await call(api, 'DELETE', `${run.path}/{id}`, { params: { id } });
    const second = await call<{ id: number }>(api, 'POST', run.path, { json: run.body });
    await call(api, 'DELETE', `${run.path}/{id}`, { params: { id: second.id } });
  }

  // Admin: users, and one symbol halted, resumed and its session ended.
  await call(admin, 'GET', '/api/v1/admin/users', { query: { limit: 2 } });
  const staff = await call<{ user: UserView }>(admin, 'POST', '/api/v1/admin/users', { json: { username: uniqueName('docs-staff'), password: PASSWORD } });
  await call(admin, 'PUT', '/api/v1/admin/users/{id}/role', { params: { id: staff.user.id }, json: { role: 'admin' } });
  await call(admin, 'PUT', '/api/v1/admin/users/{id}/password', { params: { id: staff.user.id }, json: { password: `${PASSWORD} reset` } });
  await call(admin, 'PUT', '/api/v1/admin/users/{id}/status', { params: { id: staff.user.id }, json: { status: 'disabled' } });
  await call(admin, 'PUT', '/api/v1/admin/users/{id}/status', { params: { id: staff.user.id }, json: { status: 'active' } });
  await call(admin, 'PUT', '/api/v1/admin/instruments/{symbol}/status', { params: { symbol: 'S12' }, json: { status: 'halted', reason: 'docs' } });
  await call(admin, 'PUT', '/api/v1/admin/instruments/{symbol}/status', { params: { symbol: 'S12' }, json: { status: 'trading' } });
  await call(admin, 'POST', '/api/v1/admin/instruments/{symbol}/session/end', { params: { symbol: 'S12' } });

  // Last, as they end the login.
  await call(api, 'POST', '/api/v1/auth/password', { json: { currentPassword: PASSWORD, newPassword: `${PASSWORD} again` } });
  await call(api, 'POST', '/api/v1/auth/logout', { json: { refreshToken: session.refreshToken } });

  expect(problems).toEqual([]);
  // A route added to the server without a call here fails this line: call it above, with a response schema in its config.responses.
  expect(operationsOf(doc).filter((operation) => !called.has(operation)).sort()).toEqual([]);
});

it('gives every success status that carries a body a response schema', () => {
  const missing = operationsOf(doc).flatMap((operation) =>
    Object.entries(operationAt(operation).responses)
      .filter(([status, response]) => /^20[0-3]$/.test(status) && !response.content?.['application/json']?.schema)
      .map(([status]) => `${operation} ${status}`),
  );
  expect(missing).toEqual([]);
});
