// Orders per second per account: a sliding one-second window over the times orders reached the gateway.

const WINDOW_MS = 1000;

/**
 * Keeps, per account, the times of its recent orders. Times older than the window are dropped, and
 * at most the newest `limit + 1` are kept: beyond that the answer (over the limit) cannot change,
 * so a flood costs no memory; the count returned is then a lower bound above the limit.
 */
export class OrderRateWindow {
  private readonly stamps = new Map<number, number[]>();

  /** Records `count` orders at `now`; returns how many orders the account sent in the last second, these included. */
  record(accountId: number, now: number, count: number, limit: number): number {
    let times = this.stamps.get(accountId);
    if (!times) this.stamps.set(accountId, (times = []));
    const drop = times.length - inWindowOf(times, now);
    if (drop > 0) times.splice(0, drop);
    const inWindow = times.length + count;
    // The newest times are kept: they are the ones still in the window longest.
    for (let i = Math.min(count, limit + 1); i > 0; i--) times.push(now);
    if (times.length > limit + 1) times.splice(0, times.length - limit - 1);
    return inWindow;
  }

  /** How many orders the account sent in the second before `now` (up to `limit + 1`, as kept), recording none. */
  count(accountId: number, now: number): number {
    const times = this.stamps.get(accountId);
    return times ? inWindowOf(times, now) : 0;
  }

  /** Forgets accounts with nothing in the window, so idle accounts cost nothing. */
  prune(now: number): void {
    for (const [accountId, times] of this.stamps) {
      if (times.length === 0 || times[times.length - 1]! <= now - WINDOW_MS) this.stamps.delete(accountId);
    }
  }

  get size(): number {
    return this.stamps.size;
  }
}

/** How many of `times` (oldest first) fall in the second before `now`: those after the last one that does not. */
function inWindowOf(times: readonly number[], now: number): number {
  let stale = 0;
  while (stale < times.length && times[stale]! <= now - WINDOW_MS) stale++;
  return times.length - stale;
}
