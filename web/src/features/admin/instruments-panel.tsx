// Listed instruments with their trading terms, read-only: the markets file (config/markets.json or --markets) lists them.
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { api, type Instrument } from '../../lib/api.ts';
import { formatDecimal, formatPrice, formatQty } from '../../lib/format.ts';

const COLUMNS: readonly Column<Instrument>[] = [
  { key: 'symbol', header: 'Symbol', cell: (i) => <span className="font-semibold">{i.symbol}</span> },
  { key: 'pair', header: 'Base/quote', hideOnMobile: true, cell: (i) => `${i.base}/${i.quote}` },
  { key: 'tick', header: 'Tick', numeric: true, cell: (i) => i.tickSize },
  { key: 'lot', header: 'Lot', numeric: true, cell: (i) => i.lotSize },
  { key: 'qty', header: 'Order qty', numeric: true, hideOnMobile: true, cell: (i) => `${formatQty(i.minQty, i.lotSize)} – ${formatQty(i.maxQty, i.lotSize)}` },
  { key: 'fees', header: 'Fees maker/taker', numeric: true, cell: (i) => `${i.makerFeeBps}/${i.takerFeeBps} bps` },
  { key: 'band', header: 'Band', numeric: true, hideOnMobile: true, cell: (i) => `±${formatDecimal(String(i.bandBps))} bps` },
  { key: 'reference', header: 'Reference', numeric: true, hideOnMobile: true, cell: (i) => formatPrice(i.referencePrice, i.tickSize) },
  { key: 'last', header: 'Last', numeric: true, hideOnMobile: true, cell: (i) => formatPrice(i.lastPrice, i.tickSize) },
];

export function InstrumentsPanel() {
  const instruments = useApi((signal) => api.get<{ instruments: Instrument[] }>('/api/v1/instruments', undefined, signal), []);
  return (
    <div className="flex flex-col gap-2">
      <ErrorBanner error={instruments.error} onRetry={() => void instruments.refetch()} />
      <DataTable label="Instruments" columns={COLUMNS} rows={instruments.data?.instruments} rowKey={(i) => i.symbol} loading={instruments.loading} empty="No instruments are listed." />
      <p className="px-3 pb-2 text-xs text-muted">Read-only: the server lists the instruments of its markets file (config/markets.json, or --markets) at start.</p>
    </div>
  );
}
