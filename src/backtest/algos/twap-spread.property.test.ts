// Property test: a TWAP's plan adds up to its quantity exactly, has no negative slice, and spreads its lots over the whole duration, with or without size jitter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Twap } from '../../strategy/index.ts';
import { runAlgo, T0, trade } from './harness.ts';

const MIN = 60_000;

const cases = fc.record({
  qty: fc.integer({ min: 1, max: 60 }),
  slices: fc.integer({ min: 1, max: 40 }),
  size: fc.constantFrom(0, 0.1, 0.5, 0.9),
  timing: fc.constantFrom(0, 0.5),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});

describe('TWAP plan', () => {
  it('adds up to the quantity, sends nothing negative, and keeps every running total near the even schedule', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ({ qty, slices, size, timing, seed }) => {
        const { observed } = await runAlgo((ctx, algos) => algos.twap(ctx, { symbol: 'ACME', side: 'buy', qty, durationMs: slices * MIN, slices, randomize: { size, timing } }), [trade(0, 100)], { seed });
        const plan = (observed.algo as Twap).plan();
        expect(plan).toHaveLength(slices);
        expect(plan.reduce((sum, slice) => sum + slice.qty, 0)).toBe(qty);
        let through = 0;
        plan.forEach((slice, i) => {
          expect(slice.qty).toBeGreaterThanOrEqual(0);
          expect(slice.at).toBeGreaterThanOrEqual(T0 + i * MIN);
          through += slice.qty;
          // A slice's weight lies within 1 ± size, so the share through slice i lies between these two; the lots stay within half a lot of it.
          const done = i + 1;
          const rest = slices - done;
          const most = (qty * done * (1 + size)) / (done * (1 + size) + rest * (1 - size));
          const least = (qty * done * (1 - size)) / (done * (1 - size) + rest * (1 + size));
          expect(through).toBeLessThanOrEqual(most + 0.5 + 1e-9);
          expect(through).toBeGreaterThanOrEqual(least - 0.5 - 1e-9);
        });
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('a quantity smaller than the slice count lasts the whole duration: 3 lots over 10 slices go out at the 2nd, 5th and 9th', async () => {
    const { observed } = await runAlgo((ctx, algos) => algos.twap(ctx, { symbol: 'ACME', side: 'buy', qty: 3, durationMs: 10 * MIN, slices: 10 }), [trade(0, 100)]);
    expect((observed.algo as Twap).plan().map((slice) => slice.qty)).toEqual([0, 1, 0, 0, 1, 0, 0, 0, 1, 0]);
  });
});
