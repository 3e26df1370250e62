// A client-side L2 book built from the book channel's snapshot and deltas (the WebSocket client has already dropped stale deltas and resynced gaps).
import type { ChannelMessage, Depth, DepthDelta, DepthLevel } from './api-types.ts';
import { compareDecimal, signOf } from './decimal.ts';

export interface BookState {
  readonly seq: number;
  /** Best first: bids high to low, asks low to high. */
  readonly bids: readonly DepthLevel[];
  readonly asks: readonly DepthLevel[];
}

export const EMPTY_BOOK: BookState = { seq: -1, bids: [], asks: [] };

/** Applies one message of `book:SYM`: a snapshot replaces the book, a delta changes levels (qty "0" removes one). */
export function applyBookMessage(book: BookState, message: ChannelMessage): BookState {
  if (message.type === 'snapshot') {
    const depth = message.data as Depth;
    return { seq: depth.seq, bids: depth.bids, asks: depth.asks };
  }
  if (message.type !== 'delta') return book;
  const delta = message.data as DepthDelta;
  return {
    seq: delta.seq,
    bids: mergeLevels(book.bids, delta.bids, -1),
    asks: mergeLevels(book.asks, delta.asks, 1),
  };
}

/** order 1 sorts prices ascending (asks), -1 descending (bids). */
function mergeLevels(levels: readonly DepthLevel[], changes: readonly DepthLevel[], order: 1 | -1): DepthLevel[] {
  if (changes.length === 0) return levels as DepthLevel[];
  // The server renders every price of a symbol at the tick's precision, so equal prices are equal strings.
  const byPrice = new Map<string, DepthLevel>(levels.map((level) => [level[0], level]));
  for (const change of changes) {
    byPrice.delete(change[0]);
    if (signOf(change[1]) > 0) byPrice.set(change[0], change);
  }
  return [...byPrice.values()].sort((a, b) => order * compareDecimal(a[0], b[0]));
}
