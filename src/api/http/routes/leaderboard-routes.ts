// The public leaderboard: every participant ranked by mark-to-market equity, a page at a time.
import { z } from 'zod';
import { pageLimit, toPage, type Cursor } from '../../../store/index.ts';
import type { ApiContext } from '../../context.ts';
import { LEADERBOARD_CURRENCY, performanceView } from '../../performance-views.ts';
import { page } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';
import { leaderboardRowSchema } from '../../response-schemas.ts';
import { pageOf } from './paging.ts';

export function leaderboardRoutes(app: ZodApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/leaderboard',
    { config: { responses: { 200: z.object({ currency: z.string(), rows: z.array(leaderboardRowSchema), nextCursor: z.string().nullable() }) } }, schema: { tags: ['leaderboard'], summary: 'Participants ranked by equity (cash plus holdings at the last price), best first, a page at a time', querystring: z.object({ ...page }).strict() } },
    async (request) => {
      const limit = pageLimit(request.query.limit);
      const rows = await ctx.leaderboard.rows();
      // Ranks are 1, 2, 3, ... with no ties, so the last rank shown is where the next page starts.
      const { items, nextCursor } = await pageOf(request, undefined, (after = 0 as Cursor) => toPage(rows.filter((r) => r.rank > after).slice(0, limit + 1), limit, (r) => r.rank));
      return {
        currency: LEADERBOARD_CURRENCY,
        rows: items.map((r) => ({ rank: r.rank, userId: r.userId, username: r.username, ...performanceView(ctx.format, r) })),
        nextCursor,
      };
    },
  );
}
