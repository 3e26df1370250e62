// Exact decimal-string helpers and the display formats built on them.
import { describe, expect, it } from 'vitest';
import { compareDecimal, decimalPlaces, groupThousands, signOf, toPlaces, trimZeros } from './decimal.ts';
import { formatAverage, formatDateTime, formatDecimal, formatPercent, formatPrice, formatQty } from './format.ts';

describe('decimal strings', () => {
  it('rounds half away from zero without floats', () => {
    expect(toPlaces('1.005', 2)).toBe('1.01');
    expect(toPlaces('-1.005', 2)).toBe('-1.01');
    expect(toPlaces('0.1', 0)).toBe('0');
    expect(toPlaces('-0.004', 2)).toBe('0.00');
    expect(toPlaces('3', 2)).toBe('3.00');
    expect(toPlaces('9007199254740993.125', 2)).toBe('9007199254740993.13');
  });

  it('compares, signs and trims exactly', () => {
    expect(compareDecimal('10.5', '9.99')).toBe(1);
    expect(compareDecimal('-2', '-10')).toBe(1);
    expect(compareDecimal('1.50', '1.5')).toBe(0);
    expect(signOf('-0.00')).toBe(0);
    expect(signOf('-0.01')).toBe(-1);
    expect(decimalPlaces('0.0100')).toBe(2);
    expect(trimZeros('1.2500')).toBe('1.25');
    expect(groupThousands('-1234567.891')).toBe('-1,234,567.891');
  });

  it('formats prices, quantities and percents for display', () => {
    expect(formatPrice('65000.5', '0.01')).toBe('65,000.50');
    expect(formatPrice(null, '0.01')).toBe('—');
    expect(formatAverage('190.1350', '0.01')).toBe('190.135');
    expect(formatAverage('1190.5000', '0.01')).toBe('1,190.50');
    expect(formatAverage('190.135', undefined)).toBe('190.135');
    expect(formatAverage(null, '0.01')).toBe('—');
    // Past what a Date holds, Intl would throw and take the table with it.
    expect(formatDateTime(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991 ms');
    expect(formatQty('0.500000')).toBe('0.5');
    expect(formatQty('2', '0.001')).toBe('2.000');
    expect(formatPercent('1.5')).toBe('+1.50%');
    expect(formatPercent('-0.25')).toBe('-0.25%');
    expect(formatDecimal('1234.5', { signed: true })).toBe('+1,234.5');
  });
});
