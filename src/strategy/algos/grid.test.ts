import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, Grid } from './grid.ts';

describe('allocate', () => {
  it('always adds up to the total, in proportion within one lot', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 50 }), (total, weights) => {
        const parts = allocate(total, weights);
        expect(parts).toHaveLength(weights.length);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = weights.reduce((a, b) => a + b, 0);
        parts.forEach((part, i) => {
          expect(part).toBeGreaterThanOrEqual(0);
          const share = sum > 0 ? (total * weights[i]!) / sum : total / weights.length;
          expect(Math.abs(part - share)).toBeLessThan(1 + 1e-6);
        });
      }),
    );
  });

  it('keeps every running total within half a lot of the ideal one, so a small total is spread over all the parts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 200 }), (total, weights) => {
        const parts = allocate(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0);
        const whole = sum > 0 ? sum : weights.length;
        let weight = 0;
        let lots = 0;
        parts.forEach((part, i) => {
          weight += sum > 0 ? weights[i]! : 1;
          lots += part;
          expect(Math.abs(lots - (total * weight) / whole)).toBeLessThanOrEqual(0.5 + 1e-6);
        });
      }),
    );
  });

  it('spreads lots fewer than the parts over the whole run, the last parts included', () => {
    expect(allocate(3, Array(10).fill(1))).toEqual([0, 1, 0, 0, 1, 0, 0, 0, 1, 0]);
    expect(allocate(1, Array(4).fill(1))).toEqual([0, 1, 0, 0]);
    expect(allocate(10, [1, 1, 1])).toEqual([3, 4, 3]);
    expect(allocate(7, [0, 0])).toEqual([4, 3]);
    expect(allocate(100, [1, 2, 3, 4])).toEqual([10, 20, 30, 40]);
  });
});

describe('Grid', () => {
  const grid = new Grid({ symbol: 'X', base: 'X', quote: 'USD', tickSize: '0.01', lotSize: '0.001', minQty: '0.001', maxQty: '1000' });

  it('converts quantities and prices exactly', () => {
    expect(grid.lots(1.2345)).toBe(1234);
    expect(grid.lots('0.0005')).toBe(0);
    expect(grid.qtyText(1234)).toBe('1.234');
    expect(grid.lotsNearest(0.1 + 0.2)).toBe(300);
    expect(grid.ticks(99.99)).toBe(9999);
    expect(grid.priceText(9999 + 1)).toBe('100');
    expect(grid.capTicks('buy', 100.005)).toBe(10000);
    expect(grid.capTicks('sell', 100.005)).toBe(10001);
  });
});
