// Thinned fill marks: both sides stay on the chart, in proportion and over the whole run, within the limit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thinFills, thinnedMarksText } from './fill-marks.ts';

interface Fill {
  readonly ts: number;
  readonly side: 'buy' | 'sell';
}

/** A strategy that is always in or out: buy, sell, buy, sell, ... one second apart. */
const alternating = (count: number): Fill[] => Array.from({ length: count }, (_, i) => ({ ts: i * 1_000, side: i % 2 === 0 ? 'buy' : 'sell' }));

describe('thinFills', () => {
  it('keeps the sells of a strategy that alternates buy and sell', () => {
    // The user trial: 3,956 fills at a limit of 2,000. Every 2nd fill overall would be the 1,978 buys and no sell.
    const fills = alternating(3_956);
    const marks = thinFills(fills, 2_000);
    expect(marks.every).toBe(2);
    expect(marks.items).toHaveLength(1_978);
    expect(marks.items.filter((f) => f.side === 'buy')).toHaveLength(989);
    expect(marks.items.filter((f) => f.side === 'sell')).toHaveLength(989);
    // Every other round trip, its entry and its exit: fills 0 and 1, 4 and 5, ...
    expect(marks.items.slice(0, 4).map((f) => f.ts / 1_000)).toEqual([0, 1, 4, 5]);
    // Over the whole run, not only its start.
    expect(marks.items.at(-1)!.ts).toBeGreaterThanOrEqual(fills.at(-3)!.ts);
    expect(thinnedMarksText(marks)).toBe('every 2nd buy and every 2nd sell marked (1,978 of 3,956)');
  });

  it('keeps each side in proportion when one side trades more often', () => {
    // Three small buys to each sell (scaling in, selling out at once).
    const fills: Fill[] = Array.from({ length: 4_000 }, (_, i) => ({ ts: i, side: i % 4 === 3 ? 'sell' : 'buy' }));
    const marks = thinFills(fills, 1_000);
    expect(marks.every).toBe(4);
    expect(marks.items.filter((f) => f.side === 'buy')).toHaveLength(750);
    expect(marks.items.filter((f) => f.side === 'sell')).toHaveLength(250);
  });

  it('marks every fill up to the limit, and says nothing then', () => {
    const fills = alternating(5);
    expect(thinFills(fills, 5)).toEqual({ every: 1, total: 5, items: fills });
    expect(thinnedMarksText(thinFills(fills, 5))).toBe('');
  });

  it('takes a step one larger when rounding up on both sides would pass the limit', () => {
    // 3 buys and 1 sell at a limit of 2: every 2nd of each side is 2 buys and 1 sell, so every 3rd.
    const fills: Fill[] = [{ ts: 0, side: 'buy' }, { ts: 1, side: 'buy' }, { ts: 2, side: 'sell' }, { ts: 3, side: 'buy' }];
    const marks = thinFills(fills, 2);
    expect(marks.every).toBe(3);
    expect(marks.items).toEqual([fills[0], fills[2]]);
  });

  it('words one-sided marks as every Nth fill, and a single mark of both sides as the first fill', () => {
    const buys: Fill[] = Array.from({ length: 25 }, (_, i) => ({ ts: i, side: 'buy' }));
    expect(thinnedMarksText(thinFills(buys, 2))).toBe('every 13th fill marked (2 of 25)');
    // A limit of 1 cannot hold both sides: the first fill, which every 25th of 25 is.
    const one = thinFills(alternating(25), 1);
    expect(one.items).toEqual([{ ts: 0, side: 'buy' }]);
    expect(thinnedMarksText(one)).toBe('every 25th fill marked (1 of 25)');
  });

  it('marks a subset of the fills in time order, within the limit, with both sides whenever both traded', () => {
    const fills = fc.array(fc.constantFrom<'buy' | 'sell'>('buy', 'sell'), { maxLength: 400 }).map((sides) => sides.map((side, i): Fill => ({ ts: i * 10, side })));
    fc.assert(
      fc.property(fills, fc.integer({ min: 1, max: 120 }), (all, max) => {
        const marks = thinFills(all, max);
        expect(marks.total).toBe(all.length);
        expect(marks.items.length).toBeLessThanOrEqual(max);
        // A subset, in the fills' order: each mark is a fill (the same object) found after the one before it.
        let from = 0;
        for (const mark of marks.items) {
          const at = all.indexOf(mark, from);
          expect(at).toBeGreaterThanOrEqual(from);
          from = at + 1;
        }
        if (max >= 2) {
          for (const side of ['buy', 'sell'] as const) {
            if (all.some((f) => f.side === side)) expect(marks.items.some((f) => f.side === side)).toBe(true);
          }
        }
        // Every fill when they fit; when they do not, the smallest step that fits, so no more thinned than needed.
        if (all.length <= max) expect(marks.items).toHaveLength(all.length);
        else if (max >= 2 && marks.every > 2) {
          const step = marks.every - 1;
          const count = (side: string) => Math.ceil(all.filter((f) => f.side === side).length / step);
          expect(count('buy') + count('sell')).toBeGreaterThan(max);
        }
      }),
      { numRuns: 500 },
    );
  });
});
