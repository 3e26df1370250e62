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

  it('refuses what cannot be a limit', () => {
    const { body, errors } = limitsBody({ ...limitValues({}), maxGrossExposure: '-1', maxNetExposure: 'lots', maxDailyLoss: '0', maxOrdersPerSecond: '2.5' });
    expect(body).toEqual({});
    expect(errors).toEqual({
      maxGrossExposure: 'Enter a number above 0, or leave it empty.',
      maxNetExposure: 'Enter a number above 0, or leave it empty.',
      maxDailyLoss: 'Enter a number above 0, or leave it empty.',
      maxOrdersPerSecond: 'Enter a whole number.',
    });
  });
});
