// Balances per asset (available, held, total; rows of zeros left out), live from the balances channel, with Deposit and Withdraw dialogs and the ledger of every change under them.
import { useMemo, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { Panel } from '../../components/card.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { api, type Balance, type BalanceEvent } from '../../lib/api.ts';
import { addDecimal } from '../../lib/decimal-math.ts';
import { shownBalances, type TransferKind } from './amounts.ts';
import { formatAmount } from '../../lib/format.ts';
import { LedgerPanel } from './ledger-panel.tsx';
import { TransferDialog } from './transfer-dialog.tsx';
import { useAccountReload } from './use-account-reload.ts';
import type { ReferenceData } from './use-reference-data.ts';

export function BalancesPanel({ reference }: { readonly reference: ReferenceData }) {
  const [transfer, setTransfer] = useState<{ kind: TransferKind; asset?: string } | null>(null);
  const balances = useApi(async (signal) => (await api.get<{ balances: Balance[] }>('/api/v1/account/balances', undefined, signal)).balances, []);
  const { setData, refetch } = balances;
  const byAsset = useMemo(() => new Map((balances.data ?? []).map((b) => [b.asset, b])), [balances.data]);

  // Each balance message carries the new figures: merged at once; a resync reads them all again.
  useAccountReload(['balances'], () => undefined, {
    onMessage: ({ data }) => {
      const event = data as BalanceEvent;
      if (event.type !== 'balance') return;
      const next: Balance = { asset: event.asset, available: event.available, held: event.held, total: addDecimal(event.available, event.held) };
      setData((current) => {
        const list = current ?? [];
        return list.some((b) => b.asset === event.asset) ? list.map((b) => (b.asset === event.asset ? next : b)) : [...list, next];
      });
    },
    onResync: () => void refetch(),
  });

  const scale = (asset: string) => reference.scales.get(asset);
  const columns: readonly Column<Balance>[] = [
    { key: 'asset', header: 'Asset', cell: (b) => <span className="font-semibold">{b.asset}</span> },
    { key: 'available', header: 'Available', numeric: true, cell: (b) => <span data-testid={`available-${b.asset}`}>{formatAmount(b.available, scale(b.asset))}</span> },
    { key: 'held', header: 'Held', numeric: true, cell: (b) => formatAmount(b.held, scale(b.asset)) },
    { key: 'total', header: 'Total', numeric: true, hideOnMobile: true, cell: (b) => formatAmount(b.total, scale(b.asset)) },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      hideOnMobile: true,
      className: 'text-right',
      cell: (b) => (
        <span className="inline-flex gap-1">
          <Button size="sm" variant="ghost" onClick={() => setTransfer({ kind: 'deposit', asset: b.asset })} aria-label={`Deposit ${b.asset}`}>
            Deposit
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setTransfer({ kind: 'withdrawal', asset: b.asset })} aria-label={`Withdraw ${b.asset}`}>
            Withdraw
          </Button>
        </span>
      ),
    },
  ];

  return (
    <div className="flex flex-col gap-3">
      <Panel
        title="Balances"
        flush
        actions={
          <>
            <Button size="sm" onClick={() => setTransfer({ kind: 'deposit' })}>
              Deposit
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setTransfer({ kind: 'withdrawal' })}>
              Withdraw
            </Button>
          </>
        }
      >
        <ErrorBanner error={balances.error} className="m-2" onRetry={() => void refetch()} />
        <DataTable label="Balances" columns={columns} rows={shownBalances(balances.data)} rowKey={(b) => b.asset} loading={balances.loading} empty="No balances yet: make a deposit to start trading." />
        <p className="border-t border-line px-3 py-2 text-xs text-muted">Held amounts back your open orders; they return to available when an order is cancelled or fills.</p>
      </Panel>
      <LedgerPanel reference={reference} />
      <TransferDialog
        kind={transfer?.kind ?? null}
        initialAsset={transfer?.asset}
        assets={reference.assets}
        balances={byAsset}
        onClose={() => setTransfer(null)}
        onDone={(list) => setData(list)}
      />
    </div>
  );
}
