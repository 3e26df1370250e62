// The private channels speak REST's terms: an order's `type`, a trailing stop's waterMark on acceptance, a fill's id and feeAsset, and a `filled` status when an order fills completely.
import { expect, it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { Counterparties } from '../support/market.ts';
import { newTrader, type Trader } from '../support/traders.ts';
import { dataOf, WsClient, type WsMessage } from '../support/ws-client.ts';

type Data = Record<string, unknown>;

async function privateFeed(url: string, trader: Trader): Promise<WsClient> {
  const ws = await WsClient.connect(url);
  await ws.request({ op: 'auth', token: trader.session.accessToken });
  await ws.request({ op: 'subscribe', channels: ['orders', 'fills'] });
  return ws;
}

const about = (channel: string, orderId: number, status?: string) => (m: WsMessage) => m.channel === channel && dataOf<Data>(m).orderId === orderId && (status === undefined || dataOf<Data>(m).status === status);

/** The data of `channel`'s messages about one order, in the order they came. */
const on = (ws: WsClient, channel: string, orderId: number): Data[] => ws.messages.filter(about(channel, orderId)).map((m) => dataOf<Data>(m));

describeEachBackend('private channel messages', ({ platform }) => {
  it("an accepted order's message names its order type `type`, as REST does, with waterMark: a trailing stop's, null for others", async () => {
    const cp = await Counterparties.create(platform().url, ['S03']);
    await cp.trade('S03', '100');
    const trader = await newTrader(platform().url, { USD: '100000', S03: '10' });
    const ws = await privateFeed(platform().wsUrl, trader);
    for (const input of [
      { symbol: 'S03', side: 'buy', type: 'limit', qty: '1', price: '95', clientOrderId: 'limit-1' },
      { symbol: 'S03', side: 'sell', type: 'trailing_stop', qty: '1', trailAmount: '0.5' },
      { symbol: 'S03', side: 'buy', type: 'stop', qty: '1', stopPrice: '104' },
    ] as const) {
      const order = await trader.api.placeOrder(input);
      const message = await ws.waitFor(about('orders', order.id));
      expect(message.type).toBe('order');
      const data = dataOf<Data>(message);
      expect(data).not.toHaveProperty('orderType');
      // Every field the message shares with REST's order says what REST says.
      for (const field of ['status', 'clientOrderId', 'symbol', 'side', 'type', 'qty', 'price', 'stopPrice', 'waterMark'] as const) expect([field, data[field] ?? null]).toEqual([field, order[field]]);
    }
    const trailing = ws.messages.map((m) => dataOf<Data | undefined>(m)).find((d) => d?.type === 'trailing_stop');
    expect(trailing).toMatchObject({ status: 'untriggered', stopPrice: '99.5', waterMark: '100' });
    await ws.close();
  });

  it('a fill message has the id and feeAsset GET /api/v1/fills shows, and every field REST shows says the same', async () => {
    const cp = await Counterparties.create(platform().url, ['S04']);
    const trader = await newTrader(platform().url, { USD: '100000' });
    const ws = await privateFeed(platform().wsUrl, trader);
    await cp.quote('S04', 'sell', '100', '2');
    const order = await trader.api.placeOrder({ symbol: 'S04', side: 'buy', type: 'market', qty: '2' });
    const fill = dataOf<Data>(await ws.waitFor(about('fills', order.id)));
    const [rest] = (await trader.api.fills({ symbol: 'S04' })).items;
    expect(rest).toBeDefined();
    expect(fill).toMatchObject({ ...rest, leavesQty: '0', filledQty: '2' });
    expect(fill).toMatchObject({ id: expect.any(Number) as unknown, feeAsset: 'USD' });
    await ws.close();
  });

  it('an order that fills completely gets one `filled` message on orders, taker and maker alike; a partial fill gets none', async () => {
    const cp = await Counterparties.create(platform().url, ['S05']);
    const trader = await newTrader(platform().url, { USD: '100000' });
    const ws = await privateFeed(platform().wsUrl, trader);
    const bid = await trader.api.placeOrder({ symbol: 'S05', side: 'buy', type: 'limit', qty: '3', price: '100' });
    await cp.seller.api.placeOrder({ symbol: 'S05', side: 'sell', type: 'limit', qty: '1', price: '100' });
    await ws.waitFor(about('fills', bid.id));
    await cp.seller.api.placeOrder({ symbol: 'S05', side: 'sell', type: 'limit', qty: '2', price: '100' });
    const filled = await ws.waitFor(about('orders', bid.id, 'filled'));
    expect(filled).toEqual({ channel: 'orders', type: 'order', data: { status: 'filled', orderId: bid.id, symbol: 'S05', side: 'buy', filledQty: '3', leavesQty: '0', ts: expect.any(Number) as unknown } });
    expect((await trader.api.order(bid.id)).status).toBe('filled');
    expect(on(ws, 'orders', bid.id).map((d) => d.status)).toEqual(['open', 'filled']);
    expect(on(ws, 'fills', bid.id).map((d) => d.qty)).toEqual(['1', '2']);

    // A taker that fills at once: accepted, then filled; its fill on fills.
    await cp.quote('S05', 'sell', '100', '1');
    const taker = await trader.api.placeOrder({ symbol: 'S05', side: 'buy', type: 'market', qty: '1' });
    await ws.waitFor(about('orders', taker.id, 'filled'));
    await ws.waitFor(about('fills', taker.id));
    expect(on(ws, 'orders', taker.id).map((d) => d.status)).toEqual(['open', 'filled']);

    // The maker's side: the counterparty's ask that the taker took whole.
    const maker = await privateFeed(platform().wsUrl, cp.seller);
    const ask = await cp.quote('S05', 'sell', '100', '1');
    await trader.api.placeOrder({ symbol: 'S05', side: 'buy', type: 'market', qty: '1' });
    await maker.waitFor(about('orders', ask.id, 'filled'));
    expect(on(maker, 'orders', ask.id).map((d) => d.status)).toEqual(['open', 'filled']);
    await maker.close();
    await ws.close();
  });
});
