import { describe, expect, it } from 'vitest';
import type { AlgoOrder } from '../../lib/api.ts';
import { algoPlan, filledPercent, isWorking } from './algo-text.ts';

describe('an algo order in words', () => {
  it('says what each algorithm does, prices at the tick', () => {
    expect(algoPlan({ type: 'twap', symbol: 'AAPL', side: 'buy', qty: '100', durationMs: 1_800_000, slices: 6, style: 'limit', limitPrice: '191', randomize: { timing: 0.25 } }, '0.01', '1')).toBe('6 slices over 30 min, limit at the touch, at most 191.00, times ±25%');
    expect(algoPlan({ type: 'vwap', symbol: 'AAPL', side: 'sell', qty: '100', durationMs: 60_000, slices: 1, profile: [1] }, '0.01', '1')).toBe('1 slice over 60 s, market');
    expect(algoPlan({ type: 'peg', symbol: 'AAPL', side: 'sell', qty: '5', improveTicks: 1, limitPrice: '189' }, '0.01', '1')).toBe('1 tick better than the best ask, at least 189.00');
    expect(algoPlan({ type: 'peg', symbol: 'AAPL', side: 'buy', qty: '5' }, '0.01', '1')).toBe('at the best bid');
    expect(algoPlan({ type: 'iceberg', symbol: 'AAPL', side: 'buy', qty: '100', limitPrice: '190', displayQty: '10' }, '0.01', '1')).toBe('shows 10 at a time at 190.00');
    expect(algoPlan({ type: 'stop', symbol: 'AAPL', side: 'sell', qty: '100', stopPrice: '180' }, '0.01', '1')).toBe('triggers at 180.00, then market');
    expect(algoPlan({ type: 'stop', symbol: 'AAPL', side: 'sell', qty: '100', stopPrice: '180', limitPrice: '179.5' }, '0.01', '1')).toBe('triggers at 180.00, then limit 179.50');
    expect(algoPlan({ type: 'trailing_stop', symbol: 'AAPL', side: 'sell', qty: '100', trailPercent: '1.5' }, '0.01', '1')).toBe('trails by 1.5%');
    expect(algoPlan({ type: 'trailing_stop', symbol: 'AAPL', side: 'sell', qty: '100', trailAmount: '2' }, '0.01', '1')).toBe('trails by 2.00');
  });

  it('measures progress and tells working orders from ended ones', () => {
    const order = { filledQty: '25', remainingQty: '75', state: 'running' } as AlgoOrder;
    expect(filledPercent(order)).toBe(25);
    expect(isWorking(order)).toBe(true);
    expect(isWorking({ ...order, state: 'failed' })).toBe(false);
    expect(filledPercent({ ...order, filledQty: '0', remainingQty: '0' })).toBe(0);
  });
});
