// The strategy-facing vocabulary: order inputs, action results, event views, state views and the context.
//
// Views hand strategies plain JS numbers, which is what indicators and sizing code want. They are
// for reading and deciding only: the exact ledger lives in the exchange (and, for P&L, in the
// runtime's bigint ledger); orders cross the ports as exact decimal strings.
import type { OrderType, Side, StpMode, TimeInForce } from '../core/orders.ts';
import type { PortFill, PortInstrument, PortOrderState, PortOrderStatus } from './ports.ts';

/** A price or quantity: a number is rounded onto the instrument's grid, a decimal string is sent as written. */
export type Numeric = number | string;

/** A refusal: by the venue (its reason code, e.g. INSUFFICIENT_SHARES) or by the SDK before sending (e.g. INVALID_QUANTITY). */
export interface Failure {
  readonly ok: false;
  readonly code: string;
  readonly message: string;
}

/** Everything an order may carry besides symbol, side and quantity. */
export interface OrderOptions {
  /**
   * Defaults from the prices given: trailAmount/trailPercent -> trailing_stop, price + stopPrice ->
   * stop_limit, stopPrice -> stop, price -> limit, nothing -> market.
   */
  readonly type?: OrderType;
  readonly price?: Numeric;
  readonly stopPrice?: Numeric;
  readonly trailAmount?: Numeric;
  readonly trailPercent?: Numeric;
  /** In either case: "day" or "DAY". */
  readonly tif?: TimeInForce | Uppercase<TimeInForce>;
  readonly expireAt?: number;
  readonly postOnly?: boolean;
  readonly clientOrderId?: string;
  readonly stp?: StpMode;
}

export interface OrderInput extends OrderOptions {
  readonly symbol: string;
  readonly side: Side;
  readonly qty: Numeric;
}

/** An entry order with a take-profit limit and a stop-loss that activate once the entry fills. */
export interface BracketInput extends OrderInput {
  readonly takeProfit: Numeric;
  readonly stopLoss: Numeric;
  /** Makes the stop-loss a stop-limit at this price. */
  readonly stopLossLimit?: Numeric;
}

export interface ReplaceChanges {
  readonly qty?: Numeric;
  readonly price?: Numeric;
  readonly stopPrice?: Numeric;
}

export type OrderResult = { readonly ok: true; readonly order: OrderView } | Failure;
export type OrdersResult = { readonly ok: true; readonly orders: readonly OrderView[] } | Failure;
export type DoneResult = { readonly ok: true } | Failure;

export interface TradeEvent {
  readonly symbol: string;
  readonly price: number;
  readonly qty: number;
  readonly takerSide: Side;
  readonly ts: number;
}

export interface QuoteEvent {
  readonly symbol: string;
  readonly bid: number | undefined;
  readonly bidQty: number;
  readonly ask: number | undefined;
  readonly askQty: number;
  readonly ts: number;
}

/** A closed bar. */
export interface Bar {
  readonly symbol: string;
  readonly interval: string;
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface OrderView {
  readonly id: number;
  readonly clientOrderId: string | null;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly status: PortOrderStatus;
  readonly qty: number;
  readonly filledQty: number;
  readonly leavesQty: number;
  readonly price: number | undefined;
  readonly stopPrice: number | undefined;
  readonly avgFillPrice: number | undefined;
  readonly reason: string | null;
  /** The venue's report with exact decimal strings. */
  readonly raw: PortOrderState;
}

export interface FillView {
  readonly orderId: number;
  readonly tradeId: number;
  readonly symbol: string;
  readonly side: Side;
  readonly price: number;
  readonly qty: number;
  readonly fee: number;
  readonly liquidity: 'maker' | 'taker';
  readonly ts: number;
  /** The venue's report with exact decimal strings. */
  readonly raw: PortFill;
}

/** Average-cost position in one symbol. Realized P&L is gross of fees; `fees` are this symbol's fees. */
export interface PositionView {
  readonly symbol: string;
  readonly qty: number;
  /** Cost basis per unit of the open quantity; 0 when flat. */
  readonly avgPrice: number;
  readonly realizedPnl: number;
  /** Open quantity marked at the last trade price, less its cost basis. */
  readonly unrealizedPnl: number;
  readonly marketValue: number;
  readonly fees: number;
}

/** Over every symbol traded (assumes one quote currency): total = realized + unrealized - fees. */
export interface PnlView {
  readonly realized: number;
  readonly unrealized: number;
  readonly fees: number;
  readonly total: number;
}

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogEntry {
  readonly ts: number;
  readonly level: LogLevel;
  readonly strategy: string;
  readonly message: string;
  readonly fields?: Readonly<Record<string, unknown>>;
}

/** Where strategy log lines go; injected by whoever runs the strategy. */
export type LogSink = (entry: LogEntry) => void;

export interface Logger {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** A seeded generator: the same seed gives the same sequence, so runs repeat exactly. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** What a strategy handler sees and can do. Actions never throw on a refusal; they return a Failure. */
export interface StrategyContext<P, S = unknown> {
  readonly name: string;
  readonly params: Readonly<P>;
  /** This run's state, made by the definition's `state(params)` (undefined without one). */
  readonly state: S;
  readonly symbols: readonly string[];
  readonly clock: { now(): number };
  readonly random: Random;
  readonly log: Logger;

  buy(symbol: string, qty: Numeric, options?: OrderOptions): Promise<OrderResult>;
  sell(symbol: string, qty: Numeric, options?: OrderOptions): Promise<OrderResult>;
  order(input: OrderInput): Promise<OrderResult>;
  /** Two orders on one symbol and side; a fill on one reduces the other. */
  oco(first: OrderInput, second: OrderInput): Promise<OrdersResult>;
  bracket(input: BracketInput): Promise<OrdersResult>;
  cancel(orderId: number): Promise<DoneResult>;
  cancelAll(symbol?: string): Promise<DoneResult>;
  replace(orderId: number, changes: ReplaceChanges): Promise<DoneResult>;

  position(symbol: string): PositionView;
  /** Total balance (available + held) of an asset; defaults to the first symbol's quote currency. */
  cash(asset?: string): number;
  openOrders(symbol?: string): readonly OrderView[];
  pnl(): PnlView;
  /** Last trade price, else the last bar close, else undefined. */
  lastPrice(symbol: string): number | undefined;
  quote(symbol: string): QuoteEvent | undefined;
  instrument(symbol: string): PortInstrument | undefined;
  /** The last `n` closed bars, oldest first: preloaded history plus bars seen since. */
  history(symbol: string, interval: string, n: number): readonly Bar[];
  /** Calls onTimer(ctx, name) every `everyMs` on the runtime's clock; setting a name again replaces it. */
  setTimer(name: string, everyMs: number): void;
  clearTimer(name: string): void;
}
