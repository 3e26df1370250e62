// Tests for the bounded set of recent keys.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecentSet } from './recent-set.ts';

describe('RecentSet', () => {
  it('remembers the last `capacity` keys and forgets the oldest first', () => {
    const set = new RecentSet<number>(3);
    for (const key of [1, 2, 3]) set.add(key);
    expect([1, 2, 3].map((key) => set.has(key))).toEqual([true, true, true]);
    set.add(4);
    expect([1, 2, 3, 4].map((key) => set.has(key))).toEqual([false, true, true, true]);
    for (const key of [5, 6, 7]) set.add(key);
    expect([4, 5, 6, 7].map((key) => set.has(key))).toEqual([false, true, true, true]);
  });

  it('stays fast far past its capacity', () => {
    const set = new RecentSet<string>(65_536);
    const started = performance.now();
    for (let i = 0; i < 300_000; i++) set.add(`${i}:${i}`);
    expect(set.has('299999:299999')).toBe(true);
    expect(set.has(`${300_000 - 65_537}:${300_000 - 65_537}`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('answers as a Set of the last `capacity` keys does, for any mix of keys', () => {
    const key = fc.oneof(fc.integer({ min: -40, max: 40 }), fc.constantFrom(0, -0, 2 ** 40, 2 ** 40 + 1, 2 ** 53, 1.5, Number.NaN, 'a', 'b'), fc.integer({ min: 0, max: 2 ** 26 }).map((n) => n * 2 ** 26));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.tuple(key, key), { maxLength: 300 }), (capacity, steps) => {
        const set = new RecentSet<number | string>(capacity);
        const recent: Array<number | string> = [];
        for (const [added, asked] of steps) {
          const known = new Set(recent);
          expect(set.has(asked)).toBe(known.has(asked));
          if (known.has(added)) continue;
          set.add(added);
          recent.push(added);
          if (recent.length > capacity) recent.shift();
          for (const held of recent) expect(set.has(held)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every key of a long churn of colliding integers findable', () => {
    const set = new RecentSet<number>(64);
    for (let i = 0; i < 20_000; i++) {
      set.add(i * 128);
      if (i >= 64) expect(set.has((i - 64) * 128)).toBe(false);
      for (let back = 0; back < Math.min(64, i + 1); back += 7) expect(set.has((i - back) * 128)).toBe(true);
    }
  });
});
