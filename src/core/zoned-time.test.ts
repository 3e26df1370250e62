// Calendar arithmetic without Date: dates and weekdays agree with the platform's Date over four centuries either side of 1970.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, instantOf, localDateAt } from './zoned-time.ts';

const DAY_MS = 86_400_000;
const dayCount = fc.integer({ min: -146_097, max: 146_097 });

describe('zoned time', () => {
  it('adds days to a date, with its weekday, as Date does', () => {
    fc.assert(
      fc.property(dayCount, fc.integer({ min: -800, max: 800 }), (start, days) => {
        const from = new Date(start * DAY_MS);
        const expected = new Date((start + days) * DAY_MS);
        const got = addDays({ year: from.getUTCFullYear(), month: from.getUTCMonth() + 1, day: from.getUTCDate() }, days);
        expect(got).toEqual({ year: expected.getUTCFullYear(), month: expected.getUTCMonth() + 1, day: expected.getUTCDate(), weekday: expected.getUTCDay() });
      }),
    );
  });

  it('reads the UTC date of an instant and the instant of a UTC date and time as Date does, under any name of UTC', () => {
    fc.assert(
      fc.property(dayCount, fc.integer({ min: 0, max: 1439 }), (day, minutes) => {
        const at = day * DAY_MS + minutes * 60_000;
        const date = new Date(at);
        // Names Intl takes for UTC read as UTC does; an hour's fixed offset reads as Date an hour on.
        for (const zone of ['UTC', 'Etc/UTC', 'GMT']) {
          const local = localDateAt(at, zone);
          expect(local).toEqual({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
          expect(instantOf(local, minutes, zone)).toBe(at);
        }
        const hourOn = new Date(at + 3_600_000);
        expect(localDateAt(at, 'Etc/GMT-1')).toEqual({ year: hourOn.getUTCFullYear(), month: hourOn.getUTCMonth() + 1, day: hourOn.getUTCDate() });
      }),
    );
  });
});
