// Positions over REST on SQLite and PostgreSQL: average cost, realized and unrealized P&L and fees from the account's own fills, after a restart too.
import { it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { Counterparties } from '../support/market.ts';
import { rebind } from '../support/state.ts';
import { newTrader } from '../support/traders.ts';
import type { FillView, PositionView } from '../support/views.ts';

const numbers = (p: PositionView) => Object.fromEntries(Object.entries(p).map(([key, value]) => [key, ['symbol', 'base', 'quote'].includes(key) || value === null ? value : Number(value)]));

describeEachBackend('positions', ({ platform }) => {
  it('average cost over two buys, a partial sell realized against it, the rest valued at the last price; deposits have no cost', async ({ expect }) => {
    const cp = await Counterparties.create(platform().url, ['S03']);
    const a = await newTrader(platform().url, { USD: '10000', S03: '5' });
    const b = await newTrader(platform().url, { USD: '10000' });
    await cp.quote('S03', 'sell', '100', '10');
    await a.api.placeOrder({ symbol: 'S03', side: 'buy', type: 'limit', qty: '10', price: '100' });
    await cp.quote('S03', 'sell', '110', '10');
    await a.api.placeOrder({ symbol: 'S03', side: 'buy', type: 'limit', qty: '10', price: '110' });
    await cp.quote('S03', 'buy', '120', '5');
    // 5 of the 20 costed lots take a quarter of the 2,100 paid: 525.
    await a.api.placeOrder({ symbol: 'S03', side: 'sell', type: 'limit', qty: '5', price: '120' });

    const fees = (await a.api.all<FillView>('/api/v1/fills')).reduce((sum, fill) => sum + Number(fill.fee), 0);
    expect(fees).toBeGreaterThan(0);
    const expected = { symbol: 'S03', base: 'S03', quote: 'USD', qty: 20, costedQty: 15, costBasis: 1_575, avgCost: 105, lastPrice: 120, marketValue: 2_400, unrealized: 225, realized: 75, fees, total: 300 - fees };
    const { positions } = await a.api.get<{ positions: PositionView[] }>('/api/v1/account/positions');
    expect(positions.map(numbers)).toEqual([expected]);
    // Only one's own: b has traded nothing and holds nothing.
    expect((await b.api.get<{ positions: PositionView[] }>('/api/v1/account/positions')).positions).toEqual([]);

    // Loaded from the stored fills after a restart, then kept up to date as trading goes on.
    await platform().restart();
    const api = rebind(a.api, platform().url);
    expect((await api.get<{ positions: PositionView[] }>('/api/v1/account/positions')).positions.map(numbers)).toEqual([expected]);
    const market = await Counterparties.create(platform().url, ['S03']);
    await market.quote('S03', 'buy', '110', '15');
    const sold = await api.placeOrder({ symbol: 'S03', side: 'sell', type: 'limit', qty: '15', price: '110' });
    expect(sold.status).toBe('filled');
    const allFees = (await api.all<FillView>('/api/v1/fills')).reduce((sum, fill) => sum + Number(fill.fee), 0);
    const [after] = (await api.get<{ positions: PositionView[] }>('/api/v1/account/positions')).positions;
    // The last 15 costed lots leave with the last of the cost: 75 + 15 x 110 - 1,575.
    expect(numbers(after!)).toMatchObject({ qty: 5, costedQty: 0, costBasis: 0, avgCost: null, lastPrice: 110, marketValue: 550, unrealized: 0, realized: 150, fees: allFees });
  });
});
