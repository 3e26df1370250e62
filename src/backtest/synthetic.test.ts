// Tests for the synthetic data generator: determinism, the tick grid, bar consistency, and drift and volatility over many samples.
import { describe, expect, it } from 'vitest';
import { toUnits } from '../core/decimal.ts';
import { barProblem } from '../core/market-history.ts';
import { startPriceProblem, syntheticBars, syntheticProblem, syntheticTrades, type SyntheticOptions } from './synthetic.ts';

const DAY = 86_400_000;
const BASE: SyntheticOptions = { seed: 7, startTime: 1_700_000_000_000, startPrice: '100', tickSize: '0.01', lotSize: '0.001', drift: 0.1, volatility: 0.3 };

function take<T>(items: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (out.length >= n) break;
    out.push(item);
  }
  return out;
}

/** Mean and standard deviation of the log returns between consecutive closes. */
function logReturnStats(closes: readonly number[]): { mean: number; sd: number } {
  const returns = closes.slice(1).map((close, i) => Math.log(close / closes[i]!));
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (returns.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

describe('syntheticTrades', () => {
  it('repeats exactly for a seed and differs for another', () => {
    expect([...syntheticTrades(BASE, 2_000)]).toEqual([...syntheticTrades(BASE, 2_000)]);
    expect([...syntheticTrades({ ...BASE, seed: 8 }, 50)]).not.toEqual([...syntheticTrades(BASE, 50)]);
    // A longer run starts with the shorter one: streaming does not depend on the count.
    expect(take(syntheticTrades(BASE, 5_000), 100)).toEqual([...syntheticTrades(BASE, 100)]);
  });

  it('puts prices and sizes on the grid, positive, in time order with seq numbering shared milliseconds', () => {
    const trades = [...syntheticTrades({ ...BASE, startPrice: '0.05', volatility: 3, meanTradeGapMs: 0.7 }, 20_000)];
    expect(trades[0]!.ts).toBe(BASE.startTime);
    let shared = 0;
    for (const [i, trade] of trades.entries()) {
      expect(toUnits(trade.price, '0.01')).toBeGreaterThanOrEqual(1);
      expect(toUnits(trade.qty, '0.001')).toBeGreaterThanOrEqual(1);
      const previous = trades[i - 1];
      if (previous === undefined) continue;
      expect(trade.ts).toBeGreaterThanOrEqual(previous.ts);
      expect(trade.seq).toBe(trade.ts === previous.ts ? previous.seq + 1 : 0);
      if (trade.ts === previous.ts) shared++;
    }
    expect(shared).toBeGreaterThan(1_000);
  });

  it('streams millions without holding them', () => {
    let count = 0;
    let last = 0;
    for (const trade of syntheticTrades(BASE, 1_000_000)) {
      count++;
      last = trade.ts;
    }
    expect(count).toBe(1_000_000);
    expect(last).toBeGreaterThan(BASE.startTime);
  });
});

describe('syntheticBars', () => {
  it('gives consistent bars: each opens at the last close and low <= open, close <= high', () => {
    const bars = [...syntheticBars({ ...BASE, volatility: 1.5, jumps: { perYear: 50, mean: 0, stdDev: 0.1 } }, 5_000, 60_000)];
    for (const [i, bar] of bars.entries()) {
      expect(barProblem(bar)).toBeUndefined();
      expect(bar.openTime).toBe(BASE.startTime + i * 60_000);
      for (const price of [bar.open, bar.high, bar.low, bar.close]) expect(toUnits(price, '0.01')).toBeGreaterThanOrEqual(1);
      if (i > 0) expect(bar.open).toBe(bars[i - 1]!.close);
    }
    expect([...syntheticBars(BASE, 300, DAY)]).toEqual([...syntheticBars(BASE, 300, DAY)]);
  });

  it('has roughly the drift and volatility asked for, and fatter moves with jumps', () => {
    const options = { ...BASE, startPrice: '10000', drift: 0.08, volatility: 0.25 };
    const dt = 1 / 365.25;
    const closes = [...syntheticBars(options, 20_000, DAY, 4)].map((bar) => Number(bar.close));
    const { mean, sd } = logReturnStats(closes);
    const expectedSd = 0.25 * Math.sqrt(dt);
    expect(sd).toBeGreaterThan(expectedSd * 0.95);
    expect(sd).toBeLessThan(expectedSd * 1.05);
    // The mean's own standard error is sd / sqrt(n), about 7% of a year's drift per day here; allow four of them.
    expect(Math.abs(mean - (0.08 - 0.25 ** 2 / 2) * dt)).toBeLessThan((4 * expectedSd) / Math.sqrt(closes.length));
    const jumpy = logReturnStats([...syntheticBars({ ...options, jumps: { perYear: 20, mean: 0, stdDev: 0.05 } }, 20_000, DAY, 4)].map((bar) => Number(bar.close)));
    const expectedJumpySd = Math.sqrt(expectedSd ** 2 + 20 * dt * 0.05 ** 2);
    expect(jumpy.sd).toBeGreaterThan(expectedJumpySd * 0.9);
    expect(jumpy.sd).toBeLessThan(expectedJumpySd * 1.1);
  });

  it('refuses a start price off the grid', () => {
    expect(() => [...syntheticBars({ ...BASE, startPrice: '100.001' }, 1, 60_000)]).toThrow('start price 100.001 is not a positive multiple of the tick size 0.01');
  });

  it('refuses a start price above the largest price an instrument can carry, however far above, rather than clamping it', () => {
    const above = 'is above the largest price the instrument can carry, 10995116277.76 (1099511627776 ticks of 0.01)';
    expect(startPriceProblem('10995116277.76', '0.01')).toBeUndefined();
    expect(startPriceProblem('10995116277.77', '0.01')).toBe(above);
    expect(startPriceProblem('999999999999999', '0.01')).toBe(above);
    expect(() => [...syntheticBars({ ...BASE, startPrice: '99999999999' }, 1, 60_000)]).toThrow(`start price 99999999999 ${above}`);
  });

  it('refuses a mean gap between trades that is not above 0, which would run time backwards', () => {
    expect(syntheticProblem({ ...BASE, meanTradeGapMs: -5 })).toBe('the mean gap between trades must be above 0 ms');
    expect(syntheticProblem({ ...BASE, meanTradeGapMs: 0.7 })).toBeUndefined();
  });
});
