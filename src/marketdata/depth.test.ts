// Depth feed: deltas rebuild the newest snapshot, seqs are gap-free, gaps and stale deltas are reported.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FastBook } from '../engine/book/fast-book.ts';
import { applyDelta, DepthFeed, type BookLevel, type DepthDelta, type DepthSnapshot } from './depth.ts';

const lv = (price: number, qty: number, orders = 1): BookLevel => [price, qty, orders];

function apply(book: DepthSnapshot, delta: DepthDelta): DepthSnapshot {
  const result = applyDelta(book, delta);
  if (!result.ok) throw new Error(`unexpected ${result.reason}`);
  return result.book;
}

describe('DepthFeed', () => {
  it('publishes added, changed and removed levels, best first', () => {
    const feed = new DepthFeed();
    expect(feed.snapshot('X')).toEqual({ symbol: 'X', seq: 0, bids: [], asks: [] });
    expect(feed.update('X', [lv(100, 5), lv(99, 3)], [lv(101, 2)])).toEqual({ symbol: 'X', seq: 1, prevSeq: 0, bids: [[100, 5], [99, 3]], asks: [[101, 2]] });
    expect(feed.update('X', [lv(100, 4), lv(98, 1)], [lv(101, 2)])).toEqual({ symbol: 'X', seq: 2, prevSeq: 1, bids: [[100, 4], [99, 0], [98, 1]], asks: [] });
    expect(feed.snapshot('X')).toEqual({ symbol: 'X', seq: 2, bids: [[100, 4], [98, 1]], asks: [[101, 2]] });
  });

  it('publishes nothing when the levels are unchanged, order counts included', () => {
    const feed = new DepthFeed();
    feed.update('X', [lv(100, 5, 1)], []);
    expect(feed.update('X', [lv(100, 5, 3)], [])).toBeUndefined();
    expect(feed.update('X', [], [])?.seq).toBe(2);
    expect(feed.update('X', [], [])).toBeUndefined();
  });

  it('shows a level pushed out of the top-N window as a removal', () => {
    const feed = new DepthFeed({ levels: 2 });
    feed.update('X', [lv(10, 1), lv(9, 1)], [lv(11, 1), lv(12, 1), lv(13, 1)]);
    expect(feed.snapshot('X').asks).toEqual([[11, 1], [12, 1]]);
    expect(feed.update('X', [lv(21, 1), lv(10, 1), lv(9, 1)], [lv(11, 1), lv(12, 1), lv(13, 1)])).toMatchObject({ bids: [[21, 1], [9, 0]], asks: [] });
    // And a level coming back into the window as an addition.
    expect(feed.update('X', [lv(10, 1), lv(9, 1)], [lv(12, 1), lv(13, 1)])).toMatchObject({ bids: [[21, 0], [9, 1]], asks: [[11, 0], [13, 1]] });
  });

  it('keeps sequences per symbol', () => {
    const feed = new DepthFeed();
    feed.update('A', [lv(1, 1)], []);
    feed.update('A', [lv(1, 2)], []);
    expect(feed.update('B', [lv(1, 1)], [])?.seq).toBe(1);
    expect(feed.snapshot('A').seq).toBe(2);
  });

  it('rejects levels out of order, repeated or not positive', () => {
    const feed = new DepthFeed();
    expect(() => feed.update('X', [lv(99, 1), lv(100, 1)], [])).toThrow(/best price outward/);
    expect(() => feed.update('X', [], [lv(101, 1), lv(101, 1)])).toThrow(/best price outward/);
    expect(() => feed.update('X', [lv(100, 0)], [])).toThrow(/positive/);
    expect(() => new DepthFeed({ levels: 0 })).toThrow(RangeError);
  });

  it('takes OrderBook.depth output as it is', () => {
    const book = new FastBook();
    book.add(1, 1, 'buy', 100, 5);
    book.add(2, 1, 'buy', 100, 2);
    book.add(3, 1, 'sell', 103, 4);
    const feed = new DepthFeed();
    expect(feed.update('X', book.depth('buy', feed.levels), book.depth('sell', feed.levels))).toMatchObject({ bids: [[100, 7]], asks: [[103, 4]] });
  });
});

describe('applyDelta', () => {
  it('reports a gap when a delta was missed and a stale delta the book already holds', () => {
    const feed = new DepthFeed();
    const start = feed.snapshot('X');
    const d1 = feed.update('X', [lv(10, 1)], []) as DepthDelta;
    const d2 = feed.update('X', [lv(10, 2)], []) as DepthDelta;
    expect(applyDelta(start, d2)).toEqual({ ok: false, reason: 'gap', bookSeq: 0, prevSeq: 1 });
    const after1 = apply(start, d1);
    expect(applyDelta(after1, d1)).toEqual({ ok: false, reason: 'stale', bookSeq: 1, prevSeq: 0 });
    expect(apply(after1, d2)).toEqual(feed.snapshot('X'));
    expect(start).toEqual({ symbol: 'X', seq: 0, bids: [], asks: [] });
    expect(() => applyDelta(feed.snapshot('Y'), d1)).toThrow(/applied to the Y book/);
  });

  it('rebuilds the newest snapshot from any earlier snapshot and the deltas after it', () => {
    // Small price and qty ranges so levels often stay, change, vanish and return.
    const side = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 })), { selector: (l) => l[0], maxLength: 12 });
    const levelSets = fc.array(fc.tuple(side, side), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), levelSets, fc.nat(), (levels, sets, at) => {
        const feed = new DepthFeed({ levels });
        const from = at % (sets.length + 1);
        let taken = feed.snapshot('X');
        let book = taken;
        const deltas: DepthDelta[] = [];
        sets.forEach(([bidSet, askSet], i) => {
          const bids = [...bidSet].sort((a, b) => b[0] - a[0]);
          const asks = [...askSet].map(([p, q, n]): BookLevel => [p + 100, q, n]).sort((a, b) => a[0] - b[0]);
          const before = feed.snapshot('X');
          const delta = feed.update('X', bids, asks);
          const after = feed.snapshot('X');
          expect(after.bids).toEqual(bids.slice(0, levels).map(([p, q]) => [p, q]));
          expect(after.asks).toEqual(asks.slice(0, levels).map(([p, q]) => [p, q]));
          if (delta) {
            expect(delta.seq).toBe(before.seq + 1);
            expect(delta.prevSeq).toBe(before.seq);
            deltas.push(delta);
            book = apply(book, delta);
          } else {
            expect(after).toEqual(before);
          }
          if (i + 1 === from) taken = after;
        });
        expect(book).toEqual(feed.snapshot('X'));
        const late = deltas.filter((d) => d.seq > taken.seq).reduce(apply, taken);
        expect(late).toEqual(feed.snapshot('X'));
      }),
      { numRuns: 1_000 },
    );
  });
});
