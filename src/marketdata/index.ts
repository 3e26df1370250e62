// Market data's public surface: candles, tickers, L2 depth deltas and the trade tape, all pure and clock-free.
export { CANDLE_INTERVALS, CandleBuilder, bucketStart, intervalMs, isCandleInterval } from './candles.ts';
export type { Candle, CandleBuilderOptions, CandleInterval, CandleUpdate } from './candles.ts';
export { TickerBook } from './ticker.ts';
export type { Ticker, TickerOptions } from './ticker.ts';
export { DepthFeed, applyDelta } from './depth.ts';
export type { ApplyResult, BookLevel, DepthDelta, DepthFeedOptions, DepthSnapshot, Level } from './depth.ts';
export { TradeTape, tradeFromFill } from './trade-tape.ts';
export type { Trade, TradeTapeOptions } from './trade-tape.ts';
