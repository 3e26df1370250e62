// IdMap agrees with a JS Map under random churn, including ids past 2^32 and long probe runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdMap } from './id-map.ts';

describe('IdMap', () => {
  it('behaves like a Map for set, get, has, delete and size', () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
    const op = fc.tuple(fc.constantFrom('set', 'delete', 'get'), key, fc.integer());
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const ours = new IdMap<number>();
        const model = new Map<number, number>();
        for (const [kind, k, v] of ops) {
          if (kind === 'set') {
            ours.set(k, v);
            model.set(k, v);
          } else if (kind === 'delete') {
            expect(ours.delete(k)).toBe(model.delete(k));
          }
          expect(ours.get(k)).toBe(model.get(k));
          expect(ours.has(k)).toBe(model.has(k));
          expect(ours.size).toBe(model.size);
        }
        expect(ours.sortedValues()).toEqual([...model.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every key reachable through heavy churn', () => {
    const ours = new IdMap<number>();
    for (let id = 1; id <= 200_000; id++) {
      ours.set(id, id);
      if (id > 1_000) expect(ours.delete(id - 1_000)).toBe(true);
    }
    expect(ours.size).toBe(1_000);
    for (let id = 199_001; id <= 200_000; id++) expect(ours.get(id)).toBe(id);
  });
});
