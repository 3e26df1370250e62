// Exact decimal arithmetic for the SDK: decimal text and JS numbers to scaled bigints, rounding to a grid, a fixed-point ledger type.
//
// Two representations live here:
// - `Scaled` (digits / 10^scale, any scale) for turning a strategy's numbers into order prices and
//   quantities on an instrument's grid without ever printing a float;
// - `Fixed` (a bigint at FIXED_SCALE decimal places) for the position and cash ledger, where sums of
//   many small fills must not drift.

import { divideRounded, type Rounding } from '../core/rounding.ts';

export { divideRounded, type Rounding };

/** value = digits / 10^scale; digits may be negative, scale is never negative. */
export interface Scaled {
  readonly digits: bigint;
  readonly scale: number;
}

const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses "12.5", "-0.003", "1e-7" or "1.5E+3" exactly; undefined for anything else. */
export function parseDecimal(text: string): Scaled | undefined {
  const match = DECIMAL_TEXT.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '0', fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return undefined;
  let digits = BigInt(whole + fraction);
  let scale = fraction.length - exponent;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits: sign === '-' ? -digits : digits, scale };
}

/**
 * The decimal a JS number stands for. We take the shortest text that reads back as the same double
 * (what `String(x)` prints), so 100.05 means 100.05 and not 100.04999999999999715782905696.
 * That is the value the strategy author wrote or meant; everything after this step is exact.
 */
export function numberToScaled(value: number): Scaled | undefined {
  return Number.isFinite(value) ? parseDecimal(String(value)) : undefined;
}

/** Canonical text: no exponent, no trailing fractional zeros, "-" only for negative values. */
export function formatScaled(value: Scaled): string {
  const negative = value.digits < 0n;
  const text = (negative ? -value.digits : value.digits).toString();
  if (value.scale === 0) return (negative ? '-' : '') + text;
  const padded = text.padStart(value.scale + 1, '0');
  const whole = padded.slice(0, padded.length - value.scale);
  const fraction = padded.slice(padded.length - value.scale).replace(/0+$/, '');
  const body = fraction ? `${whole}.${fraction}` : whole;
  return negative && body !== '0' ? `-${body}` : body;
}

function alignTo(value: Scaled, scale: number): bigint {
  return value.digits * 10n ** BigInt(scale - value.scale);
}

/** How many whole `step`s fit in `value`, rounded as asked. `step` must be positive. */
export function stepsOf(value: Scaled, step: Scaled, mode: Rounding): bigint {
  const scale = Math.max(value.scale, step.scale);
  return divideRounded(alignTo(value, scale), alignTo(step, scale), mode);
}

