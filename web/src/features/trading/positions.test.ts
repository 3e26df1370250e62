import { describe, expect, it } from 'vitest';
import { computePositions, positionTotals, unrealizedPercent, type PositionFill, type PositionTerms } from './positions.ts';

const AAPL: PositionTerms = { symbol: 'AAPL', base: 'AAPL', quote: 'USD', lastPrice: '190.00' };
const BTC: PositionTerms = { symbol: 'BTC-USD', base: 'BTC', quote: 'USD', lastPrice: '65000.00' };

let trade = 0;
function fill(side: 'buy' | 'sell', qty: string, price: string, fee = '0', symbol = 'AAPL', ts?: number): PositionFill {
  trade += 1;
  return { symbol, side, qty, price, fee, tradeId: trade, orderId: 1000 + trade, ts: ts ?? trade };
}

const holding = (symbol: string, qty: string, lastPrice = '1.00') => ({ symbol, qty, lastPrice });

describe('computePositions', () => {
  it('values a long bought in two lots at the average cost and the live price', () => {
    const fills = [fill('buy', '10', '100.00', '0.10'), fill('buy', '10', '110.00', '0.11')];
    const [p] = computePositions([AAPL], fills, [holding('AAPL', '20')], new Map([['AAPL', '120.00']]));
    expect(p).toMatchObject({ symbol: 'AAPL', qty: '20', costedQty: '20', lastPrice: '120.00' });
    expect(Number(p!.avgCost)).toBe(105);
    expect(Number(p!.costBasis)).toBe(2100);
    expect(Number(p!.marketValue)).toBe(2400);
    expect(Number(p!.unrealized)).toBe(300);
    expect(Number(p!.realized)).toBe(0);
    expect(Number(p!.fees)).toBeCloseTo(0.21, 10);
    expect(Number(p!.total)).toBeCloseTo(299.79, 10);
  });

  it('realizes a sell against the average cost and keeps the rest at that cost', () => {
    const fills = [fill('buy', '10', '100.00'), fill('buy', '10', '110.00'), fill('sell', '5', '120.00', '0.06')];
    const [p] = computePositions([AAPL], fills, [holding('AAPL', '15')], new Map([['AAPL', '100.00']]));
    expect(Number(p!.realized)).toBe(75); // 5 × (120 − 105)
    expect(Number(p!.avgCost)).toBe(105);
    expect(Number(p!.costBasis)).toBe(1575);
    expect(Number(p!.unrealized)).toBe(-75); // 15 × (100 − 105)
    expect(Number(p!.total)).toBeCloseTo(-0.06, 10);
  });

  it('orders fills by time whatever order they arrive in, and counts a repeated fill once', () => {
    const buy = fill('buy', '2', '50.00', '0', 'AAPL', 10);
    const sell = fill('sell', '2', '60.00', '0', 'AAPL', 20);
    const [p] = computePositions([AAPL], [sell, buy, { ...sell }], [], new Map());
    expect(p).toMatchObject({ qty: '0', costedQty: '0', avgCost: null });
    expect(Number(p!.realized)).toBe(20);
    expect(Number(p!.unrealized)).toBe(0);
  });

  it('keeps a closed position for its realized P&L and lists open positions first', () => {
    const fills = [fill('buy', '1', '100.00', '0', 'AAPL'), fill('sell', '1', '90.00', '0', 'AAPL'), fill('buy', '0.5', '60000.00', '1.50', 'BTC-USD')];
    const rows = computePositions([AAPL, BTC], fills, [holding('BTC-USD', '0.50000000', '65000.00')], new Map());
    expect(rows.map((r) => r.symbol)).toEqual(['BTC-USD', 'AAPL']);
    expect(Number(rows[1]!.realized)).toBe(-10);
    expect(Number(rows[0]!.unrealized)).toBe(2500); // 0.5 × (65000 − 60000) at the holding's last price
    expect(rows[1]!.lastPrice).toBe('190.00'); // no ticker, no holding: the instrument's last price
  });

  it('gives deposited units no cost and withdrawn units their share of the cost', () => {
    // 10 deposited, 4 bought at 100: only 4 have a cost; the rest is valued but earns no P&L.
    const deposited = computePositions([AAPL], [fill('buy', '4', '100.00')], [holding('AAPL', '14')], new Map([['AAPL', '110.00']]))[0]!;
    expect(deposited).toMatchObject({ qty: '14', costedQty: '4' });
    expect(Number(deposited.marketValue)).toBe(1540);
    expect(Number(deposited.unrealized)).toBe(40);
    // 10 bought at 100, 4 withdrawn: 6 remain at the same average cost.
    const withdrawn = computePositions([AAPL], [fill('buy', '10', '100.00')], [holding('AAPL', '6')], new Map([['AAPL', '100.00']]))[0]!;
    expect(withdrawn).toMatchObject({ costedQty: '6' });
    expect(Number(withdrawn.costBasis)).toBe(600);
    expect(Number(withdrawn.unrealized)).toBe(0);
  });

  it('sells deposited units without inventing a realized P&L', () => {
    const [p] = computePositions([AAPL], [fill('buy', '1', '100.00'), fill('sell', '3', '120.00')], [holding('AAPL', '8')], new Map());
    expect(Number(p!.realized)).toBe(20); // only the one costed unit
    expect(p).toMatchObject({ costedQty: '0', avgCost: null });
  });

  it('stays exact where floats would drift', () => {
    const fills = [fill('buy', '3', '0.10'), fill('buy', '3', '0.20')];
    const [p] = computePositions([AAPL], fills, [holding('AAPL', '6')], new Map([['AAPL', '0.30']]));
    expect(p!.costBasis).toBe('0.90');
    expect(p!.unrealized).toBe('0.90');
    expect(p!.avgCost).toBe('0.150000000000');
  });

  it('leaves out symbols with neither a holding nor a fill', () => {
    expect(computePositions([AAPL, BTC], [], [], new Map())).toEqual([]);
  });
});

describe('positionTotals', () => {
  it('sums value and P&L per quote currency', () => {
    const fills = [fill('buy', '10', '100.00', '1.00'), fill('buy', '1', '60000.00', '2.00', 'BTC-USD')];
    const rows = computePositions([AAPL, BTC], fills, [holding('AAPL', '10'), holding('BTC-USD', '1')], new Map([['AAPL', '101.00'], ['BTC-USD', '61000.00']]));
    const [usd] = positionTotals(rows);
    expect(usd!.quote).toBe('USD');
    expect(Number(usd!.marketValue)).toBe(62010);
    expect(Number(usd!.unrealized)).toBe(1010);
    expect(Number(usd!.fees)).toBe(3);
    expect(Number(usd!.total)).toBe(1007);
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
