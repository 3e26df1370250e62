// WebSocket private channels: orders, fills and balances need auth and carry only the caller's own events.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { newTrader, PASSWORD, type Trader } from '../support/traders.ts';
import { isErrorBody } from '../support/expect-error.ts';
import { UpgradeRefused, WsClient, WsClients, type WsMessage } from '../support/ws-client.ts';

let platform: TestPlatform;
const clients = new WsClients(() => platform.wsUrl);
const { connect } = clients;
beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, ws: { heartbeatMs: 200 } });
});
afterAll(async () => {
  await clients.closeAll();
  await platform.dispose();
});

/** A connection logged in as the trader with `{op: "auth"}`, subscribed to every private channel. */
async function privateFeed(trader: Trader): Promise<WsClient> {
  const ws = await connect();
  expect(await ws.request({ op: 'auth', token: trader.session.accessToken })).toMatchObject({ type: 'authenticated', userId: trader.user.id, accountId: trader.user.accountId });
  expect(await ws.request({ op: 'subscribe', channels: ['orders', 'fills', 'balances'] })).toMatchObject({ type: 'subscribed', channels: ['orders', 'fills', 'balances'] });
  return ws;
}

const dataOrderId = (m: WsMessage): unknown => (m.data as { orderId?: unknown } | undefined)?.orderId;

