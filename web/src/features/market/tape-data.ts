// The trade tape's list: trades from REST and from the channel merged newest first, each once, bounded.
import type { Trade } from '../../lib/api.ts';

/** Trades kept for the tape. */
export const TAPE_LENGTH = 60;

/** Newest first, one entry per trade id (ids grow with time), at most `limit`. */
export function mergeTrades(current: readonly Trade[], incoming: readonly Trade[], limit = TAPE_LENGTH): Trade[] {
  const byId = new Map<number, Trade>();
  for (const trade of [...current, ...incoming]) byId.set(trade.tradeId, trade);
  return [...byId.values()].sort((a, b) => b.tradeId - a.tradeId).slice(0, limit);
}
