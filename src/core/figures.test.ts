// Figures as every surface shows them: no negative zero, percent digits, one duration style.
import { describe, expect, it } from 'vitest';
import { fixedFigure, formatDuration, percentFigure } from './figures.ts';

describe('figures', () => {
  it('never shows a negative zero', () => {
    expect(fixedFigure(-0.004, 2)).toBe('0.00');
    expect(fixedFigure(-0, 2)).toBe('0.00');
    expect(fixedFigure(-0.4, 0)).toBe('0');
    expect(fixedFigure(-0.005001, 2)).toBe('-0.01');
    expect(fixedFigure(1.5, 3)).toBe('1.500');
    expect(percentFigure(-0.00001)).toBe('0.00');
    expect(percentFigure(-0.0123)).toBe('-1.23');
    expect(percentFigure(0.125, 1)).toBe('12.5');
  });

  it('writes durations in one style, rounded down', () => {
    expect([0, 850, 9_999, 10_000, 119_999, 120_000, 7_199_999, 7_200_000, 172_799_999, 172_800_000, 3 * 86_400_000].map(formatDuration)).toEqual([
      '0.0 s',
      '0.8 s',
      '9.9 s',
      '10 s',
      '119 s',
      '2 min',
      '119 min',
      '2 h',
      '47 h',
      '2 d',
      '3 d',
    ]);
    expect(formatDuration(-5)).toBe('0.0 s');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});
