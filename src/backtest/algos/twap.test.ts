import { describe, expect, it } from 'vitest';
import type { SliceStatus, StartResult, Twap, TwapOptions } from '../../strategy/index.ts';
import { books, quote, runAlgo, T0, trade, trades, type MakeAlgo } from './harness.ts';
import type { MarketRecord } from '../types.ts';

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
    // Each slice cancels the one still resting and carries its rest, so the last carries all 40.
    const { result, observed } = await runAlgo((ctx, algos) => algos.twap(ctx, { symbol: 'ACME', side: 'buy', qty: 40, durationMs: 4 * MIN, slices: 4, style: 'limit', limitPrice: 99, catchUp: false }), trades(0, 5 * MIN, 10_000, 100));
    expect(result.fills).toEqual([]);
    expect(observed.done).toMatchObject({ at: T0 + 4 * MIN, status: { state: 'expired', filledQty: 0, remainingQty: 40, openOrders: [], slicesSent: 4, catchUpsSent: 0 } });
    const resting = observed.orders.filter((o) => o.status === 'open').map((o) => [(o.at - T0) / MIN, o.price, o.qty]);
    expect(resting).toEqual([
      [0, 99, 10],
      [1, 99, 20],
      [2, 99, 30],
      [3, 99, 40],
    ]);
    expect(observed.orders.filter((o) => o.status === 'cancelled').map((o) => [(o.at - T0) / MIN, o.qty, o.filledQty])).toEqual([
      [1, 10, 0],
      [2, 20, 0],
      [3, 30, 0],
      [4, 40, 0],
    ]);
    expect(observed.done?.status.lastError).toBe('expired with 40 of 40 unfilled (0 filled): limit slices rest at the touch within limitPrice 99 and were not filled in time');
  });

  it('refuses bad parameters as a value, naming the parameter', async () => {
    const observed: StartResult[] = [];
    await expect(
      runAlgo((ctx, algos) => {
        void algos.twap(ctx, { symbol: 'ACME', side: 'buy', qty: 10, durationMs: 0, slices: 3 }).start().then((r) => observed.push(r));
        void algos.twap(ctx, { symbol: 'ACME', side: 'buy', qty: 10, durationMs: 1000, slices: 3, catchUp: { retryMs: 0 } }).start().then((r) => observed.push(r));
        return algos.twap(ctx, { symbol: 'NOPE', side: 'buy', qty: 10, durationMs: 1000, slices: 3 });
      }, trades(0, 2000, 1000, 100)),
    ).rejects.toThrow('UNKNOWN_SYMBOL');
    expect(observed).toEqual([
      { ok: false, code: 'INVALID_ALGO_PARAMS', message: 'twap: durationMs must be a positive whole number, got 0', details: [{ path: 'durationMs', message: 'durationMs must be a positive whole number, got 0' }] },
      { ok: false, code: 'INVALID_ALGO_PARAMS', message: 'twap: catchUp.retryMs must be a positive whole number, got 0', details: [{ path: 'catchUp.retryMs', message: 'catchUp.retryMs must be a positive whole number, got 0' }] },
    ]);
  });
});

