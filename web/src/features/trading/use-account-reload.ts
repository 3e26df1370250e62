// Reloads a view of the account when its private channels (orders, fills, balances) report a change, and after every resync.
import { useCallback, useEffect, useRef } from 'react';
import { useChannels } from '../../hooks/use-channel.ts';
import type { ChannelMessage } from '../../lib/ws.ts';

export type AccountChannel = 'orders' | 'fills' | 'balances';

/** One fill moves an order, a few balances and a ledger: the burst causes one reload. */
const RELOAD_DELAY_MS = 120;

export interface AccountReloadOptions {
  /** Sees each message first, for live merges that need no reload. */
  readonly onMessage?: (message: ChannelMessage) => void;
  /** Also called on every resync, for state that messages alone keep current. */
  readonly onResync?: () => void;
}

/**
 * Calls `reload` shortly after a message on any of `channels` (a burst calls it once), and on every
 * resync (subscription confirmed, reconnect, re-authentication), so nothing missed stays missing.
 */
export function useAccountReload(channels: readonly AccountChannel[], reload: () => unknown, options: AccountReloadOptions = {}): void {
  const latest = useRef(reload);
  latest.current = reload;
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  // A pending reload covers later messages too; a steady stream still reloads every RELOAD_DELAY_MS.
  const schedule = useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      void latest.current();
    }, RELOAD_DELAY_MS);
  }, []);
  useChannels(channels, {
    onMessage: (message) => {
      options.onMessage?.(message);
      schedule();
    },
    onResync: () => {
      options.onResync?.();
      schedule();
    },
  });
}
