// Cursor parsing shared by every paginated route: a malformed cursor is a 400, not an empty page.
import { parseCursor, type Cursor } from '../../../store/index.ts';
import { ApiError } from '../../errors.ts';

export function cursorOf(text: string | undefined): Cursor | undefined {
  if (text === undefined || text === '') return undefined;
  const cursor = parseCursor(text);
  if (cursor === undefined) throw new ApiError('INVALID_REQUEST', 'The cursor is not one this API handed out; pass nextCursor unchanged.');
  return cursor;
}
