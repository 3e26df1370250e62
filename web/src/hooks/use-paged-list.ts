// usePagedList: a cursor-paged list (newest first) with "Load more", and a reload that refreshes everything shown in one request.
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { ApiError, type Page } from '../lib/api.ts';
import { cursorFor, reloadLimit, type HandedCursor } from '../lib/paging.ts';

export { MAX_PAGE_SIZE } from '../lib/paging.ts';

export type PageLoader<T> = (request: { readonly cursor: string | undefined; readonly limit: number; readonly signal: AbortSignal }) => Promise<Page<T>>;

export interface PagedList<T> {
  readonly items: readonly T[] | undefined;
  readonly error: ApiError | undefined;
  /** The first page of the current filters is loading. */
  readonly loading: boolean;
  readonly loadingMore: boolean;
  readonly hasMore: boolean;
  readonly loadMore: () => void;
  /** Reads the newest items again, as many as are shown (up to one full page), e.g. after a live event. */
  readonly reload: () => Promise<void>;
}

/**
 * Loads the first page on mount and whenever `deps` change (filters); `loadMore` appends the next
 * page. A reload replaces the list with one request covering what was shown, so a live change
 * anywhere in it (a status, a new row) shows without gaps; beyond one full page the older pages are
 * dropped and can be loaded again.
 */
export function usePagedList<T>(load: PageLoader<T>, deps: DependencyList, pageSize = 50): PagedList<T> {
  const [items, setItems] = useState<T[] | undefined>(undefined);
  // A cursor is bound to the filters it was handed out for: after a change, none is offered until the new first page brings one.
  const [handed, setHanded] = useState<HandedCursor | null>(null);
  const cursor = cursorFor(handed, deps);
  const filters = useRef<readonly unknown[]>(deps);
  filters.current = deps;
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const loadRef = useRef(load);
  loadRef.current = load;
  const shown = useRef(0);
  const generation = useRef(0);
  const controller = useRef<AbortController | undefined>(undefined);

  const fetchFirst = useCallback(
    async (limit: number, initial: boolean) => {
      const mine = ++generation.current;
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      if (initial) setLoading(true);
      const askedWith = filters.current;
      try {
        const page = await loadRef.current({ cursor: undefined, limit, signal: abort.signal });
        if (mine !== generation.current) return;
        shown.current = page.items.length;
        setItems(page.items);
        setHanded(handOut(page.nextCursor, askedWith));
        setError(undefined);
      } catch (caught) {
        if (mine !== generation.current || abort.signal.aborted) return;
        setError(asApiError(caught));
      } finally {
        if (mine === generation.current) {
          setLoading(false);
          setLoadingMore(false);
        }
      }
    },
    [],
  );

  useEffect(() => {
    setItems(undefined);
    shown.current = 0;
    void fetchFirst(pageSize, true);
    return () => controller.current?.abort();
  }, deps); // The caller's deps (filters) decide when to start over; `load` is read through a ref.

  const loadMore = useCallback(() => {
    if (cursor === null) return;
    const mine = generation.current;
    const askedWith = filters.current;
    setLoadingMore(true);
    loadRef.current({ cursor, limit: pageSize, signal: new AbortController().signal }).then(
      (page) => {
        if (mine !== generation.current) return;
        setItems((current) => {
          const next = [...(current ?? []), ...page.items];
          shown.current = next.length;
          return next;
        });
        setHanded(handOut(page.nextCursor, askedWith));
        setLoadingMore(false);
      },
      (caught: unknown) => {
        if (mine !== generation.current) return;
        setError(asApiError(caught));
        setLoadingMore(false);
      },
    );
  }, [cursor, pageSize]);

  const reload = useCallback(() => fetchFirst(reloadLimit(shown.current, pageSize), false), [fetchFirst, pageSize]);

  return { items, error, loading, loadingMore, hasMore: cursor !== null, loadMore, reload };
}

function asApiError(caught: unknown): ApiError {
  return caught instanceof ApiError ? caught : new ApiError(0, 'CLIENT_ERROR', caught instanceof Error ? caught.message : String(caught));
}

function handOut(cursor: string | null, filters: readonly unknown[]): HandedCursor | null {
  return cursor === null ? null : { cursor, filters };
}