describe('private channels', () => {
  it('need authentication first', async () => {
    const ws = await connect();
    for (const channel of ['orders', 'fills', 'balances']) {
      expect(await ws.request({ op: 'subscribe', channels: [channel] })).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
    }
    expect(await ws.request({ op: 'auth' })).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
    expect(await ws.request({ op: 'auth', token: 'not.a.token' })).toMatchObject({ type: 'error', code: 'INVALID_TOKEN' });
    const invalidKey = { type: 'error', code: 'INVALID_TOKEN', message: 'The API key is not valid or has been revoked.' };
    expect(await ws.request({ op: 'auth', keyId: 'bk_\u0000', secret: 'x' })).toMatchObject(invalidKey);
    expect(await ws.request({ op: 'auth', keyId: 'bad', secret: 'x' })).toMatchObject(invalidKey);
    // A malformed auth message is told what the message lacks, never which headers.
    const bothFields = { type: 'error', code: 'INVALID_TOKEN', message: 'Send both keyId and secret, as strings: {"op":"auth","keyId":"...","secret":"..."}.' };
    for (const fields of [{ keyId: 42, secret: 'x' }, { keyId: 'bk_x' }, { secret: 'x' }]) expect(await ws.request({ op: 'auth', ...fields })).toMatchObject(bothFields);
    for (const token of ['', 'two words', 42]) {
      expect(await ws.request({ op: 'auth', token })).toMatchObject({ type: 'error', code: 'INVALID_TOKEN', message: 'Send the access token as {"op":"auth","token":"<access token>"}.' });
    }
    expect(ws.messages.filter((m) => /header/i.test(String(m.message)))).toEqual([]);
    expect(ws.open).toBe(true);
  });

  it("deliver each side of a trade only its own orders, fills and balances", async () => {
    const a = await newTrader(platform.url, { USD: '10000' });
    const b = await newTrader(platform.url, { S01: '50' });
    const c = await newTrader(platform.url, { USD: '10' });
    const [wsA, wsB, wsC] = [await privateFeed(a), await privateFeed(b), await privateFeed(c)];
    const ask = await b.api.placeOrder({ symbol: 'S01', side: 'sell', type: 'limit', qty: '4', price: '100' });
    const bid = await a.api.placeOrder({ symbol: 'S01', side: 'buy', type: 'limit', qty: '4', price: '100', clientOrderId: 'a-bid' });

    await wsA.waitFor((m) => m.channel === 'fills' && dataOrderId(m) === bid.id);
    await wsA.waitFor((m) => m.channel === 'balances' && (m.data as { asset?: string }).asset === 'S01');
    await wsB.waitFor((m) => m.channel === 'fills' && dataOrderId(m) === ask.id);
    await wsB.waitFor((m) => m.channel === 'balances' && (m.data as { asset?: string }).asset === 'USD');

    const own = (ws: WsClient) => ws.messages.filter((m) => typeof m.channel === 'string');
    expect(own(wsA).find((m) => m.channel === 'orders')).toMatchObject({ type: 'order', data: { status: 'open', orderId: bid.id, clientOrderId: 'a-bid', symbol: 'S01' } });
    expect(own(wsA).find((m) => m.channel === 'fills')).toMatchObject({ type: 'fill', data: { orderId: bid.id, side: 'buy', liquidity: 'taker', price: '100', qty: '4' } });
    expect(own(wsB).find((m) => m.channel === 'fills')).toMatchObject({ type: 'fill', data: { orderId: ask.id, side: 'sell', liquidity: 'maker' } });
    // A fill's ts is the one REST shows for it.
    const restFills = (await a.api.call<{ items: Array<{ orderId: number; ts: number }> }>('GET', '/api/v1/fills')).body.items;
    expect(own(wsA).find((m) => m.channel === 'fills')?.data).toMatchObject({ ts: restFills.find((fill) => fill.orderId === bid.id)?.ts });
    // Nobody hears of an order that is not theirs.
    expect(own(wsA).filter((m) => dataOrderId(m) === ask.id)).toEqual([]);
    expect(own(wsB).filter((m) => dataOrderId(m) === bid.id)).toEqual([]);
    const holds = (ws: WsClient) => own(ws).filter((m) => m.channel === 'balances' && ['hold', 'release'].includes(String((m.data as { reason?: string }).reason)));
    expect(holds(wsA).map((m) => (m.data as { refId: number }).refId)).toEqual([bid.id]);
    expect(holds(wsB).map((m) => (m.data as { refId: number }).refId)).toEqual([ask.id]);
    expect(JSON.stringify(own(wsB))).not.toContain('a-bid');
    // The final balances they heard of are their own.
    const lastBalance = (ws: WsClient, asset: string) => own(ws).filter((m) => m.channel === 'balances' && (m.data as { asset?: string }).asset === asset).at(-1)?.data;
    expect(lastBalance(wsA, 'S01')).toMatchObject({ available: '4', held: '0' });
    expect(lastBalance(wsB, 'S01')).toMatchObject({ available: '46', held: '0' });
    expect(own(wsC)).toEqual([]);
  });

  it('a kill-switch cancel carries RISK_KILL_SWITCH and a message naming what turned the switch on', async () => {
    const a = await newTrader(platform.url, { USD: '1000' });
    const ws = await privateFeed(a);
    const order = await a.api.placeOrder({ symbol: 'S03', side: 'buy', type: 'limit', qty: '1', price: '99' });
    await a.api.post('/api/v1/risk/kill-switch', { note: 'lunch' });
    const cancelled = await ws.waitFor((m) => m.channel === 'orders' && dataOrderId(m) === order.id && (m.data as { status?: string }).status === 'cancelled');
    expect(cancelled.data).toMatchObject({ status: 'cancelled', reason: 'RISK_KILL_SWITCH', message: 'Cancelled by the kill switch of the account. It was turned on by the account owner.' });
    expect((await a.api.order(order.id)).reason).toBe('RISK_KILL_SWITCH');
    // A cancel the owner asks for says nothing more than its reason.
    await a.api.post('/api/v1/risk/reset', {});
    const next = await a.api.placeOrder({ symbol: 'S03', side: 'buy', type: 'limit', qty: '1', price: '98' });
    await a.api.cancel(next.id);
    const own = await ws.waitFor((m) => m.channel === 'orders' && dataOrderId(m) === next.id && (m.data as { status?: string }).status === 'cancelled');
    expect(own.data).toMatchObject({ reason: 'USER_CANCELLED' });
    expect(own.data).not.toHaveProperty('message');
  });

  it('authenticate by API-key headers on the upgrade, and refuse bad ones', async () => {
    const { api, key } = await newTrader(platform.url, { USD: '1000' }, { apiKey: ['read'] });
    const ws = await connect({ 'x-bourse-key-id': key.id, 'x-bourse-key-secret': key.secret });
    expect(ws.messages[0]).toMatchObject({ type: 'welcome', authenticated: true });
    await ws.request({ op: 'subscribe', channels: ['orders'] });
    const order = await api.placeOrder({ symbol: 'S02', side: 'buy', type: 'limit', qty: '1', price: '99' });
    await ws.waitFor((m) => m.channel === 'orders' && dataOrderId(m) === order.id);
    await expect(WsClient.connect(platform.wsUrl, { 'x-bourse-key-id': key.id, 'x-bourse-key-secret': 'bs_wrong' })).rejects.toThrow(/401/);
    await expect(WsClient.connect(platform.wsUrl, { authorization: 'Bearer forged' })).rejects.toThrow(/401/);
    await expect(WsClient.connect(platform.wsUrl.replace('/ws', '/other'))).rejects.toThrow(/404/);
  });

  it('answer a refused upgrade with the REST error shape: status, JSON body and code', async () => {
    const { key } = await newTrader(platform.url, {}, { apiKey: ['read'] });
    const refusal = async (url: string, headers: Record<string, string> = {}): Promise<UpgradeRefused> => {
      const error: unknown = await WsClient.connect(url, headers).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(UpgradeRefused);
      const refused = error as UpgradeRefused;
      expect(refused.headers['content-type']).toMatch(/^application\/json/);
      expect(refused.headers['content-length']).toBe(String(Buffer.byteLength(refused.text)));
      expect(refused.headers.connection).toBe('close');
      expect(isErrorBody(JSON.parse(refused.text)), refused.text).toBe(true);
      return refused;
    };
    const badKey = await refusal(platform.wsUrl, { 'x-bourse-key-id': key.id, 'x-bourse-key-secret': 'bs_wrong' });
    expect(badKey.status).toBe(401);
    expect(JSON.parse(badKey.text)).toEqual({ code: 'INVALID_TOKEN', message: 'The API key is not valid or has been revoked.', details: null });
    const halfKey = await refusal(platform.wsUrl, { 'x-bourse-key-id': key.id });
    expect({ status: halfKey.status, body: JSON.parse(halfKey.text) as unknown }).toMatchObject({ status: 401, body: { code: 'INVALID_TOKEN' } });
    const wrongPath = await refusal(platform.wsUrl.replace('/ws', '/other'));
    expect({ status: wrongPath.status, body: JSON.parse(wrongPath.text) as unknown }).toMatchObject({ status: 404, body: { code: 'NOT_FOUND', details: null } });

    // A failure that is no refusal is logged and answered as INTERNAL, without its own words.
    // Only this key's next check fails: a heartbeat may check other connections' keys meanwhile.
    const keys = platform.running.ctx.keys;
    const authenticate = keys.authenticate.bind(keys);
    let failNext = true;
    const broken = vi.spyOn(keys, 'authenticate').mockImplementation((keyId, secret) => {
      if (keyId !== key.id || !failNext) return authenticate(keyId, secret);
      failNext = false;
      return Promise.reject(new Error('key store at /var/secret is unreachable'));
    });
    try {
      const failed = await refusal(platform.wsUrl, { 'x-bourse-key-id': key.id, 'x-bourse-key-secret': key.secret });
      expect({ status: failed.status, body: JSON.parse(failed.text) as unknown }).toEqual({ status: 500, body: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.', details: null } });
    } finally {
      broken.mockRestore();
    }
    expect(platform.logs.lines().some((line) => line.msg === 'websocket upgrade failed')).toBe(true);
  });

  it('logging in as someone else ends the previous identity’s private subscriptions', async () => {
    const a = await newTrader(platform.url, { USD: '1000' });
    const b = await newTrader(platform.url, { USD: '1000' });
    const ws = await privateFeed(a);
    expect(await ws.request({ op: 'auth', token: b.session.accessToken })).toMatchObject({ type: 'authenticated', userId: b.user.id });
    const mark = ws.messages.length;
    const aOrder = await a.api.placeOrder({ symbol: 'S03', side: 'buy', type: 'limit', qty: '1', price: '99' });
    await ws.request({ op: 'subscribe', channels: ['orders'] });
    const bOrder = await b.api.placeOrder({ symbol: 'S03', side: 'buy', type: 'limit', qty: '1', price: '98' });
    await ws.waitFor((m) => m.channel === 'orders' && dataOrderId(m) === bOrder.id, 5_000, mark);
    expect(ws.messages.slice(mark).filter((m) => dataOrderId(m) === aOrder.id)).toEqual([]);
  });

  it('a revoked key or an ended login stops trading on an open connection, and its private channels end', async () => {
    const a = await newTrader(platform.url, { USD: '1000' }, { apiKey: ['read', 'trade'] });
    const { key } = a;
    const order = { symbol: 'S04', side: 'buy', type: 'limit', qty: '1', price: '99' };
    const byKey = await connect();
    await byKey.request({ op: 'auth', keyId: key.id, secret: key.secret });
    expect(await byKey.request({ op: 'place', order })).toMatchObject({ type: 'ack' });
    expect((await a.api.call('DELETE', `/api/v1/api-keys/${key.id}`)).status).toBe(204);
    // Signed out at the revocation: told so in an error message, and a sign-in is needed again.
    await byKey.waitFor((m) => m.type === 'error' && m.id === undefined && m.code === 'INVALID_TOKEN', 2_000);
    expect(await byKey.request({ op: 'place', order })).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
    expect(await byKey.request({ op: 'subscribe', channels: ['orders'] })).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });

    const byToken = await connect({ authorization: `Bearer ${a.session.accessToken}` });
    await byToken.request({ op: 'subscribe', channels: ['orders'] });
    expect((await a.api.call('POST', '/api/v1/auth/logout', { json: {} })).status).toBe(204);
    await byToken.waitFor((m) => m.type === 'error' && m.code === 'INVALID_TOKEN', 2_000);
    const mark = byToken.messages.length;
    const again = platform.api().withToken((await platform.api().login(a.name, PASSWORD)).accessToken);
    const placed = await again.placeOrder({ symbol: 'S04', side: 'buy', type: 'limit', qty: '1', price: '98' });
    expect(await byToken.request({ op: 'place', order })).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
    expect(byToken.messages.slice(mark).filter((m) => dataOrderId(m) === placed.id)).toEqual([]);
    expect(byToken.open).toBe(true);
  });
});
