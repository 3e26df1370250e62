// L2 depth feed: the published top-N levels per symbol, sequenced deltas between them, and the client-side apply.

/** One aggregated price level as published: [price in ticks, total qty in lots]. Qty 0 in a delta removes the level. */
export type Level = readonly [price: number, qty: number];

/** A level as `OrderBook.depth(side, n)` returns it: [price, total qty, order count]. */
export type BookLevel = readonly [price: number, qty: number, orderCount: number];

/** Both sides from the best price outward: bids falling, asks rising. */
export interface DepthSnapshot {
  readonly symbol: string;
  /** The seq of the last delta this snapshot includes; 0 before the first. */
  readonly seq: number;
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
}

/** The changed levels between two published snapshots, best outward per side. */
export interface DepthDelta {
  readonly symbol: string;
  readonly seq: number;
  /** Always seq - 1: the snapshot this delta applies to. */
  readonly prevSeq: number;
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
}

export interface DepthFeedOptions {
  /** Levels kept per side; 50 by default. */
  readonly levels?: number;
}

/**
 * Publishes each symbol's top N levels per side as deltas. The seq is per symbol, starts at 0 and
 * grows by exactly 1 per delta, so a client that sees prevSeq differ from its book's seq has missed
 * one. A level that leaves the top-N window (pushed out by a better one) is published as a removal,
 * and one that enters it as an addition, so a client book is always exactly the published top N.
 * Order counts are not published: a change of count alone publishes nothing. Seqs restart at 0 with
 * the process; clients resync from a snapshot when they reconnect.
 */
export class DepthFeed {
  readonly levels: number;
  private readonly books = new Map<string, DepthSnapshot>();

  constructor(options: DepthFeedOptions = {}) {
    this.levels = options.levels ?? 50;
    if (!Number.isSafeInteger(this.levels) || this.levels < 1) throw new RangeError(`depth levels must be a positive integer, got ${this.levels}`);
  }

  /** Takes the book's levels (best first; only the top N count) and returns the delta, or undefined when nothing changed. */
  update(symbol: string, bids: readonly BookLevel[], asks: readonly BookLevel[]): DepthDelta | undefined {
    const nextBids = topLevels(bids, this.levels, 'bids');
    const nextAsks = topLevels(asks, this.levels, 'asks');
    const last = this.snapshot(symbol);
    const bidChanges = diff(last.bids, nextBids, -1);
    const askChanges = diff(last.asks, nextAsks, 1);
    if (bidChanges.length === 0 && askChanges.length === 0) return undefined;
    const seq = last.seq + 1;
    this.books.set(symbol, Object.freeze({ symbol, seq, bids: nextBids, asks: nextAsks }));
    return Object.freeze({ symbol, seq, prevSeq: last.seq, bids: Object.freeze(bidChanges), asks: Object.freeze(askChanges) });
  }

  /** The last published levels; seq 0 and empty sides for a symbol never updated. */
  snapshot(symbol: string): DepthSnapshot {
    return this.books.get(symbol) ?? Object.freeze({ symbol, seq: 0, bids: Object.freeze([]), asks: Object.freeze([]) });
  }
}

export type ApplyResult =
  | { readonly ok: true; readonly book: DepthSnapshot }
  /** stale: the book already holds this delta, skip it. gap: deltas were missed, fetch a new snapshot. */
  | { readonly ok: false; readonly reason: 'stale' | 'gap'; readonly bookSeq: number; readonly prevSeq: number };

/**
 * Client side: applies a delta to a book and returns the new book. Applying every delta in order to
 * a snapshot gives exactly the feed's newest snapshot. The book passed in is not changed.
 */
export function applyDelta(book: DepthSnapshot, delta: DepthDelta): ApplyResult {
  if (delta.symbol !== book.symbol) throw new Error(`delta for ${delta.symbol} applied to the ${book.symbol} book`);
  if (delta.prevSeq !== book.seq) {
    return { ok: false, reason: delta.seq <= book.seq ? 'stale' : 'gap', bookSeq: book.seq, prevSeq: delta.prevSeq };
  }
  const bids = applySide(book.bids, delta.bids, -1);
  const asks = applySide(book.asks, delta.asks, 1);
  return { ok: true, book: Object.freeze({ symbol: book.symbol, seq: delta.seq, bids, asks }) };
}

/** +1 when prices rise outward (asks), -1 when they fall (bids). */
type Direction = 1 | -1;

/** The first `n` levels as [price, qty], checking the order the order book guarantees. */
function topLevels(levels: readonly BookLevel[], n: number, side: 'bids' | 'asks'): readonly Level[] {
  const out: Level[] = [];
  const direction: Direction = side === 'asks' ? 1 : -1;
  for (const [price, qty] of levels.slice(0, n)) {
    if (!Number.isSafeInteger(price) || price <= 0 || !Number.isSafeInteger(qty) || qty <= 0) throw new RangeError(`${side} level [${price}, ${qty}] must have a positive integer price and qty`);
    const prev = out[out.length - 1];
    if (prev && (price - prev[0]) * direction <= 0) throw new RangeError(`${side} must run from the best price outward without repeats`);
    out.push(Object.freeze([price, qty] as const));
  }
  return Object.freeze(out);
}

/** Merges two sides sorted the same way: levels added or changed carry their new qty, removed ones qty 0. */
function diff(before: readonly Level[], after: readonly Level[], direction: Direction): Level[] {
  const out: Level[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const a = before[i];
    const b = after[j];
    if (a && (!b || (a[0] - b[0]) * direction < 0)) {
      out.push([a[0], 0]);
      i++;
    } else if (b && (!a || (b[0] - a[0]) * direction < 0)) {
      out.push([b[0], b[1]]);
      j++;
    } else if (a && b) {
      if (a[1] !== b[1]) out.push([b[0], b[1]]);
      i++;
      j++;
    }
  }
  return out;
}

function applySide(levels: readonly Level[], changes: readonly Level[], direction: Direction): readonly Level[] {
  if (changes.length === 0) return levels;
  const byPrice = new Map<number, number>(levels.map(([price, qty]) => [price, qty]));
  for (const [price, qty] of changes) {
    if (qty === 0) byPrice.delete(price);
    else byPrice.set(price, qty);
  }
  const out = [...byPrice].sort((x, y) => (x[0] - y[0]) * direction).map(([price, qty]) => Object.freeze([price, qty] as const));
  return Object.freeze(out);
}
