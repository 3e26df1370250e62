// Tests for StrategyRunner on a real engine: ordering, failures, timers, history, params, stop and counters.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Engine } from '../engine/engine.ts';
import { defineStrategy, StrategyParamsError } from './define-strategy.ts';
import { StrategyRunner } from './runtime.ts';
import { EngineHarness, T0 } from './test-support.ts';
import { startOn } from './test-support-run.ts';

const MINUTE = 60_000;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('event delivery', () => {
  it('runs handlers one at a time in arrival order: an async handler delays the next event', async () => {
    const seen: string[] = [];
    const slow = defineStrategy({
      name: 'slow',
      symbols: ['ACME'],
      async onTrade(ctx, trade) {
        seen.push(`enter ${trade.price}`);
        // Real time passes here; trades that arrive meanwhile must wait their turn.
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (trade.price === 100) await ctx.buy('ACME', 1);
        seen.push(`leave ${trade.price}`);
      },
      onFill(_ctx, fill) {
        seen.push(`fill ${fill.price}`);
      },
    });
    const { harness, runner } = await startOn(new Engine(), slow);
    // Deliver two prints without waiting in between: the second queues behind the first handler.
    harness.attach({ idle: () => Promise.resolve() });
    await harness.print('ACME', 100);
    await harness.print('ACME', 101);
    await runner.idle();
    // The buy went out after the second print, so it took that print's ask (101.01).
    expect(seen).toEqual(['enter 100', 'leave 100', 'enter 101', 'leave 101', 'enter 101.01', 'leave 101.01', 'fill 101.01']);
  });

  it('updates state from an event before that event reaches its handler', async () => {
    const observed: number[] = [];
    const watcher = defineStrategy({
      name: 'watcher',
      symbols: ['ACME'],
      onFill(ctx) {
        observed.push(ctx.position('ACME').qty);
      },
      async onTrade(ctx, trade) {
        if (trade.price === 100) await ctx.buy('ACME', 2);
      },
    });
    const { harness } = await startOn(new Engine(), watcher);
    await harness.print('ACME', 100);
    expect(observed).toEqual([2]);
  });

  it('applies an own fill as it arrives, ahead of market events queued before it, whose handlers then see the position', async () => {
    const observed: string[] = [];
    const trader = defineStrategy({
      name: 'trader',
      symbols: ['ACME'],
      async onTrade(ctx, trade) {
        if (trade.price === 100) await ctx.buy('ACME', 2);
        else observed.push(`${trade.price}: holds ${ctx.position('ACME').qty}, ${ctx.openOrders('ACME').length} open`);
      },
    });
    const { harness, runner } = await startOn(new Engine(), trader);
    harness.attach({ idle: () => Promise.resolve() });
    // Someone else trades at 100.50 while the buy is on its way: that trade is queued before the
    // buy's fill, and the placement's answer (filled) reaches the strategy before it is handled.
    const place = harness.place.bind(harness);
    harness.place = async (order) => {
      await harness.print('ACME', 100.5);
      return place(order);
    };
    await harness.print('ACME', 100);
    await runner.idle();
    expect(observed[0]).toBe('100.5: holds 2, 0 open');
  });
});

describe('failures', () => {
  it('a handler that throws is reported through onError and stops the runner, without an unhandled rejection', async () => {
    let calls = 0;
    const broken = defineStrategy({
      name: 'broken',
      symbols: ['ACME'],
      async onTrade() {
        calls++;
        await Promise.resolve();
        throw new Error('boom');
      },
    });
    const { harness, runner, errors, logs } = await startOn(new Engine(), broken);
    await harness.print('ACME', 100);
    await harness.print('ACME', 101);
    expect(calls).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.info).toEqual({ strategy: 'broken', during: 'onTrade' });
    expect(String(errors[0]!.error)).toContain('boom');
    expect(runner.status()).toMatchObject({ state: 'failed', errors: 1, lastError: 'onTrade: boom' });
    expect(harness.subscriptions).toBe(0);
    expect(logs.some((line) => line.level === 'error' && line.strategy === 'broken')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(unhandled).toEqual([]);
    // A stopped strategy's late actions are refused, not sent.
    expect(await runner.context.buy('ACME', 1)).toMatchObject({ ok: false, code: 'STRATEGY_STOPPED' });
  });

  it('a throwing onStart fails the start without rejecting it; an onError hook that throws is contained', async () => {
    const harness = new EngineHarness(new Engine());
    const runner = new StrategyRunner(
      defineStrategy({
        name: 'bad-start',
        symbols: ['ACME'],
        onStart() {
          throw new Error('no');
        },
      }),
      {
        trading: harness,
        feed: harness,
        clock: harness,
        seed: 1,
        log: () => {},
        onError: () => {
          throw new Error('hook broke too');
        },
      },
    );
    await expect(runner.start()).resolves.toBeUndefined();
    expect(runner.status()).toMatchObject({ state: 'failed', lastError: 'onStart: no' });
  });

  it('unknown symbols fail the start with their names', async () => {
    const { runner, errors } = await startOn(new Engine(), defineStrategy({ name: 'lost', symbols: ['NOPE', 'ACME'] }));
    expect(runner.status().state).toBe('failed');
    expect(errors[0]!.info.during).toBe('start');
    expect(String(errors[0]!.error)).toContain('unknown symbols: NOPE');
  });
});

