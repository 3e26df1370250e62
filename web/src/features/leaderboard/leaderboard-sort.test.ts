import { describe, expect, it } from 'vitest';
import type { LeaderboardRow } from '../../lib/api.ts';
import { DEFAULT_SORT, filterRows, nextSort, sortRows } from './leaderboard-sort.ts';

const row = (rank: number, username: string, equity: string, returnPercent: string, sharpe: string | null, trades: number): LeaderboardRow => ({
  rank,
  userId: rank * 10,
  username,
  equity,
  netDeposits: '10000.00',
  returnPercent,
  maxDrawdownPercent: '0.00',
  sharpe,
  trades,
});

const rows = [row(1, 'alice', '10500.00', '5.00', '1.20', 3), row(2, 'Bob', '9999.99', '-0.01', '-0.50', 40), row(3, 'carol', '950.10', '-90.50', '1.20', 7)];

describe('sortRows', () => {
  it('compares decimals exactly (not as text), with the rank breaking ties', () => {
    expect(sortRows(rows, { key: 'equity', direction: 'asc' }).map((r) => r.rank)).toEqual([3, 2, 1]);
    expect(sortRows(rows, { key: 'return', direction: 'desc' }).map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(sortRows(rows, { key: 'sharpe', direction: 'desc' }).map((r) => r.rank)).toEqual([1, 3, 2]);
    expect(sortRows(rows, { key: 'trades', direction: 'desc' }).map((r) => r.rank)).toEqual([2, 3, 1]);
    expect(sortRows(rows, { key: 'username', direction: 'asc' }).map((r) => r.username)).toEqual(['alice', 'Bob', 'carol']);
    expect(sortRows(rows, DEFAULT_SORT)).toEqual(rows);
  });

  it('puts rows whose Sharpe ratio is not known yet last, in either direction', () => {
    const young = [...rows, row(4, 'dave', '10000.00', '0.00', null, 0)];
    expect(sortRows(young, { key: 'sharpe', direction: 'desc' }).map((r) => r.rank)).toEqual([1, 3, 2, 4]);
    expect(sortRows(young, { key: 'sharpe', direction: 'asc' }).map((r) => r.rank)).toEqual([2, 1, 3, 4]);
  });

  it('does not change its input', () => {
    const copy = [...rows];
    sortRows(rows, { key: 'equity', direction: 'asc' });
    expect(rows).toEqual(copy);
  });
});

describe('nextSort', () => {
  it('flips the same column and starts figures largest first', () => {
    expect(nextSort(DEFAULT_SORT, 'rank')).toEqual({ key: 'rank', direction: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'equity')).toEqual({ key: 'equity', direction: 'desc' });
    expect(nextSort({ key: 'equity', direction: 'desc' }, 'equity')).toEqual({ key: 'equity', direction: 'asc' });
    expect(nextSort(DEFAULT_SORT, 'username')).toEqual({ key: 'username', direction: 'asc' });
  });
});

describe('filterRows', () => {
  it('matches part of a name, ignoring case', () => {
    expect(filterRows(rows, 'BO').map((r) => r.username)).toEqual(['Bob']);
    expect(filterRows(rows, '  ')).toBe(rows);
  });
});
