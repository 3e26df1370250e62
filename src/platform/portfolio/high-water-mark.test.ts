// The high-water mark across capital moves: the drawdown in percent is what it was before the move.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markAfterCapital } from './high-water-mark.ts';

const fall = (mark: number, equity: number): number => (mark - equity) / mark;

describe('markAfterCapital', () => {
  it('keeps the fall from the mark through a withdrawal and a deposit', () => {
    // At 9,900, 10 % under a mark of 11,000; withdrawing 8,900 leaves 1,000, still 10 % under.
    expect(markAfterCapital(11_000, -8_900, 1_000)).toBe(1_112);
    // A deposit does not heal the drawdown.
    expect(markAfterCapital(11_000, 9_900, 19_800)).toBe(22_000);
  });

  it('starts a mark on the first deposit, ends it when everything is withdrawn, and moves by the amount when nothing was there to scale', () => {
    expect(markAfterCapital(0, 5_000, 5_000)).toBe(5_000);
    expect(markAfterCapital(8_000, -6_000, 0)).toBe(0);
    // The account had lost everything: the new money counts against the old mark.
    expect(markAfterCapital(10_000, 4_000, 4_000)).toBe(14_000);
  });

  it('never sets the mark under the equity and leaves the fall in percent as it was, to the rounding of one unit up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), fc.integer({ min: 1, max: 10 ** 12 }), fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), (mark, equityBefore, amount) => {
        fc.pre(equityBefore <= mark && equityBefore + amount > 0);
        const after = markAfterCapital(mark, amount, equityBefore + amount);
        expect(after).toBeGreaterThanOrEqual(equityBefore + amount);
        expect(Math.abs(fall(after, equityBefore + amount) - fall(mark, equityBefore))).toBeLessThanOrEqual(1 / after + 1e-12);
      }),
    );
  });
});
