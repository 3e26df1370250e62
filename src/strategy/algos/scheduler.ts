// One-shot tasks at clock times over a single named strategy timer: the context only offers repeating timers, so the scheduler re-arms it for the earliest task.
import type { AlgoContext } from './types.ts';

interface Task {
  readonly id: number;
  readonly at: number;
  readonly run: () => Promise<void> | void;
}

/**
 * Invariants: tasks run in (time, insertion) order, each at most once, never before its time; the
 * timer is armed exactly when a task is pending. A timer may fire late (wall clock), never early on
 * a simulated clock; if it does fire early, the scheduler simply re-arms.
 */
export class Scheduler {
  private tasks: Task[] = [];
  private nextId = 1;
  private armedFor: number | undefined;
  private armed = false;

  constructor(
    private readonly ctx: AlgoContext,
    readonly timerName: string,
  ) {}

  /** Adds a task; returns a function that drops it. Call `runDue` (or wait for the timer) to run it. */
  at(at: number, run: () => Promise<void> | void): () => void {
    const task: Task = { id: this.nextId++, at, run };
    let index = this.tasks.length;
    while (index > 0 && this.tasks[index - 1]!.at > at) index--;
    this.tasks.splice(index, 0, task);
    this.arm();
    return () => {
      this.tasks = this.tasks.filter((t) => t !== task);
      this.arm();
    };
  }

  /** Runs every task due by now, in order (tasks added meanwhile for now run too), then re-arms. */
  async runDue(): Promise<void> {
    for (;;) {
      const first = this.tasks[0];
      if (!first || first.at > this.ctx.clock.now()) break;
      this.tasks.shift();
      await first.run();
    }
    // The timer repeats at its last interval: whatever fired, point it at the next task again.
    this.arm(true);
  }

  pending(): number {
    return this.tasks.length;
  }

  private arm(force = false): void {
    const first = this.tasks[0];
    if (!first) {
      if (this.armed) this.ctx.clearTimer(this.timerName);
      this.armed = false;
      this.armedFor = undefined;
      return;
    }
    if (!force && this.armed && this.armedFor === first.at) return;
    const now = this.ctx.clock.now();
    this.armed = true;
    this.armedFor = first.at;
    // setTimer replaces the timer of that name; it repeats, so each firing re-arms from runDue.
    this.ctx.setTimer(this.timerName, Math.max(1, Math.ceil(first.at - now)));
  }
}
