import { describe, expect, it } from 'vitest';
import { limitLabel, limitValueText, sourceText } from './risk-text.ts';

describe('risk text', () => {
  it('says who set a limit', () => {
    expect(sourceText('self')).toBe('you');
    expect(sourceText('account')).toBe('an admin');
    expect(sourceText('strategy')).toBe('your strategy');
    expect(sourceText(null)).toBe('—');
  });

  it('reads a limit value with its unit', () => {
    expect(limitValueText('maxDailyLoss', '1250.5', 'USD')).toBe('1,250.50 USD');
    expect(limitValueText('maxDrawdownPct', '5.25', 'USD')).toBe('5.25%');
    expect(limitValueText('maxOrdersPerSecond', '20', 'USD')).toBe('20/s');
    expect(limitValueText('maxGrossExposure', null, 'USD')).toBe('—');
    expect(limitValueText('maxNetExposure', '99', undefined)).toBe('99.00');
    expect(limitLabel('maxNetExposure')).toBe('Max net exposure');
  });
});
