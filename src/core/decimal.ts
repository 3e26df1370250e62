// Exact conversion between decimal strings at the edges and scaled integers inside.
import { MAX_SAFE } from './limits.ts';

const DECIMAL = /^(\d{1,20})(?:\.(\d{1,18}))?$/;

/** Number of decimal places in a canonical positive decimal string such as "0.01" (2) or "5" (0). */
export function decimalPlaces(text: string): number {
  const match = DECIMAL.exec(text);
  if (!match) return -1;
  return (match[2] ?? '').replace(/0+$/, '').length;
}

/**
 * A double computed from exact decimals (sums and products of prices, sizes and cash) at the places
 * it is exact to: rounding there drops only the binary noise (9999.198589000001 -> 9999.198589).
 * -0 reads as 0.
 */
export function atPlaces(value: number, places: number): number {
  return Number(value.toFixed(Math.min(places, 20))) + 0;
}

/**
 * Parses a non-negative decimal string into an integer count of `unit`-sized steps, where `unit` is
 * itself a decimal string. Returns undefined when the text is malformed, is not a whole multiple
 * of the unit, or does not fit in a safe integer. Nothing is ever rounded.
 */
export function toUnits(text: string, unit: string): number | undefined {
  const fast = toUnitsFast(text, unit);
  if (fast !== SLOW) return fast;
  const value = parseScaled(text);
  const step = parseScaled(unit);
  if (!value || !step || step.digits === 0n) return undefined;
  const scale = Math.max(value.scale, step.scale);
  const a = value.digits * 10n ** BigInt(scale - value.scale);
  const b = step.digits * 10n ** BigInt(scale - step.scale);
  if (a % b !== 0n) return undefined;
  const units = a / b;
  return units > BigInt(MAX_SAFE) ? undefined : Number(units);
}

/** Formats `units` steps of `unit` as a canonical decimal string, e.g. (12345, "0.01") -> "123.45". */
export function fromUnits(units: number, unit: string): string {
  const step = unitDecimal(unit);
  if (step !== undefined && step !== SLOW) {
    const digits = Math.abs(units) * step.digits;
    // Exact below 2^53, where a double still holds every integer: no BigInt needed.
    if (Number.isSafeInteger(digits)) return (units < 0 ? '-' : '') + formatDigits(String(digits), step.scale);
  }
  const parsed = parseScaled(unit);
  if (!parsed) throw new Error(`invalid unit ${unit}`);
  const negative = units < 0;
  const digits = BigInt(Math.abs(units)) * parsed.digits;
  return (negative ? '-' : '') + formatDigits(digits.toString(), parsed.scale);
}

/**
 * The common case in plain doubles: a decimal with at most 15 significant digits, both scaled to
 * the finer scale, stays an exact integer below 2^53, so the remainder and quotient are exact too.
 * SLOW means "use the BigInt path", which gives the same answers for everything else.
 */
function toUnitsFast(text: string, unit: string): number | undefined | typeof SLOW {
  const step = unitDecimal(unit);
  const value = smallDecimal(text);
  if (step === SLOW || value === SLOW) return SLOW;
  if (step === undefined || value === undefined || step.digits === 0) return undefined;
  const scale = Math.max(value.scale, step.scale);
  const a = value.digits * POWERS[scale - value.scale]!;
  const b = step.digits * POWERS[scale - step.scale]!;
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return SLOW;
  if (a % b !== 0) return undefined;
  const units = a / b;
  return units > MAX_SAFE ? undefined : units;
}

const SLOW = Symbol('slow');
const POWERS = Array.from({ length: 19 }, (_, i) => 10 ** i);
/** Digits that always fit a double exactly (10^15 < 2^53). */
const FAST_DIGITS = 15;

type Small = { readonly digits: number; readonly scale: number } | undefined | typeof SLOW;

/** Units are few (tick sizes, lot sizes, minor units): each is read once; bounded all the same. */
const units = new Map<string, Small>();

function unitDecimal(unit: string): Small {
  if (units.has(unit)) return units.get(unit);
  if (units.size >= 1024) units.clear();
  const read = smallDecimal(unit);
  units.set(unit, read);
  return read;
}

/**
 * What DECIMAL accepts, as a double of its digits and a scale, read without a regex or BigInt;
 * undefined when DECIMAL rejects the text, SLOW when it has more significant digits than a double
 * holds exactly.
 */
function smallDecimal(text: string): Small {
  const n = text.length;
  let digits = 0;
  let significant = 0;
  let whole = 0;
  let scale = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (scale >= 0 || whole === 0) return undefined;
      scale = 0;
      continue;
    }
    if (c < 48 || c > 57) return undefined;
    if (scale >= 0) scale++;
    else whole++;
    if (digits > 0 || c !== 48) significant++;
    digits = digits * 10 + (c - 48);
  }
  if (whole === 0 || whole > 20 || scale === 0 || scale > 18) return undefined;
  if (significant > FAST_DIGITS) return SLOW;
  return { digits, scale: scale < 0 ? 0 : scale };
}

/** Parses a decimal string into digits and a power-of-ten scale: "1.50" -> {digits: 150n, scale: 2}. */
export function parseScaled(text: string): { digits: bigint; scale: number } | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  return { digits: BigInt((match[1] ?? '0') + fraction), scale: fraction.length };
}

/** `digits` (a non-negative integer's decimal text) divided by 10^scale, trailing zeros trimmed. */
function formatDigits(digits: string, scale: number): string {
  if (scale === 0) return digits;
  const text = digits.padStart(scale + 1, '0');
  const whole = text.slice(0, text.length - scale);
  const fraction = text.slice(text.length - scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Returns unit * 10^scale when it is a positive safe integer: ("0.01", 2) -> 1, ("0.001", 2) -> undefined. */
export function unitsPerStep(unit: string, scale: number): number | undefined {
  const step = parseScaled(unit);
  if (!step) return undefined;
  const shift = scale - step.scale;
  let value: bigint;
  if (shift >= 0) {
    value = step.digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    if (step.digits % divisor !== 0n) return undefined;
    value = step.digits / divisor;
  }
  return value > 0n && value <= BigInt(MAX_SAFE) ? Number(value) : undefined;
}
