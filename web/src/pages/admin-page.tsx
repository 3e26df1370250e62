// Admin screen (/admin, admins only): users and roles, listed instruments, and risk limits per account and per strategy.
import { useState } from 'react';
import { Panel } from '../components/card.tsx';
import { Page } from '../components/page.tsx';
import { Tabs } from '../components/tabs.tsx';
import { useTabParam } from '../hooks/use-tab-param.ts';
import { InstrumentsPanel } from '../features/admin/instruments-panel.tsx';
import { RiskPanel } from '../features/admin/risk-panel.tsx';
import { UsersPanel } from '../features/admin/users-panel.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useAuth } from '../hooks/use-auth.tsx';
import { api, type StrategyInfo } from '../lib/api.ts';

const TABS = [
  { id: 'users', label: 'Users' },
  { id: 'instruments', label: 'Instruments' },
  { id: 'risk', label: 'Risk limits' },
] as const;

export function AdminPage() {
  const { user } = useAuth();
  const [tab, setTab] = useTabParam(TABS);
  const [accountId, setAccountId] = useState<number | undefined>(undefined);
  const strategies = useApi((signal) => api.get<{ strategies: StrategyInfo[] }>('/api/v1/bots/strategies', undefined, signal), []);
  const openRisk = (id: number) => {
    setAccountId(id);
    setTab('risk');
  };
  return (
    <Page title="Admin">
      <Tabs tabs={TABS} selected={tab} onSelect={setTab} label="Admin sections">
        {tab === 'users' && (
          <Panel flush>
            <UsersPanel meId={user?.id} onRisk={openRisk} />
          </Panel>
        )}
        {tab === 'instruments' && (
          <Panel flush>
            <InstrumentsPanel />
          </Panel>
        )}
        {tab === 'risk' && <RiskPanel accountId={accountId} onAccount={setAccountId} strategies={strategies.data?.strategies ?? []} />}
      </Tabs>
    </Page>
  );
}
