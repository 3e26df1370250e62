// The dashboard's figure helpers (web/src/lib/format.ts, decimal.ts) mirror the ones the CLI, the API and the HTML report use (src/core/figures.ts): the same text for the same value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedPlaces } from '../src/cli/table.ts';
import { fixedFigure, formatDuration, MISSING_FIGURE } from '../src/core/figures.ts';
import { toPlaces } from '../web/src/lib/decimal.ts';
import { fixedFigure as webFixedFigure, formatDuration as webFormatDuration, MISSING_FIGURE as WEB_MISSING_FIGURE } from '../web/src/lib/format.ts';

describe('figures in the dashboard and elsewhere', () => {
  it('mark a missing figure the same way', () => {
    expect(WEB_MISSING_FIGURE).toBe(MISSING_FIGURE);
    expect(formatDuration(Number.NaN)).toBe(MISSING_FIGURE);
  });

  it('write a duration the same way', () => {
    const edges = [0, 99, 100, 9_999, 10_000, 119_999, 120_000, 7_199_999, 7_200_000, 172_799_999, 172_800_000, -1, Number.NaN];
    for (const ms of edges) expect(webFormatDuration(ms), String(ms)).toBe(formatDuration(ms));
    fc.assert(fc.property(fc.double({ min: -1e3, max: 1e11, noNaN: true }), (ms) => webFormatDuration(ms) === formatDuration(ms)), { numRuns: 5_000 });
  });

  it('round to fixed places the same way, with no negative zero', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 4 }), (value, places) => {
        const text = fixedFigure(value, places);
        return webFixedFigure(value, places) === text && !/^-0(\.0*)?$/.test(text);
      }),
      { numRuns: 5_000 },
    );
    expect(fixedFigure(-0.0001, 2)).toBe('0.00');
  });

  it('round a decimal string from the API to fixed places the same way in CLI tables and dashboard cells', () => {
    const decimal = fc.tuple(fc.boolean(), fc.nat({ max: 10_000_000 }), fc.stringMatching(/^\d{0,6}$/)).map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`);
    fc.assert(fc.property(decimal, fc.integer({ min: 0, max: 4 }), (text, places) => fixedPlaces(text, places) === toPlaces(text, places)), { numRuns: 5_000 });
  });
});

describe('thinned fill marks in the dashboard and the HTML report', () => {
  it('are worded the same way', async () => {
    const { thinFills, thinnedMarksText } = await import('../src/backtest/fill-marks.ts');
    const { thinnedMarksText: webThinnedMarksText } = await import('../web/src/features/backtests/fill-marks.ts');
    // Fills of both sides (alternating, or one side three times as often) and of one side only.
    const sides = [(i: number) => (i % 2 === 0 ? 'buy' : 'sell'), (i: number) => (i % 4 === 3 ? 'sell' : 'buy'), () => 'buy'] as const;
    for (const side of sides) {
      for (const [count, max] of [[3, 5], [3_956, 2_000], [12_001, 5_000], [25, 2], [1_000_000, 5_000], [113, 10]] as const) {
        const marks = thinFills(Array.from({ length: count }, (_, i) => ({ side: side(i) })), max);
        expect(webThinnedMarksText(marks)).toBe(thinnedMarksText(marks));
      }
    }
    expect(webThinnedMarksText(thinFills(Array.from({ length: 3_956 }, (_, i) => ({ side: sides[0](i) })), 2_000))).toBe('every 2nd buy and every 2nd sell marked (1,978 of 3,956)');
  });
});
