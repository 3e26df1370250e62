// The account's algo orders, newest first: what each does, how far it got (filled, average price, child orders), why it ended; cancel one that still works. Kept current by polling while one works and by the private channels.
import { Badge, type BadgeTone } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Panel } from '../../components/card.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { useToast } from '../../components/toasts.tsx';
import { useRowAction } from '../../hooks/use-row-action.ts';
import type { PagedList } from '../../hooks/use-paged-list.ts';
import { usePolling } from '../../hooks/use-polling.ts';
import { api, type AlgoOrder, type AlgoState } from '../../lib/api.ts';
import { formatAverage, formatDateTime, formatQty } from '../../lib/format.ts';
import { SideText, SymbolLink } from '../trading/order-cells.tsx';
import { useAccountReload } from '../trading/use-account-reload.ts';
import type { ReferenceData } from '../trading/use-reference-data.ts';
import { ALGO_LABELS } from './algo-form.ts';
import { algoPlan, filledPercent, isWorking } from './algo-text.ts';

const STATE_TONES: Readonly<Record<AlgoState, BadgeTone>> = {
  new: 'neutral',
  running: 'accent',
  done: 'up',
  expired: 'warn',
  cancelled: 'neutral',
  failed: 'down',
};

export function AlgoOrdersPanel({ reference, list }: { readonly reference: ReferenceData; readonly list: PagedList<AlgoOrder> }) {
  const toast = useToast();
  const { reload } = list;
  // Child orders and fills arrive on the private channels; the algorithm's own progress has none, so poll while one works.
  useAccountReload(['orders', 'fills'], reload);
  usePolling(reload, 2_000, list.items?.some(isWorking) ?? false);

  const cancel = useRowAction(
    (order: AlgoOrder) => order.id,
    async (order) => {
      await api.delete(`/api/v1/algo-orders/${order.id}`);
      toast.show(`${ALGO_LABELS[order.type]} #${order.id} cancelled.`, 'success');
      await reload();
    },
  );

  const tick = (o: AlgoOrder) => reference.bySymbol.get(o.spec.symbol)?.tickSize;
  const lot = (o: AlgoOrder) => reference.bySymbol.get(o.spec.symbol)?.lotSize;
  const columns: readonly Column<AlgoOrder>[] = [
    { key: 'time', header: 'Started', hideOnMobile: true, cell: (o) => <span className="num text-muted">{formatDateTime(o.createdAt)}</span> },
    {
      key: 'order',
      header: 'Algo order',
      cell: (o) => (
        <span className="flex flex-col">
          <span className="flex gap-2">
            <SymbolLink symbol={o.spec.symbol} />
            <SideText side={o.spec.side} />
            <span>
              {ALGO_LABELS[o.type]} #{o.id}
            </span>
          </span>
          <span className="text-xs text-muted">{algoPlan(o.spec, tick(o), lot(o))}</span>
        </span>
      ),
    },
    {
      key: 'filled',
      header: 'Filled @ avg',
      numeric: true,
      cell: (o) => (
        <>
          {formatQty(o.filledQty, lot(o))} / {formatQty(o.spec.qty, lot(o))}
          {o.avgPrice !== null && <span className="block text-xs text-muted">@ {formatAverage(o.avgPrice, tick(o))}</span>}
          <span className="mt-1 block h-1 w-full rounded bg-line" aria-hidden="true">
            <span className="block h-1 rounded bg-accent" style={{ width: `${filledPercent(o)}%` }} />
          </span>
        </>
      ),
    },
    {
      key: 'children',
      header: 'Child orders',
      numeric: true,
      hideOnMobile: true,
      cell: (o) => (
        <>
          {o.ordersSent.toLocaleString('en-US')} sent
          {o.openOrders.length > 0 && <span className="block text-xs text-muted">{o.openOrders.length} working</span>}
        </>
      ),
    },
    {
      key: 'state',
      header: 'State',
      cell: (o) => (
        <span className="flex flex-col gap-1">
          <Badge tone={STATE_TONES[o.state]} className="self-start whitespace-nowrap">
            {o.state}
          </Badge>
          {o.lastError !== null && <span className="max-w-xs text-xs text-muted">{o.lastError}</span>}
        </span>
      ),
    },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      className: 'text-right',
      cell: (o) =>
        isWorking(o) ? (
          <Button size="sm" variant="danger" busy={cancel.busy(o)} onClick={() => void cancel.run(o)} aria-label={`Cancel algo order #${o.id}`}>
            Cancel
          </Button>
        ) : null,
    },
  ];

  return (
    <Panel title="Algo orders" flush>
      {list.error && <ErrorBanner error={list.error} className="m-3" />}
      <DataTable columns={columns} rows={list.items ?? []} rowKey={(o) => o.id} loading={list.loading} label="Algo orders" empty="No algo orders yet: start one above." />
      <LoadMore list={list} what="algo orders" />
    </Panel>
  );
}
