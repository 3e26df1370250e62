// Bots as the API shows them, and the manager's refusals as the API's one error shape.
import { BotManagerError, type BotErrorCode, type ManagedBot } from '../../bots/index.ts';
import type { BotPnl } from '../../bots/pool/types.ts';
import { ApiError, type ErrorCode } from '../errors.ts';
import { LEADERBOARD_CURRENCY } from '../performance-views.ts';
import type { Formatter } from '../views.ts';

/** The bot's account over its whole life, as the leaderboard counts it: it survives restarts, where the run's figures start over. */
export interface BotAccountFigures {
  readonly equity: string;
  readonly returnPercent: string;
  readonly trades: number;
}

/** The run's exact P&L (18 places) as money: each figure rounded to the risk currency's minor unit. */
function pnlView(f: Formatter, pnl: BotPnl | null) {
  if (pnl === null) return null;
  const money = (text: string) => f.roundedAmount(LEADERBOARD_CURRENCY, text);
  return { realized: money(pnl.realized), unrealized: money(pnl.unrealized), fees: money(pnl.fees), total: money(pnl.total) };
}

/**
 * Definition, desired state and live status in one flat object; times are epoch ms. `account` is
 * null until the leaderboard has valued the bot's account. `ownerUsername` names the owner, so an
 * admin's list can show whose bot it is (the platform's own bots' owner ranks on no leaderboard).
 */
export function botView(f: Formatter, bot: ManagedBot, ownerUsername: string, account: BotAccountFigures | null = null) {
  const s = bot.status;
  return {
    id: bot.id,
    name: bot.name,
    ownerUserId: bot.ownerUserId,
    ownerUsername,
    userId: bot.userId,
    accountId: bot.accountId,
    strategy: bot.strategy,
    params: bot.params,
    symbols: bot.symbols,
    seed: bot.seed,
    desiredState: bot.desiredState,
    state: s.state,
    worker: s.worker,
    heartbeat: s.heartbeat,
    ordersSent: s.ordersSent,
    refusals: s.refusals,
    ordersPerSecond: Math.round(s.ordersPerSecond * 100) / 100,
    errors: s.errors,
    restarts: s.restarts,
    nextRestartAt: s.nextRestartAt,
    pnl: pnlView(f, s.pnl),
    account,
    createdAt: bot.createdAt,
    updatedAt: bot.updatedAt,
  };
}

const CODES: Readonly<Record<BotErrorCode, ErrorCode>> = {
  UNKNOWN_STRATEGY: 'UNKNOWN_STRATEGY',
  INVALID_PARAMS: 'INVALID_PARAMS',
  INVALID_SYMBOLS: 'INVALID_REQUEST',
  UNKNOWN_SYMBOL: 'UNKNOWN_SYMBOL',
  INVALID_NAME: 'INVALID_REQUEST',
  NAME_TAKEN: 'ALREADY_EXISTS',
  NOT_FOUND: 'NOT_FOUND',
  LIMIT_REACHED: 'FORBIDDEN',
  UNAVAILABLE: 'UNAVAILABLE',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
};

/** Every code a refusal of the bot manager is answered with. */
export const BOT_MANAGER_REFUSALS: readonly ErrorCode[] = [...new Set(Object.values(CODES))];

/** Runs a manager call; its refusals become 4xx answers, anything else stays a bug. */
export async function botCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BotManagerError) throw new ApiError(CODES[error.code], error.message, error.details);
    throw error;
  }
}