describe('timers', () => {
  it('fire on the simulated clock, in order, until cleared', async () => {
    const fired: Array<[string, number]> = [];
    const ticking = defineStrategy({
      name: 'ticking',
      onStart(ctx) {
        ctx.setTimer('second', 1_000);
        ctx.setTimer('slow', 2_500);
      },
      onTimer(ctx, name) {
        fired.push([name, ctx.clock.now() - T0]);
        if (name === 'slow') ctx.clearTimer('second');
      },
    });
    const { harness, runner } = await startOn(new Engine(), ticking);
    await harness.advance(5_000);
    expect(fired).toEqual([
      ['second', 1_000],
      ['second', 2_000],
      ['slow', 2_500],
      ['slow', 5_000],
    ]);
    await runner.stop();
    expect(harness.activeTimers).toBe(0);
    expect(() => runner.context.setTimer('x', 0)).toThrow(/positive/);
  });
});

describe('params', () => {
  it('are validated when the runner is built, listing every problem', () => {
    const harness = new EngineHarness(new Engine());
    const strict = defineStrategy({ name: 'strict', params: z.object({ qty: z.number().positive().default(1), side: z.enum(['buy', 'sell']).default('buy') }) });
    const build = (params: unknown) => new StrategyRunner(strict, { trading: harness, feed: harness, clock: harness, seed: 1, params });
    expect(() => build({ qty: -1, side: 'short' })).toThrow(StrategyParamsError);
    expect(() => build({ qty: -1, side: 'short' })).toThrow(/qty must be more than 0\n.*side must be one of/s);
    expect(build({}).params).toEqual({ qty: 1, side: 'buy' });
  });
});

describe('history', () => {
  it('is the preloaded bars plus the bars closed since, without repeats', async () => {
    const seen: number[][] = [];
    const historian = defineStrategy({
      name: 'historian',
      symbols: ['ACME'],
      bars: ['1m'],
      historySize: 4,
      onStart(ctx) {
        seen.push(ctx.history('ACME', '1m', 10).map((bar) => bar.close));
      },
      onBar(ctx) {
        seen.push(ctx.history('ACME', '1m', 3).map((bar) => bar.close));
      },
    });
    const seeded = [97, 98, 99].map((close, i) => ({ symbol: 'ACME', interval: '1m', openTime: T0 - (3 - i) * MINUTE, open: String(close), high: String(close), low: String(close), close: String(close), volume: '10' }));
    const { harness, runner } = await startOn(new Engine(), historian, { before: (h) => h.seedBars(seeded) });
    expect(runner.context.lastPrice('ACME')).toBe(99);
    await harness.play('ACME', [100, 101, 102]);
    await harness.advance(MINUTE);
    expect(seen).toEqual([
      [97, 98, 99],
      [98, 99, 100],
      [99, 100, 101],
      [100, 101, 102],
    ]);
    // The capacity bounds what is kept: 4 bars at most.
    expect(runner.context.history('ACME', '1m', 100).map((bar) => bar.close)).toEqual([99, 100, 101, 102]);
  });
});

describe('stop and status', () => {
  it('stop runs onStop (which may still act), unsubscribes, and counts what happened', async () => {
    const stopping = defineStrategy({
      name: 'stopping',
      symbols: ['ACME'],
      async onStart(ctx) {
        await ctx.buy('ACME', 1, { price: 90 });
        await ctx.buy('ACME', 0.5);
      },
      async onStop(ctx) {
        expect(await ctx.cancelAll('ACME')).toEqual({ ok: true });
      },
    });
    const { harness, runner } = await startOn(new Engine(), stopping);
    await harness.advance(1_234);
    await harness.print('ACME', 100);
    expect(runner.status()).toMatchObject({ state: 'running', ordersSent: 1, ordersRefused: 1 });
    expect(runner.context.openOrders('ACME')).toHaveLength(1);
    await runner.stop();
    expect(runner.status()).toMatchObject({ state: 'stopped', errors: 0 });
    expect(harness.subscriptions).toBe(0);
    expect((await harness.openOrders()).length).toBe(0);
    expect(runner.status().lastHeartbeat).toBe(T0 + 1_234);
  });
});
