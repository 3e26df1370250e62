// Wall-clock time in an IANA time zone, through Intl: a zone's local date at an instant, and the instant of a local date and time.

/** A calendar date: year, month 1-12, day 1-31. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's formatter; throws RangeError for a zone Intl does not know. Built once per zone (building one is slow). */
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Intl knows the zone ("America/New_York", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's wall clock at `at`, read as if it were UTC, in ms (whole seconds). */
function wallClock(at: number, timeZone: string): number {
  const parts = formatterOf(timeZone).formatToParts(at);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
}

/** How far the zone's clock is ahead of UTC at `at`, in ms (New York in winter: -5 h). */
function offsetAt(at: number, timeZone: string): number {
  const second = Math.floor(at / 1000) * 1000;
  return wallClock(second, timeZone) - second;
}

/** The zone's calendar date at `at`. */
export function localDateAt(at: number, timeZone: string): LocalDate {
  const date = new Date(wallClock(at, timeZone));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The date `days` after `date` (before, when negative), and its weekday (0 Sunday to 6 Saturday). */
export function addDays(date: LocalDate, days: number): LocalDate & { readonly weekday: number } {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), weekday: next.getUTCDay() };
}

/**
 * The instant the zone's clocks show `minutes` past midnight on `date`. A time the clocks show
 * twice (when they go back) is the first of the two; a time they skip (when they go forward) is
 * read with the offset before the change, so it falls as much later as the clocks jumped (02:30
 * on a day New York skips 02:00-03:00 is 03:30). This is how Temporal's "compatible" reads them.
 */
export function instantOf(date: LocalDate, minutes: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000;
  // Zones change their offset at most once within a day either side.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const shown = (at: number) => at + offsetAt(at, timeZone) === wall;
  const candidates = [wall - before, wall - after].filter(shown);
  return candidates.length > 0 ? Math.min(...candidates) : wall - before;
}
