import { describe, expect, it } from 'vitest';
import { Scheduler } from './scheduler.ts';
import type { AlgoContext } from './types.ts';

/** A context with only a clock and the timer calls, recorded. */
function fakeContext() {
  let now = 1000;
  const timers: Array<[string, number] | ['clear', string]> = [];
  const ctx = {
    clock: { now: () => now },
    setTimer: (name: string, everyMs: number) => void timers.push([name, everyMs]),
    clearTimer: (name: string) => void timers.push(['clear', name]),
  } as unknown as AlgoContext;
  return { ctx, timers, at: (ts: number) => void (now = ts) };
}

describe('Scheduler', () => {
  it('runs tasks in time order, each once, and keeps one timer pointed at the earliest', async () => {
    const { ctx, timers, at } = fakeContext();
    const scheduler = new Scheduler(ctx, 'algos');
    const ran: string[] = [];
    scheduler.at(3000, () => void ran.push('c'));
    scheduler.at(2000, () => void ran.push('b'));
    const drop = scheduler.at(2500, () => void ran.push('dropped'));
    scheduler.at(2000, () => void ran.push('b2'));
    drop();
    expect(timers).toEqual([
      ['algos', 2000],
      ['algos', 1000],
    ]);
    at(2000);
    await scheduler.runDue();
    expect(ran).toEqual(['b', 'b2']);
    at(3500);
    await scheduler.runDue();
    expect(ran).toEqual(['b', 'b2', 'c']);
    expect(timers.slice(2)).toEqual([
      ['algos', 1000],
      ['clear', 'algos'],
    ]);
    expect(scheduler.pending()).toBe(0);
  });
});
