// The whole leaderboard: the API serves it a page at a time, the screens show every participant.
import { api, type Leaderboard, type LeaderboardRow } from '../../lib/api.ts';
import { MAX_PAGE_SIZE } from '../../lib/paging.ts';

/** Every row, in rank order, read in the API's largest pages. */
export async function fetchLeaderboard(signal?: AbortSignal): Promise<Leaderboard> {
  const rows: LeaderboardRow[] = [];
  let cursor: string | null = null;
  let currency: string;
  do {
    const page: Leaderboard = await api.get<Leaderboard>('/api/v1/leaderboard', { limit: MAX_PAGE_SIZE, cursor: cursor ?? undefined }, signal);
    currency = page.currency;
    rows.push(...page.rows);
    cursor = page.nextCursor ?? null;
  } while (cursor !== null);
  return { currency, rows, nextCursor: null };
}
