import { describe, expect, it } from 'vitest';
import { cashProblem } from './run-settings.ts';

const USD = { code: 'USD', scale: 2 };

describe('cashProblem', () => {
  it('takes cash on the currency\'s minor unit, trailing zeros included', () => {
    for (const cash of ['10000', '100.12', '100.1', '100.120']) expect(cashProblem(cash, USD, 'cash'), cash).toBeUndefined();
  });

  it('names the field and the currency\'s decimals for cash finer than its minor unit', () => {
    expect(cashProblem('100.123', USD, '--cash')).toBe('--cash 100.123 has more decimals than USD has: at most 2 decimal places (its minor unit is 0.01)');
    expect(cashProblem('5.5', { code: 'JPY', scale: 0 }, 'cash')).toBe('cash 5.5 has more decimals than JPY has: a whole number (its minor unit is 1)');
    expect(cashProblem('0.05', { code: 'XYZ', scale: 1 }, 'cash')).toBe('cash 0.05 has more decimals than XYZ has: at most 1 decimal place (its minor unit is 0.1)');
  });

  it('refuses more than an account holds', () => {
    expect(cashProblem('100000000000000', USD, 'cash')).toBe('cash 100000000000000 is too large: at most 45035996273704.96 USD');
    expect(cashProblem('1'.padEnd(40, '0'), USD, 'cash')).toMatch(/is too large: at most 45035996273704\.96 USD$/);
  });
});
