// The platform's edge arithmetic: decimal strings (or plain numbers) in requests to engine units and back.
import { fromUnits, toUnits } from '../core/decimal.ts';
import type { AssetSpec, Instrument } from '../core/instrument.ts';
import { MAX_AMOUNT, MAX_PRICE_TICKS, MAX_QTY_LOTS, MAX_TRAIL_BPS } from '../core/limits.ts';
import type { ReasonCode } from '../core/reasons.ts';

/** A decimal as clients send it: "12.5" is preferred; 12.5 is accepted for compatible APIs. */
export type DecimalInput = string | number;

/** A value the edge could not turn into engine units, with the reason code the API reports. */
export interface UnitProblem {
  readonly problem: ReasonCode;
  readonly message: string;
}

/**
 * A decimal as the API reads it from text: digits with an optional fraction, and a leading "-" only
 * so that a negative value is told it is one. No spaces, no "+", no exponent, and no
 * redundant leading zero ("05", "00.5"; "0.5" is fine), so each value has one spelling.
 */
const PLAIN_DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

export function isProblem(value: unknown): value is UnitProblem {
  return typeof value === 'object' && value !== null && 'problem' in value;
}

/**
 * The value as plain decimal text, or undefined when it is not one. A string must already be plain
 * (PLAIN_DECIMAL); a number becomes the shortest decimal text that reads back as the same double (a
 * huge one, which prints with an exponent, its exact integer), and a fraction in exponent form
 * (1e-7) is refused rather than rounded. Every decimal field of a request is read through here.
 */
export function plainDecimalText(value: DecimalInput): string | undefined {
  const text = typeof value === 'string' ? value : numberText(value);
  return text !== undefined && PLAIN_DECIMAL.test(text) ? text : undefined;
}

/** Whether plain decimal text (from plainDecimalText) is above zero: no "-" and some digit other than 0. */
export function isPositiveDecimal(text: string): boolean {
  return !text.startsWith('-') && /[1-9]/.test(text);
}

function numberText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return Number.isInteger(value) ? BigInt(value).toString() : undefined;
}

/** How a decimal field is read into whole steps of its unit, and what its messages call it. */
export interface DecimalSteps {
  readonly unit: string;
  /** The most steps the field takes. */
  readonly max: number;
  readonly code: ReasonCode;
  /** The field's name, as its messages open. */
  readonly what: string;
  /** A value the "not a plain decimal" message shows; the unit unless given (a minor unit such as "0.000001" is no amount anyone sends). */
  readonly example?: string;
  /** The message for a value above max; "<what> is too large: at most <max>" unless given. */
  readonly tooLarge?: string;
  /** Zero is a value of its own (a risk limit of 0), so only a negative value is refused. */
  readonly zeroAllowed?: boolean;
}

/**
 * Exactly one message per way a value can be wrong, checked in this order: not a plain decimal, not above
 * zero (or, where zero is allowed, negative), too large, not on the unit's grid.
 */
export function decimalSteps(value: DecimalInput, field: DecimalSteps): number | UnitProblem {
  const { unit, max, code, what } = field;
  const text = plainDecimalText(value);
  if (text === undefined) return { problem: code, message: `${what} must be a plain decimal string such as "${field.example ?? unit}" (digits, no spaces, exponent or leading zeros)` };
  if (field.zeroAllowed === true) {
    if (text.startsWith('-')) return { problem: code, message: `${what} must not be negative (0 or more)` };
  } else if (!isPositiveDecimal(text)) return { problem: code, message: `${what} must be positive (more than 0)` };
  const units = toUnits(text, unit);
  // toUnits also refuses values past the exact integer range, so a well-formed value above the limit is "too large", not "not a multiple".
  if (units === undefined ? Number(text) > max * Number(unit) : units > max) return { problem: code, message: field.tooLarge ?? `${what} is too large: at most ${fromUnits(max, unit)}` };
  if (units === undefined) return { problem: code, message: `${what} must be a multiple of ${unit}` };
  return units;
}

export function priceTicks(instrument: Instrument, value: DecimalInput, what = 'price'): number | UnitProblem {
  return decimalSteps(value, { unit: instrument.spec.tickSize, max: MAX_PRICE_TICKS, code: what === 'price' ? 'INVALID_PRICE' : 'INVALID_STOP_PRICE', what });
}

export function qtyLots(instrument: Instrument, value: DecimalInput, what = 'qty'): number | UnitProblem {
  return decimalSteps(value, { unit: instrument.spec.lotSize, max: MAX_QTY_LOTS, code: 'INVALID_QUANTITY', what });
}

/** One minor unit of an asset as a decimal string: scale 2 gives "0.01". */
/** The amount the messages of money fields show as an example: a sum someone would send, in any asset's scale. */
export const EXAMPLE_AMOUNT = '1000';

export function minorUnit(asset: AssetSpec): string {
  return asset.scale === 0 ? '1' : `0.${'0'.repeat(asset.scale - 1)}1`;
}

export function assetAmount(asset: AssetSpec, value: DecimalInput): number | UnitProblem {
  return decimalSteps(value, { unit: minorUnit(asset), max: MAX_AMOUNT, code: 'INVALID_AMOUNT', what: 'amount', example: EXAMPLE_AMOUNT });
}

export function formatPrice(instrument: Instrument, ticks: number): string {
  return fromUnits(ticks, instrument.spec.tickSize);
}

export function formatQty(instrument: Instrument, lots: number): string {
  return fromUnits(lots, instrument.spec.lotSize);
}

export function formatAmount(asset: AssetSpec, units: number): string {
  return fromUnits(units, minorUnit(asset));
}

/** Quote minor units of `ticks * lots` notional, as the quote currency's decimal string. */
export function formatNotional(instrument: Instrument, quote: AssetSpec, ticksTimesLots: number): string {
  return formatAmount(quote, ticksTimesLots * instrument.notionalPerTickLot);
}

/** Basis points as a percentage decimal string ("1.25" for 125 bps) and back. */
export function bpsFromPercent(value: DecimalInput): number | UnitProblem {
  return decimalSteps(value, { unit: '0.01', max: MAX_TRAIL_BPS, code: 'INVALID_TRAIL', what: 'trailPercent', tooLarge: `trailPercent must be above 0 and below 100 (0.01 to ${fromUnits(MAX_TRAIL_BPS, '0.01')})` });
}
