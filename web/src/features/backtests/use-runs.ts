// The user's runs: both lists merged newest first (read often while one is active), and the open run followed every 500 ms until it ends.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useApi } from '../../hooks/use-api.ts';
import { usePolling } from '../../hooks/use-polling.ts';
import { api } from '../../lib/api.ts';
import { isActive, mergeRuns, runsPath, type BacktestRun, type OptimizationRun, type Run, type RunKind } from './backtest-types.ts';

/** How often the open run is read while it is queued or running. */
export const RUN_POLL_MS = 500;
/** How often the list is read while any run is active, and otherwise. */
const LIST_ACTIVE_MS = 1_500;
const LIST_IDLE_MS = 10_000;

export interface RunRef {
  readonly kind: RunKind;
  readonly id: number;
}

export function useRunList() {
  const list = useApi(
    async (signal) => {
      const [b, o] = await Promise.all([
        api.get<{ backtests: BacktestRun[] }>(runsPath('backtest'), undefined, signal),
        api.get<{ optimizations: OptimizationRun[] }>(runsPath('optimization'), undefined, signal),
      ]);
      return mergeRuns(b.backtests, o.optimizations);
    },
    [],
  );
  const active = list.data?.some(isActive) ?? false;
  usePolling(list.refetch, active ? LIST_ACTIVE_MS : LIST_IDLE_MS);
  return list;
}

/** The open run; polled while active; `onEnd` is called once when a run seen active ends. */
export function useRun(ref: RunRef | undefined, onEnd: (run: Run) => void) {
  const run = useApi((signal) => (ref ? api.get<Run>(`${runsPath(ref.kind)}/${ref.id}`, undefined, signal) : Promise.resolve(undefined)), [ref?.kind, ref?.id]);
  const current = run.data;
  const active = current !== undefined && isActive(current);
  usePolling(run.refetch, RUN_POLL_MS, active);

  const seenActive = useRef<string | undefined>(undefined);
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;
  useEffect(() => {
    if (!current) return;
    const key = `${current.kind}:${current.id}`;
    if (isActive(current)) seenActive.current = key;
    else if (seenActive.current === key) {
      seenActive.current = undefined;
      onEndRef.current(current);
    }
  }, [current]);

  const { refetch } = run;
  const cancel = useCallback(async () => {
    if (!ref) return;
    await api.delete<Run>(`${runsPath(ref.kind)}/${ref.id}`);
    await refetch();
  }, [ref, refetch]);

  return useMemo(() => ({ run: current, error: run.error, loading: run.loading, cancel, refetch }), [current, run.error, run.loading, cancel, refetch]);
}
