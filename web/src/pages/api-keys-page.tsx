// API keys screen (/api-keys).
import { PlaceholderPage } from '../components/page.tsx';

export function ApiKeysPage() {
  return <PlaceholderPage title="API keys" description="Create and revoke API keys for programs." />;
}
