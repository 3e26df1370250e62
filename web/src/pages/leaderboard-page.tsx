// Leaderboard screen (/leaderboard, public): every participant ranked by mark-to-market equity, refreshed every few seconds; your row and your bots' rows marked.
import { useMemo, useState } from 'react';
import { Panel } from '../components/card.tsx';
import { ErrorBanner } from '../components/error-banner.tsx';
import { TextField } from '../components/fields.tsx';
import { Page } from '../components/page.tsx';
import { DEFAULT_SORT, filterRows, nextSort, sortRows } from '../features/leaderboard/leaderboard-sort.ts';
import { fetchLeaderboard } from '../features/leaderboard/fetch-leaderboard.ts';
import { LeaderboardTable } from '../features/leaderboard/leaderboard-table.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useAuth } from '../hooks/use-auth.tsx';
import { usePolling } from '../hooks/use-polling.ts';
import { api, type Bot } from '../lib/api.ts';
import { formatTime } from '../lib/format.ts';

/** The leaderboard has no channel; equity moves with every trade, so a few seconds keeps it fresh without load. */
const REFRESH_MS = 3_000;

export function LeaderboardPage() {
  const { status, user } = useAuth();
  const loggedIn = status === 'authenticated';
  const board = useApi(async (signal) => ({ ...(await fetchLeaderboard(signal)), at: Date.now() }), []);
  const bots = useApi(loggedIn ? (signal) => api.get<{ bots: Bot[] }>('/api/v1/bots', undefined, signal) : null, [loggedIn]);
  usePolling(() => Promise.all([board.refetch(), bots.refetch()]), REFRESH_MS);
  const [sort, setSort] = useState(DEFAULT_SORT);
  const [query, setQuery] = useState('');

  // Admins list every bot; only the viewer's own are marked.
  const myBots = useMemo(() => new Map((bots.data?.bots ?? []).filter((bot) => bot.ownerUserId === user?.id).map((bot) => [bot.userId, bot.name])), [bots.data, user]);
  const rows = useMemo(() => sortRows(filterRows(board.data?.rows ?? [], query), sort), [board.data, query, sort]);
  const me = board.data?.rows.find((row) => row.userId === user?.id);

  return (
    <Page title="Leaderboard">
      <ErrorBanner error={board.error} onRetry={() => void board.refetch()} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <TextField label="Find a participant" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name" className="w-full sm:w-64" autoComplete="off" />
        <p className="text-xs text-muted" aria-live="off">
          {me && (
            <span className="mr-3">
              You are <span className="num font-semibold text-fg">#{me.rank}</span> of <span className="num">{board.data?.rows.length}</span>.
            </span>
          )}
          Ranked by equity: cash plus holdings at the last price. Updated <span className="num">{formatTime(board.data?.at)}</span>.
        </p>
      </div>
      <Panel flush>
        <LeaderboardTable rows={rows} loading={board.loading} currency={board.data?.currency ?? 'USD'} sort={sort} onSort={(key) => setSort((current) => nextSort(current, key))} meId={user?.id} myBots={myBots} empty={query.trim() !== '' && (board.data?.rows.length ?? 0) > 0 ? `No participant matches “${query.trim()}”.` : undefined} />
      </Panel>
    </Page>
  );
}
