// Keyset pagination: opaque cursors over integer keys, page limits, and the page every list returns.

declare const cursorBrand: unique symbol;

/** A position in a list, parsed from the text a previous page handed out. */
export type Cursor = number & { readonly [cursorBrand]: true };

export interface Page<T> {
  readonly items: readonly T[];
  /** Pass to parseCursor for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 500;

const CURSOR_TEXT = /^[0-9a-z]{1,11}$/;

/** Cursors are base 36 so clients treat them as tokens, not ids to do arithmetic on. */
export function encodeCursor(key: number): string {
  return key.toString(36);
}

/** The cursor in `text`, or undefined when a client sent something no page handed out. */
export function parseCursor(text: string): Cursor | undefined {
  if (!CURSOR_TEXT.test(text)) return undefined;
  const key = Number.parseInt(text, 36);
  return Number.isSafeInteger(key) ? (key as Cursor) : undefined;
}

/** A usable page size: at least 1, at most MAX_PAGE_LIMIT, DEFAULT_PAGE_LIMIT when absent. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_LIMIT;
  return Math.min(MAX_PAGE_LIMIT, Math.max(1, Math.trunc(limit)));
}

/**
 * Cuts rows fetched with limit + 1 down to a page. The extra row only says whether another page
 * exists, so the last page never hands out a cursor that leads to an empty one.
 */
export function toPage<T>(rows: readonly T[], limit: number, key: (row: T) => number): Page<T> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: encodeCursor(key(items[items.length - 1]!)) };
}
