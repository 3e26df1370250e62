// The reason codes each kind of request can be refused with beyond what every route checks (credentials, validation, the body, the rate limit); routes name theirs in config.refusals for the OpenAPI document.
import type { ErrorCode } from './errors.ts';

/** A reason code a route answers, at the status statusOf gives it, or at `status` (an unknown symbol in a path is 404, not 422). */
export type Refusal = ErrorCode | { readonly code: ErrorCode; readonly status: number };

/** An unknown symbol named by the URL path: the resource is not there. */
export const SYMBOL_IN_PATH = { code: 'UNKNOWN_SYMBOL', status: 404 } as const satisfies Refusal;

/** What the engine's checks of one order's fields and size refuse (placement, and each child an algo order plans). */
export const ORDER_CHECK_REFUSALS = [
  'INVALID_QUANTITY',
  'INVALID_PRICE',
  'INVALID_STOP_PRICE',
  'INVALID_TRAIL',
  'INVALID_CLIENT_ORDER_ID',
  'INVALID_TIME_IN_FORCE',
  'INVALID_EXPIRY',
  'QUANTITY_BELOW_MIN',
  'QUANTITY_ABOVE_MAX',
  'NOTIONAL_ABOVE_MAX',
  'PRICE_OUT_OF_BAND',
] as const satisfies readonly ErrorCode[];

/** Placing one order: its fields and size, the symbol, the account's means and limits, the kill switch, a halt. */
export const PLACEMENT_REFUSALS = [
  ...ORDER_CHECK_REFUSALS,
  'UNKNOWN_SYMBOL',
  'POSITION_LIMIT',
  'INSUFFICIENT_FUNDS',
  'INSUFFICIENT_SHARES',
  'DUPLICATE_CLIENT_ORDER_ID',
  'POST_ONLY_WOULD_TAKE',
  'INSTRUMENT_HALTED',
  'KILL_SWITCH_ACTIVE',
] as const satisfies readonly ErrorCode[];

/** An OCO or a bracket: a placement whose legs must also fit together. */
export const GROUP_REFUSALS = [...PLACEMENT_REFUSALS, 'INVALID_GROUP'] as const satisfies readonly ErrorCode[];

/** Replacing a live order: it must be the caller's and changeable that way, and the new terms pass as a placement's would. */
export const REPLACE_REFUSALS = [
  'UNKNOWN_ORDER',
  'NOT_REPLACEABLE',
  'INVALID_QUANTITY',
  'INVALID_PRICE',
  'INVALID_STOP_PRICE',
  'QUANTITY_ABOVE_MAX',
  'POSITION_LIMIT',
  'PRICE_OUT_OF_BAND',
  'INSUFFICIENT_FUNDS',
  'INSUFFICIENT_SHARES',
  'POST_ONLY_WOULD_TAKE',
  'INSTRUMENT_HALTED',
  'KILL_SWITCH_ACTIVE',
] as const satisfies readonly ErrorCode[];

/** A deposit: an asset the exchange has, an amount on its grid, under the ceilings. */
export const DEPOSIT_REFUSALS = ['UNKNOWN_ASSET', 'INVALID_AMOUNT', 'AMOUNT_TOO_LARGE'] as const satisfies readonly ErrorCode[];

/** A withdrawal: as a deposit, and no more than is available. */
export const WITHDRAWAL_REFUSALS = ['UNKNOWN_ASSET', 'INVALID_AMOUNT', 'INSUFFICIENT_FUNDS'] as const satisfies readonly ErrorCode[];

/** A layer of risk limits: each money limit an amount of the risk currency (the others are INVALID_REQUEST). */
export const LIMITS_REFUSALS = ['INVALID_AMOUNT'] as const satisfies readonly ErrorCode[];

/** An algo order: the symbol, its numbers and each child it plans, its algorithm's own rules, the running algo orders of the account. */
export const ALGO_REFUSALS = [...ORDER_CHECK_REFUSALS, 'UNKNOWN_SYMBOL', 'INVALID_ALGO_PARAMS', 'ALGO_LIMIT'] as const satisfies readonly ErrorCode[];

/** A backtest or an optimization being planned: the strategy and its params, the symbol, the data, the runs already queued. */
export const RUN_REFUSALS = ['UNKNOWN_STRATEGY', 'INVALID_PARAMS', 'UNKNOWN_SYMBOL', 'NO_DATA', 'BACKTEST_LIMIT'] as const satisfies readonly ErrorCode[];
