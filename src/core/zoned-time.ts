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

/** Zones Intl resolves to UTC ("UTC", "Etc/UTC", "GMT"...), found once each: their clocks are UTC's, with no Intl call. */
const utcZones = new Map<string, boolean>();

function isUtc(timeZone: string): boolean {
  let utc = utcZones.get(timeZone);
  if (utc === undefined) utcZones.set(timeZone, (utc = formatterOf(timeZone).resolvedOptions().timeZone === 'UTC'));
  return utc;
}

/** The zone's wall clock at `at`, read as if it were UTC, in ms (whole seconds). */
function wallClock(at: number, timeZone: string): number {
  // Every backtest without sessions closes at midnight UTC: formatting a date costs microseconds, this nothing.
  if (isUtc(timeZone)) return Math.floor(at / 1000) * 1000;
  const parts = formatterOf(timeZone).formatToParts(at);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return daysFromCivil({ year: field('year'), month: field('month'), day: field('day') }) * DAY_MS + ((field('hour') * 60 + field('minute')) * 60 + field('second')) * 1000;
}

/** How far the zone's clock is ahead of UTC at `at`, in ms (New York in winter: -5 h). */
function offsetAt(at: number, timeZone: string): number {
  const second = Math.floor(at / 1000) * 1000;
  return wallClock(second, timeZone) - second;
}

/** The zone's calendar date at `at`. */
export function localDateAt(at: number, timeZone: string): LocalDate {
  return civilFromDays(Math.floor(wallClock(at, timeZone) / DAY_MS));
}

/** The date `days` after `date` (before, when negative), and its weekday (0 Sunday to 6 Saturday). */
export function addDays(date: LocalDate, days: number): LocalDate & { readonly weekday: number } {
  const next = daysFromCivil(date) + days;
  // 1970-01-01 was a Thursday (4).
  return { ...civilFromDays(next), weekday: (((next + 4) % 7) + 7) % 7 };
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil({ year, month, day }: LocalDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The date `days` after 1970-01-01 (civil_from_days, the inverse of daysFromCivil). */
function civilFromDays(days: number): LocalDate {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day: dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1 };
}

/**
 * The instant the zone's clocks show `minutes` past midnight on `date`. A time the clocks show
 * twice (when they go back) is the first of the two; a time they skip (when they go forward) is
 * read with the offset before the change, so it falls as much later as the clocks jumped (02:30
 * on a day New York skips 02:00-03:00 is 03:30). This is how Temporal's "compatible" reads them.
 */
export function instantOf(date: LocalDate, minutes: number, timeZone: string): number {
  const wall = daysFromCivil(date) * DAY_MS + minutes * 60_000;
  // Zones change their offset at most once within a day either side.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const shown = (at: number) => at + offsetAt(at, timeZone) === wall;
  const candidates = [wall - before, wall - after].filter(shown);
  return candidates.length > 0 ? Math.min(...candidates) : wall - before;
}