/** Sign of a - b for two decimal texts; malformed text throws (it can only come from a broken port). */
export function compareDecimals(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!x || !y) throw new Error(`not decimals: ${JSON.stringify(a)}, ${JSON.stringify(b)}`);
  const scale = Math.max(x.scale, y.scale);
  const difference = alignTo(x, scale) - alignTo(y, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** `steps` times `step`, as canonical decimal text. */
export function stepsToText(steps: bigint, step: Scaled): string {
  return formatScaled({ digits: steps * step.digits, scale: step.scale });
}

// ---- Fixed: the ledger's number type ----------------------------------------------------------

/**
 * Decimal places of a Fixed. Instruments keep tickSize x lotSize within their quote currency's
 * scale (at most 18, see core/decimal.ts), so price x qty products are exact at this scale.
 */
export const FIXED_SCALE = 18;
const ONE = 10n ** BigInt(FIXED_SCALE);

/** A value in units of 10^-FIXED_SCALE. */
export type Fixed = bigint;

/** Decimal text to Fixed; digits beyond FIXED_SCALE are rounded to nearest. Throws on malformed text (a broken port). */
export function toFixed(text: string): Fixed {
  // Canonical text (what venues send) needs no pattern and no power built on the way.
  const small = textToSmall(text);
  if (small) return BigInt(small.digits) * POWERS[FIXED_SCALE - small.scale]!.big;
  const value = parseDecimal(text);
  if (!value) throw new Error(`not a decimal: ${JSON.stringify(text)}`);
  if (value.scale <= FIXED_SCALE) return alignTo(value, FIXED_SCALE);
  return divideRounded(value.digits, 10n ** BigInt(value.scale - FIXED_SCALE), 'nearest');
}

/** a x b, exact whenever the true product has at most FIXED_SCALE decimals (price x qty always does). */
export function mulFixed(a: Fixed, b: Fixed): Fixed {
  return divideRounded(a * b, ONE, 'nearest');
}

/** a x b / c, rounded to nearest; c must not be zero. */
export function mulDivFixed(a: Fixed, b: Fixed, c: Fixed): Fixed {
  const negative = c < 0n;
  return divideRounded(negative ? -(a * b) : a * b, negative ? -c : c, 'nearest');
}

/** a / b as a Fixed, rounded to nearest; b must not be zero. */
export function divFixed(a: Fixed, b: Fixed): Fixed {
  return mulDivFixed(a, ONE, b);
}

export function formatFixed(value: Fixed): string {
  return formatScaled({ digits: value, scale: FIXED_SCALE });
}

const POWERS = Array.from({ length: FIXED_SCALE + 1 }, (_, k) => ({ big: 10n ** BigInt(k), number: 10 ** k }));
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** For display to strategies only: the nearest double to the exact value. */
export function fixedToNumber(value: Fixed): number {
  // Money and sizes carry few decimals, so a Fixed usually ends in many zeros. Without them the
  // digits and the power of ten are both exact doubles, and one division (correctly rounded by
  // IEEE 754) gives the nearest double with no text in between.
  // Values with more than six decimals (average prices) are rare enough to go through the text.
  for (let k = FIXED_SCALE; k >= FIXED_SCALE - 6; k -= 2) {
    const power = POWERS[k]!;
    if (value % power.big !== 0n) continue;
    const digits = value / power.big;
    if (digits <= MAX_EXACT && digits >= -MAX_EXACT) return Number(digits) / POWERS[FIXED_SCALE - k]!.number;
    break;
  }
  return Number(formatFixed(value));
}

// ---- Small decimals: exact figures in doubles where they fit -----------------------------------

/**
 * value = digits / 10^scale with `digits` a safe integer and `scale` at most FIXED_SCALE: every
 * such value is exact in a double's integer range, so sums and products of them that stay in that
 * range are exact too, and one division by 10^scale gives the nearest double, as fixedToNumber does.
 */
export interface SmallDecimal {
  readonly digits: number;
  readonly scale: number;
}

/** 10^k as exact doubles, k = 0..FIXED_SCALE. */
const EXACT_POWERS = Array.from({ length: FIXED_SCALE + 1 }, (_, k) => 10 ** k);

/** A Fixed as a small decimal at its smallest scale; undefined when its digits are beyond a safe integer. */
export function fixedToSmall(value: Fixed): SmallDecimal | undefined {
  for (let scale = 0; scale <= FIXED_SCALE; scale++) {
    const power = POWERS[FIXED_SCALE - scale]!.big;
    if (value % power !== 0n) continue;
    const digits = value / power;
    return digits <= MAX_EXACT && digits >= -MAX_EXACT ? { digits: Number(digits), scale } : undefined;
  }
  return undefined;
}

/** Canonical decimal text ("-12.5", "100") of at most 15 digits as a small decimal; undefined for anything else. */
export function textToSmall(text: string): SmallDecimal | undefined {
  const length = text.length;
  let at = text.charCodeAt(0) === 45 ? 1 : 0;
  if (at === length) return undefined;
  let digits = 0;
  let scale = 0;
  let dot = -1;
  for (let count = 0; at < length; at++) {
    const code = text.charCodeAt(at);
    if (code === 46 && dot < 0 && count > 0) {
      dot = at;
      continue;
    }
    if (code < 48 || code > 57 || ++count > 15) return undefined;
    digits = digits * 10 + (code - 48);
    if (dot >= 0) scale++;
  }
  if (dot === length - 1) return undefined;
  return { digits: text.charCodeAt(0) === 45 && digits !== 0 ? -digits : digits, scale };
}

/** a x b as the nearest double, the same one fixedToNumber(mulFixed) gives; NaN when that cannot be had exactly in doubles. */
export function smallProduct(a: SmallDecimal, b: SmallDecimal): number {
  const scale = a.scale + b.scale;
  const digits = a.digits * b.digits;
  if (scale > FIXED_SCALE || !Number.isSafeInteger(digits)) return NaN;
  // Zero is +0, as fixedToNumber gives it, whatever the signs.
  return digits === 0 ? 0 : digits / EXACT_POWERS[scale]!;
}

/** a x b - c as the nearest double, the same one fixedToNumber(mulFixed(a, b) - c) gives; NaN when that cannot be had exactly in doubles. */
export function smallProductMinus(a: SmallDecimal, b: SmallDecimal, c: SmallDecimal): number {
  const productScale = a.scale + b.scale;
  if (productScale > FIXED_SCALE) return NaN;
  const scale = productScale > c.scale ? productScale : c.scale;
  // A computed integer past the safe range may have been rounded; inside it, every step was exact.
  const product = a.digits * b.digits;
  if (!Number.isSafeInteger(product)) return NaN;
  const left = product * EXACT_POWERS[scale - productScale]!;
  const right = c.digits * EXACT_POWERS[scale - c.scale]!;
  const digits = left - right;
  if (!Number.isSafeInteger(left) || !Number.isSafeInteger(right) || !Number.isSafeInteger(digits)) return NaN;
  return digits === 0 ? 0 : digits / EXACT_POWERS[scale]!;
}

/**
 * How many whole `step`s fit in `value` (both positive small decimals), rounded as stepsOf rounds;
 * NaN when that cannot be had exactly in doubles.
 */
export function smallSteps(value: SmallDecimal, step: SmallDecimal, mode: Rounding): number {
  const scale = value.scale > step.scale ? value.scale : step.scale;
  const a = value.digits * EXACT_POWERS[scale - value.scale]!;
  const b = step.digits * EXACT_POWERS[scale - step.scale]!;
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < 0 || b <= 0) return NaN;
  // Remainder and quotient of safe integers are exact; the quotient's rounding is decided on them.
  const rest = a % b;
  const floor = (a - rest) / b;
  if (rest === 0 || mode === 'down') return floor;
  if (mode === 'up') return floor + 1;
  return 2 * rest >= b ? floor + 1 : floor;
}
