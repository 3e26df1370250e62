// A client order id sent again, over REST and WebSocket, on SQLite and PostgreSQL: the same request reads the original back silently, another is 409, before and after a restart.
import { it, type ExpectStatic } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import type { Api } from '../support/http-client.ts';
import { rebind } from '../support/state.ts';
import { newTrader } from '../support/traders.ts';
import type { OrderView } from '../support/views.ts';
import { WsClient, type WsMessage } from '../support/ws-client.ts';

type Json = Record<string, unknown>;

/** The number of commands the journal holds, as /healthz tells it. */
async function journalSeq(api: Api): Promise<number> {
  return (await api.call<{ journalSeq: number }>('GET', '/healthz')).body.journalSeq;
}

/** The bourse_orders_total series (orders by type and result) as /metrics shows them. */
async function ordersCounted(api: Api): Promise<string[]> {
  return (await api.call('GET', '/metrics')).text.split('\n').filter((line) => line.startsWith('bourse_orders_total{'));
}

async function ordersFeed(wsUrl: string, token: string): Promise<WsClient> {
  const ws = await WsClient.connect(wsUrl);
  await ws.request({ op: 'auth', token });
  await ws.request({ op: 'subscribe', channels: ['orders'] });
  return ws;
}

const orderIdOf = (message: WsMessage): unknown => (message.data as { orderId?: unknown } | undefined)?.orderId;

/**
 * Runs `resend`, then places a marker order: the orders channel delivers in journal order, so once
 * the marker's event is in, anything the resends caused would have come before it. Expects the
 * journal to have grown by the marker alone, no order to be counted by the resends, and the channel
 * to carry only the marker's events.
 */
async function expectSilent(expect: ExpectStatic, api: Api, ws: WsClient, resend: () => Promise<void>): Promise<void> {
  const seq = await journalSeq(api);
  const counted = await ordersCounted(api);
  const from = ws.messages.length;
  await resend();
  expect(await journalSeq(api)).toBe(seq);
  expect(await ordersCounted(api)).toEqual(counted);
  const marker = await api.placeOrder({ symbol: 'S21', side: 'buy', type: 'limit', qty: '1', price: '90' });
  await ws.waitFor((m) => m.channel === 'orders' && orderIdOf(m) === marker.id, 5_000, from);
  expect(ws.messages.slice(from).filter((m) => m.channel === 'orders' && orderIdOf(m) !== marker.id)).toEqual([]);
  expect(await journalSeq(api)).toBe(seq + 1);
}

