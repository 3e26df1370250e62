// Risk screen (/risk).
import { PlaceholderPage } from '../components/page.tsx';

export function RiskPage() {
  return <PlaceholderPage title="Risk" description="Your risk limits, the kill switch and risk history." />;
}
