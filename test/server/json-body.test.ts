// Requests with `content-type: application/json` and no body, as curl lines that always send the header make them: routes that take no body accept them, the rest refuse them in the one error shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../support/expect-error.ts';
import { TestPlatform, TEST_MARKETS } from '../support/platform.ts';
import { newTrader, type Trader } from '../support/traders.ts';

const JSON_TYPE = { 'content-type': 'application/json' };

let platform: TestPlatform;
let trader: Trader;

beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
  trader = await newTrader(platform.url, { USD: '1000' });
}, 60_000);

afterAll(async () => {
  await platform?.dispose();
});

describe('an empty JSON body', () => {
  it('is no body to a DELETE: an order is cancelled and a key revoked', async () => {
    const order = await trader.api.placeOrder({ symbol: 'S02', side: 'buy', type: 'limit', qty: '1', price: '90' });
    const cancelled = await trader.api.call<{ order: { status: string } }>('DELETE', `/api/v1/orders/${order.id}`, { headers: JSON_TYPE });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.order.status).toBe('cancelled');
    const key = await trader.api.createKey('short-lived', ['read']);
    const revoked = await trader.api.call('DELETE', `/api/v1/api-keys/${key.id}`, { headers: JSON_TYPE });
    expect(revoked.status, revoked.text).toBe(204);
  });

  it('is no body to POST /bots/{id}/start and /stop', async () => {
    const bot = await trader.api.post<{ id: number }>('/api/v1/bots', { name: 'quiet', strategy: 'random-walk', symbols: ['S02'] });
    const started = await trader.api.call<{ state: string }>('POST', `/api/v1/bots/${bot.id}/start`, { headers: JSON_TYPE });
    expect(started.status, started.text).toBe(200);
    const stopped = await trader.api.call<{ state: string }>('POST', `/api/v1/bots/${bot.id}/stop`, { headers: JSON_TYPE });
    expect(stopped.status, stopped.text).toBe(200);
    expect(stopped.body.state).toBe('stopped');
  }, 30_000);

  it('is refused by a route that needs a body, by its schema, as a 400', async () => {
    const reply = await trader.api.call('POST', '/api/v1/orders', { headers: JSON_TYPE });
    expect(expectError(reply, 400, 'INVALID_REQUEST').message).toMatch(/body/i);
  });
});

describe('a body that is not JSON', () => {
  it('stays a 400 in the one error shape, as does prototype poisoning', async () => {
    expectError(await trader.api.call('POST', '/api/v1/orders', { headers: JSON_TYPE, raw: '{"symbol":' }), 400, 'INVALID_REQUEST');
    expectError(await trader.api.call('DELETE', '/api/v1/orders/1', { headers: JSON_TYPE, raw: 'not json' }), 400, 'INVALID_REQUEST');
    expectError(await trader.api.call('POST', '/api/v1/orders', { headers: JSON_TYPE, raw: '{"__proto__":{"admin":true}}' }), 400, 'INVALID_REQUEST');
  });
});

describe('a body sent as text/plain', () => {
  it('is 415: it is the content type that is wrong, however JSON the text looks', async () => {
    const order = JSON.stringify({ symbol: 'S02', side: 'buy', type: 'limit', qty: '1', price: '90' });
    for (const contentType of ['text/plain', 'text/plain; charset=utf-8']) {
      const refused = expectError(await trader.api.call('POST', '/api/v1/orders', { headers: { 'content-type': contentType }, raw: order }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(refused).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json.', details: null });
    }
  });
});

describe('a JSON body with a key that reaches a prototype', () => {
  it('is refused for that key, at its path, rather than told it is not JSON', async () => {
    const proto = expectError(await trader.api.call('POST', '/api/v1/orders', { headers: JSON_TYPE, raw: '{"symbol":"S02","__proto__":{"admin":true}}' }), 400, 'INVALID_REQUEST');
    expect(proto).toEqual({ code: 'INVALID_REQUEST', message: 'The body may not contain the key __proto__', details: [{ path: '__proto__', message: '__proto__ is refused: no key of the body may be __proto__' }] });
    const nested = expectError(await trader.api.call('POST', '/api/v1/orders/oco', { headers: JSON_TYPE, raw: '{"legs":[{},{"\\u005f_proto__":{}}]}' }), 400, 'INVALID_REQUEST');
    expect(nested.details).toEqual([{ path: 'legs.1.__proto__', message: 'legs.1.__proto__ is refused: no key of the body may be __proto__' }]);
    const constructor = expectError(await trader.api.call('POST', '/api/v1/orders', { headers: JSON_TYPE, raw: '{"constructor":{"prototype":{"admin":true}}}' }), 400, 'INVALID_REQUEST');
    expect(constructor.message).toBe('The body may not contain the key constructor.prototype');
    // JSON that does not parse keeps the parser's own message.
    expect(expectError(await trader.api.call('POST', '/api/v1/orders', { headers: JSON_TYPE, raw: '{"__proto__":' }), 400, 'INVALID_REQUEST').message).toMatch(/^Body is not valid JSON/);
  });
});

describe('a route with nothing to send', () => {
  /** No body and no content type; the JSON content type with nothing after it; an empty JSON object. */
  const EMPTY_BODIES = [{}, { headers: JSON_TYPE }, { json: {} }] as const;

  it('turns the kill switch on and resets it for each way of sending nothing', async () => {
    for (const empty of EMPTY_BODIES) {
      const on = await trader.api.call<{ turnedOn: boolean; status: { killSwitch: { active: boolean } } }>('POST', '/api/v1/risk/kill-switch', empty);
      expect(on.status, on.text).toBe(200);
      expect(on.body.turnedOn).toBe(true);
      const off = await trader.api.call<{ reset: boolean }>('POST', '/api/v1/risk/reset', empty);
      expect(off.status, off.text).toBe(200);
      expect(off.body.reset).toBe(true);
    }
  });

  it('logs out the access token’s login for each way of sending nothing', async () => {
    for (const empty of EMPTY_BODIES) {
      const someone = await newTrader(platform.url);
      const out = await someone.api.call('POST', '/api/v1/auth/logout', empty);
      expect(out.status, out.text).toBe(204);
      expectError(await someone.api.call('GET', '/api/v1/me'), 401);
      expectError(await someone.api.anonymous().call('POST', '/api/v1/auth/refresh', { json: { refreshToken: someone.session.refreshToken } }), 401);
    }
  });

  it('still refuses a body with a field the route does not take, and a logout that names no login', async () => {
    expectError(await trader.api.call('POST', '/api/v1/risk/kill-switch', { json: { reason: 'x' } }), 400, 'INVALID_REQUEST');
    expectError(await trader.api.call('POST', '/api/v1/risk/reset', { json: [] }), 400, 'INVALID_REQUEST');
    expect(expectError(await trader.api.anonymous().call('POST', '/api/v1/auth/logout'), 400, 'INVALID_REQUEST').message).toMatch(/refresh token/);
  });

  it('is documented: their bodies are optional in the OpenAPI document, and other bodies stay required', async () => {
    const doc = (await trader.api.call<{ paths: Record<string, Record<string, { requestBody?: { required: boolean } }>> }>('GET', '/docs/json')).body;
    for (const path of ['/api/v1/risk/kill-switch', '/api/v1/risk/reset', '/api/v1/auth/logout']) expect(doc.paths[path]?.post?.requestBody?.required, path).toBe(false);
    expect(doc.paths['/api/v1/orders']?.post?.requestBody?.required).toBe(true);
  });
});
