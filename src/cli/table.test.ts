import { describe, expect, it } from 'vitest';
import { fixedPlaces, formatTable, oneLine } from './table.ts';

describe('fixedPlaces', () => {
  it('rounds decimal strings to a fixed number of places, so figures line up', () => {
    expect(['315378.946223', '291886.94', '286782.6', '100', '3.005', '0.004'].map((t) => fixedPlaces(t, 2))).toEqual(['315378.95', '291886.94', '286782.60', '100.00', '3.01', '0.00']);
    expect(fixedPlaces('12.5', 0)).toBe('13');
  });

  it('rounds halves away from zero and never shows a negative zero, as the dashboard does', () => {
    expect(['-3.005', '-3.004', '-0.004', '-0.00', '-0.005', '-12.5'].map((t) => fixedPlaces(t, 2))).toEqual(['-3.01', '-3.00', '0.00', '0.00', '-0.01', '-12.50']);
    expect(fixedPlaces('-12.5', 0)).toBe('-13');
  });

  it('leaves text that is not a decimal as it is', () => {
    expect(fixedPlaces('—', 2)).toBe('—');
  });
});

describe('formatTable', () => {
  it('pads columns to the widest cell, names left and figures right', () => {
    expect(formatTable(['name', 'equity'], [['ann', '10.00'], ['bo', '1000.50']], [0])).toEqual(['name   equity', 'ann     10.00', 'bo    1000.50']);
  });

  it('keeps a multi-line cell (an optimize error with its details) on its row', () => {
    const error = 'invalid params for sma-crossover:\n  - fast must be shorter than slow\n  - qty must be at least 1\n';
    const lines = formatTable(['#', 'params', 'error'], [['1', '{"fast":30}', error], ['2', '{"fast":5}', '']], [1, 2]);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('1  {"fast":30}  invalid params for sma-crossover: fast must be shorter than slow; qty must be at least 1');
    expect(lines[2]).toBe('2  {"fast":5}');
    expect(oneLine('one line')).toBe('one line');
  });
});
