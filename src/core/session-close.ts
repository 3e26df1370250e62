// When an instrument's trading session closes: a time of day in an IANA time zone on chosen weekdays, and the next such close after an instant.
import { addDays, instantOf, isTimeZone, localDateAt } from './zoned-time.ts';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A session close as the markets file gives it. */
export interface SessionClose {
  /** Local time of day the session closes, "HH:MM" on a 24-hour clock ("16:00", "00:00"). */
  readonly close: string;
  /** IANA time zone the close is local to ("America/New_York", "UTC"). */
  readonly timeZone: string;
  /** Local weekdays a session closes on; every day when absent. */
  readonly days?: readonly Weekday[];
}

/** For an instrument the markets file gives no session: the day ends at midnight UTC, every day. */
export const DEFAULT_SESSION_CLOSE: SessionClose = Object.freeze({ close: '00:00', timeZone: 'UTC' });

const CLOSE_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Why the markets file cannot use this close (its days as written, not yet known to be weekdays); undefined when it can. */
export function sessionCloseProblem(session: Omit<SessionClose, 'days'> & { readonly days?: readonly string[] }): string | undefined {
  if (!CLOSE_TIME.test(session.close)) return `close "${session.close}" is not a time of day: give "HH:MM" on a 24-hour clock, such as "16:00"`;
  if (!isTimeZone(session.timeZone)) return `unknown time zone "${session.timeZone}": give an IANA zone such as "America/New_York" or "UTC"`;
  const days: readonly string[] = session.days ?? WEEKDAYS;
  const unknown = days.filter((day) => !(WEEKDAYS as readonly string[]).includes(day));
  if (unknown.length > 0) return `unknown day ${unknown.map((day) => `"${day}"`).join(', ')}: days are ${WEEKDAYS.join(', ')}`;
  if (days.length === 0) return 'days is empty: list the weekdays a session closes on, or leave it out for every day';
  const repeated = days.find((day, index) => days.indexOf(day) !== index);
  if (repeated !== undefined) return `day "${repeated}" is listed twice`;
  return undefined;
}

/** The first close strictly after `after`, in epoch ms; the close must be one `sessionCloseProblem` passes. */
export function nextSessionClose(session: SessionClose, after: number): number {
  const [, hours, minutes] = CLOSE_TIME.exec(session.close)!;
  const minute = Number(hours) * 60 + Number(minutes);
  const days = new Set((session.days ?? WEEKDAYS).map((day) => WEEKDAYS.indexOf(day)));
  const today = localDateAt(after, session.timeZone);
  // From yesterday: a close the clocks skipped falls past midnight, into today.
  for (let offset = -1; offset <= 8; offset++) {
    const date = addDays(today, offset);
    if (!days.has(date.weekday)) continue;
    const close = instantOf(date, minute, session.timeZone);
    if (close > after) return close;
  }
  throw new Error(`no session close within a week after ${after} for ${JSON.stringify(session)}`);
}
