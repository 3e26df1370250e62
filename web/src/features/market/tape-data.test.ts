// The trade tape's merge of a REST page and live trades that overlap it.
import { describe, expect, it } from 'vitest';
import type { Trade } from '../../lib/api.ts';
import { mergeTrades } from './tape-data.ts';

function trade(tradeId: number): Trade {
  return { tradeId, symbol: 'AAPL', price: '190', qty: '1', takerSide: 'buy', ts: tradeId };
}

describe('trade tape', () => {
  it('keeps each trade once, newest first, within the limit', () => {
    const live = [trade(5), trade(6)];
    // A reload after a reconnect overlaps what arrived live; REST pages are oldest first.
    const merged = mergeTrades(live, [trade(3), trade(4), trade(5)], 3);
    expect(merged.map((t) => t.tradeId)).toEqual([6, 5, 4]);
    expect(mergeTrades([], []).length).toBe(0);
  });
});
