// An account's risk as an admin sees it: status and kill switch, every limit layer and what binds, and the admin layer to edit.
import { useCallback, type ReactNode } from 'react';
import { AsyncButton } from '../../components/async-button.tsx';
import { Badge } from '../../components/badge.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Spinner } from '../../components/spinner.tsx';
import { useToast } from '../../components/toasts.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { api, type AccountLimits, type RiskLimits, type RiskStatus } from '../../lib/api.ts';
import { formatDateTime, formatDecimal, trendClass } from '../../lib/format.ts';
import { LIMITS, type LimitInfo } from './limits.ts';
import { LimitsForm } from './limits-form.tsx';

export function AccountRisk({ accountId }: { readonly accountId: number }) {
  const toast = useToast();
  const limits = useApi((signal) => api.get<AccountLimits>(`/api/v1/admin/risk/limits/account/${accountId}`, undefined, signal), [accountId]);
  const status = useApi((signal) => api.get<RiskStatus>('/api/v1/risk/status', { accountId }, signal), [accountId]);
  const { setData: setLimits } = limits;
  const { refetch: refetchStatus } = status;

  const save = useCallback(
    async (body: RiskLimits) => {
      setLimits(await api.put<AccountLimits>(`/api/v1/admin/risk/limits/account/${accountId}`, body));
      await refetchStatus();
      toast.show(`Limits of account ${accountId} saved.`, 'success');
    },
    [accountId, setLimits, refetchStatus, toast],
  );
  const reset = useCallback(async () => {
    const answer = await api.post<{ reset: boolean; status: RiskStatus }>('/api/v1/risk/reset', { accountId });
    status.setData(answer.status);
    toast.show(answer.reset ? 'Kill switch turned off.' : 'The kill switch was not on.', 'success');
  }, [accountId, status, toast]);

  if (limits.error) return <ErrorBanner error={limits.error} onRetry={() => void limits.refetch()} />;
  if (!limits.data) return <Spinner />;
  const data = limits.data;
  const kill = status.data?.killSwitch;
  return (
    <div className="flex flex-col gap-4" data-testid="account-risk">
      <ErrorBanner error={status.error} />
      {status.data && (
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
          <Figure label={`Equity (${data.currency})`} value={formatDecimal(status.data.equity, { places: 2 })} />
          <Figure label="Daily P&L" value={<span className={trendClass(status.data.dailyPnl)}>{formatDecimal(status.data.dailyPnl, { places: 2, signed: true })}</span>} />
          <Figure label="Gross exposure" value={formatDecimal(status.data.grossExposure, { places: 2 })} />
          <Figure label="Drawdown" value={`${formatDecimal(status.data.drawdownPct, { places: 2 })}%`} />
          <Figure
            label="Kill switch"
            value={
              kill?.active ? (
                <span className="flex flex-wrap items-center gap-2">
                  <Badge tone="down">on</Badge>
                  <span className="text-xs">{kill.message}</span>
                  <span className="text-xs text-muted">since {formatDateTime(kill.since)}</span>
                  <AsyncButton size="sm" variant="ghost" onClick={reset}>
                    Reset
                  </AsyncButton>
                </span>
              ) : (
                <Badge tone="up">off</Badge>
              )
            }
          />
          <Figure label="Strategy" value={data.strategy?.name ?? <span className="text-muted">none</span>} />
        </dl>
      )}
      <DataTable label={`Limits of account ${accountId}`} columns={layerColumns(data)} rows={LIMITS} rowKey={(row) => row.name} />
      <div>
        <h3 className="mb-2 text-sm font-semibold">Admin limits of account {accountId}</h3>
        <LimitsForm limits={data.account} currency={data.currency} onSave={save} saveLabel="Save account limits" />
      </div>
    </div>
  );
}

function Figure({ label, value }: { readonly label: string; readonly value: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="num">{value}</dd>
    </div>
  );
}

export function layerColumns(data: AccountLimits): Column<LimitInfo>[] {
  const show = (value: string | undefined) => (value === undefined ? <span className="text-muted">—</span> : formatDecimal(value));
  return [
    { key: 'limit', header: 'Limit', cell: (row) => (row.unit === 'money' ? `${row.label} (${data.currency})` : row.label) },
    { key: 'self', header: 'Owner', numeric: true, hideOnMobile: true, cell: (row) => show(data.self[row.name]) },
    { key: 'account', header: 'Admin', numeric: true, hideOnMobile: true, cell: (row) => show(data.account[row.name]) },
    { key: 'strategy', header: data.strategy ? `Strategy ${data.strategy.name}` : 'Strategy', numeric: true, hideOnMobile: true, cell: (row) => show(data.strategy?.limits[row.name]) },
    {
      key: 'effective',
      header: 'Binding',
      numeric: true,
      cell: (row) => {
        const binding = data.effective[row.name];
        return binding ? (
          <span className="inline-flex items-center gap-1.5">
            {formatDecimal(binding.value)}
            <Badge>{binding.source}</Badge>
          </span>
        ) : (
          <span className="text-muted">none</span>
        );
      },
    },
  ];
}
