// The runner's event queue: buffers while starting, then runs one job at a time, strictly in arrival order.
import type { MarketEvent } from './ports.ts';

/**
 * A market event is queued as it came (no wrapper: a backtest queues millions); a timer as its
 * name; an own order or fill update whose state the runner applied as it arrived, in a wrapper,
 * since only its handler is still to run.
 */
export type Job =
  | MarketEvent
  | { readonly kind: 'timer'; readonly name: string }
  | { readonly kind: 'applied'; readonly event: Extract<MarketEvent, { kind: 'order' | 'fill' }> };

type Phase = 'buffering' | 'open' | 'closed';

export class RunQueue {
  /** Jobs from `head` on are waiting; the slots before it are emptied as their jobs start. */
  private jobs: Array<Job | undefined> = [];
  private head = 0;
  private phase: Phase = 'buffering';
  private draining = false;
  private waiters: Array<() => void> = [];
  /** The async job a driven `step` is waiting on, until `settle` hears how it ended. */
  private inFlight: Job | undefined;
  /** The job whose promise `runUntilPending` returned last. */
  private pendingJob: Job | undefined;
  /** Where each key's queued job sits, for jobs queued by `pushLatest` since the last plain `push`. */
  private readonly latest = new Map<string, number>();

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
    if (this.latest.size > 0) this.latest.clear();
    this.jobs.push(job);
    if (this.phase === 'open' && !this.draining && !this.driven) void this.drain();
  }

  /**
   * Queues a job that only records the latest state under `key` (say, a symbol's last price for a
   * strategy with no onTrade): while an earlier job of that key is still waiting and only such
   * jobs came after it, the new one takes its place, since nothing could have read the older one.
   */
  pushLatest(job: Job, key: string): void {
    if (this.phase === 'closed') return;
    const at = this.latest.get(key);
    if (at !== undefined && at >= this.head) {
      this.jobs[at] = job;
      return;
    }
    this.latest.set(key, this.jobs.length);
    this.jobs.push(job);
    if (this.phase === 'open' && !this.draining && !this.driven) void this.drain();
  }

  /**
   * Handles a job at once, on the caller's stack, when the queue is open with nothing queued or
   * running; returns false (and does nothing) otherwise. Only for jobs that run no strategy code
   * (state updates the strategy has no handler for): they need no turn of their own.
   */
  applyNow(job: Job): boolean {
    if (this.phase !== 'open' || this.draining || this.head < this.jobs.length) return false;
    try {
      void this.run(job);
    } catch (error) {
      this.failed(error, job);
    }
    return true;
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
    this.latest.clear();
  }

  /**
   * Runs queued jobs now, on the caller's stack, until one is async; returns undefined when all are
   * done, or a promise that settles once the queue is empty again.
   */
  runReady(): Promise<void> | undefined {
    if (this.draining) return this.idle();
    this.draining = true;
    return this.runOn();
  }

  /**
   * `runReady` at one microtask per async job, for a driver's hot loop: runs queued jobs on the
   * caller's stack until one is async and returns that job's own promise (undefined once none is
   * left). The caller awaits it and passes how it ended to `settle`, which goes on the same way.
   * (A promise for the whole run costs a reaction per job on top.)
   */
  step(): Promise<void> | undefined {
    if (this.draining) return this.idle();
    this.draining = true;
    return this.stepOn();
  }

  /** After the promise `step` or `settle` returned: `failed` with the error when it rejected. */
  settle(failed: boolean, error?: unknown): Promise<void> | undefined {
    const job = this.inFlight;
    // A step that only waited for someone else's run has nothing to go on with.
    if (job === undefined) return undefined;
    this.inFlight = undefined;
    if (failed) this.failed(error, job);
    return this.stepOn();
  }

  private stepOn(): Promise<void> | undefined {
    const pending = this.runUntilPending();
    if (pending !== undefined) this.inFlight = this.pendingJob;
    return pending;
  }

  /**
   * Runs waiting jobs until one returns a promise, which it returns (its job in `pendingJob`); when
   * none is left, the queue has settled and it returns undefined.
   */
  private runUntilPending(): Promise<void> | undefined {
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
        this.pendingJob = job;
        return pending;
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

  /**
   * The body of `runReady`, while draining. After an async job it goes on from the job's own
   * settlement: the promise it returns settles one microtask after the last job instead of through
   * a chain of async wrappers (a backtest with an async onBar pays this on every bar).
   */
  private runOn(): Promise<void> | undefined {
    const pending = this.runUntilPending();
    if (pending === undefined) return undefined;
    const job = this.pendingJob!;
    return pending.then(
      () => this.runOn(),
      (error: unknown) => {
        this.failed(error, job);
        return this.runOn();
      },
    );
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
    const at = this.head++;
    const job = this.jobs[at]!;
    // The slot lets go of the job at once: a handled event kept here would outlive young-generation
    // collections, and V8 would then allocate every event of its kind straight in the old
    // generation. Compacting now and then keeps the array bounded without shifting it on every job.
    this.jobs[at] = undefined;
    if (this.head > 1024 && this.head * 2 > this.jobs.length) {
      this.jobs = this.jobs.slice(this.head);
      this.head = 0;
      this.latest.clear();
    }
    return job;
  }

  private settled(): void {
    this.draining = false;
    // Nobody waits on the usual step: no new array for them.
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
