// Decimal conversion: the double-based fast path gives exactly the answers of BigInt arithmetic, for valid and invalid text alike.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SAFE } from './limits.ts';
import { fromUnits, parseScaled, toUnits } from './decimal.ts';

/** The reference: everything in BigInt, as the conversion was first written. */
function referenceToUnits(text: string, unit: string): number | undefined {
  const value = parseScaled(text);
  const step = parseScaled(unit);
  if (!value || !step || step.digits === 0n) return undefined;
  const scale = Math.max(value.scale, step.scale);
  const a = value.digits * 10n ** BigInt(scale - value.scale);
  const b = step.digits * 10n ** BigInt(scale - step.scale);
  if (a % b !== 0n) return undefined;
  const units = a / b;
  return units > BigInt(MAX_SAFE) ? undefined : Number(units);
}

function referenceFromUnits(units: number, unit: string): string {
  const step = parseScaled(unit)!;
  const digits = (BigInt(Math.abs(units)) * step.digits).toString();
  if (step.scale === 0) return (units < 0 ? '-' : '') + digits;
  const text = digits.padStart(step.scale + 1, '0');
  const whole = text.slice(0, text.length - step.scale);
  const fraction = text.slice(text.length - step.scale).replace(/0+$/, '');
  return (units < 0 ? '-' : '') + (fraction ? `${whole}.${fraction}` : whole);
}

const UNITS = ['0.01', '1', '0.0001', '0.00000001', '5', '0.05', '0.000000000000000001', '10', '0.5', '10000000000000000000', '0'];
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9'), minLength: min, maxLength: max });
const decimalText = fc.oneof(
  fc.tuple(digits(1, 22), fc.option(digits(0, 20), { nil: undefined })).map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`)),
  fc.constantFrom('', '.', '1.', '.5', '+1', '-1', '1e5', ' 1', '1.2.3', '١', '0x10', '190.25', '00000000000000000001.5'),
  fc.string({ maxLength: 8 }),
);
const unitText = fc.oneof(fc.constantFrom(...UNITS), fc.tuple(digits(1, 3), digits(1, 19)).map(([w, f]) => `${w}.${f}`));

describe('decimal conversion', () => {
  it('toUnits agrees with BigInt arithmetic on any text and unit', () => {
    const agrees = fc.property(decimalText, unitText, (text, unit) => {
      expect(toUnits(text, unit)).toBe(referenceToUnits(text, unit));
    });
    fc.assert(agrees, { numRuns: 20_000 });
  });

  it('fromUnits agrees with BigInt arithmetic, past 2^53 included', () => {
    const units = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.maxSafeInteger(), fc.constant(0));
    const agrees = fc.property(units, fc.constantFrom(...UNITS.filter((u) => u !== '0')), (n, unit) => {
      expect(fromUnits(n, unit)).toBe(referenceFromUnits(n, unit));
    });
    fc.assert(agrees, { numRuns: 20_000 });
  });

  it('keeps the everyday cases exact', () => {
    expect(toUnits('190.25', '0.01')).toBe(19_025);
    expect(toUnits('190.255', '0.01')).toBeUndefined();
    expect(toUnits('0.00000001', '0.00000001')).toBe(1);
    expect(toUnits('9007199254740991', '1')).toBe(9_007_199_254_740_991);
    expect(toUnits('9007199254740992', '1')).toBeUndefined();
    expect(fromUnits(19_025, '0.01')).toBe('190.25');
    expect(fromUnits(-5, '0.5')).toBe('-2.5');
    expect(fromUnits(Number.MAX_SAFE_INTEGER, '0.01')).toBe('90071992547409.91');
  });
});
