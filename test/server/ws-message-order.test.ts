// WebSocket messages on one connection take effect in arrival order: a burst behind a cold sign-in, pipelined replace and cancel, random bursts against one message at a time, and a flood while a message waits.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachBackend, type BackendSuite } from '../support/backends.ts';
import { newTrader, PASSWORD, type Trader } from '../support/traders.ts';
import { WsClient, type WsMessage } from '../support/ws-client.ts';

const PRIVATE = ['orders', 'fills', 'balances'];
const order = (changes: Record<string, unknown> = {}) => ({ symbol: 'S03', side: 'buy', type: 'limit', qty: '2', price: '99', ...changes });

/** Sends every message at once, each with the id `b<index>`, and resolves with their replies in the order sent. */
async function burst(ws: WsClient, messages: readonly WsMessage[]): Promise<WsMessage[]> {
  const from = ws.messages.length;
  const replies = messages.map((_, i) => ws.waitFor((m) => m.id === `b${i}`, 10_000, from));
  for (const [i, message] of messages.entries()) ws.send({ ...message, id: `b${i}` });
  return Promise.all(replies);
}

/** An access token of a new login: no request has used it yet, so the server has not verified it. */
async function freshToken(suite: BackendSuite, trader: Trader): Promise<string> {
  return (await suite.platform().api().login(trader.name, PASSWORD)).accessToken;
}

async function connect(suite: BackendSuite): Promise<WsClient> {
  return WsClient.connect(suite.platform().wsUrl);
}

