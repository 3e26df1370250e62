// Past orders (filled, cancelled, expired), newest first, filtered by symbol and status, a page at a time; new ones appear as the orders channel reports them.
import { useState } from 'react';
import { Panel } from '../../components/card.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Select } from '../../components/fields.tsx';
import { usePagedList } from '../../hooks/use-paged-list.ts';
import { api, type Order, type Page } from '../../lib/api.ts';
import { formatAverage, formatDateTime, formatPrice, formatQty } from '../../lib/format.ts';
import { LoadMore } from '../../components/load-more.tsx';
import { stopText } from '../market/order-text.ts';
import { OrderKind, SideText, StatusBadge, SymbolLink } from './order-cells.tsx';
import { useAccountReload } from './use-account-reload.ts';
import { symbolOptions, type ReferenceData } from './use-reference-data.ts';

const STATUS_OPTIONS = [
  { value: 'closed', label: 'All past orders' },
  { value: 'filled', label: 'Filled' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'expired', label: 'Expired' },
];

export function OrderHistoryPanel({ reference }: { readonly reference: ReferenceData }) {
  const [symbol, setSymbol] = useState('');
  const [status, setStatus] = useState('closed');
  const list = usePagedList<Order>(({ cursor, limit, signal }) => api.get<Page<Order>>('/api/v1/orders', { status, symbol, cursor, limit }, signal), [symbol, status], 50);
  useAccountReload(['orders'], list.reload);

  const tick = (o: Order) => reference.bySymbol.get(o.symbol)?.tickSize;
  const lot = (o: Order) => reference.bySymbol.get(o.symbol)?.lotSize;
  const priceOf = (o: Order) => (o.price !== null ? formatPrice(o.price, tick(o)) : o.stopPrice !== null ? stopText(o.stopPrice, tick(o)) : o.type === 'market' ? 'market' : '—');
  const columns: readonly Column<Order>[] = [
    { key: 'time', header: 'Placed', hideOnMobile: true, cell: (o) => <span className="num text-muted">{formatDateTime(o.createdAt)}</span> },
    {
      key: 'symbol',
      header: 'Order',
      cell: (o) => (
        <span className="flex flex-col sm:flex-row sm:gap-2">
          <SymbolLink symbol={o.symbol} />
          <span className="text-xs sm:text-sm">
            <SideText side={o.side} />
            {/* On a phone the type and price columns are hidden: the order says them here. */}
            <span className="text-muted sm:hidden">
              {' '}
              <OrderKind order={o} tickSize={tick(o)} />
              {o.type !== 'market' && <> {priceOf(o)}</>}
            </span>
          </span>
        </span>
      ),
    },
    { key: 'type', header: 'Type', hideOnMobile: true, cell: (o) => <OrderKind order={o} tickSize={tick(o)} /> },
    { key: 'price', header: 'Price', numeric: true, hideOnMobile: true, cell: priceOf },
    { key: 'qty', header: 'Qty', numeric: true, hideOnMobile: true, cell: (o) => formatQty(o.qty, lot(o)) },
    {
      key: 'filled',
      header: 'Filled @ avg',
      numeric: true,
      cell: (o) => (
        <>
          {formatQty(o.filledQty, lot(o))}
          <span className="sm:hidden"> / {formatQty(o.qty, lot(o))}</span>
          {o.avgFillPrice !== null && <span className="block text-xs text-muted">@ {formatAverage(o.avgFillPrice, tick(o))}</span>}
        </>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      cell: (o) => (
        <span className="flex flex-col items-start gap-0.5">
          <StatusBadge status={o.status} />
          {o.reason && <span className="text-xs text-muted">{o.reason}</span>}
        </span>
      ),
    },
    { key: 'updated', header: 'Closed', hideOnMobile: true, cell: (o) => <span className="num text-muted">{formatDateTime(o.updatedAt)}</span> },
  ];

  return (
    <Panel title="Order history" flush>
      <div className="flex flex-wrap items-end gap-2 border-b border-line px-3 py-2">
        <Select label="Symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)} options={symbolOptions(reference)} className="w-40" />
        <Select label="Status" value={status} onChange={(e) => setStatus(e.target.value)} options={STATUS_OPTIONS} className="w-40" />
      </div>
      <ErrorBanner error={list.error} className="m-2" onRetry={() => void list.reload()} />
      <DataTable label="Order history" columns={columns} rows={list.items} rowKey={(o) => o.id} loading={list.loading} empty="No past orders match." />
      <LoadMore list={list} what="past orders" />
    </Panel>
  );
}
