// WebSocket sign-out: an ended login or a revoked key stops a connection's private events before the REST answer, not at the next heartbeat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { newTrader, PASSWORD, type Trader } from '../support/traders.ts';
import { type WsClient, WsClients, type WsMessage } from '../support/ws-client.ts';

let platform: TestPlatform;
const clients = new WsClients(() => platform.wsUrl);
const { connect } = clients;
beforeAll(async () => {
  // A heartbeat far beyond each test's length: only the pushed sign-out can stop the events.
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, ws: { heartbeatMs: 60_000 } });
});
afterAll(async () => {
  await clients.closeAll();
  await platform.dispose();
});

const PRIVATE = ['orders', 'fills', 'balances'];

/** A connection signed in with `auth` (a token or a key), subscribed to every private channel. */
async function privateFeed(auth: WsMessage): Promise<WsClient> {
  const ws = await connect();
  expect(await ws.request({ op: 'auth', ...auth })).toMatchObject({ type: 'authenticated' });
  expect(await ws.request({ op: 'subscribe', channels: PRIVATE })).toMatchObject({ type: 'subscribed', channels: PRIVATE });
  return ws;
}

const isDeposit = (m: WsMessage): boolean => m.channel === 'balances' && (m.data as { reason?: string }).reason === 'deposit';

/**
 * Deposits from a fresh login while `control` (also subscribed) proves the event was published;
 * then a ping round trip on each old connection proves everything sent to it before has arrived.
 */
async function depositSeenOnlyBy(trader: Trader, control: WsClient, old: readonly WsClient[]): Promise<void> {
  const marks = old.map((ws) => ws.messages.length);
  const mark = control.messages.length;
  await trader.api.deposit('USD', '7');
  await control.waitFor(isDeposit, 5_000, mark);
  for (const [i, ws] of old.entries()) {
    expect((await ws.request({ op: 'ping' })).type).toBe('pong');
    expect(ws.messages.slice(marks[i]).filter((m) => typeof m.channel === 'string')).toEqual([]);
  }
}

/** The sign-out message: one error without id (the ping round trip after the deposit proved it arrived). */
function expectSignedOut(ws: WsClient, message: string): void {
  expect(ws.messages.filter((m) => m.type === 'error')).toEqual([{ type: 'error', code: 'INVALID_TOKEN', message, details: null }]);
}

describe('signing out an open connection', () => {
  it('logout ends the private events of the sockets on that login at once, with an error message', async () => {
    const a = await newTrader(platform.url, { USD: '100' });
    const byMessage = await privateFeed({ token: a.session.accessToken });
    const byHeader = await connect({ authorization: `Bearer ${a.session.accessToken}` });
    await byHeader.request({ op: 'subscribe', channels: ['balances'] });
    const again = platform.api().withToken((await platform.api().login(a.name, PASSWORD)).accessToken);
    const control = await privateFeed({ token: (await platform.api().login(a.name, PASSWORD)).accessToken });

    expect((await a.api.call('POST', '/api/v1/auth/logout', { json: {} })).status).toBe(204);
    await depositSeenOnlyBy({ ...a, api: again }, control, [byMessage, byHeader]);
    for (const ws of [byMessage, byHeader]) expectSignedOut(ws, 'The session has ended; log in again.');
    expect(await byMessage.request({ op: 'subscribe', channels: ['balances'] })).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
    expect(control.messages.filter((m) => m.type === 'error')).toEqual([]);
    expect(byMessage.open && byHeader.open).toBe(true);
  });

  it('a password change ends the private events of the user’s other logins', async () => {
    const a = await newTrader(platform.url, { USD: '100' });
    const other = await privateFeed({ token: a.session.accessToken });
    const session = await platform.api().login(a.name, PASSWORD);
    const control = await privateFeed({ token: session.accessToken });
    const changed = await platform.api().withToken(session.accessToken).call('POST', '/api/v1/auth/password', { json: { currentPassword: PASSWORD, newPassword: 'a new horse battery' } });
    expect(changed.status).toBe(204);
    await depositSeenOnlyBy({ ...a, api: platform.api().withToken(session.accessToken) }, control, [other]);
    expectSignedOut(other, 'The session has ended; log in again.');
  });

  it('revoking a key ends the private events of the sockets on that key at once, with an error message', async () => {
    const a = await newTrader(platform.url, { USD: '100' });
    const key = await a.api.createKey('ws key', ['read']);
    const kept = await a.api.createKey('kept key', ['read']);
    const byMessage = await privateFeed({ keyId: key.id, secret: key.secret });
    const byHeader = await connect({ 'x-bourse-key-id': key.id, 'x-bourse-key-secret': key.secret });
    await byHeader.request({ op: 'subscribe', channels: ['balances'] });
    const control = await privateFeed({ keyId: kept.id, secret: kept.secret });

    expect((await a.api.call('DELETE', `/api/v1/api-keys/${key.id}`)).status).toBe(204);
    await depositSeenOnlyBy(a, control, [byMessage, byHeader]);
    for (const ws of [byMessage, byHeader]) expectSignedOut(ws, 'The API key is not valid or has been revoked.');
    expect(await byHeader.request({ op: 'subscribe', channels: ['orders'] })).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
  });

  it('an auth message with bad credentials ends the sign-in before it: no more orders or private events as that user', async () => {
    const a = await newTrader(platform.url, { USD: '100' });
    const ws = await privateFeed({ token: a.session.accessToken });
    const control = await privateFeed({ token: (await platform.api().login(a.name, PASSWORD)).accessToken });
    expect(await ws.request({ op: 'auth', token: 'garbage' })).toMatchObject({ type: 'error', code: 'INVALID_TOKEN' });
    await depositSeenOnlyBy(a, control, [ws]);
    expect(await ws.request({ op: 'place', order: { symbol: 'S01', side: 'buy', type: 'limit', qty: '1', price: '1' } })).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
    // Good credentials sign it in again.
    expect(await ws.request({ op: 'auth', token: a.session.accessToken })).toMatchObject({ type: 'authenticated' });
    expect(ws.open).toBe(true);
  });
});
