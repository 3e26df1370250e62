// How the API shows an account's performance (the leaderboard's figures): money in the risk currency, percentages at two decimals (never "-0.00"; drawdown positive).
import { fixedFigure, percentFigure } from '../core/figures.ts';
import type { PerformanceStats } from '../platform/portfolio/performance.ts';
import type { Formatter } from './views.ts';

/** The currency the leaderboard measures equity in. */
export const LEADERBOARD_CURRENCY = 'USD';

export function performanceView(f: Formatter, stats: PerformanceStats) {
  return {
    equity: f.amount(LEADERBOARD_CURRENCY, stats.equity),
    netDeposits: f.amount(LEADERBOARD_CURRENCY, stats.netDeposits),
    returnPercent: percentFigure(stats.returnPct),
    // How far equity fell below its high, as a positive percentage.
    maxDrawdownPercent: percentFigure(stats.maxDrawdownPct),
    // Null until the account has enough equity samples for the ratio to mean anything.
    sharpe: stats.sharpe === null ? null : fixedFigure(stats.sharpe, 2),
    trades: stats.trades,
  };
}
