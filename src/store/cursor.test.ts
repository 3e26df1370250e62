// Tests for cursor encoding and page limits.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, encodeCursor, pageLimit, parseCursor, scopePage, toPage } from './cursor.ts';

describe('cursors', () => {
  it('round-trip any key up to 2^53 - 1', () => {
    for (const key of [0, 1, 35, 36, 1_000_000, Number.MAX_SAFE_INTEGER]) expect(parseCursor(encodeCursor(key))).toBe(key);
  });

  it('reject text no page handed out', () => {
    for (const text of ['', '-1', 'A', '1.5', ' 1', 'zzzzzzzzzzzz', '1'.repeat(12), 'garbage', 'zzz', '0', '35']) expect(parseCursor(text)).toBeUndefined();
    // Eleven base-36 digits can exceed 2^53.
    const tooBig = 'zzzzzzzzzzz';
    expect(parseCursor(`${tooBig}-${encodeCursor(0).slice(2)}`)).toBeUndefined();
  });

  it('reject a cursor with a changed key, a changed check or a padded key', () => {
    const cursor = encodeCursor(1_000_000);
    const [digits, check] = cursor.split('-') as [string, string];
    expect(parseCursor(`${digits.slice(0, -1)}${digits.endsWith('0') ? '1' : '0'}-${check}`)).toBeUndefined();
    expect(parseCursor(`${digits}-${check.slice(0, -1)}${check.endsWith('0') ? '1' : '0'}`)).toBeUndefined();
    expect(parseCursor(`0${digits}-${check}`)).toBeUndefined();
    expect(parseCursor(cursor.toUpperCase())).toBeUndefined();
  });

  it('read back only under the scope they were handed out for', () => {
    const scope = '["/api/v1/orders",7,[],[["symbol","S18"]]]';
    const cursor = encodeCursor(1_000_000, scope);
    expect(parseCursor(cursor, scope)).toBe(1_000_000);
    for (const other of ['', '["/api/v1/fills",7,[],[["symbol","S18"]]]', '["/api/v1/orders",8,[],[["symbol","S18"]]]', '["/api/v1/orders",7,[],[["symbol","S19"]]]']) expect(parseCursor(cursor, other)).toBeUndefined();
    expect(parseCursor(encodeCursor(1_000_000), scope)).toBeUndefined();
  });

  it('rebind a store page to a scope, leaving a last page as it is', () => {
    const page = toPage([5, 4, 3, 2], 3, (n) => n);
    expect(scopePage(page, 'orders')).toEqual({ items: [5, 4, 3], nextCursor: encodeCursor(3, 'orders') });
    const last = toPage([5], 3, (n) => n);
    expect(scopePage(last, 'orders')).toBe(last);
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
