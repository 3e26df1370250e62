// Tests for cursor encoding and page limits.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, encodeCursor, pageLimit, parseCursor, toPage } from './cursor.ts';

describe('cursors', () => {
  it('round-trip any key up to 2^53 - 1', () => {
    for (const key of [0, 1, 35, 36, 1_000_000, Number.MAX_SAFE_INTEGER]) expect(parseCursor(encodeCursor(key))).toBe(key);
  });

  it('reject text no page handed out', () => {
    for (const text of ['', '-1', 'A', '1.5', ' 1', 'zzzzzzzzzzzz', '1'.repeat(12)]) expect(parseCursor(text)).toBeUndefined();
    // Eleven base-36 digits can exceed 2^53.
    expect(parseCursor('zzzzzzzzzzz')).toBeUndefined();
  });

  it('clamp page limits', () => {
    expect(pageLimit(undefined)).toBe(DEFAULT_PAGE_LIMIT);
    expect(pageLimit(Number.NaN)).toBe(DEFAULT_PAGE_LIMIT);
    expect(pageLimit(0)).toBe(1);
    expect(pageLimit(-5)).toBe(1);
    expect(pageLimit(10.7)).toBe(10);
    expect(pageLimit(10_000)).toBe(MAX_PAGE_LIMIT);
  });

  it('hand out a cursor only when another row exists', () => {
    expect(toPage([5, 4, 3], 3, (n) => n)).toEqual({ items: [5, 4, 3], nextCursor: null });
    expect(toPage([5, 4, 3, 2], 3, (n) => n)).toEqual({ items: [5, 4, 3], nextCursor: encodeCursor(3) });
  });
});
