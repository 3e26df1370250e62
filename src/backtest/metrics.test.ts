import { describe, expect, it } from 'vitest';
import { EquityCurve } from './equity-curve.ts';
import { computeMetrics, MIN_ANNUALIZED_RETURNS, MIN_CAGR_SPAN_MS } from './metrics.ts';
import { RoundTrips } from './round-trips.ts';
import type { FillRecord } from './types.ts';

const DAY = 86_400_000;
const fill = (ts: number, side: 'buy' | 'sell', price: number, qty: number, fee = 0): FillRecord => ({ ts, symbol: 'ACME', side, price, qty, fee, liquidity: 'taker', orderId: ts });

describe('round trips', () => {
  it('opens when a position leaves flat and closes when it returns, net of fees', () => {
    const trips = new RoundTrips();
    trips.add(fill(1, 'buy', 100, 10, 1));
    trips.add(fill(2, 'buy', 110, 10, 1));
    trips.add(fill(3, 'sell', 120, 20, 2));
    const [trip] = trips.trips(() => undefined);
    expect(trip).toMatchObject({ side: 'long', openTs: 1, closeTs: 3, qty: 20, entryPrice: 105, exitPrice: 120, fees: 4 });
    expect(trip!.pnl).toBeCloseTo(20 * 120 - 10 * 100 - 10 * 110 - 4, 9);
  });

  it('splits a fill that flips the position into a close and a new open, sharing its fee', () => {
    const trips = new RoundTrips();
    trips.add(fill(1, 'buy', 100, 5));
    trips.add(fill(2, 'sell', 90, 15, 3));
    const [closed, open] = trips.trips(() => 80);
    expect(closed).toMatchObject({ side: 'long', closeTs: 2, qty: 5, fees: 1 });
    expect(closed!.pnl).toBeCloseTo(-50 - 1, 9);
    expect(open).toMatchObject({ side: 'short', openTs: 2, closeTs: undefined, qty: 10, fees: 2 });
    expect(open!.pnl).toBeCloseTo(10 * 90 - 10 * 80 - 2, 9);
  });
});

describe('metrics', () => {
  it('computes returns, drawdown and trade statistics from a known curve', () => {
    const curve = new EquityCurve(DAY);
    const values = [100, 110, 99, 121, 120];
    values.forEach((equity, day) => curve.add(day * DAY, equity, undefined));
    const trips = [
      { symbol: 'ACME', side: 'long' as const, openTs: 0, closeTs: DAY, qty: 1, entryPrice: 1, exitPrice: 2, pnl: 30, fees: 0 },
      { symbol: 'ACME', side: 'long' as const, openTs: 2 * DAY, closeTs: 3 * DAY, qty: 1, entryPrice: 1, exitPrice: 2, pnl: -10, fees: 0 },
    ];
    const metrics = computeMetrics({ equity: curve.samples(), resolutionMs: DAY, maxDrawdown: curve.maxDrawdown(), maxDrawdownDurationMs: curve.maxDrawdownDurationMs(), trips, fills: [fill(0, 'buy', 10, 1, 0.5)], startTs: 0, endTs: 4 * DAY });
    expect(metrics.totalReturn).toBeCloseTo(0.2, 12);
    expect(metrics.maxDrawdown).toBeCloseTo(11 / 110, 12);
    // Below the high-water mark of day 1 until day 3; and again from day 3 to the end.
    expect(metrics.maxDrawdownDurationMs).toBe(2 * DAY);
    expect(metrics.winRate).toBe(0.5);
    expect(metrics.profitFactor).toBe(3);
    expect(metrics.exposure).toBe(0.5);
    expect(metrics.fees).toBe(0.5);
    // Four daily returns are too few to annualize.
    expect(metrics).toMatchObject({ cagr: null, volatility: null, sharpe: null, sortino: null, calmar: null });
  });

  it('annualizes only runs with enough returns, and compounds a CAGR only over a month or more', () => {
    const run = (samples: number, spacing: number) => {
      const values = Array.from({ length: samples }, (_, i) => 100 + i + (i % 3 === 0 ? -1.5 : 0));
      const curve = new EquityCurve(1_000);
      values.forEach((equity, i) => curve.add(i * spacing, equity, undefined));
      const endTs = (samples - 1) * spacing;
      return computeMetrics({ equity: curve.samples(), resolutionMs: 1_000, maxDrawdown: curve.maxDrawdown(), maxDrawdownDurationMs: curve.maxDrawdownDurationMs(), trips: [], fills: [], startTs: 0, endTs });
    };
    // 30 returns of a minute each: volatility and the ratios, but an hour's return is not compounded to a year.
    const hour = run(MIN_ANNUALIZED_RETURNS + 1, 60_000);
    expect(hour.volatility).toBeGreaterThan(0);
    expect(hour.sharpe).toBeGreaterThan(0);
    expect(hour.sortino).toBeGreaterThan(0);
    expect(hour).toMatchObject({ cagr: null, calmar: null });
    // 29 returns: nothing annualized, whatever the span.
    expect(run(MIN_ANNUALIZED_RETURNS, DAY)).toMatchObject({ cagr: null, volatility: null, sharpe: null, sortino: null, calmar: null });
    // 40 daily returns span more than MIN_CAGR_SPAN_MS: everything.
    const days = run(41, DAY);
    expect(40 * DAY).toBeGreaterThanOrEqual(MIN_CAGR_SPAN_MS);
    expect(days.cagr).toBeGreaterThan(0);
    expect(days.calmar).toBeGreaterThan(0);
    expect(days.sharpe).toBeGreaterThan(0);
  });

  it('counts no drawdown time while equity stays flat at its high, and annualizes sparse samples by their spacing', () => {
    const flat = new EquityCurve(60_000);
    for (let day = 0; day < 10; day++) flat.add(day * DAY, 100, undefined);
    flat.finish(10 * DAY, 100, undefined);
    expect(flat.maxDrawdownDurationMs()).toBe(0);
    const daily = Array.from({ length: 36 }, (_, day) => 100 + day * 0.5 + (day % 2 === 0 ? 0 : 0.7));
    const curve = new EquityCurve(60_000);
    daily.forEach((equity, day) => curve.add(day * DAY, equity, undefined));
    const metrics = computeMetrics({ equity: curve.samples(), resolutionMs: 60_000, maxDrawdown: 0, maxDrawdownDurationMs: 0, trips: [], fills: [], startTs: 0, endTs: 35 * DAY });
    const returns = daily.slice(1).map((v, i) => v / daily[i]! - 1);
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const sd = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (returns.length - 1));
    expect(metrics.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(365.25), 9);
  });

  it('stays finite on a flat or a one-sample run', () => {
    const metrics = computeMetrics({ equity: [{ ts: 0, equity: 100 }], resolutionMs: DAY, maxDrawdown: 0, maxDrawdownDurationMs: 0, trips: [], fills: [], startTs: 0, endTs: 0 });
    expect(metrics).toMatchObject({ totalReturn: 0, cagr: null, sharpe: null, sortino: null, calmar: null, winRate: null, profitFactor: null, exposure: 0, turnover: 0 });
  });
});
