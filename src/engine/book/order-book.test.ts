// One order book suite run against every implementation, plus a differential property test fast vs reference.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Side } from '../../core/orders.ts';
import { FastBook } from './fast-book.ts';
import { NO_ORDER, type OrderBook } from './order-book.ts';
import { ReferenceBook } from './reference-book.ts';

type Row = [orderId: number, accountId: number, price: number, qty: number];

/** Every resting order of a side in priority order, read through head/next only. */
function walk(book: OrderBook, side: Side): Row[] {
  const rows: Row[] = [];
  for (let h = book.head(side); h !== NO_ORDER; h = book.next(h)) {
    if (rows.length > book.size()) throw new Error(`next() on the ${side} side does not end`);
    rows.push([book.orderIdAt(h), book.accountIdAt(h), book.priceAt(h), book.qtyAt(h)]);
  }
  return rows;
}

const ids = (book: OrderBook, side: Side): number[] => walk(book, side).map((row) => row[0]);

/** Everything a caller can observe about a book. */
function observe(book: OrderBook) {
  const side = (s: Side) => {
    const head = book.head(s);
    return {
      best: book.bestPrice(s),
      headId: head === NO_ORDER ? null : book.orderIdAt(head),
      orders: walk(book, s),
      depth: book.depth(s, 1000),
    };
  };
  return { size: book.size(), buy: side('buy'), sell: side('sell') };
}

