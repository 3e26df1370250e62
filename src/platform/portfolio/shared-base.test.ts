// Tests for splitting one base asset's holding between the symbols that trade it.
import { describe, expect, it } from 'vitest';
import { splitHolding } from './shared-base.ts';

describe('splitHolding', () => {
  it('gives each symbol its own units and the first listed the rest', () => {
    expect(splitHolding(180, [50, 10, 20])).toEqual([150, 10, 20]);
    expect(splitHolding(80, [50, 10, 20])).toEqual([50, 10, 20]);
    expect(splitHolding(25, [0, 0])).toEqual([25, 0]);
  });

  it('takes a shortfall out of the symbols in listing order, never below zero', () => {
    expect(splitHolding(60, [50, 10, 20])).toEqual([30, 10, 20]);
    expect(splitHolding(15, [50, 10, 20])).toEqual([0, 0, 15]);
    expect(splitHolding(0, [50, 10, 20])).toEqual([0, 0, 0]);
  });

  it('always adds up to the holding', () => {
    for (const holding of [0, 1, 7, 33, 79, 80, 81, 1_000]) {
      const shares = splitHolding(holding, [50, 0, 10, 20]);
      expect(shares.reduce((sum, units) => sum + units, 0)).toBe(holding);
      expect(shares.every((units) => units >= 0)).toBe(true);
    }
  });

  it('has nothing to split without symbols', () => {
    expect(splitHolding(10, [])).toEqual([]);
  });
});
