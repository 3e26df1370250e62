// A strategy's risk limits: they apply to every account running it, unless an admin limit of the account overrides them.
import { useCallback } from 'react';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Spinner } from '../../components/spinner.tsx';
import { useToast } from '../../components/toasts.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { api, type RiskLimits, type StrategyLimits } from '../../lib/api.ts';
import { LimitsForm } from './limits-form.tsx';

export function StrategyRisk({ name }: { readonly name: string }) {
  const toast = useToast();
  const limits = useApi((signal) => api.get<StrategyLimits>(`/api/v1/admin/risk/limits/strategy/${encodeURIComponent(name)}`, undefined, signal), [name]);
  const { setData } = limits;
  const save = useCallback(
    async (body: RiskLimits) => {
      setData(await api.put<StrategyLimits>(`/api/v1/admin/risk/limits/strategy/${encodeURIComponent(name)}`, body));
      toast.show(`Limits of strategy ${name} saved; every account running it is checked now.`, 'success');
    },
    [name, setData, toast],
  );
  if (limits.error) return <ErrorBanner error={limits.error} onRetry={() => void limits.refetch()} />;
  if (!limits.data) return <Spinner />;
  return (
    <div data-testid="strategy-risk">
      <LimitsForm limits={limits.data.limits} currency={limits.data.currency} onSave={save} saveLabel="Save strategy limits" />
    </div>
  );
}
