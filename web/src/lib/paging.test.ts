import { describe, expect, it } from 'vitest';
import { cursorFor, MAX_PAGE_SIZE, reloadLimit } from './paging.ts';

describe('reloadLimit', () => {
  it('reads back what is shown, at least a page and at most what the API allows', () => {
    expect(reloadLimit(0, 50)).toBe(50);
    expect(reloadLimit(120, 50)).toBe(120);
    expect(reloadLimit(2_000, 50)).toBe(MAX_PAGE_SIZE);
  });
});

describe('cursorFor', () => {
  it('offers the cursor handed out only while the filters are the ones its page was asked with', () => {
    const handed = { cursor: 'a1-0x9z', filters: ['S18', 'open'] };
    expect(cursorFor(handed, ['S18', 'open'])).toBe('a1-0x9z');
    expect(cursorFor(handed, ['S19', 'open'])).toBeNull();
    expect(cursorFor(handed, ['S18', 'closed'])).toBeNull();
    expect(cursorFor(handed, ['S18'])).toBeNull();
    expect(cursorFor(null, ['S18', 'open'])).toBeNull();
    // An unset filter is a filter too: leaving the symbol out is another list than naming one.
    expect(cursorFor({ cursor: 'b2-0000', filters: [undefined] }, [undefined])).toBe('b2-0000');
    expect(cursorFor({ cursor: 'b2-0000', filters: [undefined] }, ['S18'])).toBeNull();
  });
});
