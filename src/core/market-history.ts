// Historical market data records (bars, trades, top-of-book quotes) with exact decimal-string values, and their checks.
import type { Side } from './orders.ts';

/** The three kinds of historical data Bourse imports, stores and exports. */
export type HistoryKind = 'bars' | 'trades' | 'quotes';
export const HISTORY_KINDS: readonly HistoryKind[] = ['bars', 'trades', 'quotes'];

export function isHistoryKind(value: unknown): value is HistoryKind {
  return value === 'bars' || value === 'trades' || value === 'quotes';
}

/**
 * One OHLCV bar. Prices and volume are canonical decimal strings (see canonicalDecimal), so a value
 * read from a file comes back out digit for digit; times are epoch milliseconds.
 */
export interface HistoryBar {
  readonly openTime: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
}

/** One trade. `seq` orders trades sharing a timestamp (0 for the first); `side` is the taker's, when known. */
export interface HistoryTrade {
  readonly ts: number;
  readonly seq: number;
  readonly price: string;
  readonly qty: string;
  readonly side: Side | null;
}

/** The best bid and ask at `ts`; `seq` orders quotes sharing a timestamp. */
export interface HistoryQuote {
  readonly ts: number;
  readonly seq: number;
  readonly bidPrice: string;
  readonly bidQty: string;
  readonly askPrice: string;
  readonly askQty: string;
}

export interface HistoryRecords {
  readonly bars: HistoryBar;
  readonly trades: HistoryTrade;
  readonly quotes: HistoryQuote;
}

/** Plain non-negative decimals only: no sign, no exponent, at most 20 integer and 18 fraction digits. */
const PLAIN_DECIMAL = /^(\d{1,20})(?:\.(\d{1,18}))?$/;

/**
 * The canonical spelling of a non-negative decimal ("007.50" -> "7.5", "0.000" -> "0"), or undefined
 * when the text is not a plain decimal. Stored values are canonical, so equal values compare equal.
 */
export function canonicalDecimal(text: string): string | undefined {
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) return undefined;
  // Most values are canonical already; skip the rewriting for them.
  if ((text.charCodeAt(0) !== 48 || match[1]!.length === 1) && (match[2] === undefined || !match[2].endsWith('0'))) return text;
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Compares two canonical decimals exactly: negative, zero or positive like a sort comparator. */
export function compareDecimal(a: string, b: string): number {
  const [aWhole = '', aFraction = ''] = a.split('.');
  const [bWhole = '', bFraction = ''] = b.split('.');
  // Canonical wholes have no leading zeros, so a longer whole part is the larger number.
  if (aWhole.length !== bWhole.length) return aWhole.length - bWhole.length;
  if (aWhole !== bWhole) return aWhole < bWhole ? -1 : 1;
  const width = Math.max(aFraction.length, bFraction.length);
  const x = aFraction.padEnd(width, '0');
  const y = bFraction.padEnd(width, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}

export function isZeroDecimal(canonical: string): boolean {
  return canonical === '0';
}

const INTERVAL = /^([1-9]\d{0,5})(s|m|h|d|w)$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Milliseconds in a bar interval such as "1m", "4h" or "1w", or undefined for anything else. */
export function intervalToMs(interval: string): number | undefined {
  const match = INTERVAL.exec(interval);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** Why a bar's prices are inconsistent, or undefined when low <= open, close <= high. */
export function barProblem(bar: Pick<HistoryBar, 'open' | 'high' | 'low' | 'close'>): string | undefined {
  if (compareDecimal(bar.high, bar.low) < 0) return `high ${bar.high} is below low ${bar.low}`;
  for (const field of ['open', 'close'] as const) {
    if (compareDecimal(bar[field], bar.low) < 0) return `${field} ${bar[field]} is below low ${bar.low}`;
    if (compareDecimal(bar[field], bar.high) > 0) return `${field} ${bar[field]} is above high ${bar.high}`;
  }
  return undefined;
}
