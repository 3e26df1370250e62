// Seeded order-flow streams for the book benchmarks, and the tiny matching loop that runs them on an OrderBook.
import type { Side } from '../../src/core/orders.ts';
import { SeededRandom } from '../../src/core/rng.ts';
import { FastBook } from '../../src/engine/book/fast-book.ts';
import { NO_ORDER, type OrderBook } from '../../src/engine/book/order-book.ts';

/** Command kinds in a stream. A limit rests what it does not match; IOC and market drop it. */
export const LIMIT = 0;
export const CANCEL = 1;
export const MARKET = 2;
export const IOC = 3;

export const BUY = 0;
export const SELL = 1;

/**
 * A command stream as parallel typed arrays, so replaying it allocates nothing and costs the same for
 * every implementation. `id` is the new order's id (limit, IOC) or the cancelled id; 0 for market.
 * `price` is 0 for cancel and market.
 */
export interface CommandStream {
  readonly length: number;
  readonly kind: Uint8Array;
  readonly side: Uint8Array;
  readonly id: Float64Array;
  readonly price: Float64Array;
  readonly qty: Float64Array;
  readonly account: Int32Array;
}

/** A mixed flow: `setup` builds a realistic book untimed, then `ops` is the measured part. */
export interface MixedFlow {
  readonly setup: CommandStream;
  readonly ops: CommandStream;
}

export const MID = 100_000;

function emptyStream(n: number): CommandStream {
  return {
    length: n,
    kind: new Uint8Array(n),
    side: new Uint8Array(n),
    id: new Float64Array(n),
    price: new Float64Array(n),
    qty: new Float64Array(n),
    account: new Int32Array(n),
  };
}

function put(s: CommandStream, i: number, kind: number, side: number, id: number, price: number, qty: number, account: number): void {
  s.kind[i] = kind;
  s.side[i] = side;
  s.id[i] = id;
  s.price[i] = price;
  s.qty[i] = qty;
  s.account[i] = account;
}

/** `n` adds that never cross: bids 1..depth ticks below the mid, asks 1..depth ticks above it. Ids start at `firstId`. */
export function generateNonCrossingAdds(seed: number, n: number, depth = 500, firstId = 1): CommandStream {
  const rng = new SeededRandom(seed);
  const s = emptyStream(n);
  for (let i = 0; i < n; i++) {
    const side = rng.next() < 0.5 ? BUY : SELL;
    const offset = rng.int(1, depth);
    put(s, i, LIMIT, side, firstId + i, side === BUY ? MID - offset : MID + offset, rng.int(1, 100), rng.int(1, 10_000));
  }
  return s;
}

/**
 * Matches an incoming order against the opposite side up to `limit` (Infinity / -Infinity for a
 * market order) and returns the quantity left. `onGone` hears the id of every maker that leaves.
 */
export function match(book: OrderBook, side: Side, limit: number, qty: number, onGone: ((id: number) => void) | null): number {
  const other: Side = side === 'buy' ? 'sell' : 'buy';
  const buying = side === 'buy';
  while (qty > 0) {
    const h = book.head(other);
    if (h === NO_ORDER) break;
    const price = book.priceAt(h);
    if (buying ? price > limit : price < limit) break;
    const available = book.qtyAt(h);
    const take = available < qty ? available : qty;
    if (take === available && onGone !== null) onGone(book.orderIdAt(h));
    book.fill(h, take);
    qty -= take;
  }
  return qty;
}

/** The ids of resting orders, with O(1) add, remove and uniform pick. */
class LiveSet {
  private ids: number[] = [];
  private readonly index = new Map<number, number>();

  get size(): number {
    return this.ids.length;
  }

  add(id: number): void {
    this.index.set(id, this.ids.length);
    this.ids.push(id);
  }

  remove(id: number): void {
    const at = this.index.get(id);
    if (at === undefined) return;
    const last = this.ids.pop()!;
    if (at < this.ids.length) {
      this.ids[at] = last;
      this.index.set(last, at);
    }
    this.index.delete(id);
  }

