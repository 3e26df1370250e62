// Numeric bounds. Every integer the engine stores stays below these, so plain JS numbers stay exact.

/** Largest integer a double holds exactly (2^53 - 1). */
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Prices are positive integers in ticks, at most 2^40 (about 1.1e12 ticks). */
export const MAX_PRICE_TICKS = 2 ** 40;

/** Quantities are positive integers in lots, at most 2^40. */
export const MAX_QTY_LOTS = 2 ** 40;

/**
 * Cash and asset amounts are integers in minor units. Each asset's total supply (all deposits less
 * withdrawals) is capped at 2^52, so no single balance, hold or notional can leave the exact range
 * and the sum of two amounts never does either.
 */
export const MAX_AMOUNT = 2 ** 52;

/**
 * The most one account may hold of an asset after a deposit, in minor units (10,000,000 USD at six
 * decimals, 100,000 BTC at eight). The exchange as a whole holds at most MAX_AMOUNT, which is only
 * 450 times this: one account depositing up to that would leave nothing for anyone else. Holdings
 * may grow past it by trading; only deposits stop there.
 */
export const ACCOUNT_DEPOSIT_CEILING = 10 ** 13;

/** A trailing stop's percentage is above 0 and below 100: 1 to 9,999 basis points. */
export const MAX_TRAIL_BPS = 9_999;

/** Fees are basis points from 0 to 10,000 (100%). */
export const MAX_FEE_BPS = 10_000;

/** Price bands are basis points of the reference price, from 1 to 10,000. */
export const MAX_BAND_BPS = 10_000;

/** Client order ids are 1 to 64 printable ASCII characters. */
export const CLIENT_ORDER_ID = /^[\x21-\x7e]{1,64}$/;

/** Asset codes and symbols. */
export const ASSET_CODE = /^[A-Z0-9]{1,12}$/;
export const SYMBOL = /^[A-Z0-9]{1,12}(?:[-/][A-Z0-9]{1,12})?$/;

/** Account ids are integers from 1 to 2^31 - 1; 0 is the fee account. */
export const FEE_ACCOUNT = 0;

export function isPositiveInt(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= max;
}

/** floor(amount * bps / 10000) computed exactly for amount <= MAX_AMOUNT. */
export function bpsOf(amount: number, bps: number): number {
  const whole = Math.floor(amount / 10_000);
  const rest = amount - whole * 10_000;
  return whole * bps + Math.floor((rest * bps) / 10_000);
}
