import { describe, expect, it } from 'vitest';
import { byOpenThenSymbol, positionTotals, revalue, unrealizedPercent, type Position } from './positions.ts';

/** 20 held, 15 of them bought for 1,575 (105 each); 75 realized, 3 in fees; valued at 120. */
const AAPL: Position = {
  symbol: 'AAPL',
  base: 'AAPL',
  quote: 'USD',
  qty: '20',
  costedQty: '15',
  costBasis: '1575.00',
  avgCost: '105',
  lastPrice: '120.00',
  marketValue: '2400.00',
  unrealized: '225.00',
  realized: '75.00',
  fees: '3.00',
  total: '297.00',
};
const BTC: Position = { ...AAPL, symbol: 'BTC-USD', base: 'BTC', qty: '1', costedQty: '1', costBasis: '60000.00', avgCost: '60000', lastPrice: '60000.00', marketValue: '60000.00', unrealized: '0.00', realized: '0', fees: '2.00', total: '-2.00' };

describe('revalue', () => {
  it('moves market value, unrealized P&L and the total with the price; cost and realized stay', () => {
    const moved = revalue(AAPL, '100.00');
    expect(Number(moved.marketValue)).toBe(2000);
    expect(Number(moved.unrealized)).toBe(-75);
    expect(Number(moved.total)).toBe(-3);
    expect(moved).toMatchObject({ lastPrice: '100.00', costBasis: '1575.00', realized: '75.00', avgCost: '105' });
  });

  it('gives the same row back without a newer price', () => {
    expect(revalue(AAPL, undefined)).toBe(AAPL);
    expect(revalue(AAPL, '120')).toBe(AAPL);
  });

  it('values a position that had no price yet', () => {
    const unpriced: Position = { ...AAPL, lastPrice: null, marketValue: null, unrealized: null, total: null };
    expect(Number(revalue(unpriced, '110.00').unrealized)).toBe(75);
  });
});

describe('byOpenThenSymbol', () => {
  it('puts open positions first, each group by symbol', () => {
    const closed = { ...AAPL, symbol: 'AAA', qty: '0' };
    expect(byOpenThenSymbol([closed, BTC, AAPL]).map((p) => p.symbol)).toEqual(['AAPL', 'BTC-USD', 'AAA']);
  });
});

describe('positionTotals', () => {
  it('sums value and P&L per quote currency', () => {
    const [usd] = positionTotals([revalue(AAPL, '101.00'), revalue(BTC, '61000.00')]);
    expect(usd!.quote).toBe('USD');
    expect(Number(usd!.marketValue)).toBe(20 * 101 + 61000);
    expect(Number(usd!.unrealized)).toBe(15 * 101 - 1575 + 1000);
    expect(Number(usd!.fees)).toBe(5);
    expect(Number(usd!.total)).toBe(75 + 15 * 101 - 1575 + 1000 - 5);
  });
});

describe('unrealizedPercent', () => {
  it('is the unrealized P&L over the cost, both ways, and nothing without a cost', () => {
    expect(unrealizedPercent({ unrealized: '300', costBasis: '2100' })).toBe('14.28');
    expect(unrealizedPercent({ unrealized: '-75', costBasis: '1575' })).toBe('-4.76');
    expect(unrealizedPercent({ unrealized: '0', costBasis: '0' })).toBeNull();
    expect(unrealizedPercent({ unrealized: null, costBasis: '10' })).toBeNull();
  });
});
