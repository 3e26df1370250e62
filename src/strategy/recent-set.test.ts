// Tests for the bounded set of recent keys.
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
});
