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
 * Parses a non-negative decimal string into an integer count of `unit`-sized steps, where `unit` is
 * itself a decimal string. Returns undefined when the text is malformed, is not a whole multiple
 * of the unit, or does not fit in a safe integer. Nothing is ever rounded.
 */
export function toUnits(text: string, unit: string): number | undefined {
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
  const step = parseScaled(unit);
  if (!step) throw new Error(`invalid unit ${unit}`);
  const negative = units < 0;
  const digits = BigInt(Math.abs(units)) * step.digits;
  return (negative ? '-' : '') + formatScaled(digits, step.scale);
}

/** Parses a decimal string into digits and a power-of-ten scale: "1.50" -> {digits: 150n, scale: 2}. */
export function parseScaled(text: string): { digits: bigint; scale: number } | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  return { digits: BigInt((match[1] ?? '0') + fraction), scale: fraction.length };
}

function formatScaled(digits: bigint, scale: number): string {
  if (scale === 0) return digits.toString();
  const text = digits.toString().padStart(scale + 1, '0');
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
