// The ledger: every change to a balance, newest first, with its reason, what it refers to, the deltas and the balances after it; a page at a time, by asset.
import { useState } from 'react';
import { Badge, type BadgeTone } from '../../components/badge.tsx';
import { Panel } from '../../components/card.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Select } from '../../components/fields.tsx';
import { usePagedList } from '../../hooks/use-paged-list.ts';
import { api, type LedgerEntry, type Page } from '../../lib/api.ts';
import { signOf } from '../../lib/decimal.ts';
import { formatAmount, formatDateTime, trendClass } from '../../lib/format.ts';
import { ledgerReference } from './ledger-text.ts';
import { LoadMore } from '../../components/load-more.tsx';
import { useAccountReload } from './use-account-reload.ts';
import type { ReferenceData } from './use-reference-data.ts';

const REASON_TONES: Readonly<Record<string, BadgeTone>> = { deposit: 'up', withdrawal: 'down', trade: 'accent', fee: 'warn' };

export function LedgerPanel({ reference }: { readonly reference: ReferenceData }) {
  const [asset, setAsset] = useState('');
  const list = usePagedList<LedgerEntry>(({ cursor, limit, signal }) => api.get<Page<LedgerEntry>>('/api/v1/account/ledger', { asset, cursor, limit }, signal), [asset], 50);
  useAccountReload(['balances'], list.reload);

  const scale = (e: LedgerEntry) => reference.scales.get(e.asset);
  const delta = (value: string, e: LedgerEntry) => (signOf(value) === 0 ? <span className="text-muted">—</span> : <span className={trendClass(value)}>{formatAmount(value, scale(e), true)}</span>);
  const columns: readonly Column<LedgerEntry>[] = [
    { key: 'time', header: 'Time', hideOnMobile: true, cell: (e) => <span className="num text-muted">{formatDateTime(e.ts)}</span> },
    {
      key: 'reason',
      header: 'Change',
      cell: (e) => (
        <span className="flex flex-col items-start gap-0.5 sm:flex-row sm:items-center sm:gap-2">
          <span className="font-semibold">{e.asset}</span>
          <Badge tone={REASON_TONES[e.reason] ?? 'neutral'}>{e.reason}</Badge>
        </span>
      ),
    },
    { key: 'ref', header: 'Reference', hideOnMobile: true, cell: (e) => <span className="text-muted">{ledgerReference(e)}</span> },
    {
      key: 'dAvailable',
      header: 'Δ available',
      numeric: true,
      cell: (e) => (
        <>
          {delta(e.deltaAvailable, e)}
          {/* Phones hide the held columns; a change of held shows here. */}
          {signOf(e.deltaHeld) !== 0 && <span className="block text-xs text-muted sm:hidden">held {formatAmount(e.deltaHeld, scale(e), true)}</span>}
        </>
      ),
    },
    { key: 'dHeld', header: 'Δ held', numeric: true, hideOnMobile: true, cell: (e) => delta(e.deltaHeld, e) },
    { key: 'available', header: 'Available', numeric: true, cell: (e) => formatAmount(e.available, scale(e)) },
    { key: 'held', header: 'Held', numeric: true, hideOnMobile: true, cell: (e) => formatAmount(e.held, scale(e)) },
  ];

  return (
    <Panel title="Ledger" flush>
      <div className="flex flex-wrap items-end gap-2 border-b border-line px-3 py-2">
        <Select label="Asset" value={asset} onChange={(e) => setAsset(e.target.value)} options={[{ value: '', label: 'All assets' }, ...reference.assets.map((a) => ({ value: a.code, label: a.code }))]} className="w-40" />
      </div>
      <ErrorBanner error={list.error} className="m-2" onRetry={() => void list.reload()} />
      <DataTable label="Ledger" columns={columns} rows={list.items} rowKey={(e) => e.seq} loading={list.loading} empty="No balance changes yet." />
      <LoadMore list={list} what="ledger entries" />
    </Panel>
  );
}
