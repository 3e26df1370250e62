// Tests for combining limit layers, finding breaches, and limits as decimal strings at the edge.
import { describe, expect, it } from 'vitest';
import { formatLimitValue, formatLimits, parseLimits } from './limit-units.ts';
import { effectiveLimits, findBreaches } from './limits.ts';

const USD = { code: 'USD', scale: 2 };

describe('effective limits', () => {
  it('takes the admin account layer over the strategy layer, field by field', () => {
    const limits = effectiveLimits({ account: { maxDailyLoss: 500 }, strategy: { maxDailyLoss: 100, maxDrawdownBps: 1_000 } });
    expect(limits).toEqual({ maxDailyLoss: { value: 500, source: 'account' }, maxDrawdownBps: { value: 1_000, source: 'strategy' } });
  });

  it('lets the owner tighten but never loosen what an admin set', () => {
    const limits = effectiveLimits({
      self: { maxDailyLoss: 50, maxDrawdownBps: 5_000, maxOrdersPerSecond: 3 },
      account: { maxDailyLoss: 500 },
      strategy: { maxDrawdownBps: 1_000, maxOrdersPerSecond: 3 },
    });
    expect(limits).toEqual({
      maxDailyLoss: { value: 50, source: 'self' },
      maxDrawdownBps: { value: 1_000, source: 'strategy' },
      // A tie names the layer the owner cannot lift.
      maxOrdersPerSecond: { value: 3, source: 'strategy' },
    });
    expect(effectiveLimits({ self: { maxGrossExposure: 0 } })).toEqual({ maxGrossExposure: { value: 0, source: 'self' } });
    expect(effectiveLimits({})).toEqual({});
  });
});

describe('breaches', () => {
  const limits = effectiveLimits({ account: { maxGrossExposure: 1_000, maxNetExposure: 800, maxDailyLoss: 100, maxDrawdownBps: 1_000 } });

  it('allows reaching a maximum and trips on passing it, loss limits first', () => {
    expect(findBreaches(limits, { grossExposure: 1_000, netExposure: 800, dailyLoss: 100, drawdownBps: 1_000 })).toEqual([]);
    expect(findBreaches(limits, { grossExposure: 1_001, netExposure: -801, dailyLoss: 101, drawdownBps: 1_001 })).toEqual([
      { limit: 'maxDrawdownBps', value: 1_001, threshold: 1_000, source: 'account' },
      { limit: 'maxDailyLoss', value: 101, threshold: 100, source: 'account' },
      { limit: 'maxGrossExposure', value: 1_001, threshold: 1_000, source: 'account' },
      { limit: 'maxNetExposure', value: 801, threshold: 800, source: 'account' },
    ]);
  });
});

describe('limits at the edge', () => {
  it('parses decimal strings into minor units, basis points and counts', () => {
    expect(parseLimits({ maxGrossExposure: '10000.5', maxNetExposure: 0, maxDailyLoss: null, maxDrawdownPct: '12.5', maxOrdersPerSecond: 20 }, USD)).toEqual({
      maxGrossExposure: 1_000_050,
      maxNetExposure: 0,
      maxDrawdownBps: 1_250,
      maxOrdersPerSecond: 20,
    });
    expect(parseLimits({}, USD)).toEqual({});
  });

  it('refuses what cannot be represented exactly, with a reason code', () => {
    expect(parseLimits({ maxDailyLoss: '1.001' }, USD)).toMatchObject({ problem: 'INVALID_AMOUNT' });
    expect(parseLimits({ maxDrawdownPct: '0' }, USD)).toMatchObject({ problem: 'INVALID_REQUEST' });
    expect(parseLimits({ maxDrawdownPct: '100.01' }, USD)).toMatchObject({ problem: 'INVALID_REQUEST' });
    expect(parseLimits({ maxDrawdownPct: '1.005' }, USD)).toMatchObject({ problem: 'INVALID_REQUEST' });
    expect(parseLimits({ maxOrdersPerSecond: '2.5' }, USD)).toMatchObject({ problem: 'INVALID_REQUEST' });
    expect(parseLimits({ maxOrdersPerSecond: 0 }, USD)).toMatchObject({ problem: 'INVALID_REQUEST' });
    expect(parseLimits({ maxGrossExposure: 1e-7 }, USD)).toMatchObject({ problem: 'INVALID_AMOUNT' });
  });

  it('tells each way a value is wrong apart, at the field', () => {
    expect(parseLimits({ maxDailyLoss: 'abc' }, USD)).toEqual({ problem: 'INVALID_AMOUNT', path: 'maxDailyLoss', message: 'maxDailyLoss must be a plain decimal string such as "1000" (digits, no spaces, exponent or leading zeros)' });
    expect(parseLimits({ maxDailyLoss: -5 }, USD)).toMatchObject({ message: 'maxDailyLoss must not be negative (0 or more)' });
    expect(parseLimits({ maxDailyLoss: '0' }, USD)).toEqual({ maxDailyLoss: 0 });
    expect(parseLimits({ maxNetExposure: '1.001' }, USD)).toMatchObject({ message: 'maxNetExposure must be a multiple of 0.01' });
    expect(parseLimits({ maxDrawdownPct: '100.01' }, USD)).toMatchObject({ message: 'maxDrawdownPct must be at most 100' });
    expect(parseLimits({ maxOrdersPerSecond: 0 }, USD)).toMatchObject({ message: 'maxOrdersPerSecond must be positive (more than 0)' });
  });

  it('tells every bad value at once: the first, with the rest alongside', () => {
    const problem = parseLimits({ maxGrossExposure: '1.001', maxNetExposure: '5', maxOrdersPerSecond: 0 }, USD);
    expect(problem).toMatchObject({ problem: 'INVALID_AMOUNT', path: 'maxGrossExposure', alongside: [{ problem: 'INVALID_REQUEST', path: 'maxOrdersPerSecond' }] });
  });

  it('formats values back with the API names', () => {
    expect(formatLimits({ maxGrossExposure: 1_000_050, maxDrawdownBps: 1_250, maxOrdersPerSecond: 20 }, USD)).toEqual({ maxGrossExposure: '10000.5', maxDrawdownPct: '12.5', maxOrdersPerSecond: '20' });
    expect(formatLimitValue('maxDailyLoss', 12_345, USD)).toBe('123.45');
    expect(formatLimits(undefined, USD)).toEqual({});
  });
});
