// useBots: the caller's bots (admins: every bot) with their live status and leaderboard standing, polled, plus the actions on them.
import { useCallback, useMemo } from 'react';
import { useApi } from '../../hooks/use-api.ts';
import { usePolling } from '../../hooks/use-polling.ts';
import { fetchLeaderboard } from '../leaderboard/fetch-leaderboard.ts';
import { api, type Bot, type LeaderboardRow } from '../../lib/api.ts';

/** The server has no bot channel; a worker reports every second, so two seconds shows every other report. */
export const BOTS_POLL_MS = 2_000;

export interface BotRow {
  readonly bot: Bot;
  /** The bot's account on the leaderboard: equity, return, drawdown (undefined until it is ranked). */
  readonly standing: LeaderboardRow | undefined;
}

export interface NewBot {
  readonly name: string;
  readonly strategy: string;
  readonly params: Record<string, unknown>;
  readonly symbols: string[];
  readonly cash: string;
  readonly deposits?: Record<string, string>;
  readonly start: boolean;
}

export interface BotChanges {
  readonly params: Record<string, unknown>;
  readonly symbols: string[];
}

export function useBots() {
  const bots = useApi((signal) => api.get<{ bots: Bot[] }>('/api/v1/bots', undefined, signal), []);
  const board = useApi((signal) => fetchLeaderboard(signal), []);
  const { setData: setBots, refetch: refetchBots } = bots;
  const { refetch: refetchBoard } = board;
  const refresh = useCallback(() => Promise.all([refetchBots(), refetchBoard()]), [refetchBots, refetchBoard]);
  usePolling(refresh, BOTS_POLL_MS);

  const byUser = useMemo(() => new Map((board.data?.rows ?? []).map((row) => [row.userId, row])), [board.data]);
  const rows = useMemo<BotRow[]>(
    // Newest first, so a bot just made is at the top; the order does not move when states change.
    () => [...(bots.data?.bots ?? [])].sort((a, b) => b.id - a.id).map((bot) => ({ bot, standing: byUser.get(bot.userId) })),
    [bots.data, byUser],
  );

  /**
   * Puts the server's answer for one bot in place at once, then reads the list again: that also
   * discards a poll already in flight, whose older answer would otherwise undo the change for a moment.
   */
  const merge = useCallback(
    (bot: Bot) => {
      setBots((current) => current && { bots: current.bots.some((b) => b.id === bot.id) ? current.bots.map((b) => (b.id === bot.id ? bot : b)) : [bot, ...current.bots] });
      void refetchBots();
    },
    [setBots, refetchBots],
  );

  const actions = useMemo(
    () => ({
      create: async (input: NewBot) => merge(await api.post<Bot>('/api/v1/bots', input)),
      configure: async (id: number, changes: BotChanges) => merge(await api.patch<Bot>(`/api/v1/bots/${id}`, changes)),
      start: async (id: number) => merge(await api.post<Bot>(`/api/v1/bots/${id}/start`)),
      stop: async (id: number) => merge(await api.post<Bot>(`/api/v1/bots/${id}/stop`)),
      remove: async (id: number) => {
        await api.delete<void>(`/api/v1/bots/${id}`);
        setBots((current) => current && { bots: current.bots.filter((b) => b.id !== id) });
        void refetchBots();
      },
    }),
    [merge, setBots, refetchBots],
  );

  return { rows, error: bots.error ?? board.error, loading: bots.loading, refresh, actions };
}

export type BotActions = ReturnType<typeof useBots>['actions'];
