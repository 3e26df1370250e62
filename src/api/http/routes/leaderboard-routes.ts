// The public leaderboard: every participant ranked by mark-to-market equity.
import type { ApiContext } from '../../context.ts';
import { LEADERBOARD_CURRENCY, performanceView } from '../../performance-views.ts';
import type { ZodApp } from '../zod-app.ts';

export function leaderboardRoutes(app: ZodApp, ctx: ApiContext): void {
  app.get('/api/v1/leaderboard', { schema: { tags: ['leaderboard'], summary: 'Every participant ranked by equity (cash plus holdings at the last price)' } }, async () => {
    const rows = await ctx.leaderboard.rows();
    return {
      currency: LEADERBOARD_CURRENCY,
      rows: rows.map((r) => ({ rank: r.rank, userId: r.userId, username: r.username, ...performanceView(ctx.format, r) })),
    };
  });
}
