// A trailing stop's stop price follows the price where clients look: GET /api/v1/orders/{id} and the orders channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Counterparties } from '../support/market.ts';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { newTrader, type Trader } from '../support/traders.ts';
import { WsClients, type WsClient, type WsMessage } from '../support/ws-client.ts';

let platform: TestPlatform;
let cp: Counterparties;
let t: Trader;
const clients = new WsClients(() => platform.wsUrl);

beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
  cp = await Counterparties.create(platform.url, ['S01', 'S02']);
  t = await newTrader(platform.url, { USD: '100000', S01: '10' });
});
afterAll(async () => {
  await clients.closeAll();
  await platform.dispose();
});

async function ordersFeed(trader: Trader): Promise<WsClient> {
  const ws = await clients.connect();
  expect(await ws.request({ op: 'auth', token: trader.session.accessToken })).toMatchObject({ type: 'authenticated' });
  expect(await ws.request({ op: 'subscribe', channels: ['orders'] })).toMatchObject({ type: 'subscribed', channels: ['orders'] });
  return ws;
}

const movedOf = (orderId: number, stopPrice: string) => (m: WsMessage) => {
  const data = m.data as { status?: string; orderId?: number; stopPrice?: string } | undefined;
  return m.channel === 'orders' && data?.status === 'stop_moved' && data.orderId === orderId && data.stopPrice === stopPrice;
};

describe('trailing stop updates', () => {
  it('a sell trailing stop shows its stop rising with the price, over REST and the orders channel, and keeps it once filled', async () => {
    const ws = await ordersFeed(t);
    const order = await t.api.placeOrder({ symbol: 'S01', side: 'sell', type: 'trailing_stop', qty: '1', trailAmount: '0.3' });
    expect(order).toMatchObject({ status: 'untriggered', stopPrice: '99.7' });

    await cp.trade('S01', '101');
    expect(await t.api.order(order.id)).toMatchObject({ status: 'untriggered', stopPrice: '100.7' });
    expect(await ws.waitFor(movedOf(order.id, '100.7'))).toMatchObject({ type: 'order', data: { symbol: 'S01', waterMark: '101' } });

    // A lower trade leaves it where it is, and says nothing.
    const seen = ws.messages.length;
    await cp.trade('S01', '100.9');
    expect(await t.api.order(order.id)).toMatchObject({ stopPrice: '100.7' });

    await cp.trade('S01', '101.31');
    expect(await t.api.order(order.id)).toMatchObject({ status: 'untriggered', stopPrice: '101.01' });
    await ws.waitFor(movedOf(order.id, '101.01'));
    expect(ws.messages.slice(seen).filter((m) => (m.data as { status?: string } | undefined)?.status === 'stop_moved').map((m) => (m.data as { stopPrice: string }).stopPrice)).toEqual(['101.01']);
    // The open-orders list the dashboard reads shows it too.
    expect((await t.api.orders({ symbol: 'S01', status: 'open' })).items.find((o) => o.id === order.id)).toMatchObject({ stopPrice: '101.01' });

    await cp.quote('S01', 'buy', '100.98');
    await cp.trade('S01', '101.01');
    expect(await t.api.order(order.id)).toMatchObject({ status: 'filled', avgFillPrice: '100.98', stopPrice: '101.01' });
  });

  it('a buy trailing stop shows its stop falling with the price', async () => {
    const ws = await ordersFeed(t);
    const order = await t.api.placeOrder({ symbol: 'S02', side: 'buy', type: 'trailing_stop', qty: '1', trailAmount: '0.5' });
    expect(order).toMatchObject({ status: 'untriggered', stopPrice: '100.5' });
    await cp.trade('S02', '99');
    expect(await t.api.order(order.id)).toMatchObject({ status: 'untriggered', stopPrice: '99.5' });
    expect((await ws.waitFor(movedOf(order.id, '99.5'))).data).toMatchObject({ waterMark: '99' });
    await cp.trade('S02', '99.2');
    expect(await t.api.order(order.id)).toMatchObject({ stopPrice: '99.5' });
    await cp.trade('S02', '98.8');
    expect(await t.api.order(order.id)).toMatchObject({ status: 'untriggered', stopPrice: '99.3' });
    await ws.waitFor(movedOf(order.id, '99.3'));
  });
});
