// The owner's own risk limits: every layer that applies and what binds, and the form that replaces the owner's layer (it can only tighten the others).
import { useCallback } from 'react';
import { Panel } from '../../components/card.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Spinner } from '../../components/spinner.tsx';
import { useToast } from '../../components/toasts.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { api, type AccountLimits, type RiskLimits } from '../../lib/api.ts';
import { layerColumns } from '../admin/account-risk.tsx';
import { LIMITS } from '../admin/limits.ts';
import { LimitsForm } from '../admin/limits-form.tsx';

export function OwnLimitsPanel({ onSaved }: { readonly onSaved: () => void }) {
  const toast = useToast();
  const limits = useApi((signal) => api.get<AccountLimits>('/api/v1/risk/limits', undefined, signal), []);
  const { setData } = limits;
  const save = useCallback(
    async (body: RiskLimits) => {
      setData(await api.put<AccountLimits>('/api/v1/risk/limits', body));
      toast.show('Your risk limits are saved and apply now.', 'success');
      onSaved();
    },
    [setData, toast, onSaved],
  );
  return (
    <Panel title="Your limits">
      {limits.error ? (
        <ErrorBanner error={limits.error} onRetry={() => void limits.refetch()} />
      ) : !limits.data ? (
        <Spinner label="Loading limits" />
      ) : (
        <div className="flex flex-col gap-4">
          <div className="-mx-3">
            <DataTable label="Limit layers" columns={layerColumns(limits.data)} rows={LIMITS} rowKey={(row) => row.name} />
          </div>
          <p className="text-xs text-muted">
            “Owner” is your own layer. An admin’s limit for your account overrides your strategy’s; yours binds only where it is tighter, so you can add limits but never loosen what an admin set. Passing a binding limit turns the kill switch on.
          </p>
          <LimitsForm limits={limits.data.self} currency={limits.data.currency} onSave={save} saveLabel="Save my limits" />
        </div>
      )}
    </Panel>
  );
}
