import { describe, expect, it } from 'vitest';
import type { IcebergStatus, OrderView } from '../../strategy/index.ts';
import { haltedBetween, quote, runAlgo, T0, trade, trades } from './harness.ts';

/** The most the algorithm ever had resting at once, from the order reports the strategy heard. */
function maxResting(orders: readonly OrderView[]): number {
  const leaves = new Map<number, number>();
  let most = 0;
  for (const order of orders) {
    leaves.set(order.id, order.status === 'open' || order.status === 'partially_filled' ? order.leavesQty : 0);
    most = Math.max(most, [...leaves.values()].reduce((a, b) => a + b, 0));
  }
  return most;
}

describe('iceberg', () => {
  it('shows only the display quantity; each filled clip brings the next, until the total is done', async () => {
    // The book quotes 100.40 / 100.60; buyers print 25 lots at 101.50 every second, through the 101.00 sell limit.
    const data = [quote(500, 100.4, 100.6), ...trades(1000, 9000, 1000, 101.5, 25)];
    const { result, observed } = await runAlgo((ctx, algos) => algos.iceberg(ctx, { symbol: 'ACME', side: 'sell', qty: 50, displayQty: 10, limitPrice: 101 }), data);
    expect(result.fills.map((f) => [f.ts - T0, f.side, f.price, f.qty])).toEqual([1000, 2000, 3000, 4000, 5000].map((ms) => [ms, 'sell', 101, 10]));
    expect(maxResting(observed.orders)).toBe(10);
    expect(new Set(observed.orders.map((o) => o.id)).size).toBe(5);
    expect(observed.orders.filter((o) => o.status === 'open').every((o) => o.qty === 10 && o.price === 101)).toBe(true);
    expect(observed.algo?.status()).toMatchObject({ state: 'done', filledQty: 50, clips: 5 } satisfies Partial<IcebergStatus>);
  });

  it('waits out a halt that refuses its next clip, saying so, and sends the clip on the first quote after it', async () => {
    // The first clip fills at 1000; the next is refused in the halt, 900 to 2000, and goes at the quote at 2500.
    const data = [quote(500, 100.4, 100.6), trade(1000, 101.5, 10), quote(1500, 100.4, 100.6), quote(2500, 100.4, 100.6), trade(3000, 101.5, 10)];
    const iceberg = (records: typeof data) => runAlgo((ctx, algos) => algos.iceberg(haltedBetween(ctx, 900, 2000), { symbol: 'ACME', side: 'sell', qty: 20, displayQty: 10, limitPrice: 101 }), records);
    const halted = (await iceberg(data.slice(0, 3))).observed;
    expect(halted.algo?.status()).toMatchObject({ state: 'running', filledQty: 10, clips: 1, lastError: 'INSTRUMENT_HALTED: Trading in ACME is halted (news pending); waiting for trading to resume' });
    const { result, observed } = await iceberg(data);
    expect(result.fills.map((f) => [f.ts - T0, f.qty])).toEqual([[1000, 10], [3000, 10]]);
    expect(observed.orders.find((o) => o.status === 'open' && o.at > T0 + 1000)?.at).toBe(T0 + 2500);
    expect(observed.algo?.status()).toMatchObject({ state: 'done', filledQty: 20, clips: 2, lastError: undefined });
  });

  it('clips partially filled stay up; with jitter no clip ever exceeds the display quantity', async () => {
    const { result, observed } = await runAlgo((ctx, algos) => algos.iceberg(ctx, { symbol: 'ACME', side: 'buy', qty: 47, displayQty: 8, limitPrice: 99, displayJitter: 0.5 }), [quote(500, 99.4, 99.6), ...trades(1000, 40_000, 1000, 98.5, 3)], { seed: 5 });
    expect(result.fills.reduce((sum, f) => sum + f.qty, 0)).toBe(47);
    expect(result.fills.every((f) => f.qty <= 3 && f.price === 99)).toBe(true);
    const sizes = observed.orders.filter((o) => o.status === 'open' && o.filledQty === 0).map((o) => o.qty);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8);
    // Jitter takes off at most half; only the last clip, the remainder, may be smaller.
    expect(Math.min(...sizes.slice(0, -1))).toBeGreaterThanOrEqual(4);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(47);
    expect(maxResting(observed.orders)).toBeLessThanOrEqual(8);
    expect(observed.algo?.status().state).toBe('done');
  });
});
