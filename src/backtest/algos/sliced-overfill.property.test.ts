// Property test: a TWAP never fills more than its quantity, whatever crosses its cancels and placements on the way.
//
// Random prints move through and around the cap while every action (place, cancel) takes a random
// time to arrive, so fills cross the cancels of slices being carried forward, and reports and fills
// reach the algorithm late. The fills the engine made for the account are the ground truth.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TwapOptions } from '../../strategy/index.ts';
import type { MarketRecord } from '../types.ts';
import { runAlgo, trade } from './harness.ts';

interface Case {
  readonly options: Omit<TwapOptions, 'symbol'>;
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly fillOnTouch: boolean;
  readonly prints: ReadonlyArray<{ readonly ms: number; readonly price: number; readonly qty: number }>;
}

const cases: fc.Arbitrary<Case> = fc
  .record({
    side: fc.constantFrom('buy' as const, 'sell' as const),
    style: fc.constantFrom('limit' as const, 'market' as const),
    qty: fc.integer({ min: 1, max: 60 }),
    slices: fc.integer({ min: 1, max: 5 }),
    intervalMs: fc.integer({ min: 10, max: 90 }).map((s) => s * 1_000),
    limitPrice: fc.constantFrom(98, 99, 99.5, 100, 101, 102),
    catchUp: fc.constantFrom<TwapOptions['catchUp']>(undefined, false, { graceMs: 30_000, retryMs: 2_000 }),
    latencyMs: fc.integer({ min: 1_000, max: 15_000 }),
    jitterMs: fc.integer({ min: 0, max: 15_000 }),
    fillOnTouch: fc.boolean(),
    // Prints a few seconds apart, often large and through every price the slices rest at, so what works tends to fill.
    prints: fc.array(fc.record({ gapS: fc.integer({ min: 1, max: 4 }), price: fc.constantFrom(97, 98, 98.5, 99, 99.5, 100, 100.5, 101, 102, 103), qty: fc.integer({ min: 1, max: 60 }) }), { minLength: 1, maxLength: 200 }),
  })
  .map(({ intervalMs, latencyMs, jitterMs, fillOnTouch, prints, ...order }) => {
    let ms = 0;
    return {
      options: { ...order, durationMs: order.slices * intervalMs },
      latencyMs,
      jitterMs,
      fillOnTouch,
      prints: prints.map((p) => ({ ms: (ms += p.gapS * 1_000), price: p.price, qty: p.qty })),
    };
  });

/**
 * A race that over-fills when a carried slice goes out as soon as its cancel is acknowledged: 1 of
 * the 2 resting lots fills while the cancel travels, the new order of 3 meets the next print too.
 */
const crossedCancel: Case = {
  options: { side: 'buy', style: 'limit', qty: 3, slices: 2, limitPrice: 98, durationMs: 20_000 },
  latencyMs: 1_000,
  jitterMs: 1,
  fillOnTouch: false,
  prints: [
    { ms: 2_000, price: 101, qty: 1 },
    { ms: 5_000, price: 102, qty: 1 },
    { ms: 7_000, price: 99, qty: 1 },
    { ms: 11_000, price: 97, qty: 1 },
  ],
};

/** A first print at 0 starts the algorithm; the others follow in time order. */
const records = (prints: Case['prints']): MarketRecord[] => [trade(0, 100), ...prints.map((p) => trade(p.ms, p.price, p.qty))];

describe('TWAP and its carried slices', () => {
  it('never fill more than the parent quantity, with fills crossing cancels and reports arriving late', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ({ options, latencyMs, jitterMs, fillOnTouch, prints }) => {
        const { result, observed } = await runAlgo((ctx, algos) => algos.twap(ctx, { symbol: 'ACME', ...options }), records(prints), { latency: { ms: latencyMs, jitterMs }, fillOnTouch });
        const filled = result.fills.reduce((sum, f) => sum + f.qty, 0);
        expect(filled).toBeLessThanOrEqual(Number(options.qty));
        const status = observed.algo!.status();
        // What the algorithm counted are fills the account really had, and never more than the parent either.
        expect(status.filledQty).toBeLessThanOrEqual(filled);
        for (const fill of observed.fills) expect(fill.status.filledQty).toBeLessThanOrEqual(Number(options.qty));
        expect(status.filledQty + status.remainingQty).toBe(Number(options.qty));
      }),
      { numRuns: 30, examples: [[crossedCancel]] },
    );
  }, 120_000);
});