describe('TWAP with limited liquidity', () => {
  // Each slice takes what the recorded book shows on the ask; the snapshot just before a slice is the one it meets.
  const twap = (extra: Partial<TwapOptions> = {}) => (ctx: Parameters<MakeAlgo>[0], algos: Parameters<MakeAlgo>[1]) => algos.twap(ctx, { symbol: 'ACME', side: 'buy', qty: 100, durationMs: 10 * MIN, slices: 10, ...extra });

  it('rolls what a partly filled slice left into the next slice', async () => {
    const asks = (ms: number) => [[100, ms > 120_000 && ms < 180_000 ? 7 : 100] as const];
    const { result, observed } = await runAlgo(twap(), books(0, 11 * MIN, 10_000, asks), { fillModel: 'book-replay' });
    expect(result.fills.map((f) => [(f.ts - T0) / MIN, f.price, f.qty])).toEqual([
      [0, 100, 10],
      [1, 100, 10],
      [2, 100, 10],
      [3, 100, 7],
      [4, 100, 13],
      ...[5, 6, 7, 8, 9].map((m) => [m, 100, 10]),
    ]);
    expect(observed.orders.filter((o) => o.status === 'cancelled').map((o) => [o.qty, o.filledQty, o.reason])).toEqual([[10, 7, 'NO_LIQUIDITY']]);
    expect(observed.done).toMatchObject({ at: T0 + 9 * MIN, status: { state: 'done', filledQty: 100, remainingQty: 0, catchUpsSent: 0 } });
  });

  it('rolls a remainder into the next slice time even when the plan gives that slice nothing', async () => {
    // 3 in 6 slices: minutes 0, 2 and 4 plan 1 each, minutes 1, 3 and 5 nothing; minute 2 meets an empty ask.
    const asks = (ms: number) => (ms > 60_000 && ms < 120_000 ? [] : [[100, 100] as const]);
    const { result, observed } = await runAlgo(twap({ qty: 3, durationMs: 6 * MIN, slices: 6 }), books(0, 8 * MIN, 10_000, asks), { fillModel: 'book-replay' });
    expect((observed.algo as Twap).plan().map((s) => s.qty)).toEqual([1, 0, 1, 0, 1, 0]);
    expect(result.fills.map((f) => [(f.ts - T0) / MIN, f.qty])).toEqual([
      [0, 1],
      [3, 1],
      [4, 1],
    ]);
    expect(observed.done?.status).toMatchObject({ state: 'done', slicesSent: 4, catchUpsSent: 0 });
  });

  it('completes what the last slice left by retrying it after the last slice', async () => {
    // The last slice (minute 9) meets 4 on the ask; from then on the book shows 100 again.
    const asks = (ms: number) => [[100, ms > 480_000 && ms < 540_000 ? 4 : 100] as const];
    const { result, observed } = await runAlgo(twap(), books(0, 12 * MIN, 10_000, asks), { fillModel: 'book-replay' });
    // Retries come every tenth of a slice interval: 6 s.
    expect(result.fills.slice(-2).map((f) => [f.ts - T0, f.qty])).toEqual([
      [9 * MIN, 4],
      [9 * MIN + 6_000, 6],
    ]);
    expect(result.fills.reduce((sum, f) => sum + f.qty, 0)).toBe(100);
    expect(observed.done).toMatchObject({ at: T0 + 9 * MIN + 6_000, status: { state: 'done', filledQty: 100, remainingQty: 0, slicesSent: 10, catchUpsSent: 1, lastError: undefined } });
  });

  it('keeps retrying until the end plus the grace period, never beyond the limit price, then expires saying what is left and why', async () => {
    // From minute 9 the ask offers 4 at 100, then nothing within the cap of 100.50.
    const asks = (ms: number): Array<readonly [number, number]> => (ms < 530_000 ? [[100, 100]] : ms < 540_000 ? [[100, 4], [101, 100]] : [[101, 100]]);
    const { result, observed } = await runAlgo(twap({ limitPrice: 100.5, catchUp: { graceMs: 30_000, retryMs: 10_000 } }), books(0, 12 * MIN, 5_000, asks), { fillModel: 'book-replay' });
    expect(Math.max(...result.fills.map((f) => f.price))).toBe(100);
    expect(result.fills.reduce((sum, f) => sum + f.qty, 0)).toBe(94);
    // Retries at 9:10 .. 10:20 (every 10 s until the deadline, 10:30), each an IOC at the cap for the 6 left.
    const retries = observed.orders.filter((o) => o.status === 'cancelled' && o.qty === 6);
    expect(retries.map((o) => [o.price, o.filledQty, o.reason])).toEqual(Array.from({ length: 8 }, () => [100.5, 0, 'IOC_UNFILLED']));
    const status = observed.done?.status;
    expect(observed.done?.at).toBe(T0 + 10 * MIN + 30_000);
    expect(status).toMatchObject({ state: 'expired', filledQty: 94, remainingQty: 6, openOrders: [], catchUpsSent: 8, deadline: T0 + 10 * MIN + 30_000 });
    expect(status?.lastError).toMatch(/^expired with 6 of 100 unfilled \(94 filled\): no more liquidity within limitPrice 100\.5: order \d+ filled 0 of 6 and was cancelled \(IOC_UNFILLED\)$/);
  });

  it('with catchUp: false, leaves what the last slice left to expire at the end of the duration', async () => {
    const asks = (ms: number) => [[100, ms > 480_000 && ms < 540_000 ? 4 : 100] as const];
    const { observed } = await runAlgo(twap({ catchUp: false }), books(0, 12 * MIN, 10_000, asks), { fillModel: 'book-replay' });
    expect(observed.done).toMatchObject({ at: T0 + 10 * MIN, status: { state: 'expired', filledQty: 94, remainingQty: 6, catchUpsSent: 0 } });
    expect(observed.done?.status.lastError).toMatch(/filled 4 of 10 and was cancelled \(NO_LIQUIDITY\)/);
  });
});

