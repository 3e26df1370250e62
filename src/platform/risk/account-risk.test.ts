// Tests for the daily and drawdown arithmetic: capital moves, day rollover, high-water marks, resuming and sampling.
import { describe, expect, it } from 'vitest';
import { AccountRisk, DAY_MS, drawdownBps, utcDay } from './account-risk.ts';

const D0 = 1_700_006_400_000; // midnight UTC, 2023-11-15
const marked = (equity: number, exposure = 0) => ({ equity, grossExposure: exposure, netExposure: exposure });

describe('day and drawdown arithmetic', () => {
  it('finds midnight UTC and the drawdown in whole basis points, rounded down', () => {
    expect(utcDay(D0)).toBe(D0);
    expect(utcDay(D0 + DAY_MS - 1)).toBe(D0);
    expect(utcDay(D0 + DAY_MS)).toBe(D0 + DAY_MS);
    expect(drawdownBps(10_000, 9_000)).toBe(1_000);
    expect(drawdownBps(30_000, 29_999)).toBe(0);
    expect(drawdownBps(30_000, 29_998)).toBe(0);
    expect(drawdownBps(30_000, 29_997)).toBe(1);
    expect(drawdownBps(30_000, 29_995)).toBe(1);
    expect(drawdownBps(0, -5)).toBe(0);
    expect(drawdownBps(100, 120)).toBe(0);
    // Beyond 2^53 in the intermediate product, still exact.
    expect(drawdownBps(2 ** 52, 2 ** 51)).toBe(5_000);
  });

  it('measures the daily P&L net of deposits and withdrawals, and moves the mark with capital', () => {
    const risk = AccountRisk.start(1, D0 + 1_000, 0);
    risk.capital(D0 + 1_000, 1_000_000, 1_000_000);
    risk.observe(D0 + 1_000, marked(1_000_000));
    expect(risk.metrics()).toEqual({ grossExposure: 0, netExposure: 0, dailyLoss: 0, drawdownBps: 0 });
    expect(risk.highWaterMark).toBe(1_000_000);

    risk.observe(D0 + 2_000, marked(900_000, 500_000));
    expect(risk.dailyPnl).toBe(-100_000);
    expect(risk.metrics()).toEqual({ grossExposure: 500_000, netExposure: 500_000, dailyLoss: 100_000, drawdownBps: 1_000 });

    // Withdrawing is neither a loss nor a deeper drawdown: the mark scales with the equity, 10 % above it as before.
    risk.capital(D0 + 3_000, -400_000, 500_000);
    risk.observe(D0 + 3_000, marked(500_000, 500_000));
    expect(risk.dailyPnl).toBe(-100_000);
    expect(risk.highWaterMark).toBe(555_556);
    expect(risk.drawdownBps).toBe(1_000);

    // A gain above the mark raises it; the day's worst drawdown stays recorded.
    risk.observe(D0 + 4_000, marked(700_000, 100_000));
    expect(risk.highWaterMark).toBe(700_000);
    expect(risk.metrics().dailyLoss).toBe(0);
    expect(risk.record()).toEqual({
      accountId: 1,
      day: D0,
      startEquity: 0,
      endEquity: 700_000,
      minEquity: 0,
      maxEquity: 1_000_000,
      maxGrossExposure: 500_000,
      maxNetExposure: 500_000,
      maxDrawdownBps: 1_000,
      netFlows: 600_000,
      highWaterMark: 700_000,
      updatedAt: D0 + 4_000,
    });
  });

  it('starts a new day from the last equity and finishes the old day’s row', () => {
    const risk = AccountRisk.start(2, D0 + 5, 10_000);
    risk.observe(D0 + 10, marked(8_000, 3_000));
    expect(risk.takeFinished()).toEqual([]);
    risk.observe(D0 + DAY_MS + 10, marked(7_500, 2_000));
    const [finished] = risk.takeFinished();
    expect(finished).toMatchObject({ day: D0, startEquity: 10_000, endEquity: 8_000, maxDrawdownBps: 2_000 });
    // The new day's loss counts from 8,000, the drawdown still from the old mark.
    expect(risk.dayStart).toBe(D0 + DAY_MS);
    expect(risk.dayStartEquity).toBe(8_000);
    expect(risk.metrics()).toEqual({ grossExposure: 2_000, netExposure: 2_000, dailyLoss: 500, drawdownBps: 2_500 });
    expect(risk.record()).toMatchObject({ minEquity: 7_500, maxEquity: 8_000, maxGrossExposure: 3_000, netFlows: 0 });
    expect(risk.takeFinished()).toEqual([]);
  });

  it('resumes the same day from its stored row, and a later day with the stored mark only', () => {
    const before = AccountRisk.start(3, D0 + 1, 10_000);
    before.capital(D0 + 2, 5_000, 15_000);
    before.observe(D0 + 2, marked(14_000));
    const row = before.record();

    const sameDay = AccountRisk.resume(row, D0 + 50, 13_000);
    sameDay.observe(D0 + 50, marked(13_000));
    expect(sameDay.record()).toMatchObject({ startEquity: 10_000, netFlows: 5_000, highWaterMark: 15_000, minEquity: 10_000, maxDrawdownBps: 1_333 });
    expect(sameDay.dailyPnl).toBe(-2_000);

    const nextDay = AccountRisk.resume(row, D0 + DAY_MS + 50, 13_000);
    nextDay.observe(D0 + DAY_MS + 50, marked(13_000));
    expect(nextDay.record()).toMatchObject({ day: D0 + DAY_MS, startEquity: 13_000, netFlows: 0, highWaterMark: 15_000, maxDrawdownBps: 1_333 });
    expect(nextDay.dailyPnl).toBe(0);
  });

  it('rebases the mark on request and samples only when equity changed', () => {
    const risk = AccountRisk.start(4, D0, 1_000);
    risk.observe(D0 + 1, marked(800));
    expect(risk.sample(D0 + 60_000)).toEqual({ accountId: 4, ts: D0 + 60_000, equity: 800, drawdownBps: 2_000 });
    expect(risk.sample(D0 + 120_000)).toBeUndefined();
    risk.rebase();
    expect(risk.drawdownBps).toBe(0);
    risk.observe(D0 + 130_000, marked(790));
    expect(risk.sample(D0 + 180_000)).toEqual({ accountId: 4, ts: D0 + 180_000, equity: 790, drawdownBps: 125 });
  });
});
