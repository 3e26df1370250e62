// What every HTTP answer carries whatever the route: request ids, security headers, CORS, rate limits, request logs and metrics.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { newTrader, type Trader } from '../support/traders.ts';

const ORIGIN = 'https://desk.example';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SECURITY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

let platform: TestPlatform;
let trader: Trader;
let key: { id: string; secret: string };
const order = { symbol: 'S01', side: 'buy', type: 'limit', qty: '1', price: '90' } as const;

beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, corsOrigins: [ORIGIN], rateLimitPerMinute: 40, logLevel: 'info' });
  trader = await newTrader(platform.url, { USD: '10000' });
  key = await trader.api.createKey('envelope', ['read', 'trade']);
});
afterAll(async () => {
  await platform.dispose();
});

function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(platform.url + path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

const withKey = (headers: Record<string, string> = {}) => ({ 'x-bourse-key-id': key.id, 'x-bourse-key-secret': key.secret, ...headers });

describe('every answer', () => {
  it('carries a request id, the security headers and Vary: Origin, on success, refusal and unknown routes alike', async () => {
    const answers = [
      await send('/api/v1/orders', { method: 'POST', headers: withKey(), body: order }),
      await send('/api/v1/orders', { method: 'POST', headers: withKey(), body: { symbol: 'S01' } }),
      await send('/api/v1/orders', { method: 'POST', headers: withKey({ 'x-bourse-key-secret': `${key.secret.slice(0, -2)}zz` }), body: order }),
      await send('/api/v1/instruments'),
      await send('/api/v1/nothing-here'),
    ];
    expect(answers.map((a) => a.status)).toEqual([201, 400, 401, 200, 404]);
    for (const answer of answers) {
      expect(answer.headers.get('x-request-id')).toMatch(UUID);
      for (const name of SECURITY_HEADERS) expect(answer.headers.get(name), name).toBeTruthy();
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(answer.headers.get('strict-transport-security')).toBeNull();
      expect(answer.headers.get('vary')).toMatch(/origin/i);
      const body = (await answer.json()) as Record<string, unknown>;
      if (answer.status >= 400) expect(Object.keys(body).sort()).toEqual(expect.arrayContaining(['code', 'message']));
    }
    const ids = answers.map((a) => a.headers.get('x-request-id'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('echoes a sane request id and replaces one that is not', async () => {
    expect((await send('/api/v1/instruments', { headers: { 'x-request-id': 'client-42.a_b' } })).headers.get('x-request-id')).toBe('client-42.a_b');
    expect((await send('/api/v1/instruments', { headers: { 'x-request-id': 'has spaces' } })).headers.get('x-request-id')).toMatch(UUID);
    expect((await send('/api/v1/instruments', { headers: { 'x-request-id': 'x'.repeat(65) } })).headers.get('x-request-id')).toMatch(UUID);
  });

  it('logs a refused request as one structured line under its request id', async () => {
    const refused = await send('/api/v1/orders', { method: 'POST', headers: withKey({ 'x-request-id': 'refused-order-1' }), body: { ...order, qty: '-1' } });
    expect(refused.status).toBe(400);
    const line = platform.logs.lines().find((l) => l.reqId === 'refused-order-1');
    expect(line).toMatchObject({ msg: 'request refused', route: '/api/v1/orders', status: 400, method: 'POST', level: 30 });
  });
});

describe('errors', () => {
  const raw = (path: string, body: string, contentType = 'application/json') => fetch(platform.url + path, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('have one shape, {code, message, details}, with details null when there are none, whatever refuses', async () => {
    const notListed = 'NOPE is not listed; GET /api/v1/instruments lists the symbols.';
    const refusals: Array<[Response | { status: number; body: unknown }, number, string, unknown?]> = [
      [await send('/api/v1/nothing-here'), 404, 'NOT_FOUND'],
      [await send('/api/v1/orders/999999', { headers: withKey() }), 404, 'UNKNOWN_ORDER'],
      [await send('/api/v1/orders', { method: 'POST', headers: withKey(), body: { ...order, symbol: 'NOPE' } }), 422, 'UNKNOWN_SYMBOL', [{ path: 'symbol', message: notListed }]],
      [await send('/api/v1/account/balances'), 401, 'UNAUTHENTICATED'],
      [await send('/api/v1/account/balances', { headers: withKey({ 'x-bourse-key-secret': 'wrong' }) }), 401, 'INVALID_TOKEN'],
      [await trader.api.call('GET', '/api/v1/admin/users'), 403, 'FORBIDDEN'],
      [await raw('/api/v1/auth/login', '{"username":'), 400, 'INVALID_REQUEST'],
      [await raw('/api/v1/auth/login', JSON.stringify({ username: 'x'.repeat(100_000) })), 413, 'PAYLOAD_TOO_LARGE'],
      [await raw('/api/v1/auth/login', '<login/>', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [await raw('/api/v1/auth/login', '{"username":"x"}', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [answer, status, code, details = null] of refusals) {
      const body = answer instanceof Response ? ((await answer.json()) as Record<string, unknown>) : answer.body;
      expect({ status: answer.status, body }).toMatchObject({ status, body: { code, details } });
      expect(Object.keys(body as object).sort()).toEqual(['code', 'details', 'message']);
    }
  });

  it('tell a compressed body apart from one that is not JSON', async () => {
    const compressed = await fetch(`${platform.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync('{"username":"x"}') });
    expect(compressed.status).toBe(415);
    expect(await compressed.json()).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Content-Encoding gzip is not supported: send the body uncompressed, as plain application/json.', details: null });
    const identity = await fetch(`${platform.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'identity' }, body: '{"username":"x"}' });
    expect(identity.status).toBe(400);
  });

  it('refuse a JSON body in a charset other than UTF-8 rather than misread it', async () => {
    const body = Buffer.from('{"username":"x","password":"y"}', 'utf16le');
    const utf16 = await fetch(`${platform.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-16' }, body });
    expect(utf16.status).toBe(415);
    expect(await utf16.json()).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'charset=utf-16 is not supported: send the body as UTF-8 application/json.', details: null });
    for (const contentType of ['application/json; charset=UTF-8', 'application/json;charset="utf-8"', 'application/json; charset=utf8']) {
      const utf8 = await fetch(`${platform.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': contentType }, body: '{"username":"nobody-here","password":"not the password"}' });
      expect(utf8.status, contentType).toBe(401);
    }
  });

  it('answer a path of a route with other methods as no route, not as a parameter of a route beside it', async () => {
    // POST /orders/oco and /orders/bracket exist; GET, PATCH and DELETE /orders/{id} must not read "oco" as an id.
    for (const [method, path] of [['GET', '/api/v1/orders/oco'], ['DELETE', '/api/v1/orders/bracket'], ['PATCH', '/api/v1/orders/oco?x=1']] as const) {
      const answer = await send(path, { method, headers: withKey() });
      expect({ status: answer.status, body: await answer.json() }).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: `No route ${method} ${path.split('?')[0]}.`, details: null } });
    }
    // A real id still reaches its route, and a preflight of a static path its CORS answer.
    expect((await send('/api/v1/orders/999999', { headers: withKey() })).status).toBe(404);
    expect((await send('/api/v1/orders/oco', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } })).status).toBe(204);
  });

  it('carry the validation issues as details, and name the part of the request that is invalid', async () => {
    const query = (await (await send('/api/v1/markets/S01/book?depth=0')).json()) as { message: string; details: unknown };
    expect(query.message).toMatch(/^The query string is invalid: depth must be /);
    expect(query.details).toEqual([{ path: 'depth', message: expect.any(String) as unknown }]);
    const params = await trader.api.call<{ message: string; details: unknown }>('GET', '/api/v1/orders/abc');
    expect(params.status).toBe(400);
    expect(params.body.message).toMatch(/^The path parameters are invalid: id must be /);
    const body = await trader.api.call<{ message: string }>('POST', '/api/v1/orders', { json: { symbol: 'S01' } });
    expect(body.body.message).toMatch(/^The body is invalid: /);
    // A number off the instrument's grid is the field's own code, with the field in details as every validation refusal has it.
    for (const [field, value, code] of [['qty', '1.5', 'INVALID_QUANTITY'], ['price', '90.001', 'INVALID_PRICE']] as const) {
      const answer = await send('/api/v1/orders', { method: 'POST', headers: withKey(), body: { ...order, [field]: value } });
      expect({ status: answer.status, body: await answer.json() }).toMatchObject({ status: 400, body: { code, details: [{ path: field, message: expect.stringContaining('must be a multiple of') as unknown }] } });
    }
  });

  it('are documented in OpenAPI as that shape on every route', async () => {
    type Schema = { $ref?: string; required?: string[] };
    type Response = { content?: Record<string, { schema: Schema }> };
    const doc = (await (await send('/docs/json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, Response> }>>; components: { schemas: Record<string, Schema> } };
    const resolve = (schema: Schema | undefined) => (schema?.$ref ? doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema);
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => [`${method} ${path}`, op] as const));
    expect(routes.length).toBeGreaterThan(20);
    for (const [route, op] of routes) {
      expect(resolve(op.responses.default?.content?.['application/json']?.schema)?.required, route).toEqual(['code', 'message', 'details']);
      expect(Object.keys(op.responses).some((status) => /^2/.test(status)), route).toBe(true);
    }
  });
});

describe('CORS', () => {
  it('allows the configured origin only', async () => {
    const allowed = await send('/api/v1/instruments', { headers: { origin: ORIGIN } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    // A page's script may read the request id and the rate-limit headers, Retry-After among them.
    expect(allowed.headers.get('access-control-expose-headers')?.split(', ')).toEqual(['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
    const other = await send('/api/v1/instruments', { headers: { origin: 'https://elsewhere.example' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a preflight, and refuses one without the request method', async () => {
    const preflight = await send('/api/v1/orders', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-bourse-key-id' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-bourse-key-id');
    // Every method a route takes: a page on another origin cancels (DELETE), replaces (PATCH) and sets limits (PUT) too.
    const cancel = await send('/api/v1/orders/5', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'DELETE' } });
    expect(cancel.status).toBe(204);
    expect(cancel.headers.get('access-control-allow-methods')?.split(', ')).toEqual(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
    const refused = await send('/api/v1/orders', { method: 'OPTIONS', headers: { origin: ORIGIN } });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await refused.json()).toEqual({ code: 'INVALID_REQUEST', message: 'A CORS preflight (OPTIONS) needs the Origin and Access-Control-Request-Method headers.', details: null });
  });
});

describe('metrics', () => {
  it('count requests by route and status and time order acknowledgements', async () => {
    expect((await send('/api/v1/orders', { method: 'POST', headers: withKey(), body: order })).status).toBe(201);
    const text = await (await send('/metrics')).text();
    expect(text).toMatch(/bourse_http_requests_total\{route="\/api\/v1\/orders",method="POST",status="201"\} [1-9]/);
    expect(text).toMatch(/bourse_http_request_seconds_count\{route="\/api\/v1\/orders",method="POST"\} [1-9]/);
    expect(text).toMatch(/bourse_order_ack_seconds_bucket\{le="\+Inf",channel="http",type="limit"\} [1-9]/);
    expect(text).toMatch(/bourse_orders_total\{type="limit",result="accepted"\} [1-9]/);
    expect(text).toMatch(/bourse_engine_apply_seconds_count\{command="placeOrder"\} [1-9]/);
    // Node's own figures carry the one prefix.
    expect(text).toMatch(/^bourse_process_cpu_seconds_total \d/m);
    expect(text).not.toContain('bourse_process_process_');
  });
});

describe('rate limits', () => {
  it('answer 429 with Retry-After in the one error shape once a key has used its minute', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 45 && last?.status !== 429; i++) {
      last = await send('/api/v1/account/balances', { headers: withKey() });
      if (last.status === 200) expect(Number(last.headers.get('x-ratelimit-remaining'))).toBeGreaterThanOrEqual(0);
    }
    expect(last?.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    const seconds = Number(last!.headers.get('retry-after'));
    expect(await last!.json()).toEqual({ code: 'RATE_LIMITED', message: expect.stringContaining('40 per minute') as unknown, details: { retryAfterSeconds: seconds } });
    // Another caller has a minute of its own.
    expect((await trader.api.call('GET', '/api/v1/account/balances')).status).toBe(200);
  });

  it("count credentials that fail against the address's minute, so guessing keys or tokens is refused 429 too", async () => {
    const guesses: Array<Record<string, string>> = [{ authorization: 'Bearer garbage' }, { 'x-bourse-key-id': 'bk_0000000000000000', 'x-bourse-key-secret': 'bs_guess' }, { authorization: 'Basic abc' }];
    const answers: Response[] = [];
    for (let i = 0; i < 45 && answers.at(-1)?.status !== 429; i++) answers.push(await send('/api/v1/orders', { method: 'POST', headers: guesses[i % guesses.length], body: order }));
    expect(answers.slice(0, 3).map((answer) => answer.status)).toEqual([401, 401, 401]);
    const last = answers.at(-1)!;
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last.json()).toMatchObject({ code: 'RATE_LIMITED' });
    // Good credentials from the same address spend their own budget.
    expect((await send('/api/v1/instruments', { headers: { authorization: `Bearer ${trader.session.accessToken}` } })).status).toBe(200);
  });
});
