// Risk screen (/risk): whether trading is open or blocked by the kill switch and why (with a reset), the account's figures and limit usage, the owner's limits, the drawdown curve, daily history and recent risk events.
import { useCallback } from 'react';
import { ErrorBanner } from '../components/error-banner.tsx';
import { Page } from '../components/page.tsx';
import { Spinner } from '../components/spinner.tsx';
import { OwnLimitsPanel } from '../features/risk/own-limits-panel.tsx';
import { RiskEventsPanel } from '../features/risk/risk-events-panel.tsx';
import { RiskHistoryPanel } from '../features/risk/risk-history-panel.tsx';
import { LimitUsageTable, RiskFigures, TradingState } from '../features/risk/risk-status-panel.tsx';
import { useRiskStatus } from '../features/risk/use-risk-status.ts';
import type { RiskStatus } from '../lib/api.ts';

export function RiskPage() {
  const status = useRiskStatus();
  const { refetch, setData } = status;
  const onStatus = useCallback((next: RiskStatus) => setData(next), [setData]);
  const data = status.data;
  const kill = data?.killSwitch;
  // A trip or a reset adds an event; so does saving limits (the status limits change).
  const version = `${kill?.active ? kill.since : 'off'}|${JSON.stringify(data?.limits ?? {})}`;
  return (
    <Page title="Risk">
      <ErrorBanner error={status.error} onRetry={() => void refetch()} />
      {!data ? (
        !status.error && <Spinner label="Loading risk status" />
      ) : (
        <>
          <TradingState status={data} onStatus={onStatus} />
          <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
            <div className="flex min-w-0 flex-col gap-3">
              <RiskFigures status={data} />
              <LimitUsageTable status={data} />
            </div>
            <OwnLimitsPanel onSaved={() => void refetch()} />
          </div>
          <RiskHistoryPanel />
          <RiskEventsPanel currency={data.currency} version={version} />
        </>
      )}
    </Page>
  );
}
