// The trade list of a backtest: round trips (entry, exit, P&L) and the raw fills, a page at a time.
import { useState } from 'react';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { Tabs } from '../../components/tabs.tsx';
import { decimalPlaces } from '../../lib/decimal.ts';
import { formatDateTime, formatDuration, sideClass } from '../../lib/format.ts';
import type { Capped, FillRecord, RoundTrip } from './backtest-types.ts';
import { formatFigure, toneOf, tradeCountText } from './metric-format.ts';

export const PAGE_SIZE = 25;

export interface TradeListProps {
  readonly trades: Capped<RoundTrip>;
  /** The metrics' trade count: closed round trips only. */
  readonly closedTrades: number;
  readonly fills: Capped<FillRecord>;
  readonly tickSize: string | undefined;
  readonly lotSize: string | undefined;
  readonly currency: string;
}

export function TradeList({ trades, closedTrades, fills, tickSize, lotSize, currency }: TradeListProps) {
  const [tab, setTab] = useState<'trades' | 'fills'>('trades');
  const pricePlaces = tickSize === undefined ? 2 : decimalPlaces(tickSize);
  const qtyPlaces = lotSize === undefined ? 4 : decimalPlaces(lotSize);
  const price = (value: number | null) => formatFigure(value, pricePlaces);
  const qty = (value: number) => formatFigure(value, qtyPlaces);

  const tripColumns: Column<RoundTrip & { index: number }>[] = [
    { key: 'side', header: 'Side', cell: (t) => <Badge tone={t.side === 'long' ? 'up' : 'down'}>{t.side}</Badge> },
    { key: 'openTs', header: 'Opened', cell: (t) => <span className="num">{formatDateTime(t.openTs)}</span> },
    // Held says as much below extra-large screens, where the table has no room for both times.
    { key: 'closeTs', header: 'Closed', className: 'hidden xl:table-cell', cell: (t) => (t.closeTs === null ? <span className="text-muted">open</span> : <span className="num">{formatDateTime(t.closeTs)}</span>) },
    { key: 'held', header: 'Held', numeric: true, hideOnMobile: true, cell: (t) => (t.closeTs === null ? '—' : formatDuration(t.closeTs - t.openTs)) },
    { key: 'qty', header: 'Qty', numeric: true, hideOnMobile: true, cell: (t) => qty(t.qty) },
    { key: 'entryPrice', header: 'Entry', numeric: true, cell: (t) => price(t.entryPrice) },
    { key: 'exitPrice', header: 'Exit', numeric: true, cell: (t) => price(t.exitPrice) },
    { key: 'pnl', header: `P&L (${currency})`, numeric: true, cell: (t) => <span className={toneOf(t.pnl)}>{formatFigure(t.pnl, 2, true)}</span> },
    { key: 'fees', header: 'Fees', numeric: true, hideOnMobile: true, cell: (t) => formatFigure(t.fees, 4) },
  ];
  const fillColumns: Column<FillRecord & { index: number }>[] = [
    { key: 'ts', header: 'Time', cell: (f) => <span className="num">{formatDateTime(f.ts)}</span> },
    { key: 'side', header: 'Side', cell: (f) => <span className={sideClass(f.side)}>{f.side}</span> },
    { key: 'qty', header: 'Qty', numeric: true, cell: (f) => qty(f.qty) },
    { key: 'price', header: 'Price', numeric: true, cell: (f) => price(f.price) },
    { key: 'fee', header: 'Fee', numeric: true, hideOnMobile: true, cell: (f) => formatFigure(f.fee, 4) },
    { key: 'liquidity', header: 'Liquidity', hideOnMobile: true, cell: (f) => <span className="text-muted">{f.liquidity}</span> },
  ];

  return (
    <Tabs
      label="Trade list"
      selected={tab}
      onSelect={(next) => setTab(next === 'fills' ? 'fills' : 'trades')}
      tabs={[
        { id: 'trades', label: `Round trips (${tradeCountText(closedTrades, trades.total)})` },
        { id: 'fills', label: `Fills (${formatFigure(fills.total, 0)})` },
      ]}
    >
      {tab === 'trades' ? (
        <Paged key="trades" list={trades} columns={tripColumns} label="Round trips" empty="No trades: the strategy never entered a position." />
      ) : (
        <Paged key="fills" list={fills} columns={fillColumns} label="Fills" empty="No fills." />
      )}
    </Tabs>
  );
}

function Paged<T>({ list, columns, label, empty }: { readonly list: Capped<T>; readonly columns: readonly Column<T & { index: number }>[]; readonly label: string; readonly empty: string }) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(list.items.length / PAGE_SIZE));
  const shown = Math.min(page, pages - 1);
  const first = shown * PAGE_SIZE;
  const rows = list.items.slice(first, first + PAGE_SIZE).map((item, i) => ({ ...item, index: first + i }));
  return (
    <div className="flex flex-col gap-2">
      <DataTable columns={columns} rows={rows} rowKey={(row) => row.index} label={label} empty={empty} />
      {list.items.length > 0 && (
        <div className="flex flex-wrap items-center justify-between gap-2 px-1 text-xs text-muted">
          <span className="num">
            {formatFigure(first + 1, 0)}–{formatFigure(first + rows.length, 0)} of {formatFigure(list.items.length, 0)}
            {list.total > list.items.length && <> (the first {formatFigure(list.items.length, 0)} of {formatFigure(list.total, 0)} are listed)</>}
          </span>
          <span className="flex gap-1">
            <Button variant="ghost" size="sm" disabled={shown === 0} onClick={() => setPage(shown - 1)}>
              Previous
            </Button>
            <Button variant="ghost" size="sm" disabled={shown >= pages - 1} onClick={() => setPage(shown + 1)}>
              Next
            </Button>
          </span>
        </div>
      )}
    </div>
  );
}
