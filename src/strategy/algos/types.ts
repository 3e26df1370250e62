// The execution algorithms' shared vocabulary: the context they act through, their status, fills and results.
import type { Side } from '../../core/orders.ts';
import type { DoneResult, Failure, StrategyContext } from '../types.ts';

/** The part of a strategy's context an algorithm uses; any strategy's ctx fits. */
export type AlgoContext = Pick<StrategyContext<unknown, unknown>, 'clock' | 'random' | 'log' | 'order' | 'cancel' | 'replace' | 'quote' | 'lastPrice' | 'instrument' | 'history' | 'setTimer' | 'clearTimer' | 'openOrders'>;

/**
 * new -> running -> one of: done (all filled), expired (its time or liquidity ran out with
 * quantity left), cancelled (by the strategy), failed (a child order was refused).
 */
export type AlgoState = 'new' | 'running' | 'done' | 'expired' | 'cancelled' | 'failed';

export interface AlgoStatus {
  readonly id: string;
  readonly kind: string;
  readonly symbol: string;
  readonly side: Side;
  readonly state: AlgoState;
  readonly qty: number;
  readonly filledQty: number;
  readonly remainingQty: number;
  /** Volume-weighted over every fill; undefined before the first. */
  readonly avgPrice: number | undefined;
  /** Child orders placed (slices, clips, re-placements, routed legs). */
  readonly ordersSent: number;
  /** Child orders still working on a venue. */
  readonly openOrders: readonly number[];
  readonly lastError: string | undefined;
}

/** One fill of a child order, on the strategy's own venue or another the algorithm routed to. */
export interface AlgoFill {
  readonly venue: string;
  readonly orderId: number;
  readonly price: number;
  readonly qty: number;
  readonly ts: number;
}

export type FillListener = (fill: AlgoFill, status: AlgoStatus) => void;
export type DoneListener = (status: AlgoStatus) => void;

/** One parameter's problem, at the option's name (`durationMs`, `profile.periods`, `catchUp.retryMs`). */
export interface ParamProblem {
  readonly path: string;
  readonly message: string;
}

/** A refused start: `details` names the parameters at fault. */
export type AlgoRefusal = Failure & { readonly details?: readonly ParamProblem[] };

/** What start() answers. */
export type StartResult = { readonly ok: true } | AlgoRefusal;

/**
 * Where an algorithm picks up the work of an earlier run of itself (one a restart stopped): what
 * that run filled and sent, and its child orders. Those still open on the account (ctx.openOrders)
 * become its working children again; the rest only count towards what is filled.
 */
export interface AlgoResume {
  /** Filled by the earlier run, in base units: an exact decimal string, or a number rounded down to whole lots. */
  readonly filledQty: number | string;
  /** The earlier run's average fill price, for status(); undefined before its first fill. */
  readonly avgPrice?: number;
  readonly ordersSent: number;
  /** Every child order the earlier run sent. */
  readonly childOrders: readonly number[];
  /** The highest n among the earlier run's child names (see AlgoOrder.childOrderIdPrefix); numbering goes on after it. */
  readonly lastChildNumber?: number;
}

/** What every algorithm offers a strategy. */
export interface Algo {
  readonly id: string;
  readonly kind: string;
  /**
   * Sends what is due now and arms the rest; a refusal (bad params, unknown symbol) is a Failure
   * value. With `resume`, it takes over an earlier run's working children and sends only what that
   * run has neither filled nor has working, on the same schedule (a TWAP's slices keep their times).
   */
  start(resume?: AlgoResume): Promise<StartResult>;
  /** Every child order sent, an earlier run's first, in the order sent. */
  childOrders(): readonly number[];
  /** Cancels the working child orders and ends the algorithm; filled quantity stays filled. */
  cancel(): Promise<DoneResult>;
  status(): AlgoStatus;
  /** Returns a function that removes the listener. */
  onFill(listener: FillListener): () => void;
  onDone(listener: DoneListener): () => void;
}

/** Every algorithm's order fields. */
export interface AlgoOrder {
  readonly symbol: string;
  readonly side: Side;
  /** Total quantity in base units (a number is rounded down to whole lots; a string is exact). */
  readonly qty: number | string;
  /** Never buy above (sell below) this price. */
  readonly limitPrice?: number;
  /**
   * Names each child order `<prefix><n>` (its clientOrderId), n counting 1, 2, ... from the first
   * child, and on from `AlgoResume.lastChildNumber` after a resume: children sent just before a
   * crash, which the earlier run had no chance to record, are then found by name. The prefix must
   * be unique to this algorithm on the account, for as long as the account's client order ids are.
   */
  readonly childOrderIdPrefix?: string;
}
