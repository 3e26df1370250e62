// Ring agrees with a plain array model under random pushes and pops from both ends.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ring } from './ring.ts';

describe('Ring', () => {
  it('behaves like a bounded array that drops its oldest item when full', () => {
    const op = fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.constantFrom('shift' as const, 'pop' as const));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(op, { maxLength: 300 }), (capacity, ops) => {
        const ring = new Ring<number>(capacity);
        const model: number[] = [];
        for (const o of ops) {
          if (o === 'shift') expect(ring.shift()).toBe(model.shift());
          else if (o === 'pop') expect(ring.pop()).toBe(model.pop());
          else {
            model.push(o);
            expect(ring.push(o)).toBe(model.length > capacity ? model.shift() : undefined);
          }
          expect(ring.length).toBe(model.length);
          expect(ring.first()).toBe(model[0]);
          expect(ring.last()).toBe(model[model.length - 1]);
          expect(ring.toArray()).toEqual(model);
        }
        expect(ring.at(-1)).toBeUndefined();
        expect(ring.at(model.length)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a capacity below one', () => {
    expect(() => new Ring(0)).toThrow(RangeError);
  });
});
