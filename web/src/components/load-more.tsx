// The "Load more" row under a cursor-paged table.
import { Button } from './button.tsx';
import type { PagedList } from '../hooks/use-paged-list.ts';

export function LoadMore({ list, what }: { readonly list: Pick<PagedList<unknown>, 'hasMore' | 'loadMore' | 'loadingMore' | 'items'>; readonly what: string }) {
  if (!list.hasMore || !list.items) return null;
  return (
    <div className="flex justify-center border-t border-line p-2">
      <Button size="sm" variant="ghost" busy={list.loadingMore} onClick={list.loadMore} aria-label={`Load more ${what}`}>
        Load more
      </Button>
    </div>
  );
}
