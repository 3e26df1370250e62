// The simulated clock a backtest runs on: time moves only when the driver moves it, and timers fire in time order.
import type { ClockPort } from '../strategy/index.ts';

interface Timer {
  readonly id: number;
  due: number;
  readonly every: number;
  readonly fire: () => void;
  live: boolean;
}

/**
 * Timers due at the same moment fire in the order they were set. The driver calls `fireNext`
 * between market records, so a timer at t runs after every record before t and before any after it.
 */
export class BacktestClock implements ClockPort {
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  every(everyMs: number, fire: () => void): () => void {
    if (!(everyMs > 0)) throw new RangeError(`timer interval must be positive, got ${everyMs}`);
    const timer: Timer = { id: this.nextId++, due: this.time + everyMs, every: everyMs, fire, live: true };
    this.timers.push(timer);
    return () => {
      timer.live = false;
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves time forward (never back). */
  advanceTo(ts: number): void {
    if (ts > this.time) this.time = ts;
  }

  /** When the earliest live timer is due, if any. */
  nextDue(): number | undefined {
    let first: Timer | undefined;
    for (const timer of this.timers) if (!first || timer.due < first.due || (timer.due === first.due && timer.id < first.id)) first = timer;
    return first?.due;
  }

  /** Fires the earliest timer if it is due by `ts`, moving time to its due time; false when none is. */
  fireNext(ts: number): boolean {
    let first: Timer | undefined;
    for (const timer of this.timers) if (!first || timer.due < first.due || (timer.due === first.due && timer.id < first.id)) first = timer;
    if (!first || first.due > ts) return false;
    this.advanceTo(first.due);
    first.due += first.every;
    first.fire();
    return true;
  }
}
