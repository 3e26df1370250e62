// The public leaderboard: every participant ranked by mark-to-market equity.
import type { ApiContext } from '../../context.ts';
import type { ZodApp } from '../zod-app.ts';

export function leaderboardRoutes(app: ZodApp, ctx: ApiContext): void {
  app.get('/api/v1/leaderboard', { schema: { tags: ['leaderboard'], summary: 'Every participant ranked by equity (cash plus holdings at the last price)' } }, async () => {
    const rows = await ctx.leaderboard.rows();
    return {
      currency: 'USD',
      rows: rows.map((r) => ({
        rank: r.rank,
        userId: r.userId,
        username: r.username,
        equity: ctx.format.amount('USD', r.equity),
        netDeposits: ctx.format.amount('USD', r.netDeposits),
        returnPercent: (r.returnPct * 100).toFixed(2),
        maxDrawdownPercent: (r.maxDrawdownPct * 100).toFixed(2),
        // Null until the account has enough equity samples for the ratio to mean anything.
        sharpe: r.sharpe === null ? null : r.sharpe.toFixed(2),
        trades: r.trades,
      })),
    };
  });
}
