// Driving a backtest through time: what is due happens in time order, and the strategy handles each step before the next.
import type { StrategyRunner } from '../strategy/index.ts';
import type { BacktestClock } from './clock.ts';
import type { BacktestVenue } from './venue.ts';

/** Resolves after every pending microtask has run: whatever is still waiting then waits for time. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Between two records, delayed strategy actions arrive, bars built from trades close, timers fire
 * and trading sessions close, in time order (arrivals first at equal times, then bars, then
 * timers). A session closes after everything stamped with its close time, records included (a bar
 * stamped 16:00 covers the minute before it), so it ends at the first step past its close. Without latency a
 * handler's promise always settles on its own. With latency a handler may wait for an action that
 * arrives only when time moves on: the loop then waits until no microtask is left (so the strategy
 * has done all it can) and moves on, and the handler resumes when its action arrives.
 */
export class BacktestLoop {
  constructor(
    private readonly runner: StrategyRunner<unknown, unknown>,
    private readonly venue: BacktestVenue,
    private readonly clock: BacktestClock,
    private readonly latency: boolean,
  ) {}

  /** Starts the runner; onStart may itself wait for delayed actions. */
  async start(): Promise<void> {
    let started = false;
    const starting = this.runner.start().then(() => void (started = true));
    while (!started) {
      await (this.latency ? Promise.race([starting, macrotask()]) : starting);
      if (started) break;
      const arrival = this.venue.nextArrival();
      if (arrival === undefined) await starting;
      else await this.catchUp(arrival);
    }
    await this.step();
  }

  /** Lets the strategy handle what it has heard; undefined when it needed no waiting. */
  step(): Promise<void> | undefined {
    const busy = this.runner.runReady();
    if (!busy) return undefined;
    return this.latency ? Promise.race([busy, macrotask()]) : busy;
  }

  /**
   * `step` for the per-record hot path: returns the async handler's own promise, to await and pass
   * to `settle` until it returns undefined, which costs one microtask per async handler instead of
   * a chain of them. With latency it is `step` (and `settle` has nothing more to do).
   */
  stepRaw(): Promise<void> | undefined {
    return this.latency ? this.step() : this.runner.stepReady();
  }

  settle(failed: boolean, error?: unknown): Promise<void> | undefined {
    return this.latency ? undefined : this.runner.settleReady(failed, error);
  }

  /** When the next thing is due (Infinity when nothing is). */
  nextDue(): number {
    return Math.min(this.venue.nextArrival() ?? Infinity, this.venue.nextBarClose() ?? Infinity, this.clock.nextDue() ?? Infinity, this.venue.nextSessionClose());
  }

  /** Everything due by `ts`, in time order, each followed by the strategy's step. */
  async catchUp(ts: number): Promise<void> {
    for (;;) {
      const arrival = this.venue.nextArrival() ?? Infinity;
      const barClose = this.venue.nextBarClose() ?? Infinity;
      const timer = this.clock.nextDue() ?? Infinity;
      const due = Math.min(arrival, barClose, timer);
      const session = this.venue.nextSessionClose();
      if (session < ts && session < due) {
        this.clock.advanceTo(session);
        this.venue.endSessions(session);
        await this.step();
        continue;
      }
      if (due > ts) return;
      this.clock.advanceTo(due);
      if (arrival === due) this.venue.arrive(due);
      else if (barClose === due) this.venue.closeBars(due);
      else this.clock.fireNext(due);
      await this.step();
    }
  }

  /** After the last record: every action still on its way arrives (time moves on for it), and the strategy handles all it heard. */
  async drain(): Promise<void> {
    for (;;) {
      const arrival = this.venue.nextArrival();
      if (arrival !== undefined) {
        await this.catchUp(arrival);
        continue;
      }
      await this.step();
      if (this.venue.nextArrival() === undefined) break;
    }
    await this.runner.idle();
  }
}
