// A trailing stop's water mark over REST, on SQLite and PostgreSQL: from placement, after each move, through a restart and once filled.
import { it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import type { Api } from '../support/http-client.ts';
import { Counterparties } from '../support/market.ts';
import { rebind } from '../support/state.ts';
import { newTrader } from '../support/traders.ts';
import type { OrderView } from '../support/views.ts';

/** The order as the three REST reads show it: by id, by client order id, and in the symbol's list. */
async function reads(api: Api, order: OrderView): Promise<OrderView[]> {
  const listed = (await api.orders({ symbol: order.symbol })).items.find((o) => o.id === order.id);
  if (listed === undefined) throw new Error(`order ${order.id} is not in the ${order.symbol} list`);
  return [await api.order(order.id), (await api.get<{ order: OrderView }>(`/api/v1/orders/by-client-id/${order.clientOrderId!}`)).order, listed];
}

describeEachBackend('trailing stop water mark', ({ platform }) => {
  it('shows the water mark a trailing stop trails from, on every order read, as trades move it, across a restart and after it fills', async ({ expect }) => {
    const cp = await Counterparties.create(platform().url, ['S03']);
    const t = await newTrader(platform().url, { USD: '100000', S03: '10' });
    await cp.trade('S03', '100');

    // Placed when the last price is 100: that is its water mark, and the stop trails it by 0.5.
    const sell = await t.api.placeOrder({ symbol: 'S03', side: 'sell', type: 'trailing_stop', qty: '1', trailAmount: '0.5', clientOrderId: 'wm-sell' });
    expect(sell).toMatchObject({ status: 'untriggered', stopPrice: '99.5', waterMark: '100' });
    for (const read of await reads(t.api, sell)) expect(read).toMatchObject({ status: 'untriggered', stopPrice: '99.5', waterMark: '100' });
    const limit = await t.api.placeOrder({ symbol: 'S03', side: 'sell', type: 'limit', qty: '1', price: '108', clientOrderId: 'wm-limit' });
    expect(limit.waterMark).toBeNull();
    for (const read of await reads(t.api, limit)) expect(read.waterMark).toBeNull();

    // A new high moves both; a lower trade moves neither.
    await cp.trade('S03', '101.2');
    for (const read of await reads(t.api, sell)) expect(read).toMatchObject({ status: 'untriggered', stopPrice: '100.7', waterMark: '101.2' });
    await cp.trade('S03', '100.9');
    for (const read of await reads(t.api, sell)) expect(read).toMatchObject({ stopPrice: '100.7', waterMark: '101.2' });

    // A buy trails the low, here by 1%: 100.9 plus 1.00 (1% of 100.9, floored to the tick).
    const buy = await t.api.placeOrder({ symbol: 'S03', side: 'buy', type: 'trailing_stop', qty: '1', trailPercent: '1', clientOrderId: 'wm-buy' });
    expect(buy).toMatchObject({ status: 'untriggered', stopPrice: '101.9', waterMark: '100.9' });
    await cp.trade('S03', '100.8');
    for (const read of await reads(t.api, buy)) expect(read).toMatchObject({ status: 'untriggered', stopPrice: '101.8', waterMark: '100.8' });
    for (const read of await reads(t.api, sell)) expect(read).toMatchObject({ stopPrice: '100.7', waterMark: '101.2' });

    await platform().restart();
    const url = platform().url;
    const api = rebind(t.api, url);
    for (const read of await reads(api, sell)) expect(read).toMatchObject({ status: 'untriggered', stopPrice: '100.7', waterMark: '101.2' });
    for (const read of await reads(api, buy)) expect(read).toMatchObject({ status: 'untriggered', stopPrice: '101.8', waterMark: '100.8' });
    for (const read of await reads(api, limit)) expect(read.waterMark).toBeNull();

    // After the restart the engine goes on from the same marks: a new high moves the sell again.
    const after = await Counterparties.create(url, ['S03']);
    await after.trade('S03', '101.5');
    for (const read of await reads(api, sell)) expect(read).toMatchObject({ status: 'untriggered', stopPrice: '101', waterMark: '101.5' });
    for (const read of await reads(api, buy)) expect(read).toMatchObject({ stopPrice: '101.8', waterMark: '100.8' });

    // A trade at 101 triggers the sell, which sells to the bid at 100.95; it keeps the mark it triggered from.
    await after.quote('S03', 'buy', '100.95');
    await after.trade('S03', '101');
    for (const read of await reads(api, sell)) expect(read).toMatchObject({ status: 'filled', avgFillPrice: '100.95', stopPrice: '101', waterMark: '101.5' });
    for (const read of await reads(api, buy)) expect(read).toMatchObject({ status: 'untriggered', stopPrice: '101.8', waterMark: '100.8' });
  });
});
