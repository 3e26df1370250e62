// Every live order of the account (all symbols or one), kept current from the private channels: cancel one, cancel all after a confirmation, or replace one.
import { useCallback, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { Panel } from '../../components/card.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Select } from '../../components/fields.tsx';
import { useToast } from '../../components/toasts.tsx';
import { useRowAction } from '../../hooks/use-row-action.ts';
import { usePagedList } from '../../hooks/use-paged-list.ts';
import { api, type Order, type Page } from '../../lib/api.ts';
import { signOf } from '../../lib/decimal.ts';
import { formatDateTime, formatPrice, formatQty } from '../../lib/format.ts';
import { LoadMore } from '../../components/load-more.tsx';
import { stopText } from '../market/order-text.ts';
import { OrderKind, SideText, StatusBadge, SymbolLink, TifText } from './order-cells.tsx';
import { notReplaceable } from './replace-form.ts';
import { ReplaceDialog } from './replace-dialog.tsx';
import { useAccountReload } from './use-account-reload.ts';
import { symbolOptions, type ReferenceData } from './use-reference-data.ts';

export function OpenOrdersPanel({ reference }: { readonly reference: ReferenceData }) {
  const toast = useToast();
  const [symbol, setSymbol] = useState('');
  const [replacing, setReplacing] = useState<Order | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const list = usePagedList<Order>(
    ({ cursor, limit, signal }) => api.get<Page<Order>>('/api/v1/orders', { status: 'open', symbol, cursor, limit }, signal),
    [symbol],
    100,
  );
  const { reload } = list;
  useAccountReload(['orders', 'fills'], reload);

  const cancel = useRowAction(
    (order: Order) => order.id,
    async (order) => {
      await api.delete(`/api/v1/orders/${order.id}`);
      toast.show(`Order #${order.id} cancelled.`, 'success');
      await reload();
    },
  );

  const cancelAll = useCallback(async () => {
    const { cancelled } = await api.delete<{ cancelled: number[] }>('/api/v1/orders', { symbol });
    toast.show(`${cancelled.length} ${cancelled.length === 1 ? 'order' : 'orders'} cancelled.`, 'success');
    await reload();
  }, [symbol, toast, reload]);

  const columns: readonly Column<Order>[] = [
    { key: 'time', header: 'Placed', hideOnMobile: true, cell: (o) => <span className="num text-muted">{formatDateTime(o.createdAt)}</span> },
    {
      key: 'symbol',
      header: 'Order',
      cell: (o) => (
        <span className="flex flex-col sm:flex-row sm:gap-2">
          <SymbolLink symbol={o.symbol} />
          <span className="text-xs text-muted sm:text-sm sm:text-inherit">
            <SideText side={o.side} />{' '}
            <span className="sm:hidden">
              <OrderKind order={o} tickSize={reference.bySymbol.get(o.symbol)?.tickSize} /> #{o.id} <StatusBadge status={o.status} />
            </span>
          </span>
        </span>
      ),
    },
    { key: 'type', header: 'Type', hideOnMobile: true, cell: (o) => <OrderKind order={o} tickSize={reference.bySymbol.get(o.symbol)?.tickSize} /> },
    {
      key: 'price',
      header: 'Price',
      numeric: true,
      cell: (o) => {
        const tick = reference.bySymbol.get(o.symbol)?.tickSize;
        return (
          <>
            {o.price !== null ? formatPrice(o.price, tick) : o.type === 'market' ? 'market' : '—'}
            {o.stopPrice !== null && <span className="block text-xs text-muted">{stopText(o.stopPrice, tick)}</span>}
          </>
        );
      },
    },
    {
      key: 'qty',
      header: 'Qty',
      numeric: true,
      cell: (o) => {
        const lot = reference.bySymbol.get(o.symbol)?.lotSize;
        return (
          <>
            {formatQty(o.qty, lot)}
            {signOf(o.filledQty) > 0 && <span className="block text-xs text-muted">{formatQty(o.filledQty, lot)} filled</span>}
          </>
        );
      },
    },
    { key: 'tif', header: 'TIF', hideOnMobile: true, cell: (o) => <TifText order={o} /> },
    { key: 'status', header: 'Status', hideOnMobile: true, cell: (o) => <StatusBadge status={o.status} /> },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      className: 'text-right',
      cell: (o) => {
        const why = notReplaceable(o);
        return (
          <span className="inline-flex flex-wrap justify-end gap-1">
            <Button size="sm" variant="ghost" disabled={why !== undefined} title={why} onClick={() => setReplacing(o)} aria-label={`Replace order #${o.id}`}>
              Replace
            </Button>
            <Button size="sm" variant="danger" busy={cancel.busy(o)} onClick={() => void cancel.run(o)} aria-label={`Cancel order #${o.id}`}>
              Cancel
            </Button>
          </span>
        );
      },
    },
  ];

  const count = list.items?.length ?? 0;
  const scope = symbol === '' ? 'every symbol' : symbol;
  return (
    <Panel
      title={`Open orders${count > 0 ? ` (${count}${list.hasMore ? '+' : ''})` : ''}`}
      flush
      actions={
        <Button size="sm" variant="danger" disabled={count === 0} onClick={() => setConfirmAll(true)}>
          Cancel all
        </Button>
      }
    >
      <div className="flex flex-wrap items-end gap-2 border-b border-line px-3 py-2">
        <Select label="Symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)} options={symbolOptions(reference)} className="w-40" />
      </div>
      <ErrorBanner error={list.error} className="m-2" onRetry={() => void reload()} />
      <DataTable label="Open orders" columns={columns} rows={list.items} rowKey={(o) => o.id} loading={list.loading} empty={symbol ? `No open orders in ${symbol}.` : 'No open orders.'} />
      <LoadMore list={list} what="open orders" />
      <ReplaceDialog order={replacing} instrument={replacing ? reference.bySymbol.get(replacing.symbol) : undefined} onClose={() => setReplacing(null)} onReplaced={() => void reload()} />
      <ConfirmDialog open={confirmAll} title={`Cancel all open orders in ${scope}?`} confirmLabel="Cancel all orders" onConfirm={cancelAll} onClose={() => setConfirmAll(false)}>
        <p>Every open order of yours in {scope} is cancelled, untriggered stops and bracket legs included. This cannot be undone.</p>
      </ConfirmDialog>
    </Panel>
  );
}
