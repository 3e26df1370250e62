// Cursor pages of the API: the largest page it serves and how much a reload of a shown list asks for.

/** The API's largest page (MAX_PAGE_LIMIT on the server). */
export const MAX_PAGE_SIZE = 500;

/** How many items a reload asks for: what is shown, at least one page, at most the API's limit. */
export function reloadLimit(shown: number, pageSize: number): number {
  return Math.min(MAX_PAGE_SIZE, Math.max(pageSize, shown));
}

/** A next-page cursor with the filters its page was asked with: the API takes it back only with those (else 400 INVALID_CURSOR). */
export interface HandedCursor {
  readonly cursor: string;
  readonly filters: readonly unknown[];
}

/** The cursor to ask the next page with under `filters`: the one handed out, or null when there is none or the filters changed since. */
export function cursorFor(handed: HandedCursor | null, filters: readonly unknown[]): string | null {
  if (handed === null || handed.filters.length !== filters.length) return null;
  return handed.filters.every((value, i) => Object.is(value, filters[i])) ? handed.cursor : null;
}
