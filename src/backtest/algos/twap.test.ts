import { describe, expect, it } from 'vitest';
import type { SliceStatus, Twap } from '../../strategy/index.ts';
import { runAlgo, T0, trades } from './harness.ts';

const MIN = 60_000;

describe('TWAP', () => {
  it('sends 10 equal market slices over 10 minutes, fills each at its time, and finishes at the last slice', async () => {
    const { result, observed } = await runAlgo((ctx, algos) => algos.twap(ctx, { symbol: 'ACME', side: 'buy', qty: 100, durationMs: 10 * MIN, slices: 10 }), trades(0, 11 * MIN, 10_000, 100));
    const algo = observed.algo as Twap;
    expect(algo.plan()).toEqual(Array.from({ length: 10 }, (_, i) => ({ at: T0 + i * MIN, qty: 10 })));
    expect(result.fills.map((f) => [f.ts - T0, f.side, f.price, f.qty])).toEqual(Array.from({ length: 10 }, (_, i) => [i * MIN, 'buy', 100, 10]));
    const status: SliceStatus = algo.status();
    expect(status).toMatchObject({ state: 'done', qty: 100, filledQty: 100, remainingQty: 0, avgPrice: 100, slicesSent: 10, slices: 10, openOrders: [] });
    // Done when filled, at the last slice, not at the end of the duration.
    expect(observed.done?.at).toBe(T0 + 9 * MIN);
    expect(observed.fills.map((f) => f.status.filledQty)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  });

  it('randomizes slice times and sizes from the seed: the same seed repeats, the total stays exact', async () => {
    const run = (seed: number) => runAlgo((ctx, algos) => algos.twap(ctx, { symbol: 'ACME', side: 'sell', qty: 97, durationMs: 10 * MIN, slices: 10, randomize: { timing: 0.5, size: 0.4 } }), trades(0, 11 * MIN, 1_000, 100), { seed });
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    const plan = (a.observed.algo as Twap).plan();
    expect((b.observed.algo as Twap).plan()).toEqual(plan);
    expect((c.observed.algo as Twap).plan()).not.toEqual(plan);
    expect(plan.reduce((sum, s) => sum + s.qty, 0)).toBe(97);
    expect(new Set(plan.map((s) => s.qty)).size).toBeGreaterThan(1);
    plan.forEach((slice, i) => {
      expect(slice.at).toBeGreaterThanOrEqual(T0 + i * MIN);
      expect(slice.at).toBeLessThan(T0 + i * MIN + MIN / 2);
    });
    // Each slice fills at its own (jittered) time and size.
    expect(a.result.fills.map((f) => [f.ts, f.qty])).toEqual(plan.map((s) => [s.at, s.qty]));
  });

  it('with a limit cap, slices are IOC limits: one that cannot fill is made up by the next', async () => {
    // Slices fire before a record at the same time, so each sees the price printed just before it.
    const price = (ms: number) => (ms >= 90_000 && ms < 210_000 ? 101 : 100);
    const { result, observed } = await runAlgo((ctx, algos) => algos.twap(ctx, { symbol: 'ACME', side: 'buy', qty: 100, durationMs: 10 * MIN, slices: 10, limitPrice: 100.5 }), trades(0, 11 * MIN, 10_000, price));
    expect(result.fills.map((f) => [(f.ts - T0) / MIN, f.price, f.qty])).toEqual([
      [0, 100, 10],
      [1, 100, 10],
      [4, 100, 30],
      [5, 100, 10],
      [6, 100, 10],
      [7, 100, 10],
      [8, 100, 10],
      [9, 100, 10],
    ]);
    const refused = observed.orders.filter((o) => o.status === 'cancelled').map((o) => [o.type, o.price, o.qty, o.filledQty]);
    expect(refused).toEqual([
      ['limit', 100.5, 10, 0],
      ['limit', 100.5, 20, 0],
    ]);
    expect(observed.algo?.status().state).toBe('done');
  });

  it('expires at the end of the duration with what could not fill, cancelling resting limit slices', async () => {
    // Limit slices rest at the touch capped at 99; the market trades at 100 and never comes down.
    const { result, observed } = await runAlgo((ctx, algos) => algos.twap(ctx, { symbol: 'ACME', side: 'buy', qty: 40, durationMs: 4 * MIN, slices: 4, style: 'limit', limitPrice: 99 }), trades(0, 5 * MIN, 10_000, 100));
    expect(result.fills).toEqual([]);
    expect(observed.done).toMatchObject({ at: T0 + 4 * MIN, status: { state: 'expired', filledQty: 0, remainingQty: 40, openOrders: [] } });
    const resting = observed.orders.filter((o) => o.status === 'open').map((o) => [o.price, o.qty]);
    expect(resting).toEqual([[99, 10], [99, 10], [99, 10], [99, 10]]);
    expect(observed.orders.filter((o) => o.status === 'cancelled').map((o) => o.reason)).toHaveLength(4);
  });

  it('refuses bad parameters as a value', async () => {
    const observed: string[] = [];
    await expect(
      runAlgo((ctx, algos) => {
        const algo = algos.twap(ctx, { symbol: 'ACME', side: 'buy', qty: 10, durationMs: 0, slices: 3 });
        void algo.start().then((r) => observed.push(r.ok ? 'ok' : r.code));
        return algos.twap(ctx, { symbol: 'NOPE', side: 'buy', qty: 10, durationMs: 1000, slices: 3 });
      }, trades(0, 2000, 1000, 100)),
    ).rejects.toThrow('UNKNOWN_SYMBOL');
    expect(observed).toEqual(['INVALID_ALGO_PARAMS']);
  });
});
