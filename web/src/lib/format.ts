// Display formatting of the API's decimal strings and epoch-ms times; exact string arithmetic (decimal.ts), no floats for money.
import { decimalPlaces, groupThousands, signOf, toPlaces, trimZeros } from './decimal.ts';

/** Shown in place of a missing figure; mirrors MISSING_FIGURE in src/core/figures.ts (test/figures-parity.test.ts holds them equal). */
export const MISSING_FIGURE = '—';

export interface NumberFormat {
  /** Fixed places (rounded half away from zero); omitted keeps the value's own digits. */
  readonly places?: number;
  /** Thousands separators; on by default. */
  readonly group?: boolean;
  /** Show "+" on positive values (changes, P&L). */
  readonly signed?: boolean;
}

/** A decimal string for display; null, undefined and "" become a dash. */
export function formatDecimal(value: string | null | undefined, options: NumberFormat = {}): string {
  if (value === null || value === undefined || value === '') return MISSING_FIGURE;
  let text = options.places === undefined ? value : toPlaces(value, options.places);
  if (options.group !== false) text = groupThousands(text);
  if (options.signed && signOf(value) > 0 && !text.startsWith('+')) text = `+${text}`;
  return text;
}

/** A price at the instrument's tick precision: formatPrice("190.5", "0.01") -> "190.50". */
export function formatPrice(value: string | null | undefined, tickSize?: string, options: Omit<NumberFormat, 'places'> = {}): string {
  return formatDecimal(value, { ...options, places: tickSize === undefined ? undefined : decimalPlaces(tickSize) });
}

/**
 * An average price (average cost, average fill): at the tick's places, or at more when the average
 * has them, never rounded: 190.135 on a 0.01 tick reads "190.135", not "190.14", which would
 * overstate a cost. The API gives averages a few places past the tick, already rounded down.
 */
export function formatAverage(value: string | null | undefined, tickSize?: string): string {
  return formatDecimal(value, { places: tickSize === undefined || !value ? undefined : Math.max(decimalPlaces(tickSize), decimalPlaces(value)) });
}

/** A quantity at the instrument's lot precision, trailing zeros trimmed when no lot size is given. */
export function formatQty(value: string | null | undefined, lotSize?: string): string {
  if (value === null || value === undefined || value === '') return MISSING_FIGURE;
  return formatDecimal(lotSize === undefined ? trimZeros(value) : value, { places: lotSize === undefined ? undefined : decimalPlaces(lotSize) });
}

/** An amount of an asset: formatMoney("1234.5", "USD", 2) -> "1,234.50 USD". */
export function formatMoney(value: string | null | undefined, asset?: string, places?: number): string {
  const text = formatDecimal(value, { places });
  return asset && text !== MISSING_FIGURE ? `${text} ${asset}` : text;
}

/**
 * An amount of an asset at all of the asset's decimals, never rounded: "48886.998711" at scale 6
 * stays "48,886.998711" (an available balance never reads as more than it is) and "50000" reads
 * "50,000.000000", so every row of a table has the same digits. Without a scale, the value's own digits.
 */
export function formatAmount(value: string | null | undefined, scale: number | undefined, signed = false): string {
  if (value === null || value === undefined || value === '') return MISSING_FIGURE;
  return formatDecimal(value, { places: scale === undefined ? undefined : Math.max(scale, decimalPlaces(value)), signed });
}

/** An input's placeholder that reads as an example, not a filled-in value: "190.12" -> "e.g. 190.12"; nothing to show stays undefined. */
export function examplePlaceholder(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' || value === MISSING_FIGURE ? undefined : `e.g. ${value}`;
}

/** A percent that is already in percent units ("0.85" -> "+0.85%"). */
export function formatPercent(value: string | null | undefined, places = 2): string {
  if (value === null || value === undefined || value === '') return MISSING_FIGURE;
  return `${formatDecimal(value, { places, signed: true, group: false })}%`;
}

/**
 * A float as decimal text at `places` digits; a value that rounds to zero has no sign ("0.00", never "-0.00").
 * Mirrors fixedFigure in src/core/figures.ts (the dashboard does not import src; test/figures-parity.test.ts holds them equal).
 */
export function fixedFigure(value: number, places: number): string {
  const text = value.toFixed(places);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * An axis label of a drawdown curve: the curve is drawn below zero, the label is the positive
 * percentage a drawdown is everywhere (-5 -> "5.00%"). Above zero there is no drawdown, so the
 * scale's margin over the zero line gets no label rather than a negative one.
 */
export function drawdownAxisLabel(percentBelowZero: number): string {
  if (fixedFigure(percentBelowZero, 2) !== '0.00' && percentBelowZero > 0) return '';
  return `${fixedFigure(-percentBelowZero, 2)}%`;
}

/** Large volumes in short form ("1.2M"); for display only, so a float is fine here. */
export function formatCompact(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return MISSING_FIGURE;
  return new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 2 }).format(Number(value));
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** The latest time a Date holds; Intl throws on a later one, so such a time is shown as its number. */
const LATEST_TIME_MS = 8.64e15;

function formatMs(format: Intl.DateTimeFormat, ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return MISSING_FIGURE;
  return Math.abs(ms) <= LATEST_TIME_MS ? format.format(ms) : `${ms} ms`;
}

/** HH:MM:SS in local time. */
export function formatTime(ms: number | null | undefined): string {
  return formatMs(timeFormat, ms);
}

/** Day and minute in local time, no year or seconds, for a narrow column: an order's expiry. */
export function formatDayTime(ms: number | null | undefined): string {
  return formatMs(dayTimeFormat, ms);
}

/** Date and time in local time. */
export function formatDateTime(ms: number | null | undefined): string {
  return formatMs(dateTimeFormat, ms);
}

/**
 * A short duration, rounded down: 850 -> "0.8 s", 12_300 -> "12 s", 190_000 -> "3 min", 7_200_000 -> "2 h", 3 days -> "3 d"; negative counts as 0.
 * Mirrors formatDuration in src/core/figures.ts, which the CLI and the HTML report use (the dashboard does not import src; test/figures-parity.test.ts holds them equal).
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return MISSING_FIGURE;
  const value = Math.max(0, ms);
  if (value < 10_000) return `${(Math.floor(value / 100) / 10).toFixed(1)} s`;
  if (value < 120_000) return `${Math.floor(value / 1_000)} s`;
  if (value < 7_200_000) return `${Math.floor(value / 60_000)} min`;
  if (value < 172_800_000) return `${Math.floor(value / 3_600_000)} h`;
  return `${Math.floor(value / 86_400_000)} d`;
}

/** Tailwind text colour for a signed value: green up, red down, muted flat. */
export function trendClass(value: string | null | undefined): string {
  const sign = signOf(value);
  return sign > 0 ? 'text-up' : sign < 0 ? 'text-down' : 'text-muted';
}

/** Tailwind text colour for a side. */
export function sideClass(side: 'buy' | 'sell'): string {
  return side === 'buy' ? 'text-up' : 'text-down';
}
