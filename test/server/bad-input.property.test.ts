// Bad input never gives a 5xx: random bodies, query strings, path params, content types and sizes on every route, SQLite and PostgreSQL.
import fc from 'fast-check';
import { beforeAll, it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { isErrorBody } from '../support/expect-error.ts';
import type { Api, Reply } from '../support/http-client.ts';
import { adminApi, newTrader, PASSWORD, type Trader } from '../support/traders.ts';
import { ROUTES, type RouteSpec } from '../support/routes.ts';

const RUNS = Number(process.env.SERVER_PROPERTY_RUNS ?? 300);
const SEED = Number(process.env.PROPERTY_SEED ?? 20_251_122);

/** Values that have broken servers before: huge, tiny, negative, exotic numbers and strings. */
/** Any code points, NUL and lone surrogates included: text the stores must never choke on. */
const anyText = (maxLength: number) => fc.string({ unit: 'binary', maxLength });

const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  anyText(20),
  fc.constantFrom('1e400', '-1', '0', '0.0', '1e-7', '0.0000000000000000001', '99999999999999999999.999999999999999999', '', ' ', '\u0000', 'NaN', 'Infinity', 'S01', 'USD', 'gtd', '__proto__', 'x'.repeat(300)),
  fc.constantFrom(1e308, -1, 0, 0.1, 2 ** 31, 2 ** 53, 2 ** 63, 2 ** 53 - 1, Number.MIN_VALUE, true, null),
);

const pathParam = fc.oneof(
  fc.string({ maxLength: 30 }),
  anyText(10),
  fc.constantFrom('1', '0', '-1', '1e3', '2147483648', '9007199254740993', '99999999999999999999', 'S01', 'bk_x', '%', '..', '%2e%2e', ' '),
  fc.nat().map(String),
);

const queryValue = fc.oneof(fc.string({ maxLength: 20 }), anyText(10), fc.constantFrom('1', '0', '-5', '501', '1e30', 'zzzzzzzzzz', 'zzzzzzzzzzz', '2147483648', 'S01', 'open', 'buy', '1m', 'true'), fc.integer().map(String));
const queryKey = fc.oneof(fc.constantFrom('limit', 'cursor', 'symbol', 'side', 'status', 'from', 'to', 'asset', 'orderId', 'depth', 'interval', 'accountId'), fc.string({ maxLength: 8 }));
const query = fc.oneof(
  fc.constant(''),
  fc.dictionary(queryKey, queryValue, { maxKeys: 4 }).map((entries) => `?${new URLSearchParams(entries).toString()}`),
  fc.constantFrom('?%zz', '?limit=1&limit=2', '?a[b]=c', '?=', '?&&', `?cursor=${'9'.repeat(50)}`),
);

const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/json; charset=utf-16', undefined);

