// What a strategy runtime needs from the world: a trading port and a market-data feed, one shape for every mode.
//
// The same strategy runs in a backtest, in paper trading and live; only the implementations of
// these two interfaces differ. Prices, quantities and amounts cross them as decimal strings, exactly
// as the public API takes them, so nothing is rounded behind the strategy's back.

import type { OrderType, Side, StpMode, TimeInForce } from '../core/orders.ts';
import type { Bar } from './types.ts';

export type Decimal = string;

/** An order as a strategy sends it; the same fields as POST /api/v1/orders. */
export interface PortOrder {
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly qty: Decimal;
  readonly price?: Decimal;
  readonly stopPrice?: Decimal;
  readonly trailAmount?: Decimal;
  readonly trailPercent?: Decimal;
  readonly tif?: TimeInForce;
  readonly expireAt?: number;
  readonly postOnly?: boolean;
  readonly clientOrderId?: string;
  readonly stp?: StpMode;
}

export type PortOrderStatus = 'open' | 'untriggered' | 'pending_parent' | 'partially_filled' | 'filled' | 'cancelled' | 'expired' | 'rejected';

/** An order as the venue reports it. */
export interface PortOrderState {
  readonly id: number;
  readonly clientOrderId: string | null;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly status: PortOrderStatus;
  readonly qty: Decimal;
  readonly filledQty: Decimal;
  readonly leavesQty: Decimal;
  readonly price: Decimal | null;
  readonly stopPrice: Decimal | null;
  readonly avgFillPrice: Decimal | null;
  /** The reason code when cancelled, expired or rejected. */
  readonly reason: string | null;
}

/** The outcome of placing: the order(s) created, or the refusal with its reason code. */
export type PlaceResult = { readonly ok: true; readonly orders: readonly PortOrderState[] } | { readonly ok: false; readonly code: string; readonly message: string };

export type ActionResult = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

export interface PortFill {
  readonly orderId: number;
  readonly tradeId: number;
  readonly symbol: string;
  readonly side: Side;
  readonly price: Decimal;
  readonly qty: Decimal;
  /** Charged in the instrument's quote currency. */
  readonly fee: Decimal;
  readonly liquidity: 'maker' | 'taker';
  readonly ts: number;
}

export interface PortBalance {
  readonly asset: string;
  readonly available: Decimal;
  readonly held: Decimal;
}

export interface PortInstrument {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly tickSize: Decimal;
  readonly lotSize: Decimal;
  readonly minQty: Decimal;
  readonly maxQty: Decimal;
}

/** What a strategy's account can do. Every call acts on that one account only. */
export interface TradingPort {
  instruments(): Promise<readonly PortInstrument[]>;
  place(order: PortOrder): Promise<PlaceResult>;
  placeOco(legs: readonly [PortOrder, PortOrder]): Promise<PlaceResult>;
  placeBracket(entry: PortOrder, takeProfitPrice: Decimal, stopLossPrice: Decimal, stopLossLimitPrice?: Decimal): Promise<PlaceResult>;
  cancel(orderId: number): Promise<ActionResult>;
  cancelAll(symbol?: string): Promise<ActionResult>;
  replace(orderId: number, changes: { readonly qty?: Decimal; readonly price?: Decimal; readonly stopPrice?: Decimal }): Promise<ActionResult>;
  balances(): Promise<readonly PortBalance[]>;
  openOrders(): Promise<readonly PortOrderState[]>;
}

export interface PortTrade {
  readonly symbol: string;
  readonly price: Decimal;
  readonly qty: Decimal;
  readonly takerSide: Side;
  readonly ts: number;
}

export interface PortQuote {
  readonly symbol: string;
  readonly bidPrice: Decimal | null;
  readonly bidQty: Decimal;
  readonly askPrice: Decimal | null;
  readonly askQty: Decimal;
  readonly ts: number;
}

export interface PortBar {
  readonly symbol: string;
  readonly interval: string;
  readonly openTime: number;
  readonly open: Decimal;
  readonly high: Decimal;
  readonly low: Decimal;
  readonly close: Decimal;
  readonly volume: Decimal;
}

/** Everything a strategy hears, in the order the venue produced it. */
export type MarketEvent =
  | { readonly kind: 'trade'; readonly trade: PortTrade }
  | { readonly kind: 'quote'; readonly quote: PortQuote }
  /** `view`: the same bar in numbers (each field's Number), when the venue has them at hand; the runtime makes it otherwise. */
  | { readonly kind: 'bar'; readonly bar: PortBar; readonly view?: Bar }
  | { readonly kind: 'order'; readonly order: PortOrderState }
  | { readonly kind: 'fill'; readonly fill: PortFill };

/** Market data and the account's own order and fill updates, pushed to the runtime. */
export interface FeedPort {
  /** Starts delivering events for these symbols and bar intervals; returns how to stop. */
  subscribe(symbols: readonly string[], barIntervals: readonly string[], deliver: (event: MarketEvent) => void): () => void;
  /** The last `n` closed bars, oldest first. */
  history(symbol: string, interval: string, n: number): Promise<readonly PortBar[]>;
  /**
   * The symbol's best bid and ask now, when the venue has them at hand (undefined on an empty book).
   * A quote event comes only when the book changes: this is what a strategy started on a quiet book sees.
   */
  quote?(symbol: string): PortQuote | undefined;
}

/** Time and timers: the wall clock live and in paper trading, a simulated clock in backtests. */
export interface ClockPort {
  now(): number;
  /** Calls `fire` every `everyMs` until the returned function is called. */
  every(everyMs: number, fire: () => void): () => void;
}
