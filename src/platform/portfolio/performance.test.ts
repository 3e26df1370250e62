// Performance arithmetic: returns net of capital moves, high-water mark, drawdown and Sharpe.
import { describe, expect, it } from 'vitest';
import { MIN_SHARPE_SAMPLES, PerformanceBook } from './performance.ts';

describe('performance book', () => {
  it('measures return against net deposits and is not fooled by deposits or withdrawals', () => {
    const book = new PerformanceBook({ sampleMs: 60_000 });
    book.capital(1, 10_000, 10_000);
    book.sample(new Map([[1, 10_000]]));
    book.sample(new Map([[1, 11_000]]));
    book.capital(1, 5_000, 16_000);
    book.sample(new Map([[1, 16_000]]));
    const stats = book.stats(1)!;
    expect(stats.netDeposits).toBe(15_000);
    expect(stats.returnPct).toBeCloseTo(1_000 / 15_000);
    expect(stats.maxDrawdownPct).toBe(0);
    book.capital(1, -6_000, 10_000);
    expect(book.stats(1)!.maxDrawdownPct).toBe(0);
  });

  it('tracks the worst fall from the high-water mark and the current drawdown', () => {
    const book = new PerformanceBook({ sampleMs: 60_000 });
    book.capital(2, 1_000, 1_000);
    for (const equity of [1_200, 900, 1_100, 1_000]) book.sample(new Map([[2, equity]]));
    const stats = book.stats(2)!;
    expect(stats.highWaterMark).toBe(1_200);
    expect(stats.maxDrawdownPct).toBeCloseTo(300 / 1_200);
    expect(stats.drawdownPct).toBeCloseTo(200 / 1_200);
  });

  it('annualises Sharpe from per-sample returns and counts trades', () => {
    const book = new PerformanceBook({ sampleMs: 86_400_000 });
    book.capital(3, 100, 100);
    const equities = Array.from({ length: MIN_SHARPE_SAMPLES + 1 }, (_, i) => 100 + i * 0.5 + (i % 3 === 0 ? -1 : 0.25));
    for (const equity of equities.slice(0, -1)) book.sample(new Map([[3, equity]]));
    // One return short of the minimum: no ratio yet.
    expect(book.stats(3)!.sharpe).toBeNull();
    book.sample(new Map([[3, equities.at(-1)!]]));
    book.trade(3);
    book.trade(3);
    const returns = equities.slice(1).map((e, i) => e / equities[i]! - 1);
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const sd = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (returns.length - 1));
    expect(book.stats(3)!.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(365), 6);
    expect(book.stats(3)!.trades).toBe(2);
  });
});
