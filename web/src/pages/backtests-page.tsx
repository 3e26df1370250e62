// Backtests screen (/backtests).
import { PlaceholderPage } from '../components/page.tsx';

export function BacktestsPage() {
  return <PlaceholderPage title="Backtests" description="Run strategies on historical data and read their reports." />;
}