// The reference book is quadratic, so the growth test scales down for it.
describe.each([
  ['reference', () => new ReferenceBook(), 3_000],
  ['fast', () => new FastBook(), 100_000],
] as const)('%s order book', (_name, make: () => OrderBook, bigCount: number) => {
  it('is empty at first', () => {
    const book = make();
    expect(book.bestPrice('buy')).toBe(0);
    expect(book.bestPrice('sell')).toBe(0);
    expect(book.head('buy')).toBe(NO_ORDER);
    expect(book.head('sell')).toBe(NO_ORDER);
    expect(book.depth('buy', 10)).toEqual([]);
    expect(book.size()).toBe(0);
    expect(book.find(1)).toBe(NO_ORDER);
    expect(book.has(1)).toBe(false);
    book.validate();
  });

  it('keeps FIFO order within a level', () => {
    const book = make();
    for (const id of [5, 3, 9]) book.add(id, 1, 'buy', 100, 10);
    for (const id of [4, 8, 2]) book.add(id, 1, 'sell', 101, 10);
    expect(ids(book, 'buy')).toEqual([5, 3, 9]);
    expect(ids(book, 'sell')).toEqual([4, 8, 2]);
    book.validate();
  });

  it('gives price priority on both sides, then time', () => {
    const book = make();
    book.add(1, 1, 'buy', 99, 1);
    book.add(2, 1, 'buy', 101, 1);
    book.add(3, 1, 'buy', 100, 1);
    book.add(4, 1, 'buy', 101, 1);
    book.add(5, 1, 'sell', 105, 1);
    book.add(6, 1, 'sell', 103, 1);
    book.add(7, 1, 'sell', 104, 1);
    book.add(8, 1, 'sell', 103, 1);
    expect(book.bestPrice('buy')).toBe(101);
    expect(book.bestPrice('sell')).toBe(103);
    expect(book.orderIdAt(book.head('buy'))).toBe(2);
    expect(book.orderIdAt(book.head('sell'))).toBe(6);
    expect(ids(book, 'buy')).toEqual([2, 4, 3, 1]);
    expect(ids(book, 'sell')).toEqual([6, 8, 7, 5]);
    book.validate();
  });

  it('walks next() across levels and returns NO_ORDER at the end', () => {
    const book = make();
    const prices = [50, 10, 40, 20, 30, 40, 10];
    prices.forEach((price, i) => book.add(i + 1, 7, 'sell', price, i + 1));
    expect(walk(book, 'sell')).toEqual([
      [2, 7, 10, 2],
      [7, 7, 10, 7],
      [4, 7, 20, 4],
      [5, 7, 30, 5],
      [3, 7, 40, 3],
      [6, 7, 40, 6],
      [1, 7, 50, 1],
    ]);
    const last = book.find(1);
    expect(book.next(last)).toBe(NO_ORDER);
    expect(book.next(book.find(5))).toBe(book.find(3));
  });

  it('reduces without losing priority and rejects a non-reduction', () => {
    const book = make();
    book.add(1, 1, 'buy', 100, 10);
    book.add(2, 1, 'buy', 100, 10);
    book.reduce(1, 4);
    expect(walk(book, 'buy')).toEqual([
      [1, 1, 100, 4],
      [2, 1, 100, 10],
    ]);
    expect(book.depth('buy', 5)).toEqual([[100, 14, 2]]);
    expect(() => book.reduce(1, 4)).toThrow();
    expect(() => book.reduce(1, 0)).toThrow();
    expect(() => book.reduce(99, 1)).toThrow();
    book.validate();
  });

  it('fills partially in place and removes a fully filled order', () => {
    const book = make();
    book.add(1, 1, 'sell', 100, 10);
    book.add(2, 2, 'sell', 100, 5);
    book.add(3, 3, 'sell', 101, 5);
    book.fill(book.head('sell'), 4);
    expect(book.qtyAt(book.head('sell'))).toBe(6);
    expect(book.orderIdAt(book.head('sell'))).toBe(1);
    book.fill(book.head('sell'), 6);
    expect(book.has(1)).toBe(false);
    expect(book.orderIdAt(book.head('sell'))).toBe(2);
    book.fill(book.find(2), 5);
    expect(book.bestPrice('sell')).toBe(101);
    expect(book.depth('sell', 5)).toEqual([[101, 5, 1]]);
    expect(() => book.fill(book.head('sell'), 6)).toThrow();
    expect(() => book.fill(book.head('sell'), 0)).toThrow();
    expect(book.size()).toBe(1);
    book.validate();
  });

  it('removes by id and reports unknown ids', () => {
    const book = make();
    book.add(1, 1, 'buy', 100, 1);
    book.add(2, 1, 'buy', 100, 1);
    expect(book.remove(3)).toBe(false);
    expect(book.remove(1)).toBe(true);
    expect(book.remove(1)).toBe(false);
    expect(book.find(1)).toBe(NO_ORDER);
    expect(ids(book, 'buy')).toEqual([2]);
    expect(book.remove(2)).toBe(true);
    expect(book.bestPrice('buy')).toBe(0);
    expect(book.head('buy')).toBe(NO_ORDER);
    expect(book.size()).toBe(0);
    book.validate();
  });

  it('rejects a duplicate id', () => {
    const book = make();
    book.add(1, 1, 'buy', 100, 1);
    expect(() => book.add(1, 1, 'sell', 101, 1)).toThrow();
    expect(book.size()).toBe(1);
    book.validate();
  });

  it('aggregates depth from the best price outward and honours maxLevels', () => {
    const book = make();
    book.add(1, 1, 'buy', 98, 3);
    book.add(2, 1, 'buy', 100, 1);
    book.add(3, 1, 'buy', 99, 2);
    book.add(4, 1, 'buy', 100, 4);
    book.add(5, 1, 'buy', 97, 9);
    expect(book.depth('buy', 10)).toEqual([
      [100, 5, 2],
      [99, 2, 1],
      [98, 3, 1],
      [97, 9, 1],
    ]);
    expect(book.depth('buy', 2)).toEqual([
      [100, 5, 2],
      [99, 2, 1],
    ]);
    expect(book.depth('buy', 0)).toEqual([]);
    expect(book.depth('sell', 3)).toEqual([]);
  });

  it('counts orders on both sides', () => {
    const book = make();
    book.add(1, 1, 'buy', 100, 1);
    book.add(2, 1, 'sell', 90, 1); // the book does not stop crossing; the engine matches first
    book.add(3, 1, 'sell', 91, 1);
    expect(book.size()).toBe(3);
    book.remove(2);
    expect(book.size()).toBe(2);
    book.validate();
  });

  it('keeps working when ids and handles are reused after removal', () => {
    const book = make();
    for (let round = 0; round < 3; round++) {
      for (let i = 1; i <= 50; i++) book.add(i, i, i % 2 ? 'buy' : 'sell', i % 2 ? 100 - (i % 5) : 101 + (i % 5), i);
      for (let i = 1; i <= 50; i += 3) book.remove(i);
      for (let h = book.head('buy'); h !== NO_ORDER; h = book.head('buy')) book.fill(h, book.qtyAt(h));
      expect(book.size()).toBe(book.depth('sell', 100).reduce((n, level) => n + level[2], 0));
      book.validate();
      for (let i = 1; i <= 50; i++) book.remove(i);
      expect(book.size()).toBe(0);
    }
    book.add(7, 3, 'sell', 120, 5);
    expect(walk(book, 'sell')).toEqual([[7, 3, 120, 5]]);
    book.validate();
  });

  it('grows beyond its initial capacity', () => {
    const book = make();
    for (let i = 0; i < bigCount; i++) {
      const buy = i % 2 === 0;
      book.add(i + 1, i % 1000, buy ? 'buy' : 'sell', buy ? 10_000 - (i % 997) : 10_001 + (i % 991), 1 + (i % 50));
    }
    book.validate();
    expect(book.size()).toBe(bigCount);
    expect(walk(book, 'buy').length + walk(book, 'sell').length).toBe(bigCount);
    let removed = 0;
    for (let i = 0; i < bigCount; i += 2) if (book.remove(i + 1)) removed++;
    expect(removed).toBe(bigCount / 2);
    expect(book.size()).toBe(bigCount / 2);
    expect(book.bestPrice('buy')).toBe(0);
    expect(book.bestPrice('sell')).toBe(10_001);
    book.validate();
  });

  it('tracks ids through heavy churn, wide id ranges included', () => {
    const book = make();
    const model = new Set<number>();
    let seed = 12345;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pool = Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? i + 1 : Math.floor(rand() * 2 ** 53)));
    for (let step = 0; step < 6_000; step++) {
      const id = pool[Math.floor(rand() * pool.length)]!;
      if (model.has(id)) {
        expect(book.remove(id)).toBe(true);
        model.delete(id);
      } else {
        book.add(id, 1, rand() < 0.5 ? 'buy' : 'sell', 1 + Math.floor(rand() * 40), 1);
        model.add(id);
      }
      expect(book.has(pool[step % pool.length]!)).toBe(model.has(pool[step % pool.length]!));
    }
    expect(book.size()).toBe(model.size);
    for (const id of pool) expect(book.has(id)).toBe(model.has(id));
    book.validate();
  });

  it('takes order ids beyond 2^31 and account ids 0 to 2^31 - 1', () => {
    const book = make();
    const big = [2 ** 31, 2 ** 32 + 7, 2 ** 40, Number.MAX_SAFE_INTEGER];
    big.forEach((id, i) => book.add(id, i === 0 ? 0 : 2 ** 31 - 1, 'buy', 2 ** 40 - i, 2 ** 40));
    expect(walk(book, 'buy')).toEqual([
      [2 ** 31, 0, 2 ** 40, 2 ** 40],
      [2 ** 32 + 7, 2 ** 31 - 1, 2 ** 40 - 1, 2 ** 40],
      [2 ** 40, 2 ** 31 - 1, 2 ** 40 - 2, 2 ** 40],
      [Number.MAX_SAFE_INTEGER, 2 ** 31 - 1, 2 ** 40 - 3, 2 ** 40],
    ]);
    expect(book.has(2 ** 32 + 7)).toBe(true);
    expect(book.has(2 ** 32 + 8)).toBe(false);
    expect(book.remove(2 ** 40)).toBe(true);
    expect(book.orderIdAt(book.find(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    book.validate();
  });
});

type Op =
  | { kind: 'add'; side: Side; price: number; qty: number; account: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'reduce'; pick: number; to: number }
  | { kind: 'fillHead'; side: Side; qty: number }
  | { kind: 'fillById'; pick: number; qty: number };

const side = fc.constantFrom<Side>('buy', 'sell');
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('add' as const), side, price: fc.integer({ min: 1, max: 12 }), qty: fc.integer({ min: 1, max: 20 }), account: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reduce' as const), pick: fc.nat(), to: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('fillHead' as const), side, qty: fc.integer({ min: 1, max: 25 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fillById' as const), pick: fc.nat(), qty: fc.integer({ min: 1, max: 25 }) }) },
);