/** A body: a valid template with one field broken, random JSON, text that is not JSON, or too much. */
function bodyFor(route: RouteSpec): fc.Arbitrary<string | undefined> {
  const template = route.body ?? {};
  const keys = Object.keys(template);
  const mutated = fc.record({ key: keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })) : fc.string({ maxLength: 8 }), value: nasty, drop: fc.boolean() }).map(({ key, value, drop }) => {
    const copy: Record<string, unknown> = { ...template };
    if (drop) delete copy[key];
    else copy[key] = value;
    return JSON.stringify(copy);
  });
  return fc.oneof(
    { weight: 4, arbitrary: mutated },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constant(JSON.stringify({ ...template, pad: 'x'.repeat(70_000) })) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const request = fc
  .constantFrom(...ROUTES)
  .chain((route) =>
    fc.record({
      route: fc.constant(route),
      params: fc.array(pathParam, { minLength: 3, maxLength: 3 }),
      query,
      body: route.method === 'GET' ? fc.constant(undefined) : bodyFor(route),
      contentType,
      // Admin routes get the admin more often, so the fuzzer gets past their guard.
      auth: route.path.includes('/admin/') ? fc.constantFrom('admin', 'admin', 'admin', 'token', 'none') : fc.constantFrom('token', 'key', 'admin', 'none', 'garbage'),
    }),
  );

describeEachBackend('bad input', ({ platform }) => {
  let trader: Trader;
  let token: Api;
  let key: Api;
  let admin: Api;

  /** Logs in again: a fuzzed logout may have ended either login, and a fuzzed password reset may have set the trader's password. */
  const relogin = async () => {
    admin = await adminApi(platform().url);
    await admin.ok('PUT', `/api/v1/admin/users/${trader.user.id}/password`, { json: { password: PASSWORD } }, [204]);
    token = trader.api.withToken((await platform().api().login(trader.name, PASSWORD)).accessToken);
  };

  beforeAll(async () => {
    trader = await newTrader(platform().url, { USD: '1000000', S01: '1000' });
    const created = await trader.api.createKey('fuzz', ['read', 'trade']);
    key = platform().api().withKey(created.id, created.secret);
    await relogin();
  });

  it('answers random requests on every route with 2xx or 4xx and the error shape, never 5xx', async ({ expect }) => {
    await fc.assert(
      fc.asyncProperty(request, async ({ route, params, query: search, body, contentType: type, auth }) => {
        let i = 0;
        const path = route.path.replace(/:\w+/g, () => encodeURIComponent(params[i++] ?? ''));
        const client = auth === 'token' ? token : auth === 'key' ? key : auth === 'admin' ? admin : platform().api();
        const headers: Record<string, string> = auth === 'garbage' ? { authorization: 'Bearer garbage' } : {};
        if (type !== undefined && body !== undefined) headers['content-type'] = type;
        const reply: Reply<unknown> = await client.call(route.method, path + search, { raw: body, headers });
        expect(reply.status, `${route.method} ${path}${search} -> ${reply.text.slice(0, 300)}`).toBeLessThan(500);
        if (reply.status >= 400) expect(isErrorBody(reply.body), `${route.method} ${path}: ${reply.text.slice(0, 300)}`).toBe(true);
        if (route.path === '/api/v1/auth/logout' || route.path === '/api/v1/admin/users/:id/password') await relogin();
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    const health = await platform().api().call<{ status: string }>('GET', '/healthz');
    expect(health.status).toBe(200);
    // A new trader: the fuzzed one may have turned its kill switch on or set its limits, as it may.
    const fresh = await newTrader(platform().url, { USD: '1000' });
    expect((await fresh.api.placeOrder({ symbol: 'S02', side: 'buy', type: 'limit', qty: '1', price: '99' })).status).toBe('open');
  });

  it('refuses oversized bodies with 413 and unsupported content types with 415 on every write route', async ({ expect }) => {
    const big = JSON.stringify({ pad: 'x'.repeat(70_000) });
    // As the admin, who may use every route: a caller who may not is refused before its body is read.
    for (const route of ROUTES.filter((r) => r.method !== 'GET')) {
      const path = route.path.replace(/:\w+/g, '1');
      const tooBig = await admin.call(route.method, path, { raw: big, headers: { 'content-type': 'application/json' } });
      expect({ route: path, status: tooBig.status, code: (tooBig.body as { code?: string }).code }).toEqual({ route: path, status: 413, code: 'PAYLOAD_TOO_LARGE' });
      const form = await admin.call(route.method, path, { raw: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect({ route: path, status: form.status, code: (form.body as { code?: string }).code }).toEqual({ route: path, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      const broken = await admin.call(route.method, path, { raw: '{"symbol": ', headers: { 'content-type': 'application/json' } });
      expect({ route: path, status: broken.status, code: (broken.body as { code?: string }).code }).toEqual({ route: path, status: 400, code: 'INVALID_REQUEST' });
    }
  });

  it('edge ids, cursors and NUL-bearing text on every route are 4xx, and the read models keep up', async ({ expect }) => {
    const edges = ['0', '-1', '2147483647', '2147483648', '9007199254740991', '9007199254740992', 'a\u0000b', 'zzzzzzzzzz'];
    const failures: string[] = [];
    const check = async (client: Api, method: RouteSpec['method'], path: string, json?: unknown) => {
      const reply = await client.call(method, path, json === undefined ? {} : { json });
      if (path === '/api/v1/auth/logout') await relogin();
      if (reply.status >= 500 || (reply.status >= 400 && !isErrorBody(reply.body))) failures.push(`${method} ${path} ${JSON.stringify(json) ?? ''} -> ${reply.status} ${reply.text.slice(0, 120)}`);
    };
    // The admin reaches every route, and past every ownership check, so it goes deepest.
    for (const route of ROUTES) {
      for (const edge of edges) {
        const path = route.path.replace(/:\w+/g, encodeURIComponent(edge));
        await check(admin, route.method, path, route.body);
        for (const key of route.query ?? []) {
          // Candles need an interval; every other key alone is a valid query.
          const interval = key !== 'interval' && route.path.endsWith('/candles') ? '&interval=1m' : '';
          await check(admin, route.method, `${path}?${key}=${encodeURIComponent(edge)}${interval}`);
        }
        for (const field of Object.keys(route.body ?? {})) {
          if (typeof route.body?.[field] === 'string') await check(admin, route.method, path, { ...route.body, [field]: `x\u0000${edge}` });
        }
      }
    }
    expect(failures).toEqual([]);
    // Whatever was accepted above, later events still reach the read models.
    await token.deposit('USD', '0.01');
    const [latest] = (await token.ledger({ limit: 1 })).items;
    expect(latest).toMatchObject({ reason: 'deposit', deltaAvailable: '0.01' });
  });
});
