// Positions, holdings and equity on SQLite and PostgreSQL when several listed symbols trade one base asset: the asset is counted once.
import { it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { newTrader, type Trader } from '../support/traders.ts';
import type { PositionView } from '../support/views.ts';

/** BTC is listed three times, in this order: BTC-USD, BTC-EUR and XBT-USD (a finer lot, also in USD). */
const SHARED_BASE_MARKETS = new URL('../support/shared-base-markets.json', import.meta.url);

interface LeaderboardRowView {
  readonly username: string;
  readonly equity: string;
}

const positionsOf = async (trader: Trader) => (await trader.api.get<{ positions: PositionView[] }>('/api/v1/account/positions')).positions;
/** The figures a row's quantities and money come to, as numbers (fees left out: they are per fill). */
const figures = ({ symbol, qty, costedQty, costBasis, lastPrice, marketValue, realized }: PositionView) => ({
  symbol,
  qty: Number(qty),
  costedQty: Number(costedQty),
  costBasis: Number(costBasis),
  lastPrice: Number(lastPrice),
  marketValue: Number(marketValue),
  realized: Number(realized),
});
/** Exact sum of BTC quantities (8 places) as satoshis. */
const satoshis = (positions: readonly PositionView[]) => positions.reduce((sum, p) => sum + Math.round(Number(p.qty) * 1e8), 0);

describeEachBackend('positions on a shared base asset', ({ platform }) => {
  it('each symbol holds its own fills, the first listed symbol the rest; one holding row; equity counts the asset once', async ({ expect }) => {
    const url = platform().url;
    const market = await newTrader(url, { USD: '1000000', EUR: '1000000', BTC: '1000' }, 'mm');
    const a = await newTrader(url, { USD: '10000', EUR: '10000', BTC: '1' });
    const buy = async (symbol: string, qty: string, price: string) => {
      expect((await market.api.placeOrder({ symbol, side: 'sell', type: 'limit', qty, price })).status).toBe('open');
      expect((await a.api.placeOrder({ symbol, side: 'buy', type: 'limit', qty, price })).status).toBe('filled');
    };
    await buy('BTC-USD', '0.5', '100');
    await buy('BTC-EUR', '0.1', '90');
    await buy('XBT-USD', '0.2', '110');

    // 1.8 BTC held: 0.5 bought through BTC-USD plus the deposited 1 (the first listed symbol's), 0.1 and 0.2 through the others.
    let positions = await positionsOf(a);
    expect(positions.map(figures)).toEqual([
      { symbol: 'BTC-EUR', qty: 0.1, costedQty: 0.1, costBasis: 9, lastPrice: 90, marketValue: 9, realized: 0 },
      { symbol: 'BTC-USD', qty: 1.5, costedQty: 0.5, costBasis: 50, lastPrice: 100, marketValue: 150, realized: 0 },
      { symbol: 'XBT-USD', qty: 0.2, costedQty: 0.2, costBasis: 22, lastPrice: 110, marketValue: 22, realized: 0 },
    ]);
    expect(positions.every((p) => p.base === 'BTC')).toBe(true);
    expect(satoshis(positions)).toBe(1.8e8);

    // One holding row for the asset, valued through its first listed symbol.
    expect(await a.api.holdings()).toEqual([{ symbol: 'BTC-USD', asset: 'BTC', qty: '1.8', available: '1.8', held: '0', lastPrice: '100', marketValue: '180', quote: 'USD' }]);

    // Equity in USD: the cash plus 1.8 BTC at BTC-USD's last price, once (not once per symbol).
    const usd = Number((await a.api.balance('USD')).total);
    const board = await a.api.get<{ rows: LeaderboardRowView[] }>('/api/v1/leaderboard', { limit: 500 });
    expect(Number(board.rows.find((r) => r.username === a.name)?.equity)).toBeCloseTo(usd + 180, 2);
    expect(Number((await a.api.get<{ equity: string }>('/api/v1/risk/status')).equity)).toBeCloseTo(usd + 180, 2);

    // Selling 0.3 through BTC-EUR realizes only on the 0.1 it bought; the other 0.2 leave the first listed symbol's rest.
    expect((await market.api.placeOrder({ symbol: 'BTC-EUR', side: 'buy', type: 'limit', qty: '0.3', price: '95' })).status).toBe('open');
    expect((await a.api.placeOrder({ symbol: 'BTC-EUR', side: 'sell', type: 'limit', qty: '0.3', price: '95' })).status).toBe('filled');
    positions = await positionsOf(a);
    expect(positions.map(figures)).toEqual([
      { symbol: 'BTC-EUR', qty: 0, costedQty: 0, costBasis: 0, lastPrice: 95, marketValue: 0, realized: 0.5 },
      { symbol: 'BTC-USD', qty: 1.3, costedQty: 0.5, costBasis: 50, lastPrice: 100, marketValue: 130, realized: 0 },
      { symbol: 'XBT-USD', qty: 0.2, costedQty: 0.2, costBasis: 22, lastPrice: 110, marketValue: 22, realized: 0 },
    ]);
    expect(satoshis(positions)).toBe(1.5e8);

    // Withdrawing more than the uncosted rest: the shortfall comes out of the first listed symbol's lots first.
    await a.api.post('/api/v1/account/withdrawals', { asset: 'BTC', amount: '1' });
    positions = await positionsOf(a);
    expect(positions.map(figures)).toEqual([
      { symbol: 'BTC-EUR', qty: 0, costedQty: 0, costBasis: 0, lastPrice: 95, marketValue: 0, realized: 0.5 },
      { symbol: 'BTC-USD', qty: 0.3, costedQty: 0.3, costBasis: 30, lastPrice: 100, marketValue: 30, realized: 0 },
      { symbol: 'XBT-USD', qty: 0.2, costedQty: 0.2, costBasis: 22, lastPrice: 110, marketValue: 22, realized: 0 },
    ]);
    expect(satoshis(positions)).toBe(0.5e8);
    expect(await a.api.holdings()).toEqual([{ symbol: 'BTC-USD', asset: 'BTC', qty: '0.5', available: '0.5', held: '0', lastPrice: '100', marketValue: '50', quote: 'USD' }]);
  });

  it('an account that only deposited the asset has one position, in the first listed symbol', async ({ expect }) => {
    const b = await newTrader(platform().url, { USD: '100', BTC: '0.25' });
    expect((await positionsOf(b)).map((p) => [p.symbol, p.qty, p.costedQty])).toEqual([['BTC-USD', '0.25', '0']]);
    expect((await b.api.holdings()).map((h) => [h.symbol, h.asset, h.qty])).toEqual([['BTC-USD', 'BTC', '0.25']]);
  });
}, { marketsFile: SHARED_BASE_MARKETS });
