import { describe, expect, it } from 'vitest';
import type { Vwap } from '../../strategy/index.ts';
import { books, runAlgo, T0, trade, trades } from './harness.ts';
import type { MarketRecord } from '../types.ts';

const MIN = 60_000;

describe('VWAP', () => {
  it('sizes slices by given weights and fills each at its bucket start', async () => {
    const { result, observed } = await runAlgo((ctx, algos) => algos.vwap(ctx, { symbol: 'ACME', side: 'buy', qty: 100, durationMs: 4 * MIN, slices: 4, profile: [1, 2, 3, 4] }), trades(0, 5 * MIN, 10_000, 100));
    expect((observed.algo as Vwap).plan()).toEqual([10, 20, 30, 40].map((qty, i) => ({ at: T0 + i * MIN, qty })));
    expect(result.fills.map((f) => [(f.ts - T0) / MIN, f.qty])).toEqual([
      [0, 10],
      [1, 20],
      [2, 30],
      [3, 40],
    ]);
    expect(observed.algo?.status()).toMatchObject({ state: 'done', filledQty: 100 });
  });

  it('refuses weights whose sum is not a finite number, naming the profile', async () => {
    const run = runAlgo((ctx, algos) => algos.vwap(ctx, { symbol: 'ACME', side: 'buy', qty: 10, durationMs: 2 * MIN, slices: 2, profile: [1e308, 1e308] }), trades(0, MIN, 10_000, 100));
    await expect(run).rejects.toThrow('INVALID_ALGO_PARAMS: vwap: profile weights must add up to a finite number: scale them down');
  });

  it('learns the profile from the same window of the previous period in ctx.history', async () => {
    // Minutes 0-3 trade 10, 30, 40 and 20 lots; from minute 10 the algorithm runs 4 one-minute
    // slices and looks one 10-minute period back, to exactly that window.
    // Bars open on whole minutes of the epoch; A is the first one after T0.
    const A = MIN - (T0 % MIN);
    const volumes = [10, 30, 40, 20];
    const data: MarketRecord[] = [];
    for (let ms = 0; ms < 14 * MIN; ms += 30_000) data.push(trade(A + ms, 100, ms < 4 * MIN ? volumes[Math.floor(ms / MIN)]! / 2 : 1));
    const { result, observed } = await runAlgo(
      (ctx, algos) => algos.vwap(ctx, { symbol: 'ACME', side: 'buy', qty: 50, durationMs: 4 * MIN, slices: 4, profile: { interval: '1m', periods: 1, periodMs: 10 * MIN } }),
      data,
      { startMs: A + 10 * MIN, bars: ['1m'] },
    );
    const algo = observed.algo as Vwap;
    expect(algo.profile()).toEqual(volumes);
    expect(algo.plan().map((s) => [(s.at - T0 - A) / MIN, s.qty])).toEqual([
      [10, 5],
      [11, 15],
      [12, 20],
      [13, 10],
    ]);
    expect(result.fills.map((f) => [(f.ts - T0) / MIN, f.qty])).toEqual(algo.plan().map((s) => [(s.at - T0) / MIN, s.qty]));
  });

  it('falls back to equal slices when the history has no volume in the window', async () => {
    const { observed } = await runAlgo(
      (ctx, algos) => algos.vwap(ctx, { symbol: 'ACME', side: 'sell', qty: 9, durationMs: 3 * MIN, slices: 3, profile: { interval: '1m', periods: 2 } }),
      trades(0, 4 * MIN, 10_000, 100),
      { bars: ['1m'] },
    );
    expect((observed.algo as Vwap).plan().map((s) => s.qty)).toEqual([3, 3, 3]);
  });

  it('rolls a partly filled slice into the next, and completes the last one after it', async () => {
    // Minute 1 meets 5 on the ask (of 20), minute 3 meets 15 (of 40); the book refills each time.
    const asks = (ms: number) => [[100, ms > 0 && ms < 60_000 ? 5 : ms > 120_000 && ms < 180_000 ? 15 : 100] as const];
    const { result, observed } = await runAlgo((ctx, algos) => algos.vwap(ctx, { symbol: 'ACME', side: 'buy', qty: 100, durationMs: 4 * MIN, slices: 4, profile: [1, 2, 3, 4] }), books(0, 6 * MIN, 10_000, asks), { fillModel: 'book-replay' });
    expect(result.fills.map((f) => [f.ts - T0, f.qty])).toEqual([
      [0, 10],
      [MIN, 5],
      [2 * MIN, 45],
      [3 * MIN, 15],
      [3 * MIN + 6_000, 25],
    ]);
    expect(observed.done).toMatchObject({ at: T0 + 3 * MIN + 6_000, status: { state: 'done', filledQty: 100, slicesSent: 4, catchUpsSent: 1 } });
  });

  it('with limit-style slices, cancels one still resting at the next and carries its rest into it', async () => {
    // Weights 1 and 3 of 20: 5 rest at 99 (the touch, 100, capped) and do not fill; the second slice carries them with its 15.
    const data = trades(0, 3 * MIN, 10_000, 100).map((record) => (record.ts - T0 === 90_000 ? trade(90_000, 98.5, 20) : record));
    const { result, observed } = await runAlgo((ctx, algos) => algos.vwap(ctx, { symbol: 'ACME', side: 'buy', qty: 20, durationMs: 2 * MIN, slices: 2, profile: [1, 3], style: 'limit', limitPrice: 99 }), data);
    expect(observed.orders.filter((o) => o.status === 'open').map((o) => [(o.at - T0) / MIN, o.price, o.qty])).toEqual([
      [0, 99, 5],
      [1, 99, 20],
    ]);
    expect(observed.orders.filter((o) => o.status === 'cancelled').map((o) => [o.qty, o.filledQty])).toEqual([[5, 0]]);
    expect(result.fills.map((f) => [(f.ts - T0) / 1000, f.price, f.qty])).toEqual([[90, 99, 20]]);
    expect(observed.done?.status).toMatchObject({ state: 'done', filledQty: 20, slicesSent: 2 });
  });
});
