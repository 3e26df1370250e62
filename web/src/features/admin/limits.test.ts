import { describe, expect, it } from 'vitest';
import { limitValues, limitsBody } from './limits.ts';

describe('limits form', () => {
  it('shows a layer with empty fields for limits it does not set', () => {
    expect(limitValues({ maxDailyLoss: '500.00', maxDrawdownPct: '12.5' })).toEqual({ maxGrossExposure: '', maxNetExposure: '', maxDailyLoss: '500.00', maxDrawdownPct: '12.5', maxOrdersPerSecond: '' });
    expect(limitValues(undefined).maxDailyLoss).toBe('');
  });

  it('sends the set fields as typed, so the PUT lifts the empty ones', () => {
    expect(limitsBody({ ...limitValues({}), maxDailyLoss: ' 500 ', maxOrdersPerSecond: '20' })).toEqual({ body: { maxDailyLoss: '500', maxOrdersPerSecond: '20' }, errors: {} });
    expect(limitsBody(limitValues({}))).toEqual({ body: {}, errors: {} });
  });

  it('takes 0 for an amount, as the API does, and refuses it for a percentage or the rate', () => {
    const { body, errors } = limitsBody({ ...limitValues({}), maxGrossExposure: '0', maxNetExposure: '0.00', maxDailyLoss: '0', maxDrawdownPct: '0', maxOrdersPerSecond: '0' });
    expect(body).toEqual({ maxGrossExposure: '0', maxNetExposure: '0.00', maxDailyLoss: '0' });
    expect(errors).toEqual({ maxDrawdownPct: 'maxDrawdownPct must be positive (more than 0)', maxOrdersPerSecond: 'maxOrdersPerSecond must be positive (more than 0)' });
  });

  it('refuses what the API refuses, in its words', () => {
    const { body, errors } = limitsBody({ ...limitValues({}), maxGrossExposure: '-1', maxDailyLoss: '-0', maxDrawdownPct: '100.01', maxOrdersPerSecond: '2.5' });
    expect(body).toEqual({});
    expect(errors).toEqual({
      maxGrossExposure: 'maxGrossExposure must not be negative (0 or more)',
      maxDailyLoss: 'maxDailyLoss must not be negative (0 or more)',
      maxDrawdownPct: 'maxDrawdownPct must be at most 100',
      maxOrdersPerSecond: 'maxOrdersPerSecond must be a multiple of 1',
    });
    expect(limitsBody({ ...limitValues({}), maxDrawdownPct: '12.345', maxOrdersPerSecond: '05' }).errors).toEqual({
      maxDrawdownPct: 'maxDrawdownPct must be a multiple of 0.01',
      maxOrdersPerSecond: 'maxOrdersPerSecond must be a plain decimal string such as "1" (digits, no spaces, exponent or leading zeros)',
    });
  });

  it('leaves an amount that is not a plain decimal to the server, whose message says what it takes', () => {
    expect(limitsBody({ ...limitValues({}), maxNetExposure: 'lots' })).toEqual({ body: { maxNetExposure: 'lots' }, errors: {} });
  });
});
