// The strategy's named timers over the ClockPort: setting a name again replaces it, and all stop together.
import type { ClockPort } from './ports.ts';

export class Timers {
  private readonly cancels = new Map<string, () => void>();
  private closed = false;

  constructor(private readonly clock: ClockPort) {}

  /** Calls `fire(name)` every `everyMs` on the clock; does nothing once closed. */
  set(name: string, everyMs: number, fire: (name: string) => void): void {
    if (!Number.isSafeInteger(everyMs) || everyMs <= 0) throw new Error(`timer ${name}: everyMs must be a positive whole number of milliseconds`);
    if (this.closed) return;
    this.clear(name);
    this.cancels.set(name, this.clock.every(everyMs, () => fire(name)));
  }

  clear(name: string): void {
    const cancel = this.cancels.get(name);
    this.cancels.delete(name);
    cancel?.();
  }

  has(name: string): boolean {
    return this.cancels.has(name);
  }

  /** Clears every timer and refuses new ones: the run is over. */
  close(): void {
    this.closed = true;
    for (const name of [...this.cancels.keys()]) this.clear(name);
  }
}
