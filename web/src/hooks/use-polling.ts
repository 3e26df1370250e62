// usePolling: calls a function every few seconds while the page is visible (and at once when it becomes visible again), for data with no WebSocket channel.
import { useEffect, useRef, useState } from 'react';

/**
 * Calls `tick` every `intervalMs` while `enabled` and the tab is visible. A tick still running
 * (a slow request) is not overlapped: the next one waits for it.
 *
 *   usePolling(() => bots.refetch(), 2_000);
 */
export function usePolling(tick: () => Promise<unknown> | void, intervalMs: number, enabled = true): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!enabled) return;
    let running = false;
    const run = () => {
      if (running || document.visibilityState !== 'visible') return;
      running = true;
      void Promise.resolve()
        .then(() => latest.current())
        .catch(() => undefined)
        .finally(() => (running = false));
    };
    const timer = window.setInterval(run, intervalMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') run();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [intervalMs, enabled]);
}

/** The current time, re-read every `intervalMs`: for ages ("3 s ago") that must move between data updates. */
export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
