// Tests for historical record helpers: canonical decimals, their exact comparison, intervals and the bar check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barProblem, canonicalDecimal, compareDecimal, intervalToMs } from './market-history.ts';

/** A decimal string with up to 20 whole and 18 fraction digits, possibly padded with zeros, and its value scaled by 1e18. */
const decimal = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 20n - 1n }), fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }), fc.nat(2), fc.boolean())
  .map(([whole, fraction, zeros, point]) => {
    const fractionText = fraction.toString().padStart(18, '0').replace(/0+$/, '');
    const wholeText = '0'.repeat(Math.min(zeros, 20 - whole.toString().length)) + whole.toString();
    const text = fractionText || point ? `${wholeText}.${fractionText || '0'}` : wholeText;
    return { text, scaled: whole * 10n ** 18n + fraction };
  });

describe('canonicalDecimal and compareDecimal', () => {
  it('spell values one way and refuse what is not a plain decimal', () => {
    expect(['007.50', '0.000', '0', '10', '10.010', '00'].map(canonicalDecimal)).toEqual(['7.5', '0', '0', '10', '10.01', '0']);
    for (const text of ['', '-1', '1e3', '.5', '5.', '1,000', ' 1', 'NaN', '1'.repeat(21)]) expect(canonicalDecimal(text), text).toBeUndefined();
  });

  it('compare exactly, as the scaled integers do', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const x = canonicalDecimal(a.text)!;
        const y = canonicalDecimal(b.text)!;
        expect(Math.sign(compareDecimal(x, y))).toBe(a.scaled === b.scaled ? 0 : a.scaled < b.scaled ? -1 : 1);
        expect(x === y).toBe(a.scaled === b.scaled);
      }),
    );
  });
});

describe('intervalToMs and barProblem', () => {
  it('reads intervals', () => {
    expect(['1s', '1m', '15m', '4h', '1d', '1w'].map(intervalToMs)).toEqual([1_000, 60_000, 900_000, 14_400_000, 86_400_000, 604_800_000]);
    for (const text of ['0m', '1M', 'm', '1.5h', '1y', '01m']) expect(intervalToMs(text), text).toBeUndefined();
  });

  it('names the first inconsistency of a bar', () => {
    expect(barProblem({ open: '10', high: '12', low: '9.5', close: '12' })).toBeUndefined();
    expect(barProblem({ open: '10', high: '9', low: '9.5', close: '9.5' })).toBe('high 9 is below low 9.5');
    expect(barProblem({ open: '9', high: '12', low: '9.5', close: '10' })).toBe('open 9 is below low 9.5');
    expect(barProblem({ open: '10', high: '12', low: '9.5', close: '12.01' })).toBe('close 12.01 is above high 12');
  });
});
