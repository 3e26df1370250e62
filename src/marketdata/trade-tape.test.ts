// Trade tape: one trade per engine trade, newest kept up to capacity per symbol, read oldest first.
import { describe, expect, it } from 'vitest';
import type { Fill } from '../core/events.ts';
import { TradeTape, tradeFromFill, type Trade } from './trade-tape.ts';

const trade = (symbol: string, tradeId: number): Trade => ({ symbol, tradeId, price: 100 + tradeId, qty: 1, ts: tradeId, takerSide: 'buy' });

describe('TradeTape', () => {
  it('keeps the newest trades up to capacity, per symbol', () => {
    const tape = new TradeTape({ capacity: 3 });
    for (let id = 1; id <= 5; id++) tape.record(trade('A', id));
    tape.record(trade('B', 9));
    expect(tape.recent('A').map((t) => t.tradeId)).toEqual([3, 4, 5]);
    expect(tape.recent('A', 2).map((t) => t.tradeId)).toEqual([4, 5]);
    expect(tape.recent('A', 50).map((t) => t.tradeId)).toEqual([3, 4, 5]);
    expect(tape.recent('A', 0)).toEqual([]);
    expect(tape.recent('B').map((t) => t.tradeId)).toEqual([9]);
    expect(tape.recent('C')).toEqual([]);
    expect(tape.size('A')).toBe(3);
    expect(() => tape.recent('A', -1)).toThrow(RangeError);
  });

  it('defaults to 1000 trades', () => {
    const tape = new TradeTape();
    for (let id = 1; id <= 2_500; id++) tape.record(trade('A', id));
    expect(tape.size('A')).toBe(1_000);
    expect(tape.recent('A')[0]?.tradeId).toBe(1_501);
  });

  it('makes one trade from the taker fill of each pair', () => {
    const fill = (liquidity: 'maker' | 'taker', side: 'buy' | 'sell'): Fill => ({
      type: 'Fill', seq: 7, ts: 1_000, tradeId: 3, orderId: liquidity === 'taker' ? 2 : 1, accountId: 1, symbol: 'X', side, liquidity,
      price: 50, qty: 4, fee: 0, counterOrderId: liquidity === 'taker' ? 1 : 2, leavesQty: 0, filledQty: 4,
    });
    expect(tradeFromFill(fill('maker', 'buy'))).toBeUndefined();
    expect(tradeFromFill(fill('taker', 'sell'))).toEqual({ symbol: 'X', tradeId: 3, price: 50, qty: 4, ts: 1_000, takerSide: 'sell' });
  });
});
