import { describe, expect, it } from 'vitest';
import { plainDecimalText } from './units.ts';

describe('plainDecimalText', () => {
  it('takes digits with an optional fraction, and a "-" left for the sign check', () => {
    for (const text of ['0', '5', '0.5', '10.25', '5.50', '-1', '-0.5', '99999999999999999999999']) expect(plainDecimalText(text), text).toBe(text);
  });

  it('refuses spaces, redundant leading zeros, exponents, "+" and a bare point', () => {
    for (const text of [' 5', '5 ', '05', '00.5', '000000000000000000000005', '-05', '+5', '1e3', '.5', '5.', '', 'ten', '1,000']) expect(plainDecimalText(text), JSON.stringify(text)).toBeUndefined();
  });

  it('reads a JSON number by its value, refusing a fraction it could only write with an exponent', () => {
    expect(plainDecimalText(0.1)).toBe('0.1');
    expect(plainDecimalText(1e3)).toBe('1000');
    expect(plainDecimalText(1e21)).toBe('1000000000000000000000');
    expect(plainDecimalText(-2)).toBe('-2');
    expect(plainDecimalText(1e-7)).toBeUndefined();
    expect(plainDecimalText(Number.NaN)).toBeUndefined();
  });
});
