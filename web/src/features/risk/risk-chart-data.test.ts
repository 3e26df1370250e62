import { describe, expect, it } from 'vitest';
import type { RiskDay } from '../../lib/api.ts';
import { DOWN_COLOR, UP_COLOR } from '../market/chart-data.ts';
import { dailyDrawdownPoints, dailyPnlBars, drawdownAxisRange, drawdownPoints, equityPoints } from './risk-chart-data.ts';

const day = (date: string, pnl: string, maxDrawdownPct = '0'): RiskDay => ({
  day: Date.parse(`${date}T00:00:00Z`),
  date,
  startEquity: '0',
  endEquity: '0',
  minEquity: '0',
  maxEquity: '0',
  netFlows: '0',
  pnl,
  maxGrossExposure: '0',
  maxNetExposure: '0',
  maxDrawdownPct,
  highWaterMark: '0',
});

describe('risk chart data', () => {
  it('turns samples into ascending, unique seconds with the drawdown below zero', () => {
    const samples = [
      { ts: 120_500, equity: '1010.5', drawdownPct: '0' },
      { ts: 60_000, equity: '1000', drawdownPct: '1.25' },
      { ts: 120_900, equity: '1011', drawdownPct: '0.5' },
    ];
    expect(equityPoints(samples)).toEqual([
      { time: 60, value: 1000 },
      { time: 120, value: 1011 },
    ]);
    expect(drawdownPoints(samples)).toEqual([
      { time: 60, value: -1.25 },
      { time: 120, value: -0.5 },
    ]);
  });

  it('colours daily P&L bars by sign, one per UTC day', () => {
    const bars = dailyPnlBars([day('2024-05-02', '-12.5'), day('2024-05-01', '30')]);
    expect(bars).toEqual([
      { time: 1714521600, value: 30, color: UP_COLOR },
      { time: 1714608000, value: -12.5, color: DOWN_COLOR },
    ]);
    expect(dailyDrawdownPoints([day('2024-05-01', '0', '3.4')])).toEqual([{ time: 1714521600, value: -3.4 }]);
  });
});

describe('drawdown axis range', () => {
  it('runs from the deepest drawdown up to 0, never above, with some room when the curve is flat at 0', () => {
    expect(drawdownAxisRange(-3.5)).toEqual({ minValue: -3.5, maxValue: 0 });
    expect(drawdownAxisRange(0)).toEqual({ minValue: -0.01, maxValue: 0 });
    expect(drawdownAxisRange(undefined)).toEqual({ minValue: -0.01, maxValue: 0 });
  });
});

