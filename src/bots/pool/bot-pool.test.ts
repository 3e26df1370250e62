// The pool inline (N = 0) on a simulated clock and a real engine: restarts with backoff, runtime control, statuses, determinism.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine.ts';
import { SimClock, TestVenue } from '../test-support.ts';
import { BotBuildError } from './build-runner.ts';
import { BotPool } from './bot-pool.ts';
import type { BotSpec } from './types.ts';

const FLAKY = new URL('./fixtures/flaky.ts', import.meta.url).href;
const OVERREACH = new URL('./fixtures/overreach.ts', import.meta.url).href;
const ACME = ['ACME'];

/** A venue where bot i trades on account 100 + i, with cash and shares. */
function setup(bots: readonly BotSpec[], backoff = { initialMs: 1_000, maxMs: 8_000, resetAfterMs: 20_000 }) {
  const clock = new SimClock();
  const venue = new TestVenue(new Engine(), () => clock.now());
  const accounts = new Map(bots.map((bot, i) => [bot.id, 100 + i]));
  for (const account of accounts.values()) venue.open(account, { USD: '1000000', ACME: '100' });
  const pool = new BotPool({ workers: 0, clock, backoff, ports: (id) => venue.ports(accounts.get(id)!) });
  for (const bot of bots) pool.add(bot);
  return { clock, venue, pool, accounts };
}

const maker: BotSpec = { id: 'mm', strategy: 'market-maker', symbols: ACME, params: { referencePrice: 100, size: 5, targetPosition: 100, maxPosition: 200, requoteMs: 500 } };
const taker: BotSpec = { id: 'noise', strategy: 'noise', symbols: ACME, seed: 7, params: { meanIntervalMs: 500, tickMs: 100 } };
const walker: BotSpec = { id: 'walk', strategy: 'random-walk', symbols: ACME, seed: 9, params: { intervalMs: 400, referencePrice: 100 } };

