// Order entry over WebSocket: place, cancel, replace, cancel-all, OCO and bracket, each acked with its id; errors keep the connection open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { newTrader, type Trader } from '../support/traders.ts';
import type { OrderView } from '../support/views.ts';
import { dataOf, WsClient } from '../support/ws-client.ts';

let platform: TestPlatform;
let trader: Trader;
let ws: WsClient;
beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
  trader = await newTrader(platform.url, { USD: '100000', S01: '100', S02: '100' });
  ws = await WsClient.connect(platform.wsUrl);
  await ws.request({ op: 'auth', token: trader.session.accessToken });
});
afterAll(async () => {
  await ws.close();
  await platform.dispose();
});

const order = (changes: Record<string, unknown> = {}) => ({ symbol: 'S01', side: 'buy', type: 'limit', qty: '2', price: '99', ...changes });
const ackOrders = (ack: Record<string, unknown>) => ack.orders as OrderView[];

describe('order entry', () => {
  it('place, replace and cancel, each acked with the id it came with', async () => {
    const placed = await ws.request({ op: 'place', order: order({ clientOrderId: 'ws-1' }) });
    expect(placed).toMatchObject({ type: 'ack', op: 'place', replayed: false, orders: [{ status: 'open', qty: '2', price: '99', clientOrderId: 'ws-1' }] });
    const id = ackOrders(placed)[0]!.id;
    expect((await trader.api.order(id)).clientOrderId).toBe('ws-1');

    const again = await ws.request({ op: 'place', order: order({ clientOrderId: 'ws-1' }) });
    expect(again).toMatchObject({ type: 'ack', replayed: true, orders: [{ id }] });

    const replaced = await ws.request({ op: 'replace', orderId: id, changes: { qty: '1', price: '98.5' } });
    expect(replaced).toMatchObject({ type: 'ack', op: 'replace', order: { id, qty: '1', price: '98.5' } });
    expect((await trader.api.book('S01')).bids).toEqual([['98.5', '1']]);

    const cancelled = await ws.request({ op: 'cancel', orderId: id });
    expect(cancelled).toMatchObject({ type: 'ack', op: 'cancel', order: { id, status: 'cancelled', reason: 'USER_CANCELLED' } });
    const byClientId = await ws.request({ op: 'place', order: order({ clientOrderId: 'ws-2' }) });
    const idByClient = ackOrders(byClientId)[0]!.id;
    expect(await ws.request({ op: 'replace', clientOrderId: 'ws-2', changes: { qty: '3' } })).toMatchObject({ type: 'ack', op: 'replace', order: { id: idByClient, qty: '3' } });
    expect(await ws.request({ op: 'cancel', clientOrderId: 'ws-2' })).toMatchObject({ type: 'ack', order: { id: idByClient, status: 'cancelled' } });
    expect((await trader.api.book('S01')).bids).toEqual([]);
    // Numeric ids come back as numbers.
    ws.send({ op: 'cancelAll', id: 42 });
    expect(await ws.waitFor((m) => m.id === 42)).toEqual({ type: 'ack', id: 42, op: 'cancelAll', cancelled: [] });
  });

  it('cancel-all by symbol, OCO and bracket', async () => {
    const s1 = ackOrders(await ws.request({ op: 'place', order: order() }))[0]!;
    const s2 = ackOrders(await ws.request({ op: 'place', order: order({ symbol: 'S02' }) }))[0]!;
    expect(await ws.request({ op: 'cancelAll', symbol: 'S01' })).toMatchObject({ type: 'ack', op: 'cancelAll', cancelled: [s1.id] });
    expect((await trader.api.order(s2.id)).status).toBe('open');
    expect(await ws.request({ op: 'cancelAll' })).toMatchObject({ type: 'ack', cancelled: [s2.id] });

    const oco = await ws.request({ op: 'placeOco', legs: [order({ side: 'sell', price: '105' }), { symbol: 'S01', side: 'sell', type: 'stop', qty: '2', stopPrice: '95' }] });
    expect(ackOrders(oco).map((o) => o.status)).toEqual(['open', 'untriggered']);
    const bracket = await ws.request({ op: 'placeBracket', bracket: { entry: order({ symbol: 'S02' }), takeProfitPrice: '104', stopLossPrice: '96' } });
    expect(ackOrders(bracket).map((o) => o.status)).toEqual(['open', 'pending_parent', 'pending_parent']);
    expect((await ws.request({ op: 'cancelAll' })).cancelled).toHaveLength(5);
  });

  it('answers bad messages with an error echoing the id, and stays open', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ op: 'place', order: order({ qty: 'abc' }) }, 'INVALID_QUANTITY'],
      [{ op: 'place' }, 'INVALID_REQUEST'],
      [{ op: 'place', order: order({ extra: true }) }, 'INVALID_REQUEST'],
      [{ op: 'place', order: order({ qty: '100000' }) }, 'INSUFFICIENT_FUNDS'],
      [{ op: 'place', order: order({ symbol: 'NOPE' }) }, 'UNKNOWN_SYMBOL'],
      [{ op: 'cancel', orderId: 'twelve' }, 'INVALID_REQUEST'],
      [{ op: 'cancel', orderId: 99_999 }, 'UNKNOWN_ORDER'],
      [{ op: 'replace', orderId: 99_999, changes: { qty: '1' } }, 'UNKNOWN_ORDER'],
      [{ op: 'replace', clientOrderId: 'never-placed', changes: { qty: '1' } }, 'UNKNOWN_ORDER'],
      [{ op: 'replace', orderId: 1, changes: 'x' }, 'INVALID_REQUEST'],
      [{ op: 'cancelAll', symbol: 7 }, 'INVALID_REQUEST'],
      [{ op: 'cancelAll', symbol: 'NOPE' }, 'UNKNOWN_SYMBOL'],
      [{ op: 'placeOco', legs: [order()] }, 'INVALID_REQUEST'],
      [{ op: 'fly' }, 'INVALID_REQUEST'],
      [{}, 'INVALID_REQUEST'],
    ];
    for (const [message, code] of cases) {
      const reply = await ws.request(message);
      expect({ message, reply }).toMatchObject({ message, reply: { type: 'error', code } });
      expect(String(reply.message).length).toBeGreaterThan(0);
      // The same shape as REST errors: details always present, [{path, message}] for a field (an unlisted symbol, a qty the cash cannot hold), null when there are none.
      expect(reply.details, JSON.stringify(message)).not.toBeUndefined();
      if (code === 'UNKNOWN_SYMBOL') expect(reply.details).toEqual([{ path: 'symbol', message: 'NOPE is not listed; GET /api/v1/instruments lists the symbols.' }]);
      else if (code === 'INSUFFICIENT_FUNDS') expect(reply.details).toEqual([{ path: 'qty', message: 'qty 100000 needs 9909900 USD held; 100000 USD is available' }]);
      else if (!code.startsWith('INVALID_')) expect(reply.details).toBeNull();
    }
    // A part of the message that is missing or no object is refused at its own name, as REST refuses a body's field at its.
    expect(await ws.request({ op: 'place' })).toMatchObject({ type: 'error', code: 'INVALID_REQUEST', message: 'The message is invalid: order is required', details: [{ path: 'order', message: 'order is required' }] });
    expect(await ws.request({ op: 'place', order: 5 })).toMatchObject({ code: 'INVALID_REQUEST', message: 'The message is invalid: order must be an object', details: [{ path: 'order', message: 'order must be an object' }] });
    expect(await ws.request({ op: 'placeBracket' })).toMatchObject({ code: 'INVALID_REQUEST', details: [{ path: 'bracket', message: 'bracket is required' }] });
    expect(await ws.request({ op: 'replace', orderId: 1 })).toMatchObject({ code: 'INVALID_REQUEST', details: [{ path: 'changes', message: 'changes is required' }] });
    // A cancel or replace names its order by orderId or by clientOrderId, one of them.
    expect(await ws.request({ op: 'cancel' })).toMatchObject({ code: 'INVALID_REQUEST', message: 'The message is invalid: orderId or clientOrderId is required', details: [{ path: 'orderId', message: 'orderId or clientOrderId is required' }] });
    expect(await ws.request({ op: 'cancel', orderId: 1, clientOrderId: 'x' })).toMatchObject({ code: 'INVALID_REQUEST', details: [{ path: 'clientOrderId', message: 'give orderId or clientOrderId, not both' }] });
    expect(await ws.request({ op: 'cancel', orderId: 0 })).toMatchObject({ code: 'INVALID_REQUEST', details: [{ path: 'orderId', message: 'orderId must be at least 1' }] });
    expect(await ws.request({ op: 'replace', clientOrderId: '', changes: { qty: '1' } })).toMatchObject({ code: 'INVALID_REQUEST', details: [{ path: 'clientOrderId', message: expect.stringContaining('1 to 64 printable ASCII characters') as unknown }] });
    expect(await ws.request({ op: 'fly' })).toMatchObject({ code: 'INVALID_REQUEST', details: [{ path: 'op', message: expect.stringMatching(/^op must be one of auth, /) as unknown }] });
    // The children of algo orders own the algo-<n>-<n> client order ids.
    expect(await ws.request({ op: 'place', order: order({ clientOrderId: 'algo-7-1' }) })).toMatchObject({ code: 'INVALID_REQUEST', details: [{ path: 'clientOrderId', message: 'ids of the form algo-<n>-<n> are reserved for the child orders of algo orders' }] });
    // A field inside it keeps the path REST gives it in a body.
    expect(await ws.request({ op: 'place', order: order({ qty: undefined }) })).toMatchObject({ code: 'INVALID_REQUEST', details: [{ path: 'qty', message: 'qty is required' }] });
    // A top-level field the op does not take is refused, as a REST body's unknown field is, rather
    // than acted on without it (a misspelt orderId, a channel list under another name).
    expect(await ws.request({ op: 'cancel', orderID: 5 })).toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'The message is invalid: orderID is not a field of a cancel message (a cancel message takes op, id, orderId, clientOrderId)',
      details: [{ path: 'orderID', message: 'orderID is not a field of a cancel message' }],
    });
    expect(await ws.request({ op: 'subscribe', channel: 'trades:S01' })).toMatchObject({ code: 'INVALID_REQUEST', details: [{ path: 'channel', message: 'channel is not a field of a subscribe message' }] });
    expect(await ws.request({ op: 'ping', symbol: 'S01', extra: 1 })).toMatchObject({ code: 'INVALID_REQUEST', details: [{ path: 'symbol' }, { path: 'extra' }] });
    // An id the answer cannot carry back is refused too, with no id.
    const beforeBadId = ws.messages.length;
    ws.sendRaw('{"op":"ping","id":{"n":1}}');
    expect(await ws.waitFor((m) => m.type === 'error', 2_000, beforeBadId)).toEqual({
      type: 'error',
      code: 'INVALID_REQUEST',
      message: 'The message is invalid: id must be a string or a number; the answer to the message carries it back',
      details: [{ path: 'id', message: 'id must be a string or a number; the answer to the message carries it back' }],
    });
    // A message without an op is told op is required; an unknown op is quoted back, cut short when long.
    ws.send({ id: 24 });
    expect(await ws.waitFor((m) => m.id === 24)).toMatchObject({ type: 'error', id: 24, code: 'INVALID_REQUEST', message: 'op is required: one of auth, subscribe, unsubscribe, ping, place, placeOco, placeBracket, cancel, cancelAll, replace.', details: [{ path: 'op', message: 'op is required' }] });
    expect((await ws.request({ op: 'x'.repeat(500) })).message).toMatch(/^Unknown op "x{63}… \(502 characters\): use auth, /);
    // Not JSON objects at all: no id to echo, but an error and no disconnect.
    for (const raw of ['not json', '[1,2]', '"text"', 'null']) {
      const mark = ws.messages.length;
      ws.sendRaw(raw);
      expect(await ws.waitFor((m) => m.type === 'error' && m.code === 'INVALID_REQUEST', 2_000, mark)).toMatchObject({ details: null });
    }
    const mark = ws.messages.length;
    ws.sendRaw(Buffer.from('{"op":"ping"}'), true);
    await ws.waitFor((m) => m.type === 'error', 2_000, mark);
    expect(ws.open).toBe(true);
    expect(await ws.request({ op: 'ping' })).toMatchObject({ type: 'pong' });
  });

  it("answers a cancel or replace of an order not its own live one alike: UNKNOWN_ORDER with the request's id, as REST's 404, and no rejected event", async () => {
    const other = await newTrader(platform.url, { USD: '1000' });
    const theirs = await other.api.placeOrder({ symbol: 'S01', side: 'buy', type: 'limit', qty: '1', price: '90', clientOrderId: 'theirs-1' });
    const caller = await newTrader(platform.url, { USD: '1000' });
    const client = await WsClient.connect(platform.wsUrl);
    await client.request({ op: 'auth', token: caller.session.accessToken });
    await client.request({ op: 'subscribe', channels: ['orders'] });
    const ended = ackOrders(await client.request({ op: 'place', order: order({ qty: '1', clientOrderId: 'ended-1' }) }))[0]!;
    await client.request({ op: 'cancel', orderId: ended.id });
    const mark = client.messages.length;
    const targets: Record<string, Record<string, unknown>> = {
      'an unknown id': { orderId: 99_999 },
      "another account's order": { orderId: theirs.id },
      'an order already cancelled': { orderId: ended.id },
      'an unknown client order id': { clientOrderId: 'never-placed' },
      "another account's client order id": { clientOrderId: 'theirs-1' },
      'the client order id of an ended order': { clientOrderId: 'ended-1' },
    };
    const answers = new Set<string>();
    for (const [name, target] of Object.entries(targets)) {
      for (const request of [{ op: 'cancel', ...target }, { op: 'replace', ...target, changes: { qty: '1' } }]) {
        const reply = await client.request(request);
        expect(reply, `${request.op} of ${name}`).toMatchObject({ type: 'error', id: expect.any(String) as unknown, code: 'UNKNOWN_ORDER', details: null });
        const { id: _id, ...answer } = reply;
        answers.add(JSON.stringify(answer));
      }
      if (!('orderId' in target)) continue;
      for (const reply of [await caller.api.call('DELETE', `/api/v1/orders/${String(target.orderId)}`), await caller.api.call('PATCH', `/api/v1/orders/${String(target.orderId)}`, { json: { qty: '1' } })]) {
        expect(reply.status, name).toBe(404);
        answers.add(JSON.stringify({ type: 'error', ...(reply.body as object) }));
      }
    }
    // Every case answers with the same words, whether or not the order exists elsewhere.
    expect([...answers]).toHaveLength(1);
    ws.send({ op: 'cancel', orderId: theirs.id, id: 7 });
    expect(await ws.waitFor((m) => m.id === 7)).toEqual({ type: 'error', id: 7, code: 'UNKNOWN_ORDER', message: 'No live order with that id belongs to the account.', details: null });
    // None reached the exchange: the next event on the caller's orders channel is a later order's.
    const later = ackOrders(await client.request({ op: 'place', order: order({ qty: '1' }) }))[0]!;
    await client.waitFor((m) => m.channel === 'orders' && dataOf<{ orderId?: number }>(m).orderId === later.id, 5_000, mark);
    expect(client.messages.slice(mark).filter((m) => m.channel === 'orders').map((m) => dataOf<{ orderId?: number }>(m).orderId)).toEqual([later.id]);
    expect((await other.api.order(theirs.id)).status).toBe('open');
    await client.close();
  });

  it('needs a login, and the trade scope', async () => {
    const anonymous = await WsClient.connect(platform.wsUrl);
    expect(await anonymous.request({ op: 'place', order: order() })).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
    expect(await anonymous.request({ op: 'cancelAll' })).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
    const key = await trader.api.createKey('read only', ['read']);
    expect(await anonymous.request({ op: 'auth', keyId: key.id, secret: key.secret })).toMatchObject({ type: 'authenticated' });
    expect(await anonymous.request({ op: 'place', order: order() })).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    expect(await anonymous.request({ op: 'cancelAll' })).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    await anonymous.close();
    expect((await trader.api.orders({ status: 'open' })).items).toEqual([]);
  });

  it('closes a connection that sends a message over the size limit with 1009', async () => {
    const big = await WsClient.connect(platform.wsUrl);
    big.sendRaw(JSON.stringify({ op: 'ping', pad: 'x'.repeat(70 * 1024) }));
    expect((await big.closed).code).toBe(1009);
    expect(await ws.request({ op: 'ping' })).toMatchObject({ type: 'pong' });
  });
});
