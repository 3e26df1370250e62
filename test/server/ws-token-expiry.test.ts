// WebSocket token expiry: a connection signed in with an access token is signed out when the token expires, with TOKEN_EXPIRED; one on an API key is not; an upgrade on an expired or forged token is a 401 with the error body.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { newTrader } from '../support/traders.ts';
import type { SessionView } from '../support/views.ts';
import { UpgradeRefused, WsClient, WsClients, type WsMessage } from '../support/ws-client.ts';

const PRIVATE = ['orders', 'fills', 'balances'];
const EXPIRED_BODY = { code: 'TOKEN_EXPIRED', message: 'The access token has expired; refresh it.', details: null };
const EXPIRED = { type: 'error', ...EXPIRED_BODY };

let platform: TestPlatform;
const clients = new WsClients(() => platform.wsUrl);
const { connect } = clients;
beforeAll(async () => {
  // A heartbeat far beyond the test: only the connection's own expiry timer can sign it out in time.
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, accessTokenLifetimeSeconds: 3, ws: { heartbeatMs: 60_000 } });
});
afterAll(async () => {
  await clients.closeAll();
  await platform.dispose();
});

const isDeposit = (m: WsMessage): boolean => m.channel === 'balances' && (m.data as { reason?: string }).reason === 'deposit';
const errors = (ws: WsClient): WsMessage[] => ws.messages.filter((m) => m.type === 'error');

it('signs a token connection out when its token expires, with or without private channels, and leaves an API-key connection signed in', async () => {
  const trader = await newTrader(platform.url, { USD: '100' }, { apiKey: ['read', 'trade'] });
  const { key } = trader;
  const expiresAt = trader.session.accessTokenExpiresAt;

  const byMessage = await connect();
  expect(await byMessage.request({ op: 'auth', token: trader.session.accessToken })).toMatchObject({ type: 'authenticated' });
  expect(await byMessage.request({ op: 'subscribe', channels: PRIVATE })).toMatchObject({ type: 'subscribed' });
  const byHeader = await connect({ authorization: `Bearer ${trader.session.accessToken}` });
  expect(byHeader.messages[0]).toMatchObject({ type: 'welcome', authenticated: true });
  const byKey = await connect({ 'x-bourse-key-id': key.id, 'x-bourse-key-secret': key.secret });
  expect(await byKey.request({ op: 'subscribe', channels: PRIVATE })).toMatchObject({ type: 'subscribed' });
  expect(Date.now()).toBeLessThan(expiresAt);

  const waitMs = expiresAt - Date.now() + 2_000;
  await byMessage.waitFor((m) => m.code === 'TOKEN_EXPIRED', waitMs);
  await byHeader.waitFor((m) => m.code === 'TOKEN_EXPIRED', waitMs);
  // At the expiry, not at a heartbeat a minute away.
  expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
  expect(Date.now() - expiresAt).toBeLessThan(1_500);
  expect(errors(byMessage)).toEqual([EXPIRED]);
  expect(errors(byHeader)).toEqual([EXPIRED]);

  // The private channels ended with the sign-in; the key's stay.
  const byKeyApi = trader.api.withKey(key.id, key.secret);
  const mark = byMessage.messages.length;
  const keyMark = byKey.messages.length;
  await byKeyApi.deposit('USD', '5');
  await byKey.waitFor(isDeposit, 5_000, keyMark);
  expect((await byMessage.request({ op: 'ping' })).type).toBe('pong');
  expect(byMessage.messages.slice(mark).filter((m) => typeof m.channel === 'string')).toEqual([]);
  expect(errors(byKey)).toEqual([]);
  expect(await byKey.request({ op: 'place', order: { symbol: 'S05', side: 'buy', type: 'limit', qty: '1', price: '90' } })).toMatchObject({ type: 'ack' });

  // Signed out, not cut off: order entry needs a new sign-in, which a fresh token gives.
  expect(await byMessage.request({ op: 'place', order: { symbol: 'S05', side: 'buy', type: 'limit', qty: '1', price: '90' } })).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
  const renewed = await platform.api().refresh(trader.session.refreshToken);
  expect(renewed.status).toBe(200);
  const fresh = (renewed.body as SessionView).accessToken;
  expect(await byMessage.request({ op: 'auth', token: fresh })).toMatchObject({ type: 'authenticated' });
  expect(await byMessage.request({ op: 'subscribe', channels: ['balances'] })).toMatchObject({ type: 'subscribed' });
  expect(byMessage.open && byHeader.open && byKey.open).toBe(true);
}, 20_000);

it('switching a connection from a token to an API key cancels the token’s expiry', async () => {
  const trader = await newTrader(platform.url, {}, { apiKey: ['read'] });
  const { key } = trader;
  const ws = await connect();
  expect(await ws.request({ op: 'auth', token: trader.session.accessToken })).toMatchObject({ type: 'authenticated' });
  expect(await ws.request({ op: 'auth', keyId: key.id, secret: key.secret })).toMatchObject({ type: 'authenticated' });
  expect(await ws.request({ op: 'subscribe', channels: ['orders'] })).toMatchObject({ type: 'subscribed' });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, trader.session.accessTokenExpiresAt - Date.now()) + 300));
  expect((await ws.request({ op: 'ping' })).type).toBe('pong');
  expect(errors(ws)).toEqual([]);
}, 20_000);

it('refuses an upgrade on an expired or forged token with 401 and the JSON error body, not a bare 401', async () => {
  const trader = await newTrader(platform.url);
  const refusal = async (headers: Record<string, string>): Promise<{ status: number; body: unknown; type: unknown }> => {
    const error: unknown = await WsClient.connect(platform.wsUrl, headers).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(UpgradeRefused);
    const refused = error as UpgradeRefused;
    return { status: refused.status, body: JSON.parse(refused.text) as unknown, type: refused.headers['content-type'] };
  };
  const json = expect.stringMatching(/^application\/json/) as unknown;
  expect(await refusal({ authorization: 'Bearer forged.token.here' })).toEqual({ status: 401, type: json, body: { code: 'INVALID_TOKEN', message: 'The token is not valid.', details: null } });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, trader.session.accessTokenExpiresAt - Date.now()) + 100));
  expect(await refusal({ authorization: `Bearer ${trader.session.accessToken}` })).toEqual({ status: 401, type: json, body: EXPIRED_BODY });
}, 20_000);
