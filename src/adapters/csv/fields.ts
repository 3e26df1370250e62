// Field values of historical data files: timestamps (epoch s/ms/us/ns or ISO 8601), exact decimals and trade sides.
import { canonicalDecimal } from '../../core/market-history.ts';
import type { Side } from '../../core/orders.ts';

/** How numeric timestamps are read; 'auto' decides by magnitude (see parseTime). */
export type TimeUnit = 'auto' | 's' | 'ms' | 'us' | 'ns';
export const TIME_UNITS: readonly TimeUnit[] = ['auto', 's', 'ms', 'us', 'ns'];

/** A value, or why the text is not one. */
export type Field<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const ok = <T>(value: T): Field<T> => ({ ok: true, value });
const bad = (reason: string): Field<never> => ({ ok: false, reason });

/** Digits each unit has below the second. */
const UNIT_DIGITS = { s: 0, ms: 3, us: 6, ns: 9 } as const;

const EPOCH = /^(\d{1,22})(?:\.(\d{1,9}))?$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Epoch milliseconds from a timestamp. Numbers in 'auto' mode: below 1e11 are seconds (1e11 s is
 * the year 5138), below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds. ISO 8601
 * without a zone is UTC. Digits below the millisecond are dropped, as storage keeps milliseconds.
 */
export function parseTime(text: string, unit: TimeUnit = 'auto'): Field<number> {
  const epoch = EPOCH.exec(text);
  if (epoch) return epochMs(epoch[1]!, epoch[2] ?? '', unit, text);
  const iso = ISO.exec(text);
  if (iso) return isoMs(iso, text);
  return bad(`time ${quoteIfOdd(text)} is not an epoch time or ISO 8601`);
}

function epochMs(whole: string, fraction: string, unit: TimeUnit, text: string): Field<number> {
  const magnitude = Number(whole);
  const chosen = unit !== 'auto' ? unit : magnitude < 1e11 ? 's' : magnitude < 1e14 ? 'ms' : magnitude < 1e17 ? 'us' : 'ns';
  // Shift the decimal point to milliseconds exactly, then drop what lies below them.
  const shift = 3 - UNIT_DIGITS[chosen];
  const digits = whole + fraction;
  const point = whole.length + shift;
  const msText = point <= 0 ? '0' : digits.padEnd(point, '0').slice(0, point);
  const ms = Number(msText);
  if (!Number.isSafeInteger(ms)) return bad(`time ${text} is out of range`);
  return ok(ms);
}

function isoMs(match: RegExpExecArray, text: string): Field<number> {
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return bad(`time ${text} is not a valid date and time`);
  let ms = Date.UTC(year, month - 1, day, hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
  // Date.UTC maps years 0-99 to 1900-1999; no market data is that old, and none is before 1970.
  if (year < 1970) return bad(`time ${text} is before 1970`);
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    if (offset > 18 * 60) return bad(`time ${text} has an impossible zone offset`);
    ms -= sign * offset * 60_000;
  }
  return ms < 0 ? bad(`time ${text} is before 1970`) : ok(ms);
}

/** A canonical decimal; `positive` refuses zero (prices), otherwise zero is fine (sizes, volume). */
export function parseDecimal(name: string, text: string, positive: boolean): Field<string> {
  const value = canonicalDecimal(text.trim());
  if (value === undefined) return bad(`${name} ${quoteIfOdd(text)} ${tooLong(text.trim()) ?? 'is not a plain non-negative decimal'}`);
  if (positive && value === '0') return bad(`${name} must be above 0`);
  return ok(value);
}

/** Why a well-formed decimal is still refused: more digits than a record keeps (20 before the point, 18 after). */
function tooLong(text: string): string | undefined {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, whole = '', fraction = ''] = match;
  if (whole.length > 20) return `has ${whole.length} digits before the point; at most 20 are read`;
  if (fraction.length > 18) return `has ${fraction.length} decimal places; at most 18 are read`;
  return undefined;
}

const BUY = new Set(['buy', 'b', 'bid', 'long']);
const SELL = new Set(['sell', 's', 'ask', 'offer', 'short']);

/** The taker's side: buy/b/bid or sell/s/ask/offer in any case; an empty value is unknown (null). */
export function parseSide(text: string): Field<Side | null> {
  const value = text.trim().toLowerCase();
  if (value === '') return ok(null);
  if (BUY.has(value)) return ok('buy');
  if (SELL.has(value)) return ok('sell');
  return bad(`side ${quoteIfOdd(text)} is not buy or sell`);
}

/** The taker's side from a buyer-is-maker flag (true means the seller took). */
export function sideFromBuyerMaker(text: string): Field<Side | null> {
  const value = text.trim().toLowerCase();
  if (value === '') return ok(null);
  if (value === 'true' || value === '1') return ok('sell');
  if (value === 'false' || value === '0') return ok('buy');
  return bad(`is_buyer_maker ${quoteIfOdd(text)} is not true or false`);
}

/** Values go into messages verbatim when short and plain, quoted and cut otherwise. */
function quoteIfOdd(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return /^[\w.:+-]+$/.test(short) ? short : JSON.stringify(short);
}
