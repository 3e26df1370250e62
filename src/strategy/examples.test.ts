// The example strategies run and trade on a real engine, and runs repeat exactly: same seed and data, same orders and P&L.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import meanReversion from '../../examples/mean-reversion.ts';
import smaCrossover from '../../examples/sma-crossover.ts';
import { SeededRandom } from '../core/rng.ts';
import { Engine } from '../engine/engine.ts';
import { defineStrategy, StrategyParamsError } from './define-strategy.ts';
import { formatFixed } from './exact.ts';
import { StrategyRunner } from './runtime.ts';
import { EngineHarness } from './test-support.ts';
import { startOn } from './test-support-run.ts';

const MINUTE = 60_000;
const flat = Array.from({ length: 6 }, () => 100);
const up = [101, 102, 103, 104, 105, 106];
const down = [105, 103, 101, 99, 97, 95];

describe('sma-crossover', () => {
  it('buys on the upward cross and sells on the downward one', async () => {
    const { harness, runner, errors } = await startOn(new Engine(), smaCrossover, { params: { fast: 2, slow: 4, qty: 5 } });
    await harness.play('ACME', [...flat, ...up, ...down, ...up]);
    await harness.advance(MINUTE);
    expect(errors).toEqual([]);
    expect(harness.sent.map((o) => `${o.side} ${o.qty}`)).toEqual(['buy 5', 'sell 5', 'buy 5']);
    expect(runner.context.position('ACME').qty).toBe(5);
    expect(runner.status()).toMatchObject({ state: 'running', ordersSent: 3, ordersRefused: 0 });
  });

  it('validates its params', () => {
    const harness = new EngineHarness(new Engine());
    expect(() => new StrategyRunner(smaCrossover, { trading: harness, feed: harness, clock: harness, seed: 1, params: { fast: 30, slow: 10 } })).toThrow(StrategyParamsError);
    expect(new StrategyRunner(smaCrossover, { trading: harness, feed: harness, clock: harness, seed: 1 }).params).toEqual({ fast: 10, slow: 30, qty: 1 });
  });
});

describe('mean-reversion', () => {
  it('buys a close below the lower band and sells out above the upper band', async () => {
    const calm = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 100 : 101));
    const { harness, runner, errors } = await startOn(new Engine(), meanReversion, { params: { period: 10, qty: 3, maxPosition: 3 } });
    await harness.play('ACME', [...calm, 95, 100, 101, 100, 108]);
    await harness.advance(MINUTE);
    expect(errors).toEqual([]);
    expect(harness.sent.map((o) => `${o.side} ${o.type} ${o.qty}`)).toEqual(['buy market 3', 'sell market 3']);
    const position = runner.context.position('ACME');
    expect(position.qty).toBe(0);
    // Bought at the ask after the 95 print, sold at the bid after the 108 print.
    expect(position.realizedPnl).toBeCloseTo((107.99 - 95.01) * 3, 10);
  });
});

/** A random walk of prices on the cent grid, from its own seed: the data both runs share. */
function walk(seed: number, steps: number): string[] {
  const random = new SeededRandom(seed);
  let cents = 10_000;
  return Array.from({ length: steps }, () => {
    cents = Math.max(5_000, cents + random.int(-80, 80));
    return (cents / 100).toFixed(2);
  });
}

/** Trades at random (from ctx.random) on bars and timers: its orders depend on the seed. */
const noisy = defineStrategy({
  name: 'noisy',
  params: z.object({ maxQty: z.number().int().default(5) }),
  symbols: ['ACME'],
  bars: ['1m'],
  onStart(ctx) {
    ctx.setTimer('rebalance', 150_000);
  },
  async onBar(ctx, bar) {
    const roll = ctx.random.next();
    if (roll < 0.4) await ctx.buy('ACME', ctx.random.int(1, ctx.params.maxQty), { price: bar.close * (1 + ctx.random.next() / 500), tif: 'ioc' });
    else if (roll < 0.7 && ctx.position('ACME').qty > 0) await ctx.sell('ACME', Math.ceil(ctx.position('ACME').qty / 2));
  },
  async onTimer(ctx) {
    if (ctx.random.next() < 0.5) await ctx.cancelAll('ACME');
    ctx.log.info('rebalance', { pnl: ctx.pnl().total });
  },
});

async function runOnce(seed: number) {
  const { harness, runner, logs, errors } = await startOn(new Engine(), noisy, { seed });
  await harness.play('ACME', walk(99, 120));
  await harness.advance(MINUTE);
  const exact = runner.exactPnl();
  return {
    errors,
    sent: harness.sent,
    pnl: [formatFixed(exact.realized), formatFixed(exact.unrealized), formatFixed(exact.fees)],
    position: runner.context.position('ACME'),
    cash: runner.context.cash(),
    logs: logs.map((line) => JSON.stringify(line)),
  };
}

describe('determinism', () => {
  it('the same seed over the same data gives identical orders, P&L and logs', async () => {
    const first = await runOnce(7);
    const second = await runOnce(7);
    expect(first.errors).toEqual([]);
    expect(first.sent.length).toBeGreaterThan(10);
    expect(second).toEqual(first);
    const other = await runOnce(8);
    expect(other.sent).not.toEqual(first.sent);
  });

  it('an example strategy repeats exactly too', async () => {
    const run = async () => {
      const { harness, runner } = await startOn(new Engine(), smaCrossover, { params: { fast: 3, slow: 8, qty: 2 } });
      await harness.play('ACME', walk(5, 200));
      await harness.advance(MINUTE);
      return { sent: harness.sent, pnl: runner.exactPnl() };
    };
    const [a, b] = [await run(), await run()];
    expect(a.sent.length).toBeGreaterThan(2);
    expect(b).toEqual(a);
  });
});
