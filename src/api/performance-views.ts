// How the API shows an account's performance (the leaderboard's figures): money in the risk currency, percentages at two decimals.
import type { PerformanceStats } from '../platform/portfolio/performance.ts';
import type { Formatter } from './views.ts';

/** The currency the leaderboard measures equity in. */
export const LEADERBOARD_CURRENCY = 'USD';

export function performanceView(f: Formatter, stats: PerformanceStats) {
  return {
    equity: f.amount(LEADERBOARD_CURRENCY, stats.equity),
    netDeposits: f.amount(LEADERBOARD_CURRENCY, stats.netDeposits),
    returnPercent: (stats.returnPct * 100).toFixed(2),
    maxDrawdownPercent: (stats.maxDrawdownPct * 100).toFixed(2),
    // Null until the account has enough equity samples for the ratio to mean anything.
    sharpe: stats.sharpe === null ? null : stats.sharpe.toFixed(2),
    trades: stats.trades,
  };
}
