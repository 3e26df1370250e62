// Strategy numbers to the decimal strings the venue accepts: prices onto the tick grid, quantities onto the lot grid.
//
// Rounding always errs on the side the strategy would want: a buy limit never pays more than asked
// (rounded down), a sell limit never receives less (rounded up), stops go to the nearest tick, and
// quantities round down so an order never exceeds the size asked for. A decimal string is taken as
// the author's exact intent and sent unchanged; the venue refuses it if it is off the grid.
import type { Side } from '../core/orders.ts';
import { numberToScaled, parseDecimal, smallSteps, stepsOf, stepsToText, textToSmall, type Rounding, type Scaled, type SmallDecimal } from './exact.ts';
import type { PortInstrument } from './ports.ts';
import type { Failure, Numeric } from './types.ts';
import { UnitText } from './unit-text.ts';

/** Either the decimal text for the port or the reason it cannot be sent. */
export type Converted = { readonly ok: true; readonly text: string } | Failure;

const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/;
const PERCENT_STEP: Scaled = { digits: 1n, scale: 2 };

function fail(code: string, message: string): Failure {
  return { ok: false, code, message };
}

function step(text: string): Scaled {
  const parsed = parseDecimal(text);
  // The venue lists instruments with positive decimal sizes; anything else is a broken port.
  if (!parsed || parsed.digits <= 0n) throw new Error(`instrument step ${JSON.stringify(text)} is not a positive decimal`);
  return parsed;
}

/** A plain positive grid step as a small decimal, with the cached text of its multiples. */
interface FastGrid {
  readonly step: SmallDecimal;
  readonly text: UnitText;
}

/** Grids seen, by their text (an instrument's tick and lot sizes: a handful); null for one the fast path does not take. */
const grids = new Map<string, FastGrid | null>();

function fastGrid(grid: string): FastGrid | null {
  let fast = grids.get(grid);
  if (fast === undefined) {
    if (grids.size >= 1024) grids.clear();
    const step = textToSmall(grid);
    grids.set(grid, (fast = step && step.digits > 0 ? { step, text: new UnitText(grid) } : null));
  }
  return fast;
}

/**
 * The common case in doubles: a number of at most 15 digits on a plain grid. Every step is exact
 * (safe integers only), and the text is the grid's own formatting of the step count, which is the
 * text stepsToText makes; undefined sends the value the exact way.
 */
function onGridFast(value: number, grid: string, mode: Rounding): string | undefined {
  const fast = fastGrid(grid);
  if (!fast) return undefined;
  const scaled = textToSmall(String(value));
  if (!scaled || scaled.digits <= 0) return undefined;
  const steps = smallSteps(scaled, fast.step, mode);
  return steps > 0 ? fast.text.text(steps) : undefined;
}

function onGrid(value: Numeric, grid: string, mode: Rounding, code: string, what: string): Converted {
  if (typeof value === 'number') {
    const text = onGridFast(value, grid, mode);
    if (text !== undefined) return { ok: true, text };
  }
  if (typeof value === 'string') {
    const text = value.trim();
    return PLAIN_DECIMAL.test(text) ? { ok: true, text } : fail(code, `${what} ${JSON.stringify(value)} is not a plain positive decimal such as "${grid}"`);
  }
  const scaled = numberToScaled(value);
  if (!scaled || scaled.digits <= 0n) return fail(code, `${what} must be a positive finite number, got ${value}`);
  const unit = step(grid);
  const steps = stepsOf(scaled, unit, mode);
  if (steps <= 0n) return fail(code, `${what} ${value} rounds ${mode} to zero on a grid of ${grid}`);
  return { ok: true, text: stepsToText(steps, unit) };
}

/** A limit price: buys round down, sells round up. */
export function limitPrice(instrument: PortInstrument, side: Side, value: Numeric): Converted {
  return onGrid(value, instrument.tickSize, side === 'buy' ? 'down' : 'up', 'INVALID_PRICE', 'price');
}

/** A stop (trigger) price: to the nearest tick, halves up. */
export function stopPrice(instrument: PortInstrument, value: Numeric): Converted {
  return onGrid(value, instrument.tickSize, 'nearest', 'INVALID_STOP_PRICE', 'stopPrice');
}

/** A trailing distance in price units: to the nearest tick. */
export function trailAmount(instrument: PortInstrument, value: Numeric): Converted {
  return onGrid(value, instrument.tickSize, 'nearest', 'INVALID_TRAIL', 'trailAmount');
}

/** A trailing distance in percent: to the nearest basis point (0.01%). */
export function trailPercent(value: Numeric): Converted {
  if (typeof value === 'string') return onGrid(value, '0.01', 'nearest', 'INVALID_TRAIL', 'trailPercent');
  const scaled = numberToScaled(value);
  if (!scaled || scaled.digits <= 0n) return fail('INVALID_TRAIL', `trailPercent must be a positive finite number, got ${value}`);
  const steps = stepsOf(scaled, PERCENT_STEP, 'nearest');
  return steps > 0n ? { ok: true, text: stepsToText(steps, PERCENT_STEP) } : fail('INVALID_TRAIL', `trailPercent ${value} rounds to zero basis points`);
}

/** A quantity: rounded down to whole lots, so an order is never larger than asked. */
export function quantity(instrument: PortInstrument, value: Numeric): Converted {
  return onGrid(value, instrument.lotSize, 'down', 'INVALID_QUANTITY', 'qty');
}
