// The random-walk, noise, momentum and mean-reversion bots on a real engine: they trade, never oversell, and repeat exactly.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../core/rng.ts';
import { Engine } from '../../engine/engine.ts';
import type { PortOrder } from '../../strategy/ports.ts';
import type { EngineHarness } from '../../strategy/test-support.ts';
import { startOn } from '../../strategy/test-support-run.ts';
import { meanReversion } from './mean-reversion.ts';
import { momentum } from './momentum.ts';
import { noise } from './noise.ts';
import { randomWalk } from './random-walk.ts';

const MINUTE = 60_000;
const ACME = ['ACME'];

/** Records every sell the bot sends for more ACME than its account has available at that moment. */
function guardSells(harness: EngineHarness): PortOrder[] {
  const oversold: PortOrder[] = [];
  const place = harness.place.bind(harness);
  harness.place = async (order) => {
    const available = Number((await harness.balances()).find((b) => b.asset === 'ACME')?.available ?? '0');
    if (order.side === 'sell' && Number(order.qty) > available) oversold.push(order);
    return place(order);
  };
  return oversold;
}

/** A price path on the cent grid from its own seed: the market both runs of a determinism check share. */
function walk(seed: number, steps: number, start = 100): number[] {
  const random = new SeededRandom(seed);
  let cents = start * 100;
  return Array.from({ length: steps }, () => (cents = Math.max(5_000, cents + random.int(-30, 30))) / 100);
}

describe('random-walk', () => {
  const run = async (seed: number) => {
    const started = await startOn(new Engine(), randomWalk, { symbols: ACME, seed, params: { intervalMs: 1_000, referencePrice: 100 }, harness: { deposits: { USD: '10000' } } });
    const oversold = guardSells(started.harness);
    await started.harness.print('ACME', 100);
    // A print every 5 s keeps a market to trade against and fills resting orders it crosses.
    for (const price of walk(3, 60)) {
      await started.harness.advance(5_000);
      await started.harness.print('ACME', price);
    }
    return { ...started, oversold };
  };

  it('sends buys and sells, limit and market, around the last price, and never oversells', async () => {
    const { harness, runner, errors, oversold, logs } = await run(11);
    expect(errors).toEqual([]);
    expect(oversold).toEqual([]);
    expect(harness.sent.length).toBeGreaterThan(200);
    const kinds = new Set(harness.sent.map((o) => `${o.side} ${o.type}`));
    expect(kinds).toEqual(new Set(['buy limit', 'buy market', 'sell limit', 'sell market']));
    for (const order of harness.sent.filter((o) => o.price !== undefined)) expect(Math.abs(Number(order.price) - 100)).toBeLessThan(15);
    expect(runner.context.position('ACME').qty).toBeGreaterThanOrEqual(0);
    // Buys stop at half the bot's worth (about $10,000) at the price of the day, 85 to 115.
    expect(runner.context.position('ACME').qty).toBeLessThanOrEqual(60);
    expect((await harness.openOrders()).length).toBeLessThanOrEqual(10);
    expect(logs.filter((l) => l.fields?.code === 'INSUFFICIENT_SHARES' || l.fields?.code === 'INSUFFICIENT_FUNDS')).toEqual([]);
  });

  it('repeats exactly with the same seed', async () => {
    const [a, b, c] = [await run(5), await run(5), await run(6)];
    expect(b.harness.sent).toEqual(a.harness.sent);
    expect(b.runner.exactPnl()).toEqual(a.runner.exactPnl());
    expect(c.harness.sent).not.toEqual(a.harness.sent);
  });
});

describe('noise', () => {
  it('sends small market orders at random intervals and never oversells', async () => {
    const { harness, errors } = await startOn(new Engine(), noise, { symbols: ACME, params: { meanIntervalMs: 2_000, maxQty: 3 } });
    const oversold = guardSells(harness);
    await harness.print('ACME', 100);
    const times: number[] = [];
    const place = harness.place.bind(harness);
    harness.place = (order) => (times.push(harness.now()), place(order));
    for (const price of walk(4, 40)) {
      await harness.advance(3_000);
      await harness.print('ACME', price);
    }
    expect(errors).toEqual([]);
    expect(oversold).toEqual([]);
    // 120 s at one order per 2 s on average; a sell with nothing held is skipped, not sent.
    expect(harness.sent.length).toBeGreaterThan(20);
    expect(harness.sent.length).toBeLessThan(80);
    expect(harness.sent.every((o) => o.type === 'market' && Number(o.qty) >= 1 && Number(o.qty) <= 3)).toBe(true);
    const gaps = new Set(times.slice(1).map((t, i) => t - times[i]!));
    expect(gaps.size).toBeGreaterThan(5);
  });
});

describe('momentum', () => {
  const flat = Array.from({ length: 6 }, () => 100);
  const up = [101, 102, 103, 104, 105, 106];
  const down = [105, 103, 101, 99, 97, 95];

  it('buys an uptrend on 1-minute bars and sells out when it turns', async () => {
    const { harness, runner, errors } = await startOn(new Engine(), momentum, { symbols: ACME, params: { fast: 2, slow: 4, qty: 5, average: 'sma' } });
    const oversold = guardSells(harness);
    await harness.play('ACME', [...flat, ...up]);
    await harness.advance(MINUTE);
    expect(harness.sent.map((o) => `${o.side} ${o.qty}`)).toEqual(['buy 5']);
    expect(runner.context.position('ACME').qty).toBe(5);
    await harness.play('ACME', down);
    await harness.advance(MINUTE);
    expect(harness.sent.map((o) => `${o.side} ${o.qty}`)).toEqual(['buy 5', 'sell 5']);
    expect(runner.context.position('ACME').qty).toBe(0);
    expect(errors).toEqual([]);
    expect(oversold).toEqual([]);
  });

  it('follows trade prices with EMAs: in on each turn up, out on each turn down', async () => {
    const { harness, runner, errors } = await startOn(new Engine(), momentum, { symbols: ACME, params: { fast: 3, slow: 8, qty: 2, source: 'trades' } });
    // Rising 0.2 a step with a 2.0 dip every fifth step: crosses down and back up on the way.
    const rising = Array.from({ length: 42 }, (_, i) => Math.round((100 + 0.2 * i - (i % 5 === 4 ? 2 : 0)) * 100) / 100);
    await harness.play('ACME', [...Array.from({ length: 10 }, () => 100), ...rising], 1_000);
    expect(errors).toEqual([]);
    expect(harness.sent.map((o) => `${o.side} ${o.qty}`)).toEqual(['buy 2', 'sell 2', 'buy 2', 'sell 2', 'buy 2']);
    expect(runner.context.position('ACME').qty).toBe(2);
  });
});

describe('mean-reversion', () => {
  it('buys a close below the lower band and sells out above the upper band', async () => {
    const calm = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 100 : 101));
    const { harness, runner, errors } = await startOn(new Engine(), meanReversion, { symbols: ACME, params: { period: 10, qty: 3, maxPosition: 3 } });
    await harness.play('ACME', [...calm, 95, 100, 101, 100, 108]);
    await harness.advance(MINUTE);
    expect(errors).toEqual([]);
    expect(harness.sent.map((o) => `${o.side} ${o.type} ${o.qty}`)).toEqual(['buy market 3', 'sell market 3']);
    expect(runner.context.position('ACME').qty).toBe(0);
    expect(runner.context.position('ACME').realizedPnl).toBeCloseTo((107.99 - 95.01) * 3, 10);
  });
});
