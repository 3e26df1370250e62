// Cursor handling shared by every paginated route: a cursor reads back only on the list, filters and account it was handed out for; anything else is a 400 INVALID_CURSOR, never the first page or an empty one.
import type { FastifyRequest } from 'fastify';
import { parseCursor, scopePage, type Cursor } from '../../../store/index.ts';
import { ApiError } from '../../errors.ts';

/**
 * What a list's cursors are bound to: the route, the account asking (none on a public list), the
 * path parameters and every query filter but the page size, as validated (so `from=1` and
 * `from=01` are one filter). A cursor handed out under one scope fails its check under any other.
 */
export function listScope(request: FastifyRequest, accountId: number | undefined): string {
  const query = Object.entries((request.query ?? {}) as Record<string, unknown>).filter(([name]) => name !== 'cursor' && name !== 'limit');
  return JSON.stringify([request.routeOptions.url, accountId ?? null, canonical(Object.entries(request.params ?? {})), canonical(query)]);
}

function canonical(entries: Array<[string, unknown]>): Array<[string, unknown]> {
  return entries.filter(([, value]) => value !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * No cursor (the parameter left out) is the first page; any text sent, an empty `cursor=` included,
 * must be a cursor handed out. `max`: the largest key the list has (ids that are 32-bit in every
 * store), so a larger one fails here, not in the query.
 */
export function cursorOf(text: string | undefined, scope: string, max = Number.MAX_SAFE_INTEGER): Cursor | undefined {
  if (text === undefined) return undefined;
  const cursor = parseCursor(text, scope);
  if (cursor === undefined || cursor > max) throw new ApiError('INVALID_CURSOR');
  return cursor;
}

/**
 * One page of the list the request asks for, from the cursor it sent (none: the first page), with
 * the next cursor handed out bound to the same list, filters and account.
 */
export async function pageOf<P extends { readonly nextCursor: string | null }>(
  request: FastifyRequest,
  accountId: number | undefined,
  fetch: (cursor: Cursor | undefined) => P | Promise<P>,
  max?: number,
): Promise<P> {
  const scope = listScope(request, accountId);
  const cursor = cursorOf((request.query as { cursor?: string } | undefined)?.cursor, scope, max);
  return scopePage(await fetch(cursor), scope);
}
