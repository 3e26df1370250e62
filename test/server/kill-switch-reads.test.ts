// Read after answer over REST: once a route that turns the kill switch on has answered, its cancels show in every read, on SQLite and PostgreSQL.
import { beforeAll, it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { Counterparties } from '../support/market.ts';
import { newTrader } from '../support/traders.ts';

/** The race showed about once in ten tries before the answers waited for the cancels. */
const ROUNDS = 15;
const ORDERS = 6;

const restingBuy = (price: string) => ({ symbol: 'S10', side: 'buy', type: 'limit', qty: '1', price }) as const;

describeEachBackend('kill switch: a read right after the answer shows the orders cancelled', ({ platform }) => {
  let cp: Counterparties;
  beforeAll(async () => {
    cp = await Counterparties.create(platform().url, ['S10']);
  });

  it('POST /risk/kill-switch answers once every open order is cancelled and stored', async ({ expect }) => {
    const t = await newTrader(platform().url, { USD: '100000' });
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(Array.from({ length: ORDERS }, (_, i) => t.api.placeOrder(restingBuy(String(91 + i)))));
      expect((await t.api.orders({ status: 'open' })).items).toHaveLength(ORDERS);
      await t.api.post('/api/v1/risk/kill-switch', {});
      expect((await t.api.orders({ status: 'open' })).items, `round ${round}`).toEqual([]);
      await t.api.post('/api/v1/risk/reset', {});
    }
  });

  it('PUT /risk/limits that trips the switch answers once the open orders are cancelled and stored', async ({ expect }) => {
    await cp.trade('S10', '100');
    for (let round = 0; round < ROUNDS; round++) {
      const t = await newTrader(platform().url, { USD: '100000', S10: '10' });
      await Promise.all(Array.from({ length: ORDERS }, (_, i) => t.api.placeOrder(restingBuy(String(91 + i)))));
      // 10 shares at 100 are 1000 of gross exposure.
      await t.api.ok('PUT', '/api/v1/risk/limits', { json: { maxGrossExposure: '500' } });
      expect((await t.api.orders({ status: 'open' })).items, `round ${round}`).toEqual([]);
    }
  });
});
