// Fixed windows per key: counts, the time left, a window that closes and starts over, a bounded number of keys, and no new object per count.
import { describe, expect, it } from 'vitest';
import { FixedWindows } from './fixed-windows.ts';

function windows(maxKeys?: number) {
  let clock = 1_000_000;
  const counted = new FixedWindows(60_000, () => clock, maxKeys);
  return {
    counted,
    pass: (ms: number) => {
      clock += ms;
    },
  };
}

describe('FixedWindows', () => {
  it('counts per key with the time left in the window, and starts over once it closes', () => {
    const { counted, pass } = windows();
    expect(counted.hit('a')).toMatchObject({ count: 1, resetMs: 60_000 });
    pass(15_000);
    expect(counted.hit('a')).toMatchObject({ count: 2, resetMs: 45_000 });
    expect(counted.hit('b')).toMatchObject({ count: 1, resetMs: 60_000 });
    expect(counted.peek('a')).toMatchObject({ count: 2, resetMs: 45_000 });
    pass(45_000);
    expect(counted.peek('a')).toEqual({ count: 0, resetMs: 0 });
    expect(counted.hit('a')).toMatchObject({ count: 1, resetMs: 60_000 });
  });

  it('answers a count with the key’s own window, updated in place rather than copied', () => {
    const { counted, pass } = windows();
    const first = counted.hit('a');
    pass(1_000);
    const second = counted.hit('a');
    expect(second).toBe(first);
    expect(second).toMatchObject({ count: 2, resetMs: 59_000 });
    expect(counted.peek('a')).toBe(first);
  });

  it('forgets a cleared key, and the oldest key when full', () => {
    const { counted, pass } = windows(2);
    counted.hit('a');
    counted.hit('a');
    counted.clear('a');
    expect(counted.peek('a').count).toBe(0);
    counted.hit('a');
    pass(1);
    counted.hit('b');
    counted.hit('c');
    expect(counted.peek('a').count).toBe(0);
    expect(counted.peek('b').count).toBe(1);
    expect(counted.peek('c').count).toBe(1);
  });

  it('when full, forgets the window that opened longest ago, counting a restarted window from its restart', () => {
    const { counted, pass } = windows(2);
    counted.hit('a');
    pass(30_000);
    counted.hit('b');
    // a's window closes and a new one opens after b's: b's is now the oldest, and both are open.
    pass(30_000);
    counted.hit('a');
    pass(1_000);
    counted.hit('c');
    expect(counted.peek('b').count).toBe(0);
    expect(counted.peek('a').count).toBe(1);
    expect(counted.peek('c').count).toBe(1);
  });
});
