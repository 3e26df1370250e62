// Leaderboard screen (/leaderboard).
import { PlaceholderPage } from '../components/page.tsx';

export function LeaderboardPage() {
  return <PlaceholderPage title="Leaderboard" description="Traders and bots ranked by performance." />;
}
