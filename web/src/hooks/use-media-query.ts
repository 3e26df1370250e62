// useMediaQuery: whether a CSS media query matches now, following changes (e.g. a layout for phones and one for wide screens).
import { useCallback, useSyncExternalStore } from 'react';

/** `useMediaQuery('(min-width: 1024px)')` is true on wide screens and re-renders when that changes. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (notify: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}
