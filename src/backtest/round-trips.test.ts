import { describe, expect, it } from 'vitest';
import { moneyDecimals, RoundTrips } from './round-trips.ts';
import type { BacktestMarket, FillRecord } from './types.ts';

const AAPL = { symbol: 'AAPL', base: 'AAPL', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 1, referencePrice: '190', bandBps: 1000 };
const BTC = { ...AAPL, symbol: 'BTC-USD', base: 'BTC', tickSize: '0.01', lotSize: '0.0001' };
const MARKET: BacktestMarket = { assets: [{ code: 'USD', scale: 6 }, { code: 'AAPL', scale: 0 }, { code: 'BTC', scale: 8 }], instruments: [AAPL, BTC] };

const fill = (ts: number, side: 'buy' | 'sell', price: number, qty: number, fee: number): FillRecord => ({ ts, symbol: 'AAPL', side, price, qty, fee, liquidity: 'taker', orderId: ts });

describe('round trips', () => {
  it('give prices, P&L and fees as the decimals they are, without the sums\' binary noise', () => {
    const trips = new RoundTrips((symbol) => moneyDecimals(MARKET, symbol));
    // Bought 1 + 2 at 190.55 and sold 3 at 190.38: as doubles, 190.55000000000004 in, -0.6242790000001046 P&L.
    trips.add(fill(1, 'buy', 190.55, 1, 0.019055));
    trips.add(fill(2, 'buy', 190.55, 2, 0.03811));
    trips.add(fill(3, 'sell', 190.38, 3, 0.057114));
    const [trip] = trips.trips(() => undefined);
    expect(trip).toMatchObject({ entryPrice: 190.55, exitPrice: 190.38, qty: 3, fees: 0.114279, pnl: -0.624279 });
  });

  it('keep a true average price that is not on the grid', () => {
    const trips = new RoundTrips();
    trips.add(fill(1, 'buy', 100, 1, 0));
    trips.add(fill(2, 'buy', 100.01, 2, 0));
    expect(trips.trips(() => 100)[0]!.entryPrice).toBe(100.006666667);
  });

  it('count money to the decimals of a price times a size, or of the currency when it has more', () => {
    expect(moneyDecimals(MARKET, 'AAPL')).toBe(6);
    expect(moneyDecimals(MARKET, 'BTC-USD')).toBe(6);
    expect(moneyDecimals({ ...MARKET, assets: [{ code: 'USD', scale: 2 }, ...MARKET.assets.slice(1)] }, 'BTC-USD')).toBe(6);
    expect(moneyDecimals({ ...MARKET, assets: [{ code: 'USD', scale: 2 }, ...MARKET.assets.slice(1)] }, 'AAPL')).toBe(2);
  });
});
