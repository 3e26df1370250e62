// API keys screen (/api-keys): the user's keys for programs, creating one (its secret shown once) and revoking one.
import { useCallback, useState } from 'react';
import { Panel } from '../components/card.tsx';
import { ErrorBanner } from '../components/error-banner.tsx';
import { Checkbox } from '../components/fields.tsx';
import { Page } from '../components/page.tsx';
import { ApiKeysTable } from '../features/api-keys/api-keys-table.tsx';
import { CreateKeyForm } from '../features/api-keys/create-key-form.tsx';
import { SecretDialog } from '../features/api-keys/secret-dialog.tsx';
import { useApi } from '../hooks/use-api.ts';
import { api, type ApiKey, type CreatedApiKey } from '../lib/api.ts';

export function ApiKeysPage() {
  const keys = useApi(async (signal) => (await api.get<{ keys: ApiKey[] }>('/api/v1/api-keys', undefined, signal)).keys, []);
  const { refetch } = keys;
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [showRevoked, setShowRevoked] = useState(true);
  const onCreated = useCallback(
    (key: CreatedApiKey) => {
      setCreated(key);
      void refetch();
    },
    [refetch],
  );
  const revokedCount = keys.data?.filter((k) => k.revokedAt !== null).length ?? 0;
  const shown = showRevoked ? keys.data : keys.data?.filter((k) => k.revokedAt === null);
  return (
    <Page title="API keys">
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-[minmax(0,2fr)_minmax(18rem,1fr)]">
        <Panel
          title="Your keys"
          flush
          actions={revokedCount > 0 && <Checkbox label={`Show revoked (${revokedCount})`} checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />}
        >
          <ErrorBanner error={keys.error} className="m-2" onRetry={() => void refetch()} />
          <ApiKeysTable keys={shown} loading={keys.loading} onChanged={refetch} />
        </Panel>
        <Panel title="Create a key">
          <CreateKeyForm onCreated={onCreated} />
          <p className="mt-3 text-xs text-muted">Programs, bots and client libraries use keys instead of your password. A key cannot create or revoke keys.</p>
        </Panel>
      </div>
      <SecretDialog apiKey={created} onClose={() => setCreated(null)} />
    </Page>
  );
}
