// Rolling ticker: the window slides by whole buckets, matches a naive recomputation, and stays bounded.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TickerBook, type Ticker } from './ticker.ts';

const T0 = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

describe('TickerBook', () => {
  it('reports the window, last trade and top of book', () => {
    const book = new TickerBook();
    book.onTrade('X', 100, 2, T0);
    book.onTrade('X', 120, 1, T0 + 60_000);
    book.onTrade('X', 90, 3, T0 + 120_000);
    book.setTopOfBook('X', 89, 5, 91, 7);
    expect(book.get('X')).toEqual({
      symbol: 'X',
      time: T0 + 120_000,
      windowStart: T0 + 180_000 - DAY,
      lastPrice: 90,
      lastQty: 3,
      open: 100,
      high: 120,
      low: 90,
      volume: 6,
      quoteVolume: 590,
      trades: 3,
      change: -10,
      changeBps: -1_000,
      bidPrice: 89,
      bidQty: 5,
      askPrice: 91,
      askQty: 7,
    });
    expect(book.get('Y')).toBeUndefined();
  });

  it('drops a trade once its whole minute is more than 24h old, on tick alone', () => {
    const book = new TickerBook();
    book.onTrade('X', 100, 2, T0 + 30_000);
    book.tick(T0 + DAY - 1);
    expect(book.get('X')).toMatchObject({ trades: 1, open: 100, high: 100, low: 100, volume: 2 });
    book.tick(T0 + DAY);
    expect(book.get('X')).toMatchObject({ trades: 0, open: 0, high: 0, low: 0, volume: 0, quoteVolume: 0, change: 0, changeBps: 0, lastPrice: 100, lastQty: 2 });
    expect(book.retainedBuckets('X')).toBe(0);
  });

  it('finds the new high when the bucket holding the old one leaves', () => {
    const book = new TickerBook({ windowMs: 3_000, bucketMs: 1_000 });
    book.onTrade('X', 50, 1, 0);
    book.onTrade('X', 40, 1, 1_000);
    book.onTrade('X', 45, 1, 2_000);
    expect(book.get('X')).toMatchObject({ open: 50, high: 50, low: 40 });
    book.tick(3_000);
    expect(book.get('X')).toMatchObject({ open: 40, high: 45, low: 40, trades: 2 });
    book.tick(4_000);
    expect(book.get('X')).toMatchObject({ open: 45, high: 45, low: 45, trades: 1 });
  });

  it('counts a trade stamped in the past at the newest time seen', () => {
    const book = new TickerBook({ windowMs: 3_000, bucketMs: 1_000 });
    book.tick(10_000);
    book.onTrade('X', 5, 1, 0);
    expect(book.get('X')).toMatchObject({ time: 10_000, trades: 1, open: 5 });
    book.tick(12_999);
    expect(book.get('X')?.trades).toBe(1);
  });

  it('computes change in basis points exactly near the price bound', () => {
    const book = new TickerBook();
    book.onTrade('X', 3, 1, T0);
    book.onTrade('X', 2 ** 40, 1, T0);
    expect(book.get('X')?.changeBps).toBe(Number(((2n ** 40n - 3n) * 10_000n) / 3n));
    book.onTrade('X', 2, 1, T0);
    expect(book.get('X')?.changeBps).toBe(-3_333);
  });

  it('rounds the change in basis points to the nearest, halves away from zero', () => {
    const changeBps = (open: number, last: number): number | undefined => {
      const book = new TickerBook();
      book.onTrade('X', open, 1, T0);
      book.onTrade('X', last, 1, T0);
      return book.get('X')?.changeBps;
    };
    expect(changeBps(10_000_000, 9_870_436)).toBe(-130); // -1.29564 %
    expect(changeBps(10_000_000, 9_998_461)).toBe(-2); // -0.01539 %
    expect(changeBps(10_000_000, 10_129_564)).toBe(130);
    expect(changeBps(10_000_000, 9_998_960)).toBe(-1); // -0.0104 %
    expect(changeBps(20_000, 19_999)).toBe(-1); // exactly -0.5 bp
    expect(changeBps(20_000, 20_001)).toBe(1); // exactly +0.5 bp
  });

  it('holds at most one bucket per minute of the window whatever the trade rate', () => {
    const book = new TickerBook();
    for (let i = 0; i < 200_000; i++) book.onTrade('X', 100 + (i % 7), 1, T0 + i * 1_500);
    expect(book.retainedBuckets('X')).toBe(1_440);
    expect(book.get('X')?.trades).toBe(57_600);
    for (let i = 0; i < 100_000; i++) book.onTrade('Y', 100, 1, T0);
    expect(book.retainedBuckets('Y')).toBe(1);
  });

  it('rejects a window that is not whole buckets', () => {
    expect(() => new TickerBook({ windowMs: 1_000, bucketMs: 300 })).toThrow(RangeError);
    expect(() => new TickerBook().setTopOfBook('X', -1, 0, 0, 0)).toThrow(RangeError);
  });
});

interface Seen {
  readonly price: number;
  readonly qty: number;
  readonly time: number;
}

/** The window recomputed from every trade ever seen. */
function naive(symbol: string, all: readonly Seen[], clock: number, bucketMs: number, buckets: number): Partial<Ticker> {
  const windowStart = (Math.floor(clock / bucketMs) - buckets + 1) * bucketMs;
  const inWindow = all.filter((t) => t.time >= windowStart);
  const last = all[all.length - 1];
  const first = inWindow[0];
  const open = first?.price ?? 0;
  const change = first && last ? last.price - first.price : 0;
  return {
    symbol,
    time: clock,
    windowStart,
    lastPrice: last?.price ?? 0,
    lastQty: last?.qty ?? 0,
    open,
    high: inWindow.length ? Math.max(...inWindow.map((t) => t.price)) : 0,
    low: inWindow.length ? Math.min(...inWindow.map((t) => t.price)) : 0,
    volume: inWindow.reduce((n, t) => n + t.qty, 0),
    quoteVolume: inWindow.reduce((n, t) => n + t.price * t.qty, 0),
    trades: inWindow.length,
    change,
    changeBps: open ? Math.sign(change) * Math.round((Math.abs(change) * 10_000) / open) : 0,
  };
}

describe('TickerBook against a naive recomputation', () => {
  it('agrees after every trade and tick, including late-stamped trades', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('trade' as const), price: fc.integer({ min: 1, max: 50 }), qty: fc.integer({ min: 1, max: 9 }), dt: fc.integer({ min: -30, max: 40 }) }),
      fc.record({ kind: fc.constant('tick' as const), dt: fc.integer({ min: -10, max: 120 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 12 }), fc.array(op, { maxLength: 150 }), (bucketMs, buckets, ops) => {
        const book = new TickerBook({ windowMs: bucketMs * buckets, bucketMs });
        const seen: Seen[] = [];
        // Trades and ticks both move the clock; a trade stamped before it counts at the clock.
        let clock = Number.NEGATIVE_INFINITY;
        let at = 1_000;
        for (const o of ops) {
          at += o.dt;
          clock = Math.max(clock, at);
          if (o.kind === 'trade') {
            book.onTrade('X', o.price, o.qty, at);
            seen.push({ price: o.price, qty: o.qty, time: clock });
          } else {
            book.tick(at);
          }
          if (seen.length > 0) {
            expect(book.get('X')).toMatchObject(naive('X', seen, clock, bucketMs, buckets));
            expect(book.retainedBuckets('X')).toBeLessThanOrEqual(buckets);
          }
        }
      }),
      { numRuns: 1_000 },
    );
  });
});
