// What the platform publishes on its bus once a batch of commands is durable.
import type { EngineEvent, TradingStatusChanged } from '../core/events.ts';
import type { Candle, DepthDelta, Ticker, Trade } from '../marketdata/index.ts';

export type FeedMessage =
  | { readonly kind: 'trade'; readonly trade: Trade }
  | { readonly kind: 'depth'; readonly delta: DepthDelta }
  | { readonly kind: 'candle'; readonly candle: Candle; readonly closed: boolean }
  | { readonly kind: 'ticker'; readonly ticker: Ticker }
  /** A symbol was halted or resumed (also set again to the status it had, with a new reason). */
  | { readonly kind: 'status'; readonly change: TradingStatusChanged }
  | { readonly kind: 'account'; readonly accountId: number; readonly events: readonly EngineEvent[] }
  /** A batch once durable (`durable` topic) and again once stored (`committed` topic). */
  | { readonly kind: 'durable' | 'committed'; readonly seq: number; readonly events: readonly EngineEvent[] };
