// Figure text the dashboard shares across screens: fixed places without a negative zero, drawdown axis labels as positive percentages.
import { describe, expect, it } from 'vitest';
import { drawdownAxisLabel, fixedFigure, formatPercent } from './format.ts';

describe('figure text', () => {
  it('never shows a negative zero', () => {
    expect(fixedFigure(-0.004, 2)).toBe('0.00');
    expect(fixedFigure(-0.006, 2)).toBe('-0.01');
    expect(formatPercent('-0.00')).toBe('0.00%');
  });

  it('labels a drawdown curve drawn below zero with the positive percentage', () => {
    expect(drawdownAxisLabel(-5)).toBe('5.00%');
    expect(drawdownAxisLabel(-0.125)).toBe('0.13%');
    expect(drawdownAxisLabel(0)).toBe('0.00%');
  });
});
