// Bad input on the risk routes never gives a 5xx: edge ids, names, cursors, ranges and values, for a trader and an admin, on SQLite and PostgreSQL.
import { it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { isErrorBody } from '../support/expect-error.ts';
import type { Api } from '../support/http-client.ts';
import { adminApi, newTrader } from '../support/traders.ts';

const EDGES = ['0', '-1', '1e3', '2147483647', '2147483648', '9007199254740991', '9007199254740993', 'a\u0000b', 'zzzzzzzzzz', 'zzzzzzzzzzz', '..', ' ', 'x'.repeat(80)];
const VALUES: unknown[] = ['-1', '0', '1e-7', '0.001', '99999999999999999999.999999999999999999', '', 'NaN', 1e308, -1, 0.5, 2 ** 53, true, null, {}, [], 'a\u0000b'];
const FIELDS = ['maxGrossExposure', 'maxNetExposure', 'maxDailyLoss', 'maxDrawdownPct', 'maxOrdersPerSecond'];

const READS = ['/api/v1/risk/limits', '/api/v1/risk/status', '/api/v1/risk/events', '/api/v1/risk/history', '/api/v1/risk/history/samples'];
const QUERY_KEYS = ['accountId', 'limit', 'cursor', 'from', 'to'];

describeEachBackend('risk routes under bad input', ({ platform }) => {
  it('answers every edge with 2xx or 4xx in the error shape', async ({ expect }) => {
    const trader = await newTrader(platform().url, { USD: '1000' });
    const admin = await adminApi(platform().url);
    const failures: string[] = [];
    const check = async (client: Api, method: 'GET' | 'PUT' | 'POST', path: string, json?: unknown) => {
      const reply = await client.call(method, path, json === undefined ? {} : { json });
      if (reply.status >= 500 || (reply.status >= 400 && !isErrorBody(reply.body))) failures.push(`${method} ${path} ${JSON.stringify(json) ?? ''} -> ${reply.status} ${reply.text.slice(0, 160)}`);
    };
    for (const client of [trader.api, admin]) {
      for (const path of READS) {
        for (const key of QUERY_KEYS) for (const edge of EDGES) await check(client, 'GET', `${path}?${key}=${encodeURIComponent(edge)}`);
      }
      for (const edge of EDGES) {
        const id = encodeURIComponent(edge);
        await check(client, 'GET', `/api/v1/admin/risk/limits/account/${id}`);
        await check(client, 'PUT', `/api/v1/admin/risk/limits/account/${id}`, { maxDailyLoss: '10' });
        await check(client, 'GET', `/api/v1/admin/risk/limits/strategy/${id}`);
        await check(client, 'PUT', `/api/v1/admin/risk/limits/strategy/${id}`, { maxDailyLoss: '10' });
        await check(client, 'PUT', `/api/v1/admin/risk/accounts/${id}/strategy`, { strategy: edge });
        await check(client, 'POST', '/api/v1/risk/reset', { accountId: edge });
      }
    }
    // Limit values only on the trader's own layer and a throwaway strategy: nothing else here trades.
    for (const field of FIELDS) {
      for (const value of VALUES) {
        await check(trader.api, 'PUT', '/api/v1/risk/limits', { [field]: value });
        await check(admin, 'PUT', '/api/v1/admin/risk/limits/strategy/fuzz', { [field]: value });
      }
    }
    await check(trader.api, 'POST', '/api/v1/risk/reset', { rebaseHighWaterMark: 'yes' });
    expect(failures).toEqual([]);
    expect((await platform().api().call('GET', '/healthz')).status).toBe(200);
  });
});