describeEachBackend('messages of one connection', (suite) => {
  it('a burst of auth with a token nobody used yet, subscribe to private channels and place: all succeed, answered in order', async () => {
    const trader = await newTrader(suite.platform().url, { USD: '1000' });
    const token = await freshToken(suite, trader);
    // A new login's token is checked asynchronously at its first use (its cache is cold).
    expect(suite.platform().running.ctx.auth.authenticateToken(await freshToken(suite, trader))).toBeInstanceOf(Promise);
    const ws = await connect(suite);
    const replies = await burst(ws, [{ op: 'auth', token }, { op: 'subscribe', channels: PRIVATE }, { op: 'place', order: order({ clientOrderId: 'cold-jwt' }) }]);
    expect(replies).toMatchObject([
      { type: 'authenticated', userId: trader.user.id, accountId: trader.user.accountId },
      { type: 'subscribed', channels: PRIVATE },
      { type: 'ack', op: 'place', orders: [{ status: 'open', clientOrderId: 'cold-jwt' }] },
    ]);
    const arrivals = replies.map((reply) => ws.messages.indexOf(reply));
    expect(arrivals).toEqual(arrivals.toSorted((a, b) => a - b));
    const orderId = (replies[2]!.orders as Array<{ id: number }>)[0]!.id;
    await ws.waitFor((m) => m.channel === 'orders' && (m.data as { orderId?: number }).orderId === orderId);
    await ws.close();
  });

  it('a burst of auth with an API key never used, subscribe and place: all succeed', async () => {
    const trader = await newTrader(suite.platform().url, { USD: '1000' }, { apiKey: ['read', 'trade'] });
    const sibling = await trader.api.createKey('sibling', ['read']);
    expect(suite.platform().running.ctx.keys.authenticate(sibling.id, sibling.secret)).toBeInstanceOf(Promise);
    const ws = await connect(suite);
    const replies = await burst(ws, [{ op: 'auth', keyId: trader.key.id, secret: trader.key.secret }, { op: 'subscribe', channels: ['orders'] }, { op: 'place', order: order() }, { op: 'cancelAll' }]);
    expect(replies).toMatchObject([
      { type: 'authenticated', accountId: trader.user.accountId },
      { type: 'subscribed', channels: ['orders'] },
      { type: 'ack', op: 'place', orders: [{ status: 'open' }] },
      { type: 'ack', op: 'cancelAll', cancelled: [(replies[2]!.orders as Array<{ id: number }>)[0]!.id] },
    ]);
    await ws.close();
  });

  it('a burst after a failed sign-in is refused as it would be one message at a time', async () => {
    const ws = await connect(suite);
    const replies = await burst(ws, [{ op: 'auth', token: 'not.a.token' }, { op: 'subscribe', channels: ['orders'] }, { op: 'place', order: order() }]);
    expect(replies.map((reply) => reply.code)).toEqual(['INVALID_TOKEN', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    await ws.close();
  });

  it('replace then cancel, pipelined: the replace ack shows the replaced order still open, then the cancel ack', async () => {
    const trader = await newTrader(suite.platform().url, { USD: '1000' });
    const ws = await connect(suite);
    await ws.request({ op: 'auth', token: trader.session.accessToken });
    const placed = await ws.request({ op: 'place', order: order({ clientOrderId: 'rc-1' }) });
    const id = (placed.orders as Array<{ id: number }>)[0]!.id;

    const [replaced, cancelled, late] = await burst(ws, [{ op: 'replace', orderId: id, changes: { qty: '1', price: '98.5' } }, { op: 'cancel', orderId: id }, { op: 'replace', orderId: id, changes: { qty: '3' } }]);
    expect(replaced).toMatchObject({ type: 'ack', op: 'replace', order: { id, qty: '1', price: '98.5', status: 'open' } });
    expect(cancelled).toMatchObject({ type: 'ack', op: 'cancel', order: { id, qty: '1', price: '98.5', status: 'cancelled', reason: 'USER_CANCELLED' } });
    expect(late).toMatchObject({ type: 'error', code: 'UNKNOWN_ORDER' });
    expect(ws.messages.indexOf(replaced!)).toBeLessThan(ws.messages.indexOf(cancelled!));
    await ws.close();
  });

  it('a replayed placement and a refused one, each followed by a cancel, describe the account before that cancel', async () => {
    const trader = await newTrader(suite.platform().url, { USD: '1000' });
    const ws = await connect(suite);
    await ws.request({ op: 'auth', token: trader.session.accessToken });
    const placed = await ws.request({ op: 'place', order: order({ qty: '5', price: '100', clientOrderId: 'rp-1' }) });
    const id = (placed.orders as Array<{ id: number }>)[0]!.id;

    const [replayed, refused, cancelled] = await burst(ws, [{ op: 'place', order: order({ qty: '5', price: '100', clientOrderId: 'rp-1' }) }, { op: 'place', order: order({ qty: '6', price: '100' }) }, { op: 'cancel', orderId: id }]);
    expect(replayed).toMatchObject({ type: 'ack', replayed: true, orders: [{ id, status: 'open' }] });
    // 500.5 of the 1000 USD (price and fee) stay held for the open order until the cancel that follows.
    expect(refused).toMatchObject({ type: 'error', code: 'INSUFFICIENT_FUNDS', details: [{ path: 'qty', message: 'qty 6 needs 600.6 USD held; 499.5 USD is available' }] });
    expect(cancelled).toMatchObject({ type: 'ack', op: 'cancel', order: { id, status: 'cancelled' } });
    await ws.close();
  });

  it('private channels keep the engine order across channels: each fill comes before the `filled` that ends its order, whichever channel was subscribed first', async () => {
    const maker = await newTrader(suite.platform().url, { USD: '1000', S06: '10' });
    for (const price of ['100', '100.5']) await maker.api.placeOrder({ symbol: 'S06', side: 'sell', type: 'limit', qty: '1', price });
    const trader = await newTrader(suite.platform().url, { USD: '1000' });
    const ws = await connect(suite);
    await ws.request({ op: 'auth', token: trader.session.accessToken });
    await ws.request({ op: 'subscribe', channels: ['orders'] });
    await ws.request({ op: 'subscribe', channels: ['balances', 'fills'] });
    const placed = await ws.request({ op: 'place', order: { symbol: 'S06', side: 'buy', type: 'limit', qty: '2', price: '101' } });
    const orderId = (placed.orders as Array<{ id: number }>)[0]!.id;
    const mine = (m: WsMessage) => (m.data as { orderId?: number } | undefined)?.orderId === orderId;
    await ws.waitFor((m) => m.channel === 'orders' && mine(m) && (m.data as { status: string }).status === 'filled');
    const stream = ws.messages.filter((m) => (m.channel === 'orders' || m.channel === 'fills') && mine(m)).map((m) => (m.channel === 'fills' ? `fill ${(m.data as { price: string }).price}` : (m.data as { status: string }).status));
    expect(stream).toEqual(['open', 'fill 100', 'fill 100.5', 'filled']);
    await ws.close();
  });

  it('property: a random burst gets, message for message, the replies it gets sent one at a time', async () => {
    const clientOrderId = fc.constantFrom('c0', 'c1', 'c2');
    const op = fc.oneof(
      fc.record({ op: fc.constant('place'), order: fc.record({ qty: fc.constantFrom('1', '2', '4'), price: fc.constantFrom('97', '98', '99'), clientOrderId: fc.option(clientOrderId, { nil: undefined }) }) }),
      fc.record({ op: fc.constant('place'), order: fc.constant({ qty: 'abc' }) }),
      fc.record({ op: fc.constant('replace'), clientOrderId, changes: fc.oneof(fc.record({ qty: fc.constantFrom('1', '3', '9') }), fc.record({ price: fc.constantFrom('96', '99') })) }),
      fc.record({ op: fc.constant('cancel'), clientOrderId }),
      fc.constant({ op: 'cancelAll', symbol: 'S03' }),
      fc.constant({ op: 'subscribe', channels: ['orders'] }),
      fc.constant({ op: 'unsubscribe', channels: ['orders'] }),
      fc.constant({ op: 'ping' }),
      fc.constant({ op: 'auth' }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 16 }), async (ops) => {
        const [pipelined, oneByOne] = await Promise.all([run(suite, ops, 'burst'), run(suite, ops, 'one at a time')]);
        expect(pipelined).toEqual(oneByOne);
      }),
      { numRuns: 8 },
    );
  });
});