  pick(rng: SeededRandom): number {
    return this.ids[Math.floor(rng.next() * this.ids.length)]!;
  }
}

/**
 * The mixed flow: 60% limit adds a few ticks around a slowly wandering mid (some cross and match),
 * 30% cancels of live orders, 5% market orders, 5% crossing IOC orders. With these offsets and sizes
 * the book settles at a few thousand orders over about fifty levels instead of draining or growing.
 * The generator runs the flow on a FastBook to know which orders are live, so every cancel names a
 * resting order; the stream is then fixed data, the same for every implementation. `setupOrders`
 * non-crossing adds within 50 ticks of the mid come first.
 */
export function generateMixedFlow(seed: number, n: number, setupOrders = 5_000): MixedFlow {
  const rng = new SeededRandom(seed);
  const setup = generateNonCrossingAdds(seed ^ 0x5eed, setupOrders, 50);
  const ops = emptyStream(n);
  const book = new FastBook();
  const live = new LiveSet();
  const gone = (id: number): void => live.remove(id);
  for (let i = 0; i < setup.length; i++) {
    book.add(setup.id[i]!, setup.account[i]!, setup.side[i] === BUY ? 'buy' : 'sell', setup.price[i]!, setup.qty[i]!);
    live.add(setup.id[i]!);
  }
  let nextId = setupOrders + 1;
  let mid = MID;
  for (let i = 0; i < n; i++) {
    if (rng.next() < 0.01) mid += rng.next() < 0.5 ? -1 : 1;
    const roll = rng.next();
    const sideCode = rng.next() < 0.5 ? BUY : SELL;
    const side: Side = sideCode === BUY ? 'buy' : 'sell';
    const account = rng.int(1, 10_000);
    if (roll < 0.3 && live.size > 0) {
      const id = live.pick(rng);
      book.remove(id);
      live.remove(id);
      put(ops, i, CANCEL, sideCode, id, 0, 0, account);
    } else if (roll >= 0.3 && roll < 0.35) {
      const qty = rng.int(1, 100);
      match(book, side, sideCode === BUY ? Infinity : -Infinity, qty, gone);
      put(ops, i, MARKET, sideCode, 0, 0, qty, account);
    } else if (roll >= 0.35 && roll < 0.4) {
      const price = sideCode === BUY ? mid + rng.int(0, 4) : mid - rng.int(0, 4);
      const qty = rng.int(1, 100);
      match(book, side, price, qty, gone);
      put(ops, i, IOC, sideCode, nextId++, price, qty, account);
    } else {
      // Buys go at mid-10..mid+1 and sells at mid-1..mid+10, so some of them cross.
      const price = sideCode === BUY ? mid + rng.int(-10, 1) : mid - rng.int(-10, 1);
      const qty = rng.int(1, 100);
      const id = nextId++;
      const left = match(book, side, price, qty, gone);
      if (left > 0) {
        book.add(id, account, side, price, left);
        live.add(id);
      }
      put(ops, i, LIMIT, sideCode, id, price, qty, account);
    }
  }
  return { setup, ops };
}

/**
 * Runs commands [from, to) of a stream on an OrderBook with the matching loop above and returns the
 * traded quantity, which is the same for every correct implementation.
 */
export function runOnBook(book: OrderBook, s: CommandStream, from: number, to: number): number {
  const { kind, side: sides, id, price, qty, account } = s;
  let traded = 0;
  for (let i = from; i < to; i++) {
    const k = kind[i]!;
    if (k === CANCEL) {
      book.remove(id[i]!);
      continue;
    }
    const side: Side = sides[i] === BUY ? 'buy' : 'sell';
    const q = qty[i]!;
    if (k === MARKET) {
      traded += q - match(book, side, side === 'buy' ? Infinity : -Infinity, q, null);
    } else {
      const p = price[i]!;
      const left = match(book, side, p, q, null);
      traded += q - left;
      if (k === LIMIT && left > 0) book.add(id[i]!, account[i]!, side, p, left);
    }
  }
  return traded;
}
