import { describe, expect, it } from 'vitest';
import type { PegStatus } from '../../strategy/index.ts';
import { haltedBetween, quote, runAlgo, T0, trade } from './harness.ts';

describe('pegged (best-limit)', () => {
  it('joins the best bid, re-pegs with a replace as the bid moves, and completes when a trade fills it', async () => {
    const data = [quote(1000, 99.9, 100.1), quote(2000, 99.95, 100.1), trade(2500, 99.99, 3), quote(3000, 100, 100.1), quote(3500, 99.97, 100.1), trade(4000, 99.9, 10)];
    const { result, observed } = await runAlgo((ctx, algos) => algos.peg(ctx, { symbol: 'ACME', side: 'buy', qty: 10 }), data);
    const orderId = observed.orders[0]!.id;
    // One order, moved in place: accepted at 99.90, then 99.95, 100.00 and back down to 99.97.
    expect(observed.orders.every((o) => o.id === orderId)).toBe(true);
    const prices = observed.orders.filter((o) => o.status === 'open').map((o) => o.price);
    expect([...new Set(prices)]).toEqual([99.9, 99.95, 100, 99.97]);
    expect(result.fills.map((f) => [f.ts - T0, f.price, f.qty, f.liquidity])).toEqual([[4000, 99.97, 10, 'maker']]);
    expect(observed.algo?.status()).toMatchObject({ state: 'done', filledQty: 10, repegs: 3, avgPrice: 99.97 } satisfies Partial<PegStatus>);
  });

  it('improves by a tick without crossing the spread, and never goes beyond the cap', async () => {
    const data = [quote(1000, 99.9, 100.1), quote(2000, 99.95, 100.1), quote(3000, 100, 100.01), trade(4000, 99.97, 10)];
    const { result, observed } = await runAlgo((ctx, algos) => algos.peg(ctx, { symbol: 'ACME', side: 'buy', qty: 10, improveTicks: 1, limitPrice: 99.98 }), data);
    const prices = [...new Set(observed.orders.filter((o) => o.status === 'open').map((o) => o.price))];
    expect(prices).toEqual([99.91, 99.96, 99.98]);
    expect(result.fills.map((f) => [f.ts - T0, f.price, f.qty])).toEqual([[4000, 99.98, 10]]);
  });

  it('keeps its order through a halt that refuses a re-peg, says it waits, and moves it on the first quote after', async () => {
    const peg = (haltEndMs: number) => runAlgo((ctx, algos) => algos.peg(haltedBetween(ctx, 1500, haltEndMs), { symbol: 'ACME', side: 'buy', qty: 5 }), [quote(1000, 99.9, 100.1), quote(2000, 99.95, 100.1), quote(3000, 99.96, 100.1)]);
    const openPrices = (observed: { orders: ReadonlyArray<{ status: string; price?: number }> }) => [...new Set(observed.orders.filter((o) => o.status === 'open').map((o) => o.price))];
    // Still halted at the end: the move to 99.95 and to 99.96 were refused, and the order works on at 99.90.
    const halted = (await peg(10_000)).observed;
    expect(openPrices(halted)).toEqual([99.9]);
    expect(halted.algo?.status()).toMatchObject({ state: 'running', price: 99.9, repegs: 0, lastError: 'INSTRUMENT_HALTED: Trading in ACME is halted (news pending); waiting for trading to resume' });
    // Resumed before the third quote: it moves there, and the wait it reported is over.
    const resumed = (await peg(2500)).observed;
    expect(openPrices(resumed)).toEqual([99.9, 99.96]);
    expect(resumed.algo?.status()).toMatchObject({ state: 'running', price: 99.96, repegs: 1, lastError: undefined });
  });

  it('pegs a sell to the ask, improving by two ticks', async () => {
    const data = [quote(1000, 99.9, 100.1), quote(2000, 99.9, 100.05), quote(3000, 99.9, 100.2)];
    const { observed } = await runAlgo((ctx, algos) => algos.peg(ctx, { symbol: 'ACME', side: 'sell', qty: 5, improveTicks: 2 }), [...data, quote(4000, 99.9, 100.3)]);
    const prices = [...new Set(observed.orders.filter((o) => o.status === 'open').map((o) => o.price))];
    // 100.10 - 2 ticks, 100.05 - 2 ticks, 100.20 - 2 ticks, 100.30 - 2 ticks.
    expect(prices).toEqual([100.08, 100.03, 100.18, 100.28]);
    expect(observed.algo?.status()).toMatchObject({ state: 'running', price: 100.28, repegs: 3 });
  });
});
