// The backtest's vocabulary: market records in engine units, the run's settings, and its results.
import type { AssetSpec, InstrumentSpec } from '../core/instrument.ts';
import type { Side } from '../core/orders.ts';
import type { SessionClose } from '../core/session-close.ts';

/** A historical trade: price in ticks, quantity in lots of its instrument. */
export interface TradeRecord {
  readonly kind: 'trade';
  readonly symbol: string;
  readonly ts: number;
  readonly price: number;
  readonly qty: number;
  /** The aggressor, when the data says; trade-through fills do not depend on it. */
  readonly takerSide?: Side;
}

/** A historical bar; `ts` is its close time (openTime + interval), when it becomes known. */
export interface BarRecord {
  readonly kind: 'bar';
  readonly symbol: string;
  readonly interval: string;
  readonly ts: number;
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** A top-of-book quote; a missing side has price undefined. */
export interface QuoteRecord {
  readonly kind: 'quote';
  readonly symbol: string;
  readonly ts: number;
  readonly bid: number | undefined;
  readonly bidQty: number;
  readonly ask: number | undefined;
  readonly askQty: number;
}

/** Depth levels as [price ticks, qty lots], best first. A snapshot replaces the book; a delta sets the listed levels (qty 0 removes one). */
export interface BookRecord {
  readonly kind: 'book';
  readonly symbol: string;
  readonly ts: number;
  readonly snapshot: boolean;
  readonly bids: ReadonlyArray<readonly [number, number]>;
  readonly asks: ReadonlyArray<readonly [number, number]>;
}

/** Records arrive in time order (equal times keep their order). */
export type MarketRecord = TradeRecord | BarRecord | QuoteRecord | BookRecord;

/** The market a backtest trades: assets and instruments, as the exchange's config writes them. */
export interface BacktestMarket {
  readonly assets: readonly AssetSpec[];
  readonly instruments: readonly InstrumentSpec[];
  /** Each symbol's trading-session close, as the markets file names it; DAY orders expire at it. A symbol not here closes at midnight UTC, as on the exchange. */
  readonly sessions?: Readonly<Record<string, SessionClose>>;
}

/** An equity sample: the strategy account valued at the last prices, in the first instrument's quote currency. */
export interface EquityPoint {
  readonly ts: number;
  readonly equity: number;
}

/** One position round trip, from flat back to flat (or to the end of the run). */
export interface RoundTrip {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly openTs: number;
  readonly closeTs: number | undefined;
  /** Largest absolute position held during the trip, in base units. */
  readonly qty: number;
  readonly entryPrice: number;
  readonly exitPrice: number | undefined;
  /** Realized P&L net of the trip's fees, in quote currency. */
  readonly pnl: number;
  readonly fees: number;
}

/** One of the strategy's fills, for the trade list and the chart markers. */
export interface FillRecord {
  readonly ts: number;
  readonly symbol: string;
  readonly side: Side;
  readonly price: number;
  readonly qty: number;
  readonly fee: number;
  readonly liquidity: 'maker' | 'taker';
  readonly orderId: number;
}
