// The one registry of bus topic names: public market-data channels and private per-account streams.
import type { CandleInterval } from '../marketdata/index.ts';

export const topics = {
  trades: (symbol: string) => `trades.${symbol}`,
  book: (symbol: string) => `book.${symbol}`,
  candles: (symbol: string, interval: CandleInterval) => `candles.${symbol}.${interval}`,
  ticker: (symbol: string) => `ticker.${symbol}`,
  /** A symbol's trading status changes (halted, trading). */
  status: (symbol: string) => `status.${symbol}`,
  /** Every committed engine event that concerns one account: orders, fills, ledger entries. */
  account: (accountId: number) => `account.${accountId}`,
  /** Every batch as soon as it is durable, before the store has it: for observers of the engine's state (risk, leaderboard). */
  durable: 'durable',
  /** Every batch once the store has it too, for observers that read the store (positions, metrics). */
  committed: 'committed',
} as const;
