import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MarketRecord } from './types.ts';
import { warmupSpanMs, WarmupTail } from './warmup.ts';

const trade = (ts: number): MarketRecord => ({ kind: 'trade', symbol: 'ACME', ts, price: 100, qty: 1 });

describe('warm-up history', () => {
  it('reaches back historySize bars of the data (with room for closed hours), or of the strategy\'s longest interval for trades', () => {
    expect(warmupSpanMs('bars', '1m', { intervals: ['1m'], historySize: 500 })).toBe(500 * 60_000 * 3);
    expect(warmupSpanMs('trades', '1m', { intervals: ['1m', '1h'], historySize: 10 })).toBe(10 * 3_600_000);
    expect(warmupSpanMs('bars', '1m', { intervals: [], historySize: 500 })).toBe(0);
    expect(warmupSpanMs('bars', '1m', { intervals: ['1m'], historySize: 0 })).toBe(0);
  });

  it('keeps the last historySize bars in time order, however many came before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 400 }), (historySize, count) => {
        const tail = new WarmupTail('bars', { intervals: ['1m'], historySize });
        for (let i = 0; i < count; i++) tail.push(trade(i));
        const kept = tail.records.map((record) => record.ts);
        expect(kept).toEqual(Array.from({ length: Math.min(historySize, count) }, (_, i) => count - Math.min(historySize, count) + i));
      }),
    );
  });
});
