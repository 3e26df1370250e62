// The OpenAPI document names the success statuses the routes really answer: each write route is called over HTTP and its status looked up in /docs/json.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Reply } from '../support/http-client.ts';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { PASSWORD, uniqueName } from '../support/traders.ts';
import type { KeyView, OrderView, SessionView } from '../support/views.ts';

type Operation = { responses: Record<string, unknown> };

let platform: TestPlatform;
beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
});
afterAll(async () => {
  await platform.dispose();
});

it('documents, for every write route called, exactly the success statuses it answers', async () => {
  /** Success statuses seen per operation, keyed as in the document: "post /api/v1/orders/{id}". */
  const seen = new Map<string, Set<number>>();
  const record = <T>(operation: string, reply: Reply<T>): T => {
    expect(reply.status, `${operation}: ${reply.text.slice(0, 300)}`).toBeLessThan(300);
    seen.set(operation, (seen.get(operation) ?? new Set()).add(reply.status));
    return reply.body;
  };

  const anonymous = platform.api();
  const name = uniqueName('doc');
  record('post /api/v1/auth/register', await anonymous.call('POST', '/api/v1/auth/register', { json: { username: name, password: PASSWORD } }));
  const first = record<SessionView>('post /api/v1/auth/login', await anonymous.call('POST', '/api/v1/auth/login', { json: { username: name, password: PASSWORD } }));
  const session = record<SessionView>('post /api/v1/auth/refresh', await anonymous.call('POST', '/api/v1/auth/refresh', { json: { refreshToken: first.refreshToken } }));
  const api = anonymous.withToken(session.accessToken);

  record('post /api/v1/account/deposits', await api.call('POST', '/api/v1/account/deposits', { json: { asset: 'USD', amount: '100000' } }));
  record('post /api/v1/account/deposits', await api.call('POST', '/api/v1/account/deposits', { json: { asset: 'S11', amount: '10' } }));
  record('post /api/v1/account/withdrawals', await api.call('POST', '/api/v1/account/withdrawals', { json: { asset: 'USD', amount: '1' } }));

  const order = { symbol: 'S11', side: 'buy', type: 'limit', qty: '1', price: '90', clientOrderId: 'doc-1' } as const;
  const placed = record<{ order: OrderView }>('post /api/v1/orders', await api.call('POST', '/api/v1/orders', { json: order }));
  record('post /api/v1/orders', await api.call('POST', '/api/v1/orders', { json: order }));
  const oco = { legs: [{ symbol: 'S11', side: 'sell', type: 'limit', qty: '1', price: '110', clientOrderId: 'doc-oco' }, { symbol: 'S11', side: 'sell', type: 'stop', qty: '1', stopPrice: '80' }] };
  record('post /api/v1/orders/oco', await api.call('POST', '/api/v1/orders/oco', { json: oco }));
  record('post /api/v1/orders/oco', await api.call('POST', '/api/v1/orders/oco', { json: oco }));
  const bracket = { entry: { symbol: 'S11', side: 'buy', type: 'limit', qty: '1', price: '98', clientOrderId: 'doc-2' }, takeProfitPrice: '106', stopLossPrice: '95' };
  record('post /api/v1/orders/bracket', await api.call('POST', '/api/v1/orders/bracket', { json: bracket }));
  record('post /api/v1/orders/bracket', await api.call('POST', '/api/v1/orders/bracket', { json: bracket }));
  record('patch /api/v1/orders/{id}', await api.call('PATCH', `/api/v1/orders/${placed.order.id}`, { json: { qty: '1', price: '91' } }));
  record('delete /api/v1/orders/{id}', await api.call('DELETE', `/api/v1/orders/${placed.order.id}`));
  record('delete /api/v1/orders', await api.call('DELETE', '/api/v1/orders'));

  const key = record<{ key: KeyView }>('post /api/v1/api-keys', await api.call('POST', '/api/v1/api-keys', { json: { label: 'doc', scopes: ['read'] } }));
  record('delete /api/v1/api-keys/{keyId}', await api.call('DELETE', `/api/v1/api-keys/${key.key.id}`));

  const twap = { type: 'twap', symbol: 'S11', side: 'buy', qty: '4', durationMs: 60_000, slices: 4, limitPrice: '90' };
  const algo = record<{ algoOrder: { id: number } }>('post /api/v1/algo-orders', await api.call('POST', '/api/v1/algo-orders', { json: twap }));
  record('delete /api/v1/algo-orders/{id}', await api.call('DELETE', `/api/v1/algo-orders/${algo.algoOrder.id}`));

  const walker = { name: 'doc-bot', strategy: 'random-walk', symbols: ['S11'], params: { intervalMs: 1_000, referencePrice: 100, maxQty: 1 }, cash: '100' };
  const bot = record<{ id: number }>('post /api/v1/bots', await api.call('POST', '/api/v1/bots', { json: walker }));
  record('delete /api/v1/bots/{id}', await api.call('DELETE', `/api/v1/bots/${bot.id}`));

  const backtest = { strategy: 'momentum', symbol: 'S11', params: { fast: 3, slow: 8 }, data: { source: 'synthetic', kind: 'bars', interval: '1m', count: 500, seed: 7 } };
  record('post /api/v1/backtests', await api.call('POST', '/api/v1/backtests', { json: backtest }));

  record('post /api/v1/risk/kill-switch', await api.call('POST', '/api/v1/risk/kill-switch', { json: { note: 'doc' } }));
  record('post /api/v1/risk/reset', await api.call('POST', '/api/v1/risk/reset', { json: {} }));

  record('post /api/v1/auth/password', await api.call('POST', '/api/v1/auth/password', { json: { currentPassword: PASSWORD, newPassword: `${PASSWORD} again` } }));
  record('post /api/v1/auth/logout', await api.call('POST', '/api/v1/auth/logout', { json: { refreshToken: session.refreshToken } }));

  const doc = await anonymous.get<{ paths: Record<string, Record<string, Operation>> }>('/docs/json');
  const documented = (operation: string): number[] => {
    const [method, path] = operation.split(' ') as [string, string];
    const responses = doc.paths[path]?.[method]?.responses ?? {};
    return Object.keys(responses).filter((status) => /^2\d\d$/.test(status)).map(Number).sort();
  };
  const mismatches = [...seen].map(([operation, statuses]) => ({ operation, answered: [...statuses].sort(), documented: documented(operation) })).filter((row) => row.answered.join() !== row.documented.join());
  expect(mismatches).toEqual([]);
  // The main creates are 201 (202 for a queued run), not the 200 a route documents by default.
  expect(['post /api/v1/auth/register', 'post /api/v1/account/deposits', 'post /api/v1/api-keys', 'post /api/v1/bots', 'post /api/v1/algo-orders', 'post /api/v1/backtests'].map(documented)).toEqual([[201], [201], [201], [201], [201], [202]]);
  expect(documented('post /api/v1/orders')).toEqual([200, 201]);
});
