// Trading screen (/trading), "My trading": open and past orders, algo orders, fills, positions with live P&L, and balances with deposits, withdrawals and the ledger; kept live from the private channels.
import { ErrorBanner } from '../components/error-banner.tsx';
import { Page } from '../components/page.tsx';
import { Spinner } from '../components/spinner.tsx';
import { Tabs } from '../components/tabs.tsx';
import { useTabParam } from '../hooks/use-tab-param.ts';
import { AlgosSection } from '../features/algos/algos-section.tsx';
import { BalancesPanel } from '../features/trading/balances-panel.tsx';
import { FillsPanel } from '../features/trading/fills-panel.tsx';
import { OpenOrdersPanel } from '../features/trading/open-orders-panel.tsx';
import { OrderHistoryPanel } from '../features/trading/order-history-panel.tsx';
import { PositionsPanel } from '../features/trading/positions-panel.tsx';
import { useReferenceData } from '../features/trading/use-reference-data.ts';

const TABS = [
  { id: 'orders', label: 'Orders' },
  { id: 'algos', label: 'Algos' },
  { id: 'fills', label: 'Fills' },
  { id: 'positions', label: 'Positions' },
  { id: 'balances', label: 'Balances' },
] as const;

export function TradingPage() {
  const [tab, select] = useTabParam(TABS);
  const reference = useReferenceData();
  return (
    <Page title="My trading">
      <Tabs tabs={TABS} selected={tab} onSelect={select} label="Trading sections">
        {reference.error ? (
          <ErrorBanner error={reference.error} onRetry={reference.retry} />
        ) : !reference.data ? (
          <Spinner label="Loading markets" />
        ) : (
          <>
            {tab === 'orders' && (
              <div className="flex flex-col gap-3">
                <OpenOrdersPanel reference={reference.data} />
                <OrderHistoryPanel reference={reference.data} />
              </div>
            )}
            {tab === 'algos' && <AlgosSection reference={reference.data} />}
            {tab === 'fills' && <FillsPanel reference={reference.data} />}
            {tab === 'positions' && <PositionsPanel reference={reference.data} />}
            {tab === 'balances' && <BalancesPanel reference={reference.data} />}
          </>
        )}
      </Tabs>
    </Page>
  );
}
