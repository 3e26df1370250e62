// The wall clock as a ClockPort, and a one-shot timer over any ClockPort.
import type { ClockPort } from '../../strategy/index.ts';

/** Date.now and setInterval: what bots in worker threads run on, and the pool's default. */
export const wallClock: ClockPort = {
  now: () => Date.now(),
  every(everyMs, fire) {
    const handle = setInterval(fire, everyMs);
    return () => clearInterval(handle);
  },
};

/**
 * Calls `fire` once, `ms` from now on `clock`; returns how to cancel. ClockPort only repeats, so
 * the timer cancels itself before firing (a simulated clock may call back synchronously).
 */
export function after(clock: ClockPort, ms: number, fire: () => void): () => void {
  let done = false;
  const cancel = clock.every(Math.max(1, Math.round(ms)), () => {
    if (done) return;
    done = true;
    cancel();
    fire();
  });
  return () => {
    done = true;
    cancel();
  };
}
