// Listed instruments with their trading terms and status: the markets file (config/markets.json or --markets) lists them; an admin halts or resumes one.
import { useCallback, useState } from 'react';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { TextField } from '../../components/fields.tsx';
import { useToast } from '../../components/toasts.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { api, type Instrument, type InstrumentStatus } from '../../lib/api.ts';
import { formatDecimal, formatPrice, formatQty } from '../../lib/format.ts';

/** The server's longest reason (MAX_STATUS_REASON). */
const MAX_REASON = 200;

const TERMS: readonly Column<Instrument>[] = [
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
  const toast = useToast();
  const instruments = useApi((signal) => api.get<{ instruments: Instrument[] }>('/api/v1/instruments', undefined, signal), []);
  /** Statuses set from this page since the list loaded, by symbol. */
  const [changed, setChanged] = useState<ReadonlyMap<string, InstrumentStatus>>(new Map());
  const [halting, setHalting] = useState<Instrument | undefined>(undefined);
  const [reason, setReason] = useState('');
  const rows = instruments.data?.instruments.map((i) => {
    const set = changed.get(i.symbol);
    return set ? { ...i, status: set.status, statusReason: set.reason } : i;
  });

  const setStatus = useCallback(
    async (symbol: string, status: InstrumentStatus['status'], why?: string) => {
      const answer = await api.put<InstrumentStatus>(`/api/v1/admin/instruments/${encodeURIComponent(symbol)}/status`, why ? { status, reason: why } : { status });
      setChanged((current) => new Map(current).set(symbol, answer));
      toast.show(status === 'halted' ? `Trading in ${symbol} is halted.` : `${symbol} trades again.`, 'success');
    },
    [toast],
  );
  const halt = useCallback(async () => {
    if (halting) await setStatus(halting.symbol, 'halted', reason.trim());
  }, [halting, reason, setStatus]);

  const columns: Column<Instrument>[] = [
    ...TERMS,
    {
      key: 'status',
      header: 'Status',
      cell: (i) => (
        <span className="flex items-center justify-end gap-1.5" title={i.statusReason ?? undefined}>
          <Badge tone={i.status === 'halted' ? 'down' : 'up'}>{i.status}</Badge>
          {i.status === 'halted' ? (
            <Button size="sm" variant="ghost" onClick={() => void setStatus(i.symbol, 'trading').catch((error: unknown) => toast.error(error))}>
              Resume
            </Button>
          ) : (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setReason('');
                setHalting(i);
              }}
            >
              Halt
            </Button>
          )}
        </span>
      ),
    },
  ];

  return (
    <div className="flex flex-col gap-2">
      <ErrorBanner error={instruments.error} onRetry={() => void instruments.refetch()} />
      <DataTable label="Instruments" columns={columns} rows={rows} rowKey={(i) => i.symbol} loading={instruments.loading} empty="No instruments are listed." />
      <p className="px-3 pb-2 text-xs text-muted">
        The server lists the instruments of its markets file (config/markets.json, or --markets) at start. Halting one refuses new orders and changes on it and stops its trading; cancels go through and resting orders stay. Resume returns it to continuous trading.
      </p>
      <ConfirmDialog open={halting !== undefined} title={`Halt ${halting?.symbol ?? ''}`} confirmLabel="Halt trading" onConfirm={halt} onClose={() => setHalting(undefined)}>
        <p className="mb-3 text-sm">New orders and changes on {halting?.symbol} are refused and nothing trades until it is resumed; traders can still cancel.</p>
        <TextField label="Reason (shown to traders)" value={reason} maxLength={MAX_REASON} onChange={(event) => setReason(event.target.value)} placeholder="News pending" />
      </ConfirmDialog>
    </div>
  );
}
