import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, reloadLimit } from './paging.ts';

describe('reloadLimit', () => {
  it('reads back what is shown, at least a page and at most what the API allows', () => {
    expect(reloadLimit(0, 50)).toBe(50);
    expect(reloadLimit(120, 50)).toBe(120);
    expect(reloadLimit(2_000, 50)).toBe(MAX_PAGE_SIZE);
  });
});
