// Tests for exact decimal parsing, grid rounding and the Fixed ledger arithmetic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDecimals, divideRounded, FIXED_SCALE, fixedToNumber, formatFixed, formatScaled, mulDivFixed, mulFixed, numberToScaled, parseDecimal, stepsOf, stepsToText, toFixed } from './exact.ts';

const text = (value: number) => formatScaled(numberToScaled(value)!);

describe('parsing and formatting', () => {
  it('reads decimal text exactly, exponents included', () => {
    expect(parseDecimal('190.125')).toEqual({ digits: 190125n, scale: 3 });
    expect(parseDecimal('-0.003')).toEqual({ digits: -3n, scale: 3 });
    expect(parseDecimal('1e-7')).toEqual({ digits: 1n, scale: 7 });
    expect(parseDecimal('1.5E+3')).toEqual({ digits: 1500n, scale: 0 });
    for (const bad of ['', '.5', '1.2.3', 'abc', 'NaN', '1e', '0x10']) expect(parseDecimal(bad), bad).toBeUndefined();
  });

  it('takes a number at its shortest round-trip decimal, never at its binary expansion', () => {
    expect(text(100.05)).toBe('100.05');
    expect(text(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(text(1e-7)).toBe('0.0000001');
    expect(text(1.5e21)).toBe('1500000000000000000000');
    expect(numberToScaled(Number.NaN)).toBeUndefined();
    expect(numberToScaled(Infinity)).toBeUndefined();
  });

  it('formats canonically', () => {
    expect(formatScaled({ digits: 150n, scale: 2 })).toBe('1.5');
    expect(formatScaled({ digits: -5n, scale: 3 })).toBe('-0.005');
    expect(formatScaled({ digits: 0n, scale: 4 })).toBe('0');
    expect(compareDecimals('1.50', '1.5')).toBe(0);
    expect(compareDecimals('0.99', '1')).toBe(-1);
  });
});

describe('rounding onto a grid', () => {
  const tick = parseDecimal('0.05')!;
  const on = (value: number, mode: 'down' | 'up' | 'nearest') => stepsToText(stepsOf(numberToScaled(value)!, tick, mode), tick);

  it('rounds down, up and to nearest (halves up)', () => {
    expect(on(190.123, 'down')).toBe('190.1');
    expect(on(190.123, 'up')).toBe('190.15');
    expect(on(190.123, 'nearest')).toBe('190.1');
    expect(on(190.125, 'nearest')).toBe('190.15');
    expect(on(190.15, 'down')).toBe('190.15');
    expect(on(190.15, 'up')).toBe('190.15');
  });

  it('divides with floor semantics for negative values too', () => {
    expect(divideRounded(-7n, 2n, 'down')).toBe(-4n);
    expect(divideRounded(-7n, 2n, 'up')).toBe(-3n);
    expect(divideRounded(-7n, 2n, 'nearest')).toBe(-3n);
    expect(divideRounded(-8n, 2n, 'nearest')).toBe(-4n);
  });

  it('brackets the value: down <= value <= up, and they differ by one step unless on the grid', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 8 }), fc.bigInt({ min: 1n, max: 1000n }), fc.integer({ min: 0, max: 6 }), (digits, scale, stepDigits, stepScale) => {
        const value = { digits, scale };
        const step = { digits: stepDigits, scale: stepScale };
        const down = stepsOf(value, step, 'down');
        const up = stepsOf(value, step, 'up');
        const common = Math.max(scale, stepScale);
        const v = digits * 10n ** BigInt(common - scale);
        const s = stepDigits * 10n ** BigInt(common - stepScale);
        expect(down * s <= v && v <= up * s).toBe(true);
        expect(up - down).toBe(v % s === 0n ? 0n : 1n);
      }),
    );
  });
});

describe('Fixed', () => {
  it('holds 18 decimals and multiplies price x qty exactly', () => {
    expect(FIXED_SCALE).toBe(18);
    expect(formatFixed(mulFixed(toFixed('190.13'), toFixed('0.00000001')))).toBe('0.0000019013');
    expect(formatFixed(mulDivFixed(toFixed('100'), toFixed('1'), toFixed('3')))).toBe('33.333333333333333333');
  });

  it('sums a million small amounts without drift', () => {
    const each = mulFixed(toFixed('0.1'), toFixed('0.01'));
    let sum = 0n;
    let float = 0;
    for (let i = 0; i < 1_000_000; i++) {
      sum += each;
      float += 0.1 * 0.01;
    }
    expect(formatFixed(sum)).toBe('1000');
    expect(float).not.toBe(1000);
  });
});

describe('fixedToNumber', () => {
  it('gives the nearest double, the same as reading the exact decimal text', () => {
    const few = fc.tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 18 })).map(([digits, zeros]) => digits * 10n ** BigInt(zeros));
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), few), (value) => {
        expect(fixedToNumber(value)).toBe(Number(formatFixed(value)));
      }),
      { numRuns: 5000 },
    );
  });
});