describe('TWAP with limit-style slices', () => {
  const limitTwap = (extra: Partial<TwapOptions> = {}) => (ctx: Parameters<MakeAlgo>[0], algos: Parameters<MakeAlgo>[1]) =>
    algos.twap(ctx, { symbol: 'ACME', side: 'buy', qty: 40, durationMs: 4 * MIN, slices: 4, style: 'limit', limitPrice: 99, ...extra });
  /** Prints at 100 every 10 s, but for the dips given (ms -> [price, qty]), each followed by a print at 100 a second later. */
  const market = (toMs: number, dips: Record<number, readonly [number, number]>): MarketRecord[] =>
    trades(0, toMs, 10_000, 100).flatMap((record) => {
      const dip = dips[record.ts - T0];
      return dip ? [trade(record.ts - T0, dip[0], dip[1]), trade(record.ts - T0 + 1_000, 100)] : [record];
    });
  /** The orders as they were placed: [seconds after T0, price, qty]. */
  const placed = (orders: Array<{ status: string; at: number; price: number | undefined; qty: number }>) => orders.filter((o) => o.status === 'open').map((o) => [(o.at - T0) / 1000, o.price, o.qty]);

  it('cancels a slice still resting when the next is due and carries its rest into it, so the schedule catches up', async () => {
    // Slices rest at 99 (the touch, 100, capped). Nothing trades through 99 until 2:30 (12 lots at 98.5) and 3:30 (30 lots).
    const { result, observed } = await runAlgo(limitTwap(), market(6 * MIN, { 150_000: [98.5, 12], 210_000: [98.5, 30] }));
    expect(placed(observed.orders)).toEqual([
      [0, 99, 10],
      [60, 99, 20],
      [120, 99, 30],
      // The last slice carries the 18 the third left and its own 10.
      [180, 99, 28],
    ]);
    expect(observed.orders.filter((o) => o.status === 'cancelled').map((o) => [(o.at - T0) / 1000, o.qty, o.filledQty])).toEqual([
      [60, 10, 0],
      [120, 20, 0],
      [180, 30, 12],
    ]);
    expect(result.fills.map((f) => [(f.ts - T0) / 1000, f.price, f.qty, f.liquidity])).toEqual([
      [150, 99, 12, 'maker'],
      [210, 99, 28, 'maker'],
    ]);
    expect(observed.done).toMatchObject({ at: T0 + 210_000, status: { state: 'done', filledQty: 40, remainingQty: 0, openOrders: [], slicesSent: 4, catchUpsSent: 0, ordersSent: 4 } });
  });

  it('the last slice carries all that is left and rests until the end plus the grace period, then expires saying what is left', async () => {
    // 5 lots trade through at 0:30; the rest never does. The default grace is one slice interval (a minute).
    const { result, observed } = await runAlgo(limitTwap(), market(7 * MIN, { 30_000: [98.5, 5] }));
    expect(result.fills.map((f) => [(f.ts - T0) / 1000, f.qty])).toEqual([[30, 5]]);
    expect(placed(observed.orders).map(([, , qty]) => qty)).toEqual([10, 15, 25, 35]);
    const status = observed.done?.status;
    expect(observed.done?.at).toBe(T0 + 5 * MIN);
    expect(status).toMatchObject({ state: 'expired', filledQty: 5, remainingQty: 35, openOrders: [], deadline: T0 + 5 * MIN, catchUpsSent: 0 });
    expect(status?.lastError).toBe('expired with 35 of 40 unfilled (5 filled): limit slices rest at the touch within limitPrice 99 and were not filled in time');
  });

  it('after the last slice, moves the resting rest to the touch when the touch moves away, never beyond the cap', async () => {
    // The bid is 98 until 1:20, 99 until 1:40, then 101 (the cap of 100 binds). Retries come every 6 s.
    const bid = (ms: number) => (ms < 80_000 ? 98 : ms < 100_000 ? 99 : 101);
    const quotes: MarketRecord[] = [];
    for (let ms = 0; ms < 4 * MIN; ms += 10_000) quotes.push(quote(ms, bid(ms), bid(ms) + 3));
    const { result, observed } = await runAlgo(limitTwap({ qty: 10, durationMs: 2 * MIN, slices: 2, limitPrice: 100 }), quotes);
    expect(result.fills).toEqual([]);
    expect(placed(observed.orders)).toEqual([
      [0, 98, 5],
      [60, 98, 10],
      [84, 99, 10],
      [102, 100, 10],
    ]);
    expect(observed.done).toMatchObject({ at: T0 + 3 * MIN, status: { state: 'expired', filledQty: 0, remainingQty: 10, slicesSent: 2, catchUpsSent: 2 } });
  });

  it('when a fill crosses the cancel, carries only what is still unfilled (orders take 5 s to arrive)', async () => {
    // The first slice's 10 rest at 99 from 0:05. The second slice's cancel leaves at 1:00 and arrives at
    // 1:05, after all 10 traded through at 1:00: the cancel is refused, and the second slice sends its own 10 only.
    const { result, observed } = await runAlgo(limitTwap({ qty: 20, durationMs: 2 * MIN, slices: 2 }), market(4 * MIN, { 60_000: [98.5, 10], 130_000: [98.5, 10] }), { latency: { ms: 5_000 } });
    expect(placed(observed.orders)).toEqual([
      [5, 99, 10],
      [70, 99, 10],
    ]);
    expect(observed.orders.filter((o) => o.status === 'cancelled')).toEqual([]);
    expect(result.fills.map((f) => [(f.ts - T0) / 1000, f.qty])).toEqual([
      [60, 10],
      [130, 10],
    ]);
    expect(observed.done?.status).toMatchObject({ state: 'done', filledQty: 20, slicesSent: 2, catchUpsSent: 0 });
  });

  it('when a fill crosses the cancel in part, carries the rest the final report leaves', async () => {
    // As above, but only 4 of the first 10 trade through before the cancel arrives: the second slice sends 6 + 10.
    const { result, observed } = await runAlgo(limitTwap({ qty: 20, durationMs: 2 * MIN, slices: 2 }), market(4 * MIN, { 60_000: [98.5, 4], 130_000: [98.5, 16] }), { latency: { ms: 5_000 } });
    expect(placed(observed.orders)).toEqual([
      [5, 99, 10],
      [70, 99, 16],
    ]);
    expect(observed.orders.filter((o) => o.status === 'cancelled').map((o) => [o.qty, o.filledQty])).toEqual([[10, 4]]);
    expect(result.fills.map((f) => [(f.ts - T0) / 1000, f.qty])).toEqual([
      [60, 4],
      [130, 16],
    ]);
    expect(observed.done?.status).toMatchObject({ state: 'done', filledQty: 20, slicesSent: 2 });
  });
});