describeEachBackend('client order id resends', ({ platform }) => {
  it('the same order again, as sent or with its defaults and numbers written otherwise, answers 200 with the original and journals and publishes nothing', async ({ expect }) => {
    const t = await newTrader(platform().url, { USD: '100000' });
    const ws = await ordersFeed(platform().wsUrl, t.session.accessToken);
    const body = { symbol: 'S21', side: 'buy', type: 'limit', qty: '2', price: '98', clientOrderId: 'same-1' };
    const first = await t.api.call<{ order: OrderView; replayed: boolean }>('POST', '/api/v1/orders', { json: body });
    expect({ status: first.status, replayed: first.body.replayed }).toEqual({ status: 201, replayed: false });
    await ws.waitFor((m) => m.channel === 'orders' && orderIdOf(m) === first.body.order.id);
    const held = await t.api.balance('USD');

    const spelledOut = { ...body, qty: '2.0', price: 98, tif: 'gtc', postOnly: false, stp: 'cancel_newest' };
    await expectSilent(expect, t.api, ws, async () => {
      for (const resend of [body, spelledOut]) {
        const again = await t.api.call('POST', '/api/v1/orders', { json: resend });
        expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: { order: first.body.order, replayed: true } });
      }
      expect(await t.api.balance('USD')).toEqual(held);
    });
    expect((await t.api.orders({ symbol: 'S21', status: 'all' })).items.filter((o) => o.clientOrderId === 'same-1')).toHaveLength(1);
    await ws.close();
  });

  it('every order type, as the engine took it (defaults, derived stop prices, ended on arrival), is the same request again', async ({ expect }) => {
    const t = await newTrader(platform().url, { USD: '100000', S24: '10' });
    const expireAt = Date.now() + 3_600_000;
    const orders: Array<[Json, Json]> = [
      [{ type: 'market', side: 'buy', qty: '1' }, { qty: 1, tif: 'ioc' }],
      [{ type: 'limit', side: 'buy', qty: '1', price: '95', tif: 'gtd', expireAt, postOnly: true }, { price: '95.00', expireAt, postOnly: true, tif: 'gtd' }],
      [{ type: 'stop', side: 'sell', qty: '1', stopPrice: '90' }, { stopPrice: 90 }],
      [{ type: 'stop_limit', side: 'sell', qty: '1', stopPrice: '90', price: '89.5', stp: 'cancel_both' }, { price: '89.50', stp: 'cancel_both' }],
      [{ type: 'trailing_stop', side: 'sell', qty: '1', trailPercent: '2.5' }, { trailPercent: '2.50' }],
      [{ type: 'trailing_stop', side: 'sell', qty: '1', trailAmount: '1.5', tif: 'day' }, { trailAmount: 1.5 }],
    ];
    for (const [i, [order, spelledOtherwise]] of orders.entries()) {
      const body = { symbol: 'S24', clientOrderId: `kind-${i}`, ...order };
      const first = await t.api.call<{ order: OrderView }>('POST', '/api/v1/orders', { json: body });
      expect(first.status, JSON.stringify(body)).toBe(201);
      for (const again of [body, { ...body, ...spelledOtherwise }]) {
        const reply = await t.api.call<{ order: OrderView }>('POST', '/api/v1/orders', { json: again });
        expect({ status: reply.status, id: reply.body.order?.id }, JSON.stringify(again)).toEqual({ status: 200, id: first.body.order.id });
      }
    }
  });

  it('an order replaced since is still the same request as first sent: 200 with the order as it stands; its new terms are 409', async ({ expect }) => {
    const t = await newTrader(platform().url, { USD: '100000' });
    const body = { symbol: 'S21', side: 'buy', type: 'limit', qty: '3', price: '94', clientOrderId: 'replaced-1' } as const;
    const { id } = await t.api.placeOrder(body);
    const replaced = await t.api.call<{ order: OrderView }>('PATCH', `/api/v1/orders/${id}`, { json: { qty: '2', price: '93.5' } });
    expect(replaced.body.order).toMatchObject({ qty: '2', price: '93.5' });
    const again = await t.api.call('POST', '/api/v1/orders', { json: body });
    expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: { order: await t.api.order(id), replayed: true } });
    const asReplaced = expectErrorWith(expect, await t.api.call('POST', '/api/v1/orders', { json: { ...body, qty: '2', price: '93.5' } }), 409, 'DUPLICATE_CLIENT_ORDER_ID');
    expect(asReplaced.details).toEqual([
      { path: 'qty', message: `qty is 2 here but 3 when order ${id} was placed` },
      { path: 'price', message: `price is 93.5 here but 94 when order ${id} was placed` },
    ]);
  });

  it('two sends of one order at once place it once: one answers 201, the other 200 with the same order', async ({ expect }) => {
    const t = await newTrader(platform().url, { USD: '100000' });
    const body = { symbol: 'S21', side: 'buy', type: 'limit', qty: '1', price: '95', clientOrderId: 'at-once' };
    const replies = await Promise.all([0, 1].map(() => t.api.call<{ order: OrderView; replayed: boolean }>('POST', '/api/v1/orders', { json: body })));
    expect(replies.map((r) => [r.status, r.body.replayed]).sort()).toEqual([[200, true], [201, false]]);
    expect(replies[0]!.body.order).toEqual(replies[1]!.body.order);
  });

  it('the id with other terms is 409 DUPLICATE_CLIENT_ORDER_ID naming each difference, and nothing is journaled or published', async ({ expect }) => {
    const t = await newTrader(platform().url, { USD: '100000', S21: '10' });
    const ws = await ordersFeed(platform().wsUrl, t.session.accessToken);
    const body = { symbol: 'S21', side: 'buy', type: 'limit', qty: '2', price: '98', clientOrderId: 'differs-1' } as const;
    const { id } = await t.api.placeOrder(body);
    const cases: Array<[Json, Array<{ path: string; message: string }>]> = [
      [{ qty: '3' }, [{ path: 'qty', message: `qty is 3 here but 2 when order ${id} was placed` }]],
      [{ side: 'sell', price: '98.5' }, [{ path: 'side', message: `side is sell here but buy when order ${id} was placed` }, { path: 'price', message: `price is 98.5 here but 98 when order ${id} was placed` }]],
      [{ tif: 'day' }, [{ path: 'tif', message: `tif is day here but gtc when order ${id} was placed` }]],
      [{ symbol: 'S22' }, [{ path: 'symbol', message: `symbol is S22 here but S21 when order ${id} was placed` }]],
      [{ type: 'stop_limit', stopPrice: '99' }, [{ path: 'type', message: `type is stop_limit here but limit when order ${id} was placed` }, { path: 'stopPrice', message: `stopPrice is 99 here but none when order ${id} was placed` }]],
    ];
    await expectSilent(expect, t.api, ws, async () => {
      for (const [change, details] of cases) {
        const refused = expectErrorWith(expect, await t.api.call('POST', '/api/v1/orders', { json: { ...body, ...change } }), 409, 'DUPLICATE_CLIENT_ORDER_ID');
        expect(refused.details, JSON.stringify(change)).toEqual(details);
        expect(refused.message).toBe(
          `Client order id "differs-1" already placed order ${id}, and this request differs from it: ${details.map((d) => d.message).join('; ')}. Send the original request again to read it back, or use a new client order id for a new order.`,
        );
      }
    });
    expect(await t.api.order(id)).toMatchObject({ qty: '2', price: '98', status: 'open' });
    await ws.close();
  });

  it('an OCO or a bracket sent again: the same one answers 200 with the whole group, another 409; a single order with a group id is 409', async ({ expect }) => {
    const t = await newTrader(platform().url, { USD: '100000', S22: '10' });
    const ws = await ordersFeed(platform().wsUrl, t.session.accessToken);
    const legs = [
      { symbol: 'S22', side: 'sell', type: 'limit', qty: '1', price: '105', clientOrderId: 'oco-a' },
      { symbol: 'S22', side: 'sell', type: 'stop', qty: '1', stopPrice: '95', clientOrderId: 'oco-b' },
    ];
    const bracket = { entry: { symbol: 'S22', side: 'buy', type: 'limit', qty: '1', price: '96', clientOrderId: 'bracket-a' }, takeProfitPrice: '104', stopLossPrice: '94' };
    const oco = await t.api.call<{ orders: OrderView[] }>('POST', '/api/v1/orders/oco', { json: { legs } });
    const group = await t.api.call<{ orders: OrderView[] }>('POST', '/api/v1/orders/bracket', { json: bracket });
    expect([oco.status, group.status]).toEqual([201, 201]);
    const [a, b] = oco.body.orders.map((o) => o.id) as [number, number];
    const [entry, takeProfit, stopLoss] = group.body.orders.map((o) => o.id) as [number, number, number];

    await expectSilent(expect, t.api, ws, async () => {
      const ocoAgain = await t.api.call('POST', '/api/v1/orders/oco', { json: { legs: [{ ...legs[0], price: '105.00' }, legs[1]] } });
      expect({ status: ocoAgain.status, body: ocoAgain.body }).toEqual({ status: 200, body: { orders: oco.body.orders, replayed: true } });
      const bracketAgain = await t.api.call('POST', '/api/v1/orders/bracket', { json: { ...bracket, stopLossPrice: 94 } });
      expect({ status: bracketAgain.status, body: bracketAgain.body }).toEqual({ status: 200, body: { orders: group.body.orders, replayed: true } });

      const otherLeg = expectErrorWith(expect, await t.api.call('POST', '/api/v1/orders/oco', { json: { legs: [legs[0], { ...legs[1], stopPrice: '94' }] } }), 409, 'DUPLICATE_CLIENT_ORDER_ID');
      expect(otherLeg.details).toEqual([{ path: 'legs.1.stopPrice', message: `legs.1.stopPrice is 94 here but 95 when order ${b} was placed` }]);
      expect(otherLeg.message).toMatch(new RegExp(`^Client order id "oco-a" already placed the OCO group of orders ${a} and ${b}, and this request differs from it: `));
      // The second leg's id alone names the group too; the first leg is then the one that differs.
      const secondId = expectErrorWith(expect, await t.api.call('POST', '/api/v1/orders/oco', { json: { legs: [{ ...legs[0], clientOrderId: 'oco-c' }, legs[1]] } }), 409, 'DUPLICATE_CLIENT_ORDER_ID');
      expect(secondId.details).toEqual([{ path: 'legs.0.clientOrderId', message: `legs.0.clientOrderId is oco-c here but oco-a when order ${a} was placed` }]);

      const otherExits = expectErrorWith(expect, await t.api.call('POST', '/api/v1/orders/bracket', { json: { ...bracket, takeProfitPrice: '105', stopLossLimitPrice: '93.5' } }), 409, 'DUPLICATE_CLIENT_ORDER_ID');
      expect(otherExits.details).toEqual([
        { path: 'takeProfitPrice', message: `takeProfitPrice is 105 here but 104 when order ${takeProfit} was placed` },
        { path: 'stopLossLimitPrice', message: `stopLossLimitPrice is 93.5 here but none when order ${stopLoss} was placed` },
      ]);
      const otherEntry = expectErrorWith(expect, await t.api.call('POST', '/api/v1/orders/bracket', { json: { ...bracket, entry: { ...bracket.entry, qty: '2' } } }), 409, 'DUPLICATE_CLIENT_ORDER_ID');
      expect(otherEntry.details).toEqual([{ path: 'entry.qty', message: `entry.qty is 2 here but 1 when order ${entry} was placed` }]);

      const single = expectErrorWith(expect, await t.api.call('POST', '/api/v1/orders', { json: bracket.entry }), 409, 'DUPLICATE_CLIENT_ORDER_ID');
      expect(single.details).toEqual([{ path: '', message: `the bracket of orders ${entry}, ${takeProfit} and ${stopLoss} is a bracket, this request places a single order` }]);
      const asOco = expectErrorWith(expect, await t.api.call('POST', '/api/v1/orders/oco', { json: { legs: [{ ...legs[0], clientOrderId: 'bracket-a' }, { ...legs[1], clientOrderId: 'oco-d' }] } }), 409, 'DUPLICATE_CLIENT_ORDER_ID');
      expect(asOco.details).toEqual([{ path: '', message: `the bracket of orders ${entry}, ${takeProfit} and ${stopLoss} is a bracket, this request places an OCO group` }]);
    });
    expect((await t.api.orders({ symbol: 'S22', status: 'all' })).items).toHaveLength(5);
    await ws.close();
  });

  it('over WebSocket: the same place again acks the original with replayed true, another is an error with the 409 code, and the orders channel stays quiet', async ({ expect }) => {
    const t = await newTrader(platform().url, { USD: '100000' });
    const ws = await ordersFeed(platform().wsUrl, t.session.accessToken);
    const order = { symbol: 'S21', side: 'buy', type: 'limit', qty: '1', price: '97', clientOrderId: 'ws-same' };
    const placed = await ws.request({ op: 'place', order });
    expect(placed).toMatchObject({ type: 'ack', replayed: false });
    const [original] = placed.orders as [OrderView];
    await ws.waitFor((m) => m.channel === 'orders' && orderIdOf(m) === original.id);
    await expectSilent(expect, t.api, ws, async () => {
      const again = await ws.request({ op: 'place', order: { ...order, qty: 1 } });
      expect(again).toEqual({ type: 'ack', id: again.id, op: 'place', replayed: true, orders: [original] });
      const other = await ws.request({ op: 'place', order: { ...order, price: '96' } });
      expect(other).toEqual({
        type: 'error',
        id: other.id,
        code: 'DUPLICATE_CLIENT_ORDER_ID',
        message: `Client order id "ws-same" already placed order ${original.id}, and this request differs from it: price is 96 here but 97 when order ${original.id} was placed. Send the original request again to read it back, or use a new client order id for a new order.`,
        details: [{ path: 'price', message: `price is 96 here but 97 when order ${original.id} was placed` }],
      });
      const bracket = await ws.request({ op: 'placeBracket', bracket: { entry: order, takeProfitPrice: '99', stopLossPrice: '95' } });
      expect(bracket).toMatchObject({ type: 'error', code: 'DUPLICATE_CLIENT_ORDER_ID', details: [{ path: '' }] });
    });
    await ws.close();
  });

  it('after a restart, a resend of a live or an ended order still reads the original back, and other terms are still 409', async ({ expect }) => {
    const t = await newTrader(platform().url, { USD: '100000' });
    const live = { symbol: 'S23', side: 'buy', type: 'limit', qty: '1', price: '97', clientOrderId: 'kept-live' } as const;
    const ended = { ...live, price: '96', clientOrderId: 'kept-ended' };
    const liveOrder = await t.api.placeOrder(live);
    const endedOrder = await t.api.cancel((await t.api.placeOrder(ended)).id);
    await platform().restart();
    const api = rebind(t.api, platform().url);
    const ws = await ordersFeed(platform().wsUrl, t.session.accessToken);
    await expectSilent(expect, api, ws, async () => {
      for (const [body, order] of [[live, liveOrder], [ended, endedOrder]] as const) {
        const again = await api.call('POST', '/api/v1/orders', { json: body });
        expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: { order, replayed: true } });
        const other = expectErrorWith(expect, await api.call('POST', '/api/v1/orders', { json: { ...body, qty: '5' } }), 409, 'DUPLICATE_CLIENT_ORDER_ID');
        expect(other.details).toEqual([{ path: 'qty', message: `qty is 5 here but 1 when order ${order.id} was placed` }]);
      }
    });
    await ws.close();
  });
});
