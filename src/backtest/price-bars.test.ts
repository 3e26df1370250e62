import { describe, expect, it } from 'vitest';
import { PriceBars } from './price-bars.ts';
import type { BarRecord, TradeRecord } from './types.ts';

const T0 = Date.UTC(2024, 0, 1);
const bar = (i: number, close: number): BarRecord => ({ kind: 'bar', symbol: 'ACME', interval: '1m', openTime: T0 + i * 60_000, ts: T0 + (i + 1) * 60_000, open: close - 1, high: close + 2, low: close - 3, close, volume: 10 });

describe('price bars', () => {
  it('keeps a short series of bars as it is, in price units', () => {
    const bars = new PriceBars('ACME', 100);
    for (let i = 0; i < 50; i++) bars.add(bar(i, 10_000 + i));
    bars.add({ ...bar(3, 1), symbol: 'OTHER' });
    const series = bars.series(0.01, 1);
    expect(series.intervalMs).toBe(60_000);
    expect(series.bars).toHaveLength(50);
    expect(series.bars[1]).toEqual({ ts: T0 + 60_000, open: 100, high: 100.03, low: 99.98, close: 100.01, volume: 10 });
  });

  it('widens the bars along the ladder to stay within the limit, merging them exactly', () => {
    const bars = new PriceBars('ACME', 100);
    for (let i = 0; i < 1_000; i++) bars.add(bar(i, 10_000 + (i % 7) * 10));
    const series = bars.series(1, 1);
    // 1,000 minutes in 15-minute bars (5 minutes would still be 200).
    expect(series.intervalMs).toBe(900_000);
    expect(series.bars).toHaveLength(Math.ceil(1_000 / 15));
    expect(series.bars.reduce((sum, b) => sum + b.volume, 0)).toBe(10_000);
    const first = series.bars[0]!;
    expect(first).toMatchObject({ ts: T0, open: 9_999, close: 10_000 + (14 % 7) * 10, high: 10_062, low: 9_997 });
  });

  it('builds bars from trades', () => {
    const bars = new PriceBars('ACME', 10);
    const trade = (ms: number, price: number): TradeRecord => ({ kind: 'trade', symbol: 'ACME', ts: T0 + ms, price, qty: 2 });
    [trade(0, 5), trade(300, 9), trade(900, 4), trade(1_500, 6)].forEach((t) => bars.add(t));
    expect(bars.series(1, 0.5).bars).toEqual([
      { ts: T0, open: 5, high: 9, low: 4, close: 4, volume: 3 },
      { ts: T0 + 1_000, open: 6, high: 6, low: 6, close: 6, volume: 1 },
    ]);
  });
});
