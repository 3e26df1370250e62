// WebSocket order entry spends the caller's REST rate-limit budget, and refused sign-ins spend the address's: past either, the answer is RATE_LIMITED and the connection stays open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { newTrader } from '../support/traders.ts';
import { UpgradeRefused, WsClients, type WsMessage } from '../support/ws-client.ts';

const LIMIT = 20;
let platform: TestPlatform;
const clients = new WsClients(() => platform.wsUrl);
beforeAll(async () => {
  // Proxies are trusted so each test can speak from an address of its own (X-Forwarded-For).
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, rateLimitPerMinute: LIMIT, trustProxy: true });
});
afterAll(async () => {
  await clients.closeAll();
  await platform.dispose();
});

const order = { symbol: 'S01', side: 'buy', type: 'limit', qty: '1', price: '90' };

describe('order entry rate limit', () => {
  it("counts WebSocket order entry against the user's per-minute budget REST spends, refuses past it with RATE_LIMITED and retryAfterSeconds, and keeps the connection", async () => {
    const trader = await newTrader(platform.url, { USD: '10000' }, { apiKey: ['read', 'trade'] });
    const ws = await clients.connect();
    await ws.request({ op: 'auth', token: trader.session.accessToken });
    const first = await ws.request({ op: 'place', order });
    expect(first).toMatchObject({ type: 'ack', op: 'place' });
    const orderId = (first.orders as Array<{ id: number }>)[0]!.id;

    // The deposit and the key creation spent 2 of the user's budget, the first place a third.
    const replies: WsMessage[] = [];
    for (let count = 4; count <= LIMIT + 2; count++) replies.push(await ws.request({ op: 'place', order }));
    expect(replies.slice(0, LIMIT - 3).every((reply) => reply.type === 'ack')).toBe(true);
    const refused = replies.slice(LIMIT - 3);
    expect(refused).toHaveLength(2);
    for (const reply of refused) {
      expect(reply).toMatchObject({ type: 'error', id: expect.any(String) as unknown, code: 'RATE_LIMITED' });
      const { retryAfterSeconds } = reply.details as { retryAfterSeconds: number };
      expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(retryAfterSeconds).toBeLessThanOrEqual(60);
      const wait = retryAfterSeconds === 60 ? '1 minute' : retryAfterSeconds === 1 ? '1 second' : `${retryAfterSeconds} seconds`;
      expect(reply.message).toBe(`Too many requests: at most ${LIMIT} per minute; retry in ${wait}.`);
    }
    // Cancels, replaces and the other order ops are refused alike; nothing reached the exchange.
    for (const message of [{ op: 'cancel', orderId }, { op: 'replace', orderId, changes: { qty: '2' } }, { op: 'cancelAll' }, { op: 'placeOco', legs: [order, order] }]) {
      expect(await ws.request(message)).toMatchObject({ type: 'error', code: 'RATE_LIMITED' });
    }
    // The connection stays open for what is not order entry, and REST shares the spent budget.
    expect(ws.open).toBe(true);
    expect(await ws.request({ op: 'ping' })).toMatchObject({ type: 'pong' });
    expect((await trader.api.call('GET', `/api/v1/orders/${orderId}`)).status).toBe(429);

    // An API key has a budget of its own.
    const keyed = await clients.connect();
    await keyed.request({ op: 'auth', keyId: trader.key.id, secret: trader.key.secret });
    expect(await keyed.request({ op: 'cancel', orderId })).toMatchObject({ type: 'ack', op: 'cancel', order: { id: orderId, status: 'cancelled' } });
  });
});

describe('sign-in guessing', () => {
  const from = (address: string) => ({ 'x-forwarded-for': address });

  it("counts each refused auth message against the address's budget, as REST counts bad credentials, and answers RATE_LIMITED past it", async () => {
    const trader = await newTrader(platform.url, { USD: '100' });
    const guesser = await clients.connect(from('203.0.113.7'));
    const guesses: WsMessage[] = [{ op: 'auth', token: 'garbage' }, { op: 'auth', keyId: 'bk_0000000000000000', secret: 'bs_guess' }, { op: 'auth', token: 'not a token' }];
    const replies: WsMessage[] = [];
    for (let i = 0; i < LIMIT + 2; i++) replies.push(await guesser.request(guesses[i % guesses.length]!));
    expect(replies.slice(0, LIMIT).map((reply) => reply.code)).not.toContain('RATE_LIMITED');
    expect(replies.slice(0, LIMIT).every((reply) => reply.type === 'error')).toBe(true);
    for (const reply of replies.slice(LIMIT)) {
      expect(reply).toMatchObject({ type: 'error', code: 'RATE_LIMITED' });
      expect((reply.details as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    expect(guesser.open).toBe(true);

    // Guessing on the upgrade from that address is refused 429 with Retry-After, and REST shares the spent budget.
    const upgrade = await clients.connect({ ...from('203.0.113.7'), authorization: 'Bearer garbage' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(upgrade).toBeInstanceOf(UpgradeRefused);
    const refused = upgrade as UpgradeRefused;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(refused.text)).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await fetch(`${platform.url}/api/v1/instruments`, { headers: from('203.0.113.7') })).status).toBe(429);

    // Good credentials from that address still sign in (they spend their own budget), and another address guesses afresh.
    expect(await guesser.request({ op: 'auth', token: trader.session.accessToken })).toMatchObject({ type: 'authenticated' });
    const other = await clients.connect(from('203.0.113.8'));
    expect(await other.request({ op: 'auth', token: 'garbage' })).toMatchObject({ type: 'error', code: 'INVALID_TOKEN' });
  });
});