/**
 * Applies one op to a book and returns what remove() answered (or null). `added` holds every id added
 * so far, live or not, so picks also hit orders that are gone.
 */
function apply(book: OrderBook, o: Op, added: readonly number[], nextId: number): boolean | null {
  const picked = added.length === 0 ? -1 : added[('pick' in o ? o.pick : 0) % added.length]!;
  switch (o.kind) {
    case 'add':
      book.add(nextId, o.account, o.side, o.price, o.qty);
      return null;
    case 'remove':
      return book.remove(picked);
    case 'reduce': {
      const h = book.find(picked);
      if (h !== NO_ORDER && book.qtyAt(h) >= 2) book.reduce(picked, 1 + (o.to % (book.qtyAt(h) - 1)));
      return null;
    }
    case 'fillHead': {
      const h = book.head(o.side);
      if (h !== NO_ORDER) book.fill(h, Math.min(o.qty, book.qtyAt(h)));
      return null;
    }
    case 'fillById': {
      const h = book.find(picked);
      if (h !== NO_ORDER) book.fill(h, Math.min(o.qty, book.qtyAt(h)));
      return null;
    }
  }
}

describe('fast book against the reference book', () => {
  const run = (base: number, ops: Op[]): void => {
    const fast = new FastBook();
    const ref = new ReferenceBook();
    const added: number[] = [];
    for (const o of ops) {
      const nextId = base + added.length;
      expect(apply(fast, o, added, nextId)).toBe(apply(ref, o, added, nextId));
      if (o.kind === 'add') added.push(nextId);
      if ('pick' in o) {
        const picked = added[o.pick % added.length] ?? -1;
        expect(fast.has(picked)).toBe(ref.has(picked));
        expect(fast.find(picked) === NO_ORDER).toBe(ref.find(picked) === NO_ORDER);
      }
      expect(observe(fast)).toEqual(observe(ref));
      fast.validate();
      ref.validate();
    }
  };
  const base = fc.constantFrom(1, 2 ** 31 - 40, 2 ** 45);

  it('agrees on short random sequences', () => {
    fc.assert(fc.property(base, fc.array(op, { maxLength: 60 }), run), { numRuns: 2_500 });
  });

  it('agrees on longer random sequences', () => {
    fc.assert(fc.property(base, fc.array(op, { minLength: 150, maxLength: 300 }), run), { numRuns: 25 });
  });
});
