// Figure text the dashboard shares across screens: fixed places without a negative zero, drawdown axis labels as positive percentages.
import { describe, expect, it } from 'vitest';
import { drawdownAxisLabel, examplePlaceholder, fixedFigure, formatAmount, formatPercent } from './format.ts';

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
    expect(drawdownAxisLabel(0.001)).toBe('0.00%');
    expect(drawdownAxisLabel(0.1)).toBe('');
  });
});

describe('formatAmount', () => {
  it('shows every decimal of the asset and never rounds, so a balance is never shown as more than it is', () => {
    expect(formatAmount('48886.998711', 6)).toBe('48,886.998711');
    expect(formatAmount('50000', 6)).toBe('50,000.000000');
    expect(formatAmount('0.056289', 6)).toBe('0.056289');
    expect(formatAmount('0.1234', 8)).toBe('0.12340000');
    expect(formatAmount('7', 0)).toBe('7');
  });

  it('signs changes and keeps digits beyond the scale rather than rounding them', () => {
    expect(formatAmount('-3.1', 6, true)).toBe('-3.100000');
    expect(formatAmount('3.1', 6, true)).toBe('+3.100000');
    expect(formatAmount('1.0000005', 6)).toBe('1.0000005');
    expect(formatAmount('12.5', undefined)).toBe('12.5');
    expect(formatAmount(null, 6)).toBe('—');
  });
});

describe('examplePlaceholder', () => {
  it('marks a suggested value as an example, and gives none for a missing one', () => {
    expect(examplePlaceholder('190.12')).toBe('e.g. 190.12');
    expect(examplePlaceholder('0.0001')).toBe('e.g. 0.0001');
    expect(examplePlaceholder(undefined)).toBeUndefined();
    expect(examplePlaceholder('—')).toBeUndefined();
  });
});
