// useApi: a small query hook over the REST client, with loading and error state, refetch and local updates.
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { ApiError } from '../lib/api.ts';

export interface ApiState<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  /** True while the first load (or a load after the deps changed) is in flight. */
  readonly loading: boolean;
  /** Loads again, keeping the current data on screen meanwhile. */
  readonly refetch: () => Promise<void>;
  /** Replaces the data locally, e.g. to merge a WebSocket update. */
  readonly setData: (update: T | ((current: T | undefined) => T | undefined)) => void;
}

/**
 * Runs `load` on mount and whenever `deps` change; an older answer never overwrites a newer one.
 * Pass `null` as `load` to wait (e.g. until a symbol is known).
 *
 *   const { data, error, loading } = useApi((signal) => api.get<{ tickers: Ticker[] }>('/api/v1/tickers', undefined, signal), []);
 */
export function useApi<T>(load: ((signal: AbortSignal) => Promise<T>) | null, deps: DependencyList): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(load !== null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);
  const controller = useRef<AbortController | undefined>(undefined);

  const run = useCallback(async (initial: boolean) => {
    const current = loadRef.current;
    if (!current) return;
    const mine = ++generation.current;
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    if (initial) setLoading(true);
    try {
      const result = await current(abort.signal);
      if (mine !== generation.current) return;
      setData(result);
      setError(undefined);
    } catch (caught) {
      if (mine !== generation.current || abort.signal.aborted) return;
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'CLIENT_ERROR', caught instanceof Error ? caught.message : String(caught)));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setData(undefined);
    void run(true);
    return () => controller.current?.abort();
  }, deps); // The caller's deps decide when to reload; `load` itself is read through a ref.

  const refetch = useCallback(() => run(false), [run]);
  return { data, error, loading, refetch, setData };
}
