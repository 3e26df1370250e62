// Trading screen (/trading).
import { PlaceholderPage } from '../components/page.tsx';

export function TradingPage() {
  return <PlaceholderPage title="Trading" description="Your open and past orders, fills, positions and balances." />;
}
