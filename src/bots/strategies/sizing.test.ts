// Default sizes as shares of a bot's worth, read from a real runner's context: worth, shares, what the cash pays for; and what that does to a walker on a dear instrument.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine.ts';
import { startOn } from '../../strategy/test-support-run.ts';
import { grid } from './common.ts';
import { noise } from './noise.ts';
import { randomWalk } from './random-walk.ts';
import { affordableLots, orderRange, shareOfWorth, worth } from './sizing.ts';

describe('sizing', () => {
  it("values the bot at its cash plus its holdings at the last price, and sizes orders as shares of that", async () => {
    const { harness, runner } = await startOn(new Engine(), noise, { symbols: ['ACME'], params: { meanIntervalMs: 1e9 }, harness: { deposits: { USD: '10000', ACME: '10' } } });
    const ctx = runner.context;
    // No trade yet: the holding is valued at the price asked about.
    expect(worth(ctx, 'ACME', 90)).toBe(10_900);
    await harness.print('ACME', 100);
    expect(worth(ctx, 'ACME', 90)).toBe(11_000);
    expect(shareOfWorth(ctx, 'ACME', 0.01, 100)).toBeCloseTo(1.1, 10);
    expect(orderRange(ctx, 'ACME', 100, {}, { min: 0.01, max: 0.05 })).toEqual({ min: expect.closeTo(1.1, 10) as number, max: expect.closeTo(5.5, 10) as number });
    // A bound that is set wins, and the other never crosses it.
    expect(orderRange(ctx, 'ACME', 100, { maxQty: 0.5 }, { min: 0.01, max: 0.05 })).toEqual({ min: 0.5, max: 0.5 });
    expect(orderRange(ctx, 'ACME', 100, { minQty: 8 }, { min: 0.01, max: 0.05 })).toEqual({ min: 8, max: 8 });
    expect(orderRange(ctx, 'ACME', 100, { minQty: 1, maxQty: 2 }, { min: 0.01, max: 0.05 })).toEqual({ min: 1, max: 2 });

    const g = grid(ctx, 'ACME')!;
    // $10,000 at 100 and a 1% fee margin: 99 shares; a market buy is held at the band's edge, 10% up: 90.
    expect(affordableLots(ctx, 'ACME', 100, g, 'limit')).toBe(99);
    expect(affordableLots(ctx, 'ACME', 100, g, 'market')).toBe(90);
    // A resting buy holds its share of the cash.
    expect((await harness.place({ symbol: 'ACME', side: 'buy', type: 'limit', qty: '50', price: '90' })).ok).toBe(true);
    await runner.idle();
    expect(affordableLots(ctx, 'ACME', 100, g, 'limit')).toBe(54);
  });

  it('keeps a $10,000 walker on a $30,000 coin within its cash, and lets a richer one trade bigger', async () => {
    const run = async (usd: string) => {
      const started = await startOn(new Engine(), randomWalk, { symbols: ['BTC-USD'], seed: 3, params: { intervalMs: 1_000, referencePrice: 30_000, marketRatio: 0.3 }, harness: { deposits: { USD: usd } } });
      await started.harness.print('BTC-USD', 30_000);
      for (let i = 0; i < 60; i++) {
        await started.harness.advance(2_000);
        await started.harness.print('BTC-USD', 30_000 + (i % 7) * 50 - 150);
      }
      const buys = started.harness.sent.filter((o) => o.side === 'buy').map((o) => Number(o.qty));
      return { ...started, buys };
    };
    const modest = await run('10000');
    expect(modest.errors).toEqual([]);
    expect(modest.buys.length).toBeGreaterThan(10);
    // No order the venue had to refuse for want of funds; each buy is at most 2% of $10,000 or one lot.
    expect(modest.logs.filter((l) => l.fields?.code === 'INSUFFICIENT_FUNDS')).toEqual([]);
    for (const qty of modest.buys) expect(qty).toBeLessThanOrEqual(0.02);
    expect(modest.runner.context.cash('USD')).toBeGreaterThan(0);

    const rich = await run('1000000');
    const mean = (qtys: readonly number[]) => qtys.reduce((a, b) => a + b, 0) / qtys.length;
    // 0.5% to 2% of $1,000,000 at 30,000: 0.16 to 0.66 BTC an order.
    expect(mean(rich.buys)).toBeGreaterThan(0.16);
    expect(mean(rich.buys)).toBeGreaterThan(10 * mean(modest.buys));
  });
});
