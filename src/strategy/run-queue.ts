// The runner's event queue: buffers while starting, then runs one job at a time, strictly in arrival order.
import type { MarketEvent } from './ports.ts';

/** A market event is queued as it came (no wrapper: a backtest queues millions); a timer as its name. */
export type Job = MarketEvent | { readonly kind: 'timer'; readonly name: string };

type Phase = 'buffering' | 'open' | 'closed';

export class RunQueue {
  private jobs: Job[] = [];
  private head = 0;
  private phase: Phase = 'buffering';
  private draining = false;
  private waiters: Array<() => void> = [];

  /**
   * `run` handles one job; the next starts only after its promise settles. A job that throws goes
   * to `failed` (which is expected to close the queue) and is never retried.
   *
   * A driven queue never starts on its own: its owner calls `runReady` after each step of a
   * simulated world (a backtest record), so synchronous handlers run with no scheduling at all.
   */
  constructor(
    private readonly run: (job: Job) => Promise<void> | void,
    private readonly failed: (error: unknown, job: Job) => void,
    private readonly driven = false,
  ) {}

  /** Queues a job; dropped once the queue is closed. Safe to call from inside a running job. */
  push(job: Job): void {
    if (this.phase === 'closed') return;
    this.jobs.push(job);
    if (this.phase === 'open' && !this.draining && !this.driven) void this.drain();
  }

  /** Starts running jobs, those buffered first. */
  open(): void {
    if (this.phase !== 'buffering') return;
    this.phase = 'open';
    if (!this.driven) void this.drain();
  }

  /** Drops queued jobs and refuses new ones; the job in flight (if any) finishes. */
  close(): void {
    this.phase = 'closed';
    this.jobs = [];
    this.head = 0;
  }

  /**
   * Runs queued jobs now, on the caller's stack, until one is async; returns undefined when all are
   * done, or a promise that settles once the queue is empty again.
   */
  runReady(): Promise<void> | undefined {
    if (this.draining) return this.idle();
    this.draining = true;
    while (this.phase === 'open' && this.head < this.jobs.length) {
      const job = this.next();
      let pending: Promise<void> | void;
      try {
        pending = this.run(job);
      } catch (error) {
        this.failed(error, job);
        continue;
      }
      if (pending !== undefined) {
        return pending.then(
          () => this.resume(),
          (error: unknown) => {
            this.failed(error, job);
            return this.resume();
          },
        );
      }
    }
    this.settled();
    return undefined;
  }

  /** Resolves when no job is running and none is waiting to run. */
  async idle(): Promise<void> {
    if (this.driven && !this.draining) await this.runReady();
    while (this.draining || (this.phase === 'open' && this.head < this.jobs.length)) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private async resume(): Promise<void> {
    this.draining = false;
    await this.runReady();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      // Never run strategy code inside the caller's stack: a port that delivers an event in the
      // middle of its own work (a fill during a place call) finishes that work before the handler
      // sees the event.
      await Promise.resolve();
      while (this.phase === 'open' && this.head < this.jobs.length) {
        const job = this.next();
        try {
          // A handler that finished synchronously needs no await: the next job runs at once, in order.
          const pending = this.run(job);
          if (pending !== undefined) await pending;
        } catch (error) {
          this.failed(error, job);
        }
      }
    } finally {
      this.settled();
    }
  }

  private next(): Job {
    const job = this.jobs[this.head++]!;
    // Compacting now and then keeps memory bounded without shifting the array on every job.
    if (this.head > 1024 && this.head * 2 > this.jobs.length) {
      this.jobs = this.jobs.slice(this.head);
      this.head = 0;
    }
    return job;
  }

  private settled(): void {
    this.draining = false;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
