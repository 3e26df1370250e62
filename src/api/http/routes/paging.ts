// Cursor parsing shared by every paginated route: a malformed cursor is a 400 INVALID_CURSOR, never the first page or an empty one.
import { parseCursor, type Cursor } from '../../../store/index.ts';
import { ApiError } from '../../errors.ts';

/** `max`: the largest key the list has (ids that are 32-bit in every store), so a larger one fails here, not in the query. */
export function cursorOf(text: string | undefined, max = Number.MAX_SAFE_INTEGER): Cursor | undefined {
  if (text === undefined || text === '') return undefined;
  const cursor = parseCursor(text);
  if (cursor === undefined || cursor > max) throw new ApiError('INVALID_CURSOR');
  return cursor;
}