describe('BotPool inline', () => {
  it('restarts a failing bot with exponential backoff while the others keep trading', async () => {
    const { clock, pool } = setup([maker, taker, { id: 'flaky', strategy: FLAKY, symbols: ACME, params: { tickMs: 100, failOnTick: 1 } }]);
    for (const id of ['mm', 'noise', 'flaky']) await pool.start(id);
    const t0 = clock.now();
    await clock.advance(100);
    let flaky = pool.status('flaky')!;
    expect(flaky).toMatchObject({ state: 'restarting', restarts: 0, nextRestartAt: t0 + 100 + 1_000, errors: { count: 1, last: { message: 'flaky failed on tick 1', during: 'onTimer', at: t0 + 100 } } });
    // Fails 100 ms into each run; waits 1 s, 2 s, 4 s, then the 8 s cap.
    const restartsAt: number[] = [];
    for (let i = 0; i < 5; i++) {
      const next = pool.status('flaky')!.nextRestartAt!;
      restartsAt.push(next - clock.now());
      await clock.advance(next - clock.now() + 100);
    }
    expect(restartsAt).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    flaky = pool.status('flaky')!;
    expect(flaky.restarts).toBe(5);
    expect(flaky.errors.count).toBe(6);
    for (const id of ['mm', 'noise']) expect(pool.status(id)).toMatchObject({ state: 'running', restarts: 0, errors: { count: 0, last: null } });
    expect(pool.status('noise')!.ordersSent).toBeGreaterThan(20);
    await pool.close();
  });

  it('starts the backoff over after a run that lasted resetAfterMs', async () => {
    const { clock, pool } = setup([{ id: 'late', strategy: FLAKY, symbols: ACME, params: { tickMs: 1_000, failOnTick: 30 } }], { initialMs: 1_000, maxMs: 60_000, resetAfterMs: 20_000 });
    await pool.start('late');
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      await clock.advance(30_000);
      const status = pool.status('late')!;
      expect(status.state).toBe('restarting');
      delays.push(status.nextRestartAt! - clock.now());
      await clock.advance(status.nextRestartAt! - clock.now());
    }
    // Each run lasted 30 s > 20 s: every failure waits the initial delay again.
    expect(delays).toEqual([1_000, 1_000, 1_000]);
    await pool.close();
  });

  it('stops, starts and removes bots at runtime', async () => {
    const { clock, venue, pool, accounts } = setup([maker, taker]);
    await pool.start('mm');
    await pool.start('noise');
    await clock.advance(3_000);
    const sent = pool.status('noise')!.ordersSent;
    expect(sent).toBeGreaterThan(0);
    await pool.stop('noise');
    expect(pool.status('noise')).toMatchObject({ state: 'stopped', worker: null });
    await clock.advance(3_000);
    expect(pool.status('noise')!.ordersSent).toBe(sent);
    await pool.start('noise');
    await clock.advance(3_000);
    expect(pool.status('noise')!.ordersSent).toBeGreaterThan(sent);
    // Removing the market maker runs its onStop, which cancels its quotes.
    const mmAccount = accounts.get('mm')!;
    expect((await venue.ports(mmAccount).trading.openOrders()).length).toBeGreaterThan(0);
    await pool.remove('mm');
    expect(pool.status('mm')).toBeUndefined();
    expect(await venue.ports(mmAccount).trading.openOrders()).toEqual([]);
    expect(() => pool.status('mm')).not.toThrow();
    await expect(pool.start('mm')).rejects.toThrow(/no bot "mm"/);
    await pool.close();
    expect(venue.subscriptions).toBe(0);
  });

  it('reports orders per second, heartbeat, P&L and the slot', async () => {
    const { clock, pool } = setup([maker, taker, walker]);
    for (const id of ['mm', 'noise', 'walk']) await pool.start(id);
    await clock.advance(10_000);
    const statuses = pool.statuses();
    expect(statuses.map((s) => s.id)).toEqual(['mm', 'noise', 'walk']);
    for (const status of statuses) {
      expect(status).toMatchObject({ state: 'running', worker: 0, errors: { count: 0 } });
      expect(status.heartbeat).toBeGreaterThan(clock.now() - 1_000);
      expect(status.pnl).not.toBeNull();
      expect(status.pnl!.total).toMatch(/^-?\d+(\.\d+)?$/);
    }
    // random-walk sends one order per 400 ms: 2.5 a second.
    expect(pool.status('walk')!.ordersPerSecond).toBeCloseTo(2.5, 0);
    expect(pool.status('noise')!.ordersPerSecond).toBeGreaterThan(0.5);
    expect(pool.workers()).toEqual([{ index: 0, threadId: null, bots: 3, replaced: 0 }]);
    await pool.close();
  });

  it('starts each run\'s rate afresh: orders of the run before a stop are not counted in the next', async () => {
    const { clock, pool } = setup([maker, walker]);
    await pool.start('mm');
    await pool.start('walk');
    await clock.advance(5_000);
    expect(pool.status('walk')!.ordersPerSecond).toBeCloseTo(2.5, 0);
    await pool.stop('walk');
    await pool.start('walk');
    expect(pool.status('walk')!.ordersPerSecond).toBe(0);
    await clock.advance(2_000);
    // 2 s of the new run at one order per 400 ms, not those plus the 12 of the first run.
    expect(pool.status('walk')!.ordersPerSecond).toBeCloseTo(2.5, 0);
    expect(pool.status('walk')!.ordersSent).toBeGreaterThanOrEqual(16);
    await pool.close();
  });

  it('counts the orders the venue refused, with the latest code, message and time', async () => {
    const { clock, pool } = setup([maker, { id: 'greedy', strategy: OVERREACH, symbols: ACME, params: { tickMs: 500 } }]);
    await pool.start('mm');
    await pool.start('greedy');
    expect(pool.status('greedy')!.refusals).toEqual({ count: 0, last: null });
    await clock.advance(2_000);
    const { ordersSent, refusals } = pool.status('greedy')!;
    expect(refusals.count).toBe(4);
    expect(ordersSent).toBe(4);
    expect(refusals.last).toMatchObject({ code: 'INSUFFICIENT_FUNDS', at: clock.now() });
    expect(refusals.last!.message).not.toBe('');
    // The market maker can pay for its quotes: nothing of it was refused.
    expect(pool.status('mm')!.refusals).toEqual({ count: 0, last: null });
    await pool.close();
  });

  it('repeats exactly on a simulated clock: same seeds, same orders', async () => {
    const run = async () => {
      const { clock, venue, pool } = setup([maker, taker, walker]);
      for (const id of ['mm', 'noise', 'walk']) await pool.start(id);
      await clock.advance(20_000);
      await pool.close();
      return [...venue.sent.values()];
    };
    const [a, b] = [await run(), await run()];
    expect(a.flat().length).toBeGreaterThan(50);
    expect(b).toEqual(a);
  });

  it('refuses bots it can tell are broken, and marks a module with bad params failed', async () => {
    const { pool } = setup([{ id: 'bad', strategy: FLAKY, symbols: ACME, params: { tickMs: 'soon' } }]);
    expect(() => pool.add({ id: 'x', strategy: 'no-such-bot' })).toThrow(BotBuildError);
    expect(() => pool.add({ id: 'x', strategy: 'market-maker' })).toThrow(/name the symbols/);
    expect(() => pool.add({ id: 'x', strategy: 'market-maker', symbols: ACME, params: { spreadBps: -1 } })).toThrow(/spreadBps/);
    // A module is only loaded where it runs: its params are checked when it starts.
    await pool.start('bad');
    expect(pool.status('bad')).toMatchObject({ state: 'failed', worker: null, errors: { count: 1, last: { during: 'build' } } });
    expect(pool.status('bad')!.errors.last!.message).toMatch(/tickMs/);
    expect(() => pool.add({ id: 'bad', strategy: 'noise', symbols: ACME })).toThrow(/already exists/);
    await pool.close();
  });

  it('retries with backoff when the port factory throws', async () => {
    const clock = new SimClock();
    let calls = 0;
    const pool = new BotPool({
      workers: 0,
      clock,
      ports: () => {
        calls++;
        throw new Error('account locked');
      },
    });
    pool.add(taker);
    await pool.start('noise');
    expect(pool.status('noise')).toMatchObject({ state: 'restarting', errors: { count: 1, last: { message: 'account locked', during: 'ports' } } });
    await clock.advance(1_000);
    expect(calls).toBe(2);
    await pool.close();
    expect(pool.status('noise')).toMatchObject({ state: 'stopped', nextRestartAt: null });
    await clock.advance(10_000);
    expect(calls).toBe(2);
  });
});
