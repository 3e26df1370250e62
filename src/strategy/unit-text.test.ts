// Tests for the cached conversions between engine units and decimal text.
import { describe, expect, it } from 'vitest';
import { fromUnits, toUnits } from '../core/decimal.ts';
import { UnitText } from './unit-text.ts';

describe('UnitText', () => {
  it('gives the exact text and its Number, whatever was asked before (slots are shared)', () => {
    const cents = new UnitText('0.01');
    for (const units of [10023, 10023 + 4096, 0, 1, 5, 10023, 123456789, -7, 10023 - 4096]) {
      expect(cents.text(units)).toBe(fromUnits(units, '0.01'));
      expect(cents.value(units)).toBe(Number(fromUnits(units, '0.01')));
    }
    // Two amounts sharing a slot, asked in turn, each get their own text.
    expect([cents.text(1), cents.value(1 + 4096), cents.text(1)]).toEqual(['0.01', 40.97, '0.01']);
  });

  it('parses text back to units as toUnits does, off-grid included', () => {
    const halves = new UnitText('0.5');
    for (const text of ['1.5', '2', '0.25', 'abc', '1.5', '100000000000000000000']) expect(halves.units(text)).toBe(toUnits(text, '0.5'));
  });
});
