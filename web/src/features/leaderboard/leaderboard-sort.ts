// Sorting and filtering the leaderboard's rows: exact decimal comparisons, the server's rank breaking ties.
import type { SortState } from '../../components/data-table.tsx';
import type { LeaderboardRow } from '../../lib/api.ts';
import { compareDecimal } from '../../lib/decimal.ts';

export type LeaderboardKey = 'rank' | 'username' | 'equity' | 'return' | 'drawdown' | 'sharpe' | 'trades';

export const DEFAULT_SORT: SortState = { key: 'rank', direction: 'asc' };

/** The direction a column starts in: names A to Z, ranks from the top, every figure largest first. */
export function firstDirection(key: string): SortState['direction'] {
  return key === 'rank' || key === 'username' ? 'asc' : 'desc';
}

/** Pressing a header: the same column flips, another one starts in its own first direction. */
export function nextSort(current: SortState, key: string): SortState {
  return current.key === key ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: firstDirection(key) };
}

function compareBy(key: string, a: LeaderboardRow, b: LeaderboardRow): number {
  switch (key as LeaderboardKey) {
    case 'rank':
      return a.rank - b.rank;
    case 'username':
      return a.username.localeCompare(b.username);
    case 'equity':
      return compareDecimal(a.equity, b.equity);
    case 'return':
      return compareDecimal(a.returnPercent, b.returnPercent);
    case 'drawdown':
      return compareDecimal(a.maxDrawdownPercent, b.maxDrawdownPercent);
    case 'sharpe':
      return a.sharpe === null || b.sharpe === null ? 0 : compareDecimal(a.sharpe, b.sharpe);
    case 'trades':
      return a.trades - b.trades;
  }
  return 0;
}

/** A sorted copy; equal values keep the leaderboard's own order (by rank). */
export function sortRows(rows: readonly LeaderboardRow[], sort: SortState): LeaderboardRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => unknownLast(sort.key, a, b) || sign * compareBy(sort.key, a, b) || a.rank - b.rank);
}

/** Rows without the figure (a Sharpe ratio not known yet) go last, whichever the direction. */
function unknownLast(key: string, a: LeaderboardRow, b: LeaderboardRow): number {
  if (key !== 'sharpe') return 0;
  return (a.sharpe === null ? 1 : 0) - (b.sharpe === null ? 1 : 0);
}

/** Rows whose name contains the query, case-insensitively. */
export function filterRows(rows: readonly LeaderboardRow[], query: string): readonly LeaderboardRow[] {
  const needle = query.trim().toLowerCase();
  return needle === '' ? rows : rows.filter((row) => row.username.toLowerCase().includes(needle));
}
