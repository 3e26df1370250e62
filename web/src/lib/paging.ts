// Cursor pages of the API: the largest page it serves and how much a reload of a shown list asks for.

/** The API's largest page (MAX_PAGE_LIMIT on the server). */
export const MAX_PAGE_SIZE = 500;

/** How many items a reload asks for: what is shown, at least one page, at most the API's limit. */
export function reloadLimit(shown: number, pageSize: number): number {
  return Math.min(MAX_PAGE_SIZE, Math.max(pageSize, shown));
}
