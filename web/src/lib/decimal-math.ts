// Exact arithmetic on non-negative and signed decimal strings through scaled BigInts: sums, products, step checks and truncation. No floats.
import { decimalPlaces, isDecimal } from './decimal.ts';

/** A decimal as an integer count of 10^-places. */
interface Scaled {
  readonly units: bigint;
  readonly places: number;
}

function scaled(value: string): Scaled {
  const text = value.trim();
  if (!isDecimal(text)) throw new RangeError(`not a decimal: ${value}`);
  const negative = text.startsWith('-');
  const unsigned = text.replace(/^[+-]/, '');
  const [whole = '0', fraction = ''] = unsigned.split('.');
  const units = BigInt(whole + fraction);
  return { units: negative ? -units : units, places: fraction.length };
}

function rescale(value: Scaled, places: number): bigint {
  return value.units * 10n ** BigInt(places - value.places);
}

/** Renders units of 10^-places as a decimal string with exactly `places` digits after the point. */
export function fromUnits(units: bigint, places: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places);
  return `${negative ? '-' : ''}${whole}${places > 0 ? `.${fraction}` : ''}`;
}

/** a + b, exact, with as many places as the longer operand. */
export function addDecimal(a: string, b: string): string {
  const x = scaled(a);
  const y = scaled(b);
  const places = Math.max(x.places, y.places);
  return fromUnits(rescale(x, places) + rescale(y, places), places);
}

/** a - b, exact. */
export function subtractDecimal(a: string, b: string): string {
  const x = scaled(a);
  const y = scaled(b);
  const places = Math.max(x.places, y.places);
  return fromUnits(rescale(x, places) - rescale(y, places), places);
}

/** a × b, exact (the places add up). */
export function multiplyDecimal(a: string, b: string): string {
  const x = scaled(a);
  const y = scaled(b);
  return fromUnits(x.units * y.units, x.places + y.places);
}

/** Truncates toward zero to `places` digits: ("1.239", 2) -> "1.23", ("-1.239", 2) -> "-1.23". */
export function truncateDecimal(value: string, places: number): string {
  const x = scaled(value);
  if (x.places <= places) return fromUnits(rescale(x, places), places);
  // BigInt division truncates toward zero.
  return fromUnits(x.units / 10n ** BigInt(x.places - places), places);
}

/** floor(value × bps / 10 000) at `places` digits, for fees charged in minor units that round down. */
export function basisPointsOf(value: string, bps: number, places: number): string {
  if (!Number.isInteger(bps)) throw new RangeError(`basis points must be an integer: ${bps}`);
  const x = scaled(value);
  const numerator = rescale(x, Math.max(x.places, places)) * BigInt(bps);
  const units = numerator / 10_000n / 10n ** BigInt(Math.max(x.places, places) - places);
  return fromUnits(units, places);
}

/** value ÷ divisor truncated toward zero to a whole multiple of `step` ("1000" ÷ "190.01" in steps of "1" -> "5"). */
export function divideToStep(value: string, divisor: string, step: string): string {
  const x = scaled(value);
  const d = scaled(divisor);
  const s = scaled(step);
  if (d.units === 0n || s.units === 0n) throw new RangeError('division by zero');
  // value / divisor / step = (x.units · 10^(d.places + s.places)) / (d.units · s.units · 10^x.places)
  const numerator = x.units * 10n ** BigInt(d.places + s.places);
  const denominator = d.units * s.units * 10n ** BigInt(x.places);
  const steps = numerator / denominator;
  return fromUnits(steps * s.units, s.places);
}

/** Whether `value` is a whole multiple of `step` ("190.25" of "0.05": true; "1.5" of "1": false). */
export function isMultipleOf(value: string, step: string): boolean {
  const x = scaled(value);
  const s = scaled(step);
  if (s.units === 0n) return false;
  const places = Math.max(x.places, s.places);
  return rescale(x, places) % rescale(s, places) === 0n;
}

/** Renders `value` at the precision of `step` (a tick or lot size), rounding toward zero: ("190.257", "0.01") -> "190.25". */
export function atStepPrecision(value: string, step: string): string {
  return truncateDecimal(value, decimalPlaces(step));
}