describeEachBackend(
  'a connection flooded while a message waits',
  (suite) => {
    it('is told RATE_LIMITED and closed with 1008 once more than the send-buffer limit waits; nothing after it is handled', async () => {
      const trader = await newTrader(suite.platform().url, {}, { apiKey: ['read'] });
      const ws = await connect(suite);
      // Each sign-in with a key never seen reads the store, so every message waits and the queue only grows.
      const unknownKey = (i: number) => ({ op: 'auth', keyId: `${trader.key.id.slice(0, -6)}${i.toString(36).padStart(6, '0')}`, secret: `${trader.key.secret}${'x'.repeat(100)}` });
      for (let i = 0; i < 400; i++) ws.send({ ...unknownKey(i), id: i });
      expect(await ws.closed).toEqual({ code: 1008, reason: `over ${MAX_WAITING} bytes of messages waiting` });
      const refusal = ws.messages.find((m) => m.code === 'RATE_LIMITED');
      expect(refusal).toEqual({ type: 'error', code: 'RATE_LIMITED', message: `More than ${MAX_WAITING} bytes of messages arrived while an earlier message was still being handled; this connection is closed. Wait for answers before sending more.`, details: { maxBytes: MAX_WAITING } });
      const answered = ws.messages.filter((m) => typeof m.id === 'number');
      // The queue of waiting messages was dropped with the connection: at most the few handled before it filled were answered.
      expect(answered.length).toBeLessThan(50);
      expect(answered.every((m) => m.code === 'INVALID_TOKEN')).toBe(true);
    });
  },
  { ws: { maxBufferedBytes: 8 * 1024 } },
);

const MAX_WAITING = 8 * 1024;

/**
 * Runs `ops` for a new trader on a new connection, signed in first with a token nobody used yet:
 * all at once, or each after the previous reply. Returns each reply with what differs between
 * traders taken out: order ids become their rank of appearance; times and user ids go.
 */
async function run(suite: BackendSuite, ops: readonly WsMessage[], how: 'burst' | 'one at a time'): Promise<unknown[]> {
  const trader = await newTrader(suite.platform().url, { USD: '1000' });
  const [token, another] = [await freshToken(suite, trader), await freshToken(suite, trader)];
  const ws = await connect(suite);
  // A sign-in inside the burst uses another new login: its first check waits too.
  const messages: WsMessage[] = [{ op: 'auth', token }, ...ops.map((m) => (m.op === 'auth' ? { op: 'auth', token: another } : m.op === 'place' ? { ...m, order: order(m.order as Record<string, unknown>) } : m))];
  let replies: WsMessage[];
  if (how === 'burst') replies = await burst(ws, messages);
  else {
    replies = [];
    for (const message of messages) replies.push(await ws.request(message, 10_000));
  }
  await ws.close();
  const ranks = new Map<number, number>();
  const rank = (id: number): number => ranks.get(id) ?? ranks.set(id, ranks.size).size - 1;
  const normal = (value: unknown, key = ''): unknown => {
    if (Array.isArray(value)) return value.map((item) => normal(item, key === 'cancelled' ? 'id' : ''));
    if (typeof value === 'number' && (key === 'id' || key === 'groupId' || key === 'parentId')) return rank(value);
    // Refusals name orders in words too ("already placed order 12").
    if (typeof value === 'string') return value.replace(/order (\d+)/g, (_, id: string) => `order #${rank(Number(id))}`);
    if (typeof value !== 'object' || value === null) return value;
    const kept = Object.entries(value).filter(([k]) => !['ts', 'createdAt', 'updatedAt', 'userId', 'accountId'].includes(k));
    return Object.fromEntries(kept.map(([k, v]) => [k, normal(v, k)]));
  };
  return replies.map(({ id: _id, ...reply }) => normal(reply));
}
