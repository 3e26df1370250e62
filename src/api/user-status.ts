// Disabling and enabling a user: what stops with them (logins, tokens, keys, connections, algo orders, bots, open orders) and what stays (balances, history).
import type { UserStatus } from '../store/index.ts';
import type { ApiContext } from './context.ts';

/** What a status change did, for the admin's answer. */
export interface UserStatusChange {
  readonly id: number;
  readonly status: UserStatus;
  /** False when the user already had the status (the clean-up of a disable runs again all the same). */
  readonly changed: boolean;
  /** Ids of the user's orders the disable cancelled (reason ACCOUNT_DISABLED). */
  readonly cancelledOrders: readonly number[];
  /** Ids of the bots the disable stopped: those the user owns, and the bot the user trades for, if any. */
  readonly stoppedBots: readonly number[];
  /** Ids of the user's algo orders the disable cancelled. */
  readonly cancelledAlgoOrders: readonly number[];
}

export type UserStatusResult = { readonly ok: true; readonly change: UserStatusChange } | { readonly ok: false; readonly reason: 'no-such-user' | 'last-admin' };

/**
 * Sets a user's status. Disabling, in this order:
 * 1. the store says disabled, and at once every access token and API key of the user is refused
 *    (ACCOUNT_DISABLED), their WebSocket connections close and every login ends (AuthService.setStatus);
 * 2. their algo orders are cancelled, and their bots stop: the ones they own and the one they
 *    trade for, if they are a bot's user (a stopped bot keeps its account; enabling the user does
 *    not start it again);
 * 3. every open order of their account is cancelled through the engine's cancel-all, with reason
 *    ACCOUNT_DISABLED, so the journal, the read models and the private streams see ordinary cancels.
 * Balances, positions and history stay as they are. Each step is safe to repeat, so disabling a
 * disabled user again finishes a disable that a crash cut short. Enabling only lets the user in again.
 */
export async function setUserStatus(ctx: ApiContext, userId: number, status: UserStatus): Promise<UserStatusResult> {
  const result = await ctx.auth.setStatus(userId, status);
  if (!result.ok) return result;
  const { user, changed } = result;
  if (status === 'active') return { ok: true, change: { id: user.id, status, changed, cancelledOrders: [], stoppedBots: [], cancelledAlgoOrders: [] } };
  const cancelledAlgoOrders = await ctx.algos.cancelAccount(user.accountId);
  const stoppedBots: number[] = [];
  for (const bot of ctx.bots.list()) {
    if (bot.userId !== userId && bot.ownerUserId !== userId) continue;
    if (bot.desiredState === 'running' || bot.status.state === 'running' || bot.status.state === 'restarting') stoppedBots.push(bot.id);
    await ctx.bots.stop(bot.id);
  }
  const events = await ctx.exchange.execute({ type: 'cancelAll', ts: ctx.exchange.now(), accountId: user.accountId, reason: 'ACCOUNT_DISABLED' });
  const cancelledOrders = events.flatMap((event) => (event.type === 'OrderCancelled' ? [event.orderId] : []));
  return { ok: true, change: { id: user.id, status, changed, cancelledOrders, stoppedBots, cancelledAlgoOrders } };
}
