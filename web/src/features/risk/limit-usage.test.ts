import { describe, expect, it } from 'vitest';
import type { RiskStatus } from '../../lib/api.ts';
import { limitUsage, measured } from './limit-usage.ts';

function status(overrides: Partial<RiskStatus> = {}): RiskStatus {
  return {
    accountId: 9,
    currency: 'USD',
    equity: '9500.000000',
    grossExposure: '4000.000000',
    netExposure: '4000.000000',
    dayStart: 0,
    dayStartEquity: '10000.000000',
    dayNetFlows: '0.000000',
    dailyPnl: '-500.000000',
    highWaterMark: '10000.000000',
    drawdownPct: '5',
    maxDrawdownPctToday: '5',
    killSwitch: { active: false },
    limits: {},
    ...overrides,
  };
}

describe('measured', () => {
  it('reads exposure, the loss of the day and the drawdown from the status', () => {
    expect(measured(status(), 'maxGrossExposure')).toBe('4000.000000');
    expect(measured(status({ netExposure: '-12.5' }), 'maxNetExposure')).toBe('12.5');
    expect(measured(status(), 'maxDailyLoss')).toBe('500.000000');
    expect(measured(status({ dailyPnl: '20.000000' }), 'maxDailyLoss')).toBe('0');
    expect(measured(status(), 'maxDrawdownPct')).toBe('5');
    expect(measured(status(), 'maxOrdersPerSecond')).toBeNull();
  });
});

describe('limitUsage', () => {
  it('gives each limit its binding value, source and the share used', () => {
    const rows = limitUsage(
      status({
        limits: { maxDailyLoss: { value: '400', source: 'self' }, maxDrawdownPct: { value: '10', source: 'account' }, maxOrdersPerSecond: { value: '5', source: 'self' } },
      }),
    );
    expect(rows.map((r) => r.name)).toEqual(['maxGrossExposure', 'maxNetExposure', 'maxDailyLoss', 'maxDrawdownPct', 'maxOrdersPerSecond']);
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('maxGrossExposure')).toMatchObject({ limit: null, usedPercent: null, breached: false });
    expect(byName.get('maxDailyLoss')).toMatchObject({ limit: '400', source: 'self', usedPercent: '125.0', breached: true });
    expect(byName.get('maxDrawdownPct')).toMatchObject({ limit: '10', source: 'account', usedPercent: '50.0', breached: false });
    expect(byName.get('maxOrdersPerSecond')).toMatchObject({ current: null, limit: '5', usedPercent: null, breached: false });
  });

  it('allows reaching a limit exactly', () => {
    const [gross] = limitUsage(status({ limits: { maxGrossExposure: { value: '4000', source: 'self' } } }));
    expect(gross).toMatchObject({ usedPercent: '100.0', breached: false });
  });
});
