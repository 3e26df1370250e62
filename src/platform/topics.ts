// The one registry of bus topic names: public market-data channels and private per-account streams.
import type { CandleInterval } from '../marketdata/index.ts';

export const topics = {
  trades: (symbol: string) => `trades.${symbol}`,
  book: (symbol: string) => `book.${symbol}`,
  candles: (symbol: string, interval: CandleInterval) => `candles.${symbol}.${interval}`,
  ticker: (symbol: string) => `ticker.${symbol}`,
  /** Every committed engine event that concerns one account: orders, fills, ledger entries. */
  account: (accountId: number) => `account.${accountId}`,
  /** Every committed batch, for metrics and other whole-exchange observers. */
  committed: 'committed',
} as const;
