// Session closes: the next close after an instant, exact across daylight-saving changes, weekends and zones; and the closes the markets file cannot use.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextSessionClose, sessionCloseProblem, WEEKDAYS, type SessionClose } from './session-close.ts';

const US_STOCKS: SessionClose = { close: '16:00', timeZone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri'] };
const CRYPTO: SessionClose = { close: '00:00', timeZone: 'UTC' };
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
/** The closes one after another from `from`. */
const closes = (session: SessionClose, from: string, count: number) => {
  const found: string[] = [];
  for (let t = at(from); found.length < count; ) found.push(iso((t = nextSessionClose(session, t))));
  return found;
};

describe('nextSessionClose', () => {
  it('closes US stocks at 16:00 New York time on weekdays: 21:00 UTC in winter, 20:00 UTC in summer, none at weekends', () => {
    expect(iso(nextSessionClose(US_STOCKS, at('2026-01-05T12:00:00Z')))).toBe('2026-01-05T21:00:00.000Z');
    expect(iso(nextSessionClose(US_STOCKS, at('2026-07-06T12:00:00Z')))).toBe('2026-07-06T20:00:00.000Z');
    // Friday after the close, Saturday and Sunday: Monday's close is next.
    for (const from of ['2026-01-09T21:00:00Z', '2026-01-10T12:00:00Z', '2026-01-11T23:59:59Z']) expect(iso(nextSessionClose(US_STOCKS, at(from)))).toBe('2026-01-12T21:00:00.000Z');
  });

  it('is strictly after the instant: at a close, the next one is a day (or a weekend) later', () => {
    expect(iso(nextSessionClose(US_STOCKS, at('2026-01-05T21:00:00Z')))).toBe('2026-01-06T21:00:00.000Z');
    expect(iso(nextSessionClose(US_STOCKS, at('2026-01-05T20:59:59.999Z')))).toBe('2026-01-05T21:00:00.000Z');
    expect(iso(nextSessionClose(CRYPTO, at('2026-01-04T00:00:00Z')))).toBe('2026-01-05T00:00:00.000Z');
  });

  it('follows New York across both daylight-saving changes of 2026 (8 March and 1 November, both Sundays)', () => {
    expect(closes(US_STOCKS, '2026-03-05T12:00:00Z', 3)).toEqual(['2026-03-05T21:00:00.000Z', '2026-03-06T21:00:00.000Z', '2026-03-09T20:00:00.000Z']);
    expect(closes(US_STOCKS, '2026-10-29T12:00:00Z', 3)).toEqual(['2026-10-29T20:00:00.000Z', '2026-10-30T20:00:00.000Z', '2026-11-02T21:00:00.000Z']);
  });

  it('ends a 24/7 market every day at midnight UTC, weekends included', () => {
    expect(closes(CRYPTO, '2026-01-02T10:00:00Z', 3)).toEqual(['2026-01-03T00:00:00.000Z', '2026-01-04T00:00:00.000Z', '2026-01-05T00:00:00.000Z']);
  });

  it('takes a close the clocks skip as that much later, and one they show twice as the first', () => {
    const early: SessionClose = { close: '02:30', timeZone: 'America/New_York' };
    // 8 March: 02:00 EST jumps to 03:00 EDT, so 02:30 is read as 03:30 EDT (07:30 UTC).
    expect(closes(early, '2026-03-07T12:00:00Z', 2)).toEqual(['2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z']);
    const twice: SessionClose = { close: '01:30', timeZone: 'America/New_York' };
    // 1 November: 01:30 EDT (05:30 UTC) comes, then 01:30 EST (06:30 UTC); the session closes at the first only.
    expect(closes(twice, '2026-10-31T12:00:00Z', 2)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('follows zones south of the equator and off the hour: Sydney, Kolkata, London', () => {
    const sydney: SessionClose = { close: '16:00', timeZone: 'Australia/Sydney', days: ['mon', 'tue', 'wed', 'thu', 'fri'] };
    // Sydney leaves daylight time on Sunday 5 April 2026: +11 before, +10 after.
    expect(closes(sydney, '2026-04-02T00:00:00Z', 3)).toEqual(['2026-04-02T05:00:00.000Z', '2026-04-03T05:00:00.000Z', '2026-04-06T06:00:00.000Z']);
    expect(iso(nextSessionClose({ close: '15:30', timeZone: 'Asia/Kolkata' }, at('2026-06-01T00:00:00Z')))).toBe('2026-06-01T10:00:00.000Z');
    // London: GMT in January, BST (+1) in June.
    const london: SessionClose = { close: '16:30', timeZone: 'Europe/London' };
    expect(iso(nextSessionClose(london, at('2026-01-15T00:00:00Z')))).toBe('2026-01-15T16:30:00.000Z');
    expect(iso(nextSessionClose(london, at('2026-06-15T00:00:00Z')))).toBe('2026-06-15T15:30:00.000Z');
  });

  it('for any instant and zone: the close comes within a week, falls on a listed day at the close time, and no close lies between', () => {
    const zones = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'America/Sao_Paulo', 'Pacific/Chatham'];
    const session = fc.record({
      close: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
      timeZone: fc.constantFrom(...zones),
      days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
    });
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });
    fc.assert(
      fc.property(session, instant, (s, after) => {
        const close = nextSessionClose(s, after);
        expect(close).toBeGreaterThan(after);
        expect(close - after).toBeLessThanOrEqual(8 * 86_400_000);
        // Nothing earlier: from just before it, the same close is next.
        expect(nextSessionClose(s, close - 1)).toBe(close);
        const local = new Intl.DateTimeFormat('en-US', { timeZone: s.timeZone, hourCycle: 'h23', weekday: 'short', hour: '2-digit', minute: '2-digit' }).formatToParts(close);
        const part = (type: string) => local.find((p) => p.type === type)!.value;
        const shown = `${part('hour')}:${part('minute')}`;
        // The clocks show the close time, unless they skipped it that day (then it is later by the jump, an hour at most).
        if (shown !== s.close) expect(nextSessionClose({ ...s, close: shown }, close - 1)).toBe(close);
        else expect(s.days).toContain(part('weekday').toLowerCase());
      }),
      { numRuns: 300 },
    );
  });
});

describe('sessionCloseProblem', () => {
  it('passes the closes the shipped markets use', () => {
    expect(sessionCloseProblem(US_STOCKS)).toBeUndefined();
    expect(sessionCloseProblem(CRYPTO)).toBeUndefined();
  });

  it('says what is wrong with a close time, a zone or the days', () => {
    expect(sessionCloseProblem({ ...US_STOCKS, close: '4pm' })).toBe('close "4pm" is not a time of day: give "HH:MM" on a 24-hour clock, such as "16:00"');
    expect(sessionCloseProblem({ ...US_STOCKS, close: '24:00' })).toMatch(/^close "24:00" is not a time of day/);
    expect(sessionCloseProblem({ ...US_STOCKS, close: '9:30' })).toMatch(/^close "9:30" is not a time of day/);
    expect(sessionCloseProblem({ ...US_STOCKS, timeZone: 'America/NewYork' })).toBe('unknown time zone "America/NewYork": give an IANA zone such as "America/New_York" or "UTC"');
    expect(sessionCloseProblem({ ...US_STOCKS, days: ['mon', 'Friday'] })).toBe('unknown day "Friday": days are sun, mon, tue, wed, thu, fri, sat');
    expect(sessionCloseProblem({ ...US_STOCKS, days: [] })).toBe('days is empty: list the weekdays a session closes on, or leave it out for every day');
    expect(sessionCloseProblem({ ...US_STOCKS, days: ['mon', 'tue', 'mon'] })).toBe('day "mon" is listed twice');
  });
});
