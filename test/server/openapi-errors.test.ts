// The OpenAPI document says who may call each route and what it refuses: public routes need no credentials and private ones name the schemes they take, and every refusal provoked on every route has a status the operation documents and a body its error schema takes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import type { Api, Reply } from '../support/http-client.ts';
import { OpenApiReader, operationOfRoute, type OpenApiDocument } from '../support/openapi.ts';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { ROUTES, type RouteSpec } from '../support/routes.ts';
import { adminApi, newTrader, PASSWORD } from '../support/traders.ts';

/** Every route of the sweep list but the one that is not a route. */
const DOCUMENTED = ROUTES.filter((route) => route.path !== '/api/v1/no-such-route');
const pathOf = (route: RouteSpec, param: string): string => route.path.replace(/:\w+/g, encodeURIComponent(param));

/** Routes anyone may call without credentials. */
const PUBLIC = [
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
  'GET /api/v1/instruments',
  'GET /api/v1/assets',
  'GET /api/v1/markets/{symbol}/book',
  'GET /api/v1/markets/{symbol}/trades',
  'GET /api/v1/markets/{symbol}/ticker',
  'GET /api/v1/tickers',
  'GET /api/v1/markets/{symbol}/candles',
  'GET /api/v1/leaderboard',
  'GET /healthz',
];

/** Collects what each refusal breaks of the document: a status the operation does not list, or a body its schema refuses. */
class RefusalCheck {
  private readonly found = new Set<string>();
  readonly seen = new Map<string, Set<string>>();

  constructor(private readonly reader: OpenApiReader) {}

  /** Each problem once, however many calls ran into it. */
  get problems(): string[] {
    return [...this.found];
  }

  check(route: RouteSpec, reply: Reply<unknown>): void {
    if (reply.status < 400) return;
    const operation = operationOfRoute(route.method, route.path);
    const status = String(reply.status);
    const code = (reply.body as { code?: unknown } | undefined)?.code;
    this.seen.set(operation, (this.seen.get(operation) ?? new Set()).add(`${status} ${String(code)}`));
    if (!this.reader.operation(operation).responses[status]) {
      this.found.add(`${operation} answered ${status} ${String(code)}, which it does not document: ${reply.text.slice(0, 200)}`);
      return;
    }
    const mismatch = this.reader.mismatch(operation, status, reply.body);
    if (mismatch) this.found.add(`${mismatch} (${reply.text.slice(0, 200)})`);
    if (status === '429' && !reply.headers.get('retry-after')) this.found.add(`${operation} answered 429 without Retry-After`);
  }
}

