// Restart delays: exponential from initialMs, capped at maxMs, starting over after a run that lasted resetAfterMs.
import type { BackoffOptions } from './types.ts';

export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly resetAfterMs: number;
  /** Failures in a row, each after a run shorter than resetAfterMs. */
  private streak = 0;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 1_000;
    this.maxMs = Math.max(this.initialMs, options.maxMs ?? 60_000);
    this.resetAfterMs = options.resetAfterMs ?? 60_000;
  }

  /** The delay before restarting after a run that lasted `ranMs` (undefined when it never got going). */
  next(ranMs: number | undefined): number {
    if (ranMs !== undefined && ranMs >= this.resetAfterMs) this.streak = 0;
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.streak, 30));
    this.streak++;
    return delay;
  }

  /** A deliberate stop or start clears the streak: the next failure waits the initial delay. */
  reset(): void {
    this.streak = 0;
  }
}
