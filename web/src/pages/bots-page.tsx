// Bots screen (/bots).
import { PlaceholderPage } from '../components/page.tsx';

export function BotsPage() {
  return <PlaceholderPage title="Bots" description="Your bots: create, configure, start and stop them." />;
}