describeEachBackend('the OpenAPI document', ({ platform }) => {
  let reader: OpenApiReader;
  beforeAll(async () => {
    reader = new OpenApiReader(await platform().api().get<OpenApiDocument>('/docs/json'));
  });

  it('gives public routes security [] and private ones the schemes they take, as the routes answer', async () => {
    const anonymous = platform().api();
    const admin = await adminApi(platform().url);
    const created = await admin.createKey('docs-security', ['read', 'trade', 'withdraw']);
    const key = anonymous.withKey(created.id, created.secret);
    const wrong: string[] = [];
    const publicOnes: string[] = [];
    for (const route of DOCUMENTED) {
      const operation = operationOfRoute(route.method, route.path);
      const security = reader.operation(operation).security;
      if (security === undefined) wrong.push(`${operation} has no security of its own`);
      // Without credentials, a private route answers 401 UNAUTHENTICATED before anything else.
      const bare = await anonymous.call(route.method, pathOf(route, '1'), { json: route.body });
      const isPrivate = bare.status === 401 && (bare.body as { code?: string }).code === 'UNAUTHENTICATED';
      if (!isPrivate) publicOnes.push(operation);
      // `{}` among the schemes: no credentials will do too (logout takes a refresh token instead).
      const takesNone = (security?.length ?? 0) === 0 || security!.some((scheme) => Object.keys(scheme).length === 0);
      if (isPrivate === takesNone) wrong.push(`${operation} answers ${bare.status} without credentials, but its security is ${JSON.stringify(security)}`);
      if (!isPrivate) continue;
      // A route that takes a login only refuses an API key, whatever its scopes, before anything else.
      const takesKeys = security?.some((scheme) => 'apiKeyId' in scheme && 'apiKeySecret' in scheme) ?? false;
      const keyed = await key.call(route.method, pathOf(route, '1'), { json: route.body });
      const keyRefused = keyed.status === 403 && /API keys cannot/.test((keyed.body as { message?: string }).message ?? '');
      if (takesKeys === keyRefused) wrong.push(`${operation} answers an API key ${keyed.status} ${keyed.text.slice(0, 120)}, but its security is ${JSON.stringify(security)}`);
      if (!security?.some((scheme) => 'bearer' in scheme)) wrong.push(`${operation} does not take a bearer token`);
    }
    expect(wrong).toEqual([]);
    expect(publicOnes.sort()).toEqual([...PUBLIC].sort());
    // Logout works with its refresh token alone, or with the login's access token.
    expect(reader.operation(operationOfRoute('POST', '/api/v1/auth/logout')).security).toEqual([{}, { bearer: [] }]);
  });

  it('documents every refusal provoked on every route, with a body that matches its error schema', { timeout: 120_000 }, async () => {
    const check = new RefusalCheck(reader);
    const anonymous = platform().api();
    const admin = await adminApi(platform().url);
    const trader = await newTrader(platform().url, { USD: '1000' }, { apiKey: ['read'] });
    const readOnly = anonymous.withKey(trader.key.id, trader.key.secret);
    const garbage = anonymous.withToken('garbage');
    const call = async (api: Api, route: RouteSpec, path: string, options: Parameters<Api['call']>[2] = {}) => check.check(route, await api.call(route.method, path, options));

    for (const route of DOCUMENTED) {
      // A logout with the admin's or the trader's token would end the login the sweep goes on with.
      const logout = route.path === '/api/v1/auth/logout';
      const path = pathOf(route, '1');
      const json = route.body;
      await call(anonymous, route, path, { json });
      await call(garbage, route, path, { json });
      await call(readOnly, route, path, { json });
      if (!logout) await call(trader.api, route, path, { json });
      const caller = logout ? anonymous : admin;
      for (const param of ['999999', 'NOPE', '0', '2147483648']) await call(caller, route, pathOf(route, param), { json });
      for (const name of route.query ?? []) {
        await call(caller, route, path, { query: { [name]: 'zzz' } });
        await call(caller, route, path, { query: { [name]: '-5' } });
      }
      if (route.query?.includes('cursor')) await call(caller, route, path, { query: { cursor: 'bogus' } });
      const interval = route.path.endsWith('/candles') ? { interval: '1m' } : {};
      if (route.query?.includes('from') && route.query.includes('to')) await call(caller, route, path, { query: { from: '10', to: '5', ...interval } });
      await call(caller, route, path, { query: { unknownFilter: '1' } });
      if (route.method === 'GET') continue;
      await call(caller, route, path, { json: {} });
      await call(caller, route, path, { json: { ...json, unknownField: 1 } });
      await call(caller, route, path, { json: [1] });
      for (const field of Object.keys(json ?? {})) await call(caller, route, path, { json: { ...json, [field]: 'not what it should be' } });
      await call(caller, route, path, { raw: '{"broken": ', headers: { 'content-type': 'application/json' } });
      await call(caller, route, path, { raw: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      await call(caller, route, path, { raw: JSON.stringify({ pad: 'x'.repeat(70_000) }), headers: { 'content-type': 'application/json' } });
    }

    // Refusals of the routes' own work: taken names, wrong passwords, means and bands, a disabled user on a public route.
    const routeOf = (method: RouteSpec['method'], path: string): RouteSpec => ROUTES.find((route) => route.method === method && route.path === path)!;
    const taken = { username: trader.name, password: PASSWORD };
    await call(anonymous, routeOf('POST', '/api/v1/auth/register'), '/api/v1/auth/register', { json: taken });
    await call(admin, routeOf('POST', '/api/v1/admin/users'), '/api/v1/admin/users', { json: taken });
    await call(anonymous, routeOf('POST', '/api/v1/auth/login'), '/api/v1/auth/login', { json: { ...taken, password: 'not the password' } });
    // A trader the sweep left alone: the sweep turned the other's kill switch on.
    const fresh = await newTrader(platform().url, { USD: '1000' }, 'docs-fresh');
    await call(fresh.api, routeOf('POST', '/api/v1/account/withdrawals'), '/api/v1/account/withdrawals', { json: { asset: 'USD', amount: '5000' } });
    await call(fresh.api, routeOf('POST', '/api/v1/account/deposits'), '/api/v1/account/deposits', { json: { asset: 'NOPE', amount: '1' } });
    const order = { symbol: 'S05', side: 'buy', type: 'limit', qty: '1' };
    await call(fresh.api, routeOf('POST', '/api/v1/orders'), '/api/v1/orders', { json: { ...order, price: '500' } });
    await call(fresh.api, routeOf('POST', '/api/v1/orders'), '/api/v1/orders', { json: { ...order, price: '99', qty: '1000000' } });
    const disabled = await newTrader(platform().url, {}, 'docs-disabled');
    await admin.ok('PUT', `/api/v1/admin/users/${disabled.user.id}/status`, { json: { status: 'disabled' } }, [200]);
    for (const route of DOCUMENTED.filter((r) => PUBLIC.includes(operationOfRoute(r.method, r.path)) && r.path !== '/api/v1/auth/logout')) {
      await call(disabled.api, route, pathOf(route, 'S05'), { json: route.body });
    }

    expect(check.problems).toEqual([]);
    // The sweep reached past the guards and the validation: each of these was answered somewhere.
    const answered = new Set([...check.seen.values()].flatMap((codes) => [...codes]));
    for (const expected of ['400 INVALID_REQUEST', '400 INVALID_CURSOR', '400 INVALID_RANGE', '401 UNAUTHENTICATED', '401 INVALID_TOKEN', '401 INVALID_CREDENTIALS', '403 FORBIDDEN', '403 ACCOUNT_DISABLED', '404 NOT_FOUND', '404 UNKNOWN_SYMBOL', '404 UNKNOWN_ORDER', '409 USERNAME_TAKEN', '413 PAYLOAD_TOO_LARGE', '415 UNSUPPORTED_MEDIA_TYPE', '422 INSUFFICIENT_FUNDS', '422 UNKNOWN_ASSET', '422 PRICE_OUT_OF_BAND']) {
      expect(answered, expected).toContain(expected);
    }
  });
});

let limited: TestPlatform;
beforeAll(async () => {
  limited = await TestPlatform.start({ marketsFile: TEST_MARKETS, rateLimitPerMinute: 1 });
});
afterAll(async () => {
  await limited.dispose();
});

it('documents 429 with Retry-After on every rate-limited route, and answers it so', async () => {
  const reader = new OpenApiReader(await limited.api().get<OpenApiDocument>('/docs/json'));
  const check = new RefusalCheck(reader);
  // The login is the address's one request of the minute, the first call the admin's.
  const admin = await adminApi(limited.url);
  await admin.call('GET', '/api/v1/me');
  const wrong: string[] = [];
  for (const route of DOCUMENTED) {
    const operation = operationOfRoute(route.method, route.path);
    const documented = reader.operation(operation).responses['429'];
    // Valid input: validation runs before the rate limit.
    const query = route.path.endsWith('/candles') ? { interval: '1m' } : undefined;
    const reply = await admin.call(route.method, pathOf(route, '1'), { json: route.body, query });
    check.check(route, reply);
    const limitedRoute = route.path !== '/healthz';
    if (limitedRoute !== (reply.status === 429)) wrong.push(`${operation} answered ${reply.status} past the limit`);
    if (limitedRoute !== (documented !== undefined)) wrong.push(`${operation} ${documented ? 'documents' : 'does not document'} 429`);
    if (documented && !documented.headers?.['Retry-After']) wrong.push(`${operation} documents 429 without its Retry-After header`);
  }
  expect(wrong).toEqual([]);
  expect(check.problems).toEqual([]);
});
