// Whole numbers in query strings and paths are plain decimal digits over REST, on SQLite and PostgreSQL: an exponent, a hex prefix, a sign, a fraction, spaces or nothing at all are 400, never read as some number.
import { beforeAll, it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import { adminApi, newTrader, type Trader } from '../support/traders.ts';
import type { Api } from '../support/http-client.ts';

const NOT_DIGITS = ['1e1', '1E1', '0x10', ' 5', '5 ', '5.0', '+5', '-5', '', '5_0', 'Infinity'];
const MESSAGE = 'must be a whole number written in digits, such as 10';

describeEachBackend('whole numbers in the query string and the path', ({ platform }) => {
  let trader: Trader;
  let admin: Api;

  beforeAll(async () => {
    trader = await newTrader(platform().url, { USD: '1000' });
    admin = await adminApi(platform().url);
  });

  /** Each route with the parameter it reads as a whole number, and a valid query besides it. */
  const queries = (): Array<[Api, string, string, Record<string, string>]> => [
    [trader.api, '/api/v1/orders', 'limit', {}],
    [trader.api, '/api/v1/orders', 'from', {}],
    [trader.api, '/api/v1/orders', 'to', {}],
    [trader.api, '/api/v1/fills', 'orderId', {}],
    [trader.api, '/api/v1/account/ledger', 'limit', {}],
    [trader.api, '/api/v1/markets/S01/book', 'depth', {}],
    [trader.api, '/api/v1/markets/S01/trades', 'limit', {}],
    [trader.api, '/api/v1/markets/S01/candles', 'from', { interval: '1m' }],
    [trader.api, '/api/v1/risk/status', 'accountId', {}],
    [trader.api, '/api/v1/risk/history', 'to', {}],
    [trader.api, '/api/v1/risk/history/samples', 'from', {}],
    [trader.api, '/api/v1/leaderboard', 'limit', {}],
    [admin, '/api/v1/admin/users', 'limit', {}],
  ];

  it('refuses a query parameter that is not plain digits with 400 INVALID_REQUEST naming it', async ({ expect }) => {
    for (const [api, path, name, query] of queries()) {
      for (const value of NOT_DIGITS) {
        const error = expectErrorWith(expect, await api.call('GET', path, { query: { ...query, [name]: value } }), 400, 'INVALID_REQUEST');
        expect(error.details, `${path}?${name}=${value}`).toEqual([{ path: name, message: `${name} ${MESSAGE}` }]);
        expect(error.message).toBe(`The query string is invalid: ${name} ${MESSAGE}`);
      }
    }
  });

  it('takes plain digits, leading zeros included, and still checks their bounds', async ({ expect }) => {
    for (const [api, path, name, query] of queries()) {
      const value = name === 'accountId' ? String(trader.user.accountId) : '05';
      const reply = await api.call('GET', path, { query: { ...query, [name]: value } });
      expect(reply.status, `${path}?${name}=${value}: ${reply.text}`).toBe(200);
    }
    const tooMany = expectErrorWith(expect, await trader.api.call('GET', '/api/v1/orders', { query: { limit: '501' } }), 400, 'INVALID_REQUEST');
    expect(tooMany.details).toEqual([{ path: 'limit', message: 'limit must be at most 500' }]);
    const none = expectErrorWith(expect, await trader.api.call('GET', '/api/v1/markets/S01/book', { query: { depth: '0' } }), 400, 'INVALID_REQUEST');
    expect(none.details).toEqual([{ path: 'depth', message: 'depth must be at least 1' }]);
  });

  it('refuses a path id that is not plain digits, where 1e0 read as order 1', async ({ expect }) => {
    const order = await trader.api.placeOrder({ symbol: 'S01', side: 'buy', type: 'limit', qty: '1', price: '95' });
    const spelled = [order.id.toExponential(), `0x${order.id.toString(16)}`, `${order.id}.0`, `+${order.id}`];
    for (const id of spelled) {
      const error = expectErrorWith(expect, await trader.api.call('GET', `/api/v1/orders/${encodeURIComponent(id)}`), 400, 'INVALID_REQUEST');
      expect(error.details, id).toEqual([{ path: 'id', message: `id ${MESSAGE}` }]);
    }
    expect((await trader.api.get<{ order: { id: number } }>(`/api/v1/orders/${order.id}`)).order.id).toBe(order.id);
    for (const path of [`/balance/1e0`, `/api/v1/admin/users/1e0/role`]) {
      const method = path.startsWith('/balance') ? 'GET' : 'PUT';
      const api = path.startsWith('/balance') ? trader.api : admin;
      const error = expectErrorWith(expect, await api.call(method, path, method === 'PUT' ? { json: { role: 'trader' } } : {}), 400, 'INVALID_REQUEST');
      expect(error.message, path).toContain(MESSAGE);
    }
  });

  it('documents them as integers with their bounds', async ({ expect }) => {
    type Parameter = { name: string; in: string; schema: Record<string, unknown> };
    const doc = (await trader.api.get<{ paths: Record<string, Record<string, { parameters?: Parameter[] }>> }>('/docs/json')).paths;
    const limit = doc['/api/v1/orders']!.get!.parameters!.find((p) => p.name === 'limit')!;
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500 });
    const id = doc['/api/v1/orders/{id}']!.get!.parameters!.find((p) => p.name === 'id')!;
    expect(id.schema).toMatchObject({ type: 'integer', minimum: 1 });
  });
});
