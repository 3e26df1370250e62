// useRowAction: an async action on one row of a table (cancel this order), with a busy flag per row and its failure shown as a toast.
import { useCallback, useState } from 'react';
import { useToast } from '../components/toasts.tsx';

export interface RowAction<T> {
  /** Whether the action is running for this row (for the row's button). */
  readonly busy: (row: T) => boolean;
  readonly run: (row: T) => Promise<void>;
}

/**
 *   const cancel = useRowAction((o: Order) => o.id, async (o) => { await api.delete(...); toast.show(...); });
 *   <Button busy={cancel.busy(o)} onClick={() => void cancel.run(o)}>Cancel</Button>
 */
export function useRowAction<T>(idOf: (row: T) => number, action: (row: T) => Promise<void>): RowAction<T> {
  const toast = useToast();
  const [running, setRunning] = useState<ReadonlySet<number>>(new Set());
  const run = useCallback(
    async (row: T) => {
      const id = idOf(row);
      setRunning((current) => new Set(current).add(id));
      try {
        await action(row);
      } catch (caught) {
        toast.error(caught);
      } finally {
        setRunning((current) => {
          const next = new Set(current);
          next.delete(id);
          return next;
        });
      }
    },
    [idOf, action, toast],
  );
  return { busy: (row) => running.has(idOf(row)), run };
}
