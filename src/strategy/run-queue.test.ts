// Tests for the driven run queue: jobs run in order on the caller's stack, an async one is waited for, a failure is reported once.
import { describe, expect, it } from 'vitest';
import type { Job } from './run-queue.ts';
import { RunQueue } from './run-queue.ts';

const timer = (name: string): Job => ({ kind: 'timer', name });

function queue(handle: (name: string) => Promise<void> | void) {
  const failures: string[] = [];
  const q = new RunQueue(
    (job) => handle(job.kind === 'timer' ? job.name : job.kind),
    (error, job) => failures.push(`${job.kind === 'timer' ? job.name : job.kind}: ${String(error)}`),
    true,
  );
  q.open();
  return { q, failures };
}

describe('driven stepping', () => {
  it('runs synchronous jobs at once, and after an async one goes on from its settlement', async () => {
    const ran: string[] = [];
    const { q } = queue((name) => {
      ran.push(name);
      if (name === 'b') return Promise.resolve().then(() => void ran.push('b done'));
    });
    for (const name of ['a', 'b', 'c']) q.push(timer(name));
    let busy = q.step();
    expect(ran).toEqual(['a', 'b']);
    let steps = 0;
    while (busy !== undefined) {
      await busy;
      steps++;
      busy = q.settle(false);
    }
    expect(steps).toBe(1);
    expect(ran).toEqual(['a', 'b', 'b done', 'c']);
    await q.idle();
  });

  it('reports a rejected handler through the failure hook and goes on with the next job', async () => {
    const ran: string[] = [];
    const { q, failures } = queue((name) => {
      ran.push(name);
      if (name === 'bad') return Promise.reject(new Error('boom'));
    });
    for (const name of ['bad', 'next']) q.push(timer(name));
    let busy = q.step();
    while (busy !== undefined) {
      let failed = false;
      let error: unknown;
      try {
        await busy;
      } catch (thrown) {
        failed = true;
        error = thrown;
      }
      busy = q.settle(failed, error);
    }
    expect(failures).toEqual(['bad: Error: boom']);
    expect(ran).toEqual(['bad', 'next']);
  });

  it('runReady gives one promise for the whole run', async () => {
    const ran: string[] = [];
    const { q } = queue(async (name) => {
      await Promise.resolve();
      ran.push(name);
    });
    for (const name of ['a', 'b']) q.push(timer(name));
    await q.runReady();
    expect(ran).toEqual(['a', 'b']);
  });
});
