// The account's fills, newest first, by symbol, a page at a time; new fills appear as the fills channel reports them.
import { useState } from 'react';
import { Badge } from '../../components/badge.tsx';
import { Panel } from '../../components/card.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Select } from '../../components/fields.tsx';
import { usePagedList } from '../../hooks/use-paged-list.ts';
import { api, type Fill, type Page } from '../../lib/api.ts';
import { multiplyDecimal } from '../../lib/decimal-math.ts';
import { formatAmount, formatDateTime, formatPrice, formatQty } from '../../lib/format.ts';
import { LoadMore } from '../../components/load-more.tsx';
import { SideText, SymbolLink } from './order-cells.tsx';
import { useAccountReload } from './use-account-reload.ts';
import { symbolOptions, type ReferenceData } from './use-reference-data.ts';

export function FillsPanel({ reference }: { readonly reference: ReferenceData }) {
  const [symbol, setSymbol] = useState('');
  const list = usePagedList<Fill>(({ cursor, limit, signal }) => api.get<Page<Fill>>('/api/v1/fills', { symbol, cursor, limit }, signal), [symbol], 50);
  useAccountReload(['fills'], list.reload);

  const terms = (f: Fill) => reference.bySymbol.get(f.symbol);
  const quoteScale = (f: Fill) => {
    const quote = terms(f)?.quote;
    return quote === undefined ? undefined : reference.scales.get(quote);
  };
  const columns: readonly Column<Fill>[] = [
    { key: 'time', header: 'Time', cell: (f) => <span className="num text-muted">{formatDateTime(f.ts)}</span> },
    {
      key: 'symbol',
      header: 'Symbol',
      cell: (f) => (
        <span className="flex flex-col sm:flex-row sm:gap-2">
          <SymbolLink symbol={f.symbol} />
          <span className="text-xs sm:text-sm">
            <SideText side={f.side} />
          </span>
        </span>
      ),
    },
    { key: 'price', header: 'Price', numeric: true, cell: (f) => formatPrice(f.price, terms(f)?.tickSize) },
    { key: 'qty', header: 'Qty', numeric: true, cell: (f) => formatQty(f.qty, terms(f)?.lotSize) },
    {
      key: 'value',
      header: 'Value',
      numeric: true,
      hideOnMobile: true,
      // Price x qty exactly, at the quote currency's decimals (or more, never rounded), as positions show it.
      cell: (f) => formatAmount(multiplyDecimal(f.price, f.qty), quoteScale(f)),
    },
    { key: 'fee', header: 'Fee', numeric: true, hideOnMobile: true, cell: (f) => `${formatAmount(f.fee, reference.scales.get(f.feeAsset))} ${f.feeAsset}` },
    { key: 'liquidity', header: 'Role', hideOnMobile: true, cell: (f) => <Badge tone={f.liquidity === 'maker' ? 'accent' : 'neutral'}>{f.liquidity}</Badge> },
    { key: 'order', header: 'Order', numeric: true, hideOnMobile: true, cell: (f) => <span className="text-muted">#{f.orderId}</span> },
  ];

  return (
    <Panel title="Fills" flush>
      <div className="flex flex-wrap items-end gap-2 border-b border-line px-3 py-2">
        <Select label="Symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)} options={symbolOptions(reference)} className="w-40" />
      </div>
      <ErrorBanner error={list.error} className="m-2" onRetry={() => void list.reload()} />
      <DataTable label="Fills" columns={columns} rows={list.items} rowKey={(f) => f.id} loading={list.loading} empty="No fills yet." />
      <LoadMore list={list} what="fills" />
    </Panel>
  );
}
