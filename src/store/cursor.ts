// Keyset pagination: opaque cursors over integer keys, page limits, and the page every list returns.
import { fnv1a32 } from '../core/hash.ts';

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

/** The key in base 36, a dash, then a check of four base-36 digits: typos and made-up text fail the check. */
const CURSOR_TEXT = /^([0-9a-z]{1,11})-[0-9a-z]{4}$/;
const CHECK_SPACE = 36 ** 4;

/**
 * Cursors are base 36 so clients treat them as tokens, not ids to do arithmetic on. A `scope` (the
 * list, its filters and the account it is for, as the API spells them) goes into the check, so the
 * cursor reads back only under the same scope; the store's own pages use none.
 */
export function encodeCursor(key: number, scope = ''): string {
  const digits = key.toString(36);
  return `${digits}-${check(digits, scope)}`;
}

/**
 * The cursor in `text`, or undefined when a client sent something no page handed out under this
 * scope: another shape, a check that does not match (a typo, or a cursor of another list, other
 * filters or another account), or a key spelled in any way but the one encodeCursor writes.
 */
export function parseCursor(text: string, scope = ''): Cursor | undefined {
  const digits = CURSOR_TEXT.exec(text)?.[1];
  if (digits === undefined) return undefined;
  const key = Number.parseInt(digits, 36);
  return Number.isSafeInteger(key) && encodeCursor(key, scope) === text ? (key as Cursor) : undefined;
}

/** A page with its next cursor handed out under `scope` instead of the store's unscoped one. */
export function scopePage<P extends { readonly nextCursor: string | null }>(page: P, scope: string): P {
  if (page.nextCursor === null) return page;
  const key = parseCursor(page.nextCursor);
  if (key === undefined) throw new Error(`a store page handed out a cursor it cannot read: ${page.nextCursor}`);
  return { ...page, nextCursor: encodeCursor(key, scope) };
}

/** FNV-1a over the scope and the key's digits, folded to four base-36 digits; a guard against mistakes, not forgery. */
function check(digits: string, scope: string): string {
  return (fnv1a32(scope === '' ? digits : `${scope}\n${digits}`) % CHECK_SPACE).toString(36).padStart(4, '0');
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
