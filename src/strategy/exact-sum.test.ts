// Tests for the exact running sum against integer arithmetic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum } from './exact-sum.ts';

/** Every double of magnitude 2^-20 or more is a whole number of 2^-72: exact integers to add. */
const SCALE = 2 ** 72;
const value = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).filter((x) => x === 0 || Math.abs(x) >= 2 ** -20);

/** The exact sum rounded once: BigInt to Number rounds to nearest, ties to even. */
function exactlyRounded(values: readonly number[]): number {
  let total = 0n;
  for (const x of values) total += BigInt(x * SCALE);
  return Number(total) / SCALE;
}

describe('ExactSum', () => {
  it('is the exact sum rounded once, where plain addition drifts', () => {
    const sum = new ExactSum();
    for (let i = 0; i < 10; i++) sum.add(0.1);
    expect(sum.value).toBe(1);
    let plain = 0;
    for (let i = 0; i < 10; i++) plain += 0.1;
    expect(plain).not.toBe(1);
    sum.add(1e16);
    sum.add(1);
    sum.subtract(1e16);
    expect(sum.value).toBe(2);
    expect(new ExactSum().value).toBe(0);
  });

  it('adds and takes away without error: a sliding window matches integer arithmetic at every step (property)', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (values, width) => {
        const sum = new ExactSum();
        values.forEach((x, i) => {
          sum.add(x);
          if (i >= width) sum.subtract(values[i - width]!);
          expect(sum.value).toBe(exactlyRounded(values.slice(Math.max(0, i - width + 1), i + 1)));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('rounds a sum exactly half-way between two doubles to the even one, and one just past it away', () => {
    const ulp = 2 ** -52;
    const halfway = new ExactSum();
    halfway.add(1);
    halfway.add(ulp / 2);
    expect(halfway.value).toBe(1);
    const past = new ExactSum();
    past.add(1);
    past.add(ulp / 2);
    past.add(ulp / 2 ** 10);
    expect(past.value).toBe(1 + ulp);
  });
});
