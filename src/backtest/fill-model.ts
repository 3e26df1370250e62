// What a fill model is: how market records and the strategy's own orders become liquidity in the backtest's engine.
import type { Side } from '../core/orders.ts';
import type { Liquidity } from './liquidity.ts';
import type { RecordedBook } from './recorded-book.ts';
import type { MarketRecord } from './types.ts';

/** Where the strategy's unfinished orders on one symbol sit, in ticks. */
export interface Exposure {
  /** Highest resting buy limit (-Infinity when none). */
  readonly maxBuy: number;
  /** Lowest resting sell limit (Infinity when none). */
  readonly minSell: number;
  /** Whether any stop, stop-limit or trailing stop waits for its trigger. */
  readonly stops: boolean;
}

/** One of the strategy's resting limit orders, in ticks and lots. */
export interface RestingOrder {
  readonly id: number;
  readonly side: Side;
  readonly price: number;
  /** Lots still open. */
  readonly leaves: number;
}

/** The market as the fill model sees it, in ticks and lots. */
export interface MarketView {
  readonly liquidity: Liquidity;
  exposure(symbol: string): Exposure;
  /** The strategy's resting limit orders on a symbol, oldest first. */
  resting(symbol: string): RestingOrder[];
  /** The last historical trade price (or bar close, or quote mid when that is all the data has). */
  lastPrice(symbol: string): number | undefined;
  /** The historical order book, when the data has book records. */
  recordedBook(symbol: string): RecordedBook | undefined;
  /** The last historical top of book, when the data has quotes or a book. */
  lastQuote(symbol: string): { readonly bid: number | undefined; readonly ask: number | undefined } | undefined;
  /** The engine's own last trade price: what stops and the price band follow. */
  engineLastPrice(symbol: string): number | undefined;
  /** The largest order the instrument takes, in lots: "as much as there is". */
  maxQty(symbol: string): number;
  /** The instrument's price band, in basis points either side of the engine's last price. */
  bandBps(symbol: string): number;
}

export interface FillModel {
  /** Reacts to one record (already reflected in lastPrice/lastQuote) before the strategy hears of it. */
  onRecord(record: MarketRecord, market: MarketView): void;
  /** Makes the liquidity this model offers a new strategy order on `sides`; `afterOrder` takes it down again. */
  beforeOrder(symbol: string, sides: ReadonlySet<Side>, market: MarketView): void;
  afterOrder(symbol: string, market: MarketView): void;
}

/** Slippage for orders that take liquidity: the larger of a tick count and a fraction of the price. */
export interface SlippageOptions {
  /** Ticks away from the last price that market and marketable orders fill at (default 0). */
  readonly slippageTicks?: number;
  /** Basis points of the last price added as slippage (default 0). */
  readonly slippageBps?: number;
}

export function slippage(price: number, options: SlippageOptions): number {
  return Math.max(options.slippageTicks ?? 0, Math.ceil((price * (options.slippageBps ?? 0)) / 10_000));
}
