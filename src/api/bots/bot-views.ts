// Bots as the API shows them, and the manager's refusals as the API's one error shape.
import { BotManagerError, type BotErrorCode, type ManagedBot } from '../../bots/index.ts';
import { ApiError, type ErrorCode } from '../errors.ts';

/** The bot's account over its whole life, as the leaderboard counts it: it survives restarts, where the run's figures start over. */
export interface BotAccountFigures {
  readonly equity: string;
  readonly returnPercent: string;
  readonly trades: number;
}

/**
 * Definition, desired state and live status in one flat object; times are epoch ms. `account` is
 * null until the leaderboard has valued the bot's account.
 */
export function botView(bot: ManagedBot, account: BotAccountFigures | null = null) {
  const s = bot.status;
  return {
    id: bot.id,
    name: bot.name,
    ownerUserId: bot.ownerUserId,
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
    ordersPerSecond: s.ordersPerSecond,
    errors: s.errors,
    restarts: s.restarts,
    nextRestartAt: s.nextRestartAt,
    pnl: s.pnl,
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
};

/** Runs a manager call; its refusals become 4xx answers, anything else stays a bug. */
export async function botCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BotManagerError) throw new ApiError(CODES[error.code], error.message, error.details);
    throw error;
  }
}
