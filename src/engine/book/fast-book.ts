// The fast order book: a typed-array order pool, intrusive FIFO price levels and sorted price ladders per side.
import type { Side } from '../../core/orders.ts';
import { NO_ORDER, type Handle, type OrderBook } from './order-book.ts';
// NIL (-1) equals NO_ORDER, so a missing neighbour is already the right answer.
import { NIL, SlotIndex } from './slot-index.ts';

const INITIAL_ORDERS = 1024;
const INITIAL_LEVELS = 64;

function grownF64(old: Float64Array, capacity: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(capacity);
  next.set(old);
  return next;
}

function grownI32(old: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(capacity);
  next.set(old);
  return next;
}

/**
 * The active levels of one side. `keys` ascend strictly and the best level sits at `count - 1`, so
 * the frequent changes near the top of the book shift few entries. A key is the price for bids and
 * the negated price for asks, which gives both sides the same "higher key is better" order.
 * `levels[i]` is the level for `keys[i]`; `byPrice` finds the same levels by price.
 */
class Ladder {
  keys = new Float64Array(INITIAL_LEVELS);
  levels = new Int32Array(INITIAL_LEVELS);
  count = 0;
  readonly byPrice = new SlotIndex();

  constructor(readonly sign: 1 | -1) {}

  /** Index of `key`, which must be present. The best level is checked first: fills and cancels cluster there. */
  indexOf(key: number): number {
    const keys = this.keys;
    let hi = this.count - 1;
    if (keys[hi] === key) return hi;
    let lo = 0;
    hi--;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid]!;
      if (k < key) lo = mid + 1;
      else if (k > key) hi = mid - 1;
      else return mid;
    }
    throw new Error(`price ladder has no key ${key}`);
  }

  insert(key: number, level: number): void {
    const n = this.count;
    if (n === this.keys.length) {
      this.keys = grownF64(this.keys, n * 2);
      this.levels = grownI32(this.levels, n * 2);
    }
    const keys = this.keys;
    // Upper bound of `key`; a new best level is the common case and skips the search.
    let lo = n;
    if (n > 0 && keys[n - 1]! > key) {
      lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (keys[mid]! < key) lo = mid + 1;
        else hi = mid;
      }
      keys.copyWithin(lo + 1, lo, n);
      this.levels.copyWithin(lo + 1, lo, n);
    }
    keys[lo] = key;
    this.levels[lo] = level;
    this.count = n + 1;
  }

  removeAt(index: number): void {
    const n = --this.count;
    if (index < n) {
      this.keys.copyWithin(index, index + 1, n + 1);
      this.levels.copyWithin(index, index + 1, n + 1);
    }
  }
}

/**
 * Orders live in a struct-of-arrays pool and a handle is a slot index. Pool invariants:
 * - a live slot has qty > 0, a level, and prev/next links inside that level's FIFO list;
 * - a free slot has qty 0 and level NIL and is chained through `oNext` from `freeSlot`;
 * - slots at or above `used` have never been handed out;
 * - `ids` indexes exactly the live slots, by order id.
 * Levels form a second pool: an active level is non-empty, sits on exactly one ladder and is indexed
 * by price there; a free level is chained through `lvHead` from `freeLevel`. A level's total stays
 * exact below 2^53, which the clearing supply cap (MAX_AMOUNT, 2^52) guarantees.
 * Nothing on the hot path allocates; only the pools, ladders and indexes do, when they double.
 */
export class FastBook implements OrderBook {
  private oId = new Float64Array(INITIAL_ORDERS);
  private oQty = new Float64Array(INITIAL_ORDERS);
  private oAcct = new Int32Array(INITIAL_ORDERS);
  private oPrev = new Int32Array(INITIAL_ORDERS);
  private oNext = new Int32Array(INITIAL_ORDERS);
  private oLevel = new Int32Array(INITIAL_ORDERS);
  private used = 0;
  private freeSlot = NIL;
  private readonly ids = new SlotIndex();

  private lvPrice = new Float64Array(INITIAL_LEVELS);
  private lvTotal = new Float64Array(INITIAL_LEVELS);
  private lvCount = new Int32Array(INITIAL_LEVELS);
  private lvHead = new Int32Array(INITIAL_LEVELS);
  private lvTail = new Int32Array(INITIAL_LEVELS);
  private lvLadder: Ladder[] = [];
  private levelsUsed = 0;
  private freeLevel = NIL;

  private readonly bids = new Ladder(1);
  private readonly asks = new Ladder(-1);

  add(orderId: number, accountId: number, side: Side, price: number, qty: number): void {
    if (!(qty > 0 && price > 0 && accountId >= 0) || (accountId | 0) !== accountId) {
      throw new Error(`bad order ${orderId}: price ${price}, qty ${qty}, account ${accountId}`);
    }
    const slot = this.allocSlot();
    this.oId[slot] = orderId;
    if (!this.ids.insert(slot, this.oId)) {
      this.releaseSlot(slot);
      throw new Error(`order ${orderId} is already in the book`);
    }
    const ladder = side === 'buy' ? this.bids : this.asks;
    let level = ladder.byPrice.get(price, this.lvPrice);
    if (level === NIL) level = this.openLevel(ladder, price);
    const tail = this.lvTail[level]!;
    this.oQty[slot] = qty;
    this.oAcct[slot] = accountId;
    this.oLevel[slot] = level;
    this.oPrev[slot] = tail;
    this.oNext[slot] = NIL;
    if (tail === NIL) this.lvHead[level] = slot;
    else this.oNext[tail] = slot;
    this.lvTail[level] = slot;
    this.lvTotal[level] = this.lvTotal[level]! + qty;
    this.lvCount[level] = this.lvCount[level]! + 1;
  }

  remove(orderId: number): boolean {
    const slot = this.ids.get(orderId, this.oId);
    if (slot === NIL) return false;
    this.unlink(slot);
    return true;
  }

  reduce(orderId: number, qty: number): void {
    const slot = this.ids.get(orderId, this.oId);
    const current = slot === NIL ? 0 : this.oQty[slot]!;
    if (!(qty > 0 && qty < current)) throw new Error(`cannot reduce order ${orderId} to ${qty}`);
    this.oQty[slot] = qty;
    const level = this.oLevel[slot]!;
    this.lvTotal[level] = this.lvTotal[level]! - (current - qty);
  }

  fill(handle: Handle, qty: number): void {
    const current = this.oQty[handle];
    // A free slot has qty 0 and an out-of-range handle reads undefined; both fail this test.
    if (!(qty > 0 && current !== undefined && qty <= current)) throw new Error(`cannot fill ${qty} from handle ${handle}`);
    if (qty === current) this.unlink(handle);
    else {
      this.oQty[handle] = current - qty;
      const level = this.oLevel[handle]!;
      this.lvTotal[level] = this.lvTotal[level]! - qty;
    }
  }

  has(orderId: number): boolean {
    return this.ids.get(orderId, this.oId) !== NIL;
  }

  find(orderId: number): Handle {
    return this.ids.get(orderId, this.oId);
  }

  bestPrice(side: Side): number {
    const ladder = side === 'buy' ? this.bids : this.asks;
    const n = ladder.count;
    return n === 0 ? 0 : this.lvPrice[ladder.levels[n - 1]!]!;
  }

  head(side: Side): Handle {
    const ladder = side === 'buy' ? this.bids : this.asks;
    const n = ladder.count;
    return n === 0 ? NO_ORDER : this.lvHead[ladder.levels[n - 1]!]!;
  }

  next(handle: Handle): Handle {
    const after = this.oNext[handle]!;
    if (after !== NIL) return after;
    const level = this.oLevel[handle]!;
    const ladder = this.lvLadder[level]!;
    const index = ladder.indexOf(ladder.sign * this.lvPrice[level]!);
    return index === 0 ? NO_ORDER : this.lvHead[ladder.levels[index - 1]!]!;
  }

  orderIdAt(handle: Handle): number {
    return this.oId[handle]!;
  }

  accountIdAt(handle: Handle): number {
    return this.oAcct[handle]!;
  }

  priceAt(handle: Handle): number {
    return this.lvPrice[this.oLevel[handle]!]!;
  }

  qtyAt(handle: Handle): number {
    return this.oQty[handle]!;
  }

  depth(side: Side, maxLevels: number): Array<[number, number, number]> {
    const ladder = side === 'buy' ? this.bids : this.asks;
    const out: Array<[number, number, number]> = [];
    for (let i = ladder.count - 1; i >= 0 && out.length < maxLevels; i--) {
      const level = ladder.levels[i]!;
      out.push([this.lvPrice[level]!, this.lvTotal[level]!, this.lvCount[level]!]);
    }
    return out;
  }

  size(): number {
    return this.ids.size;
  }

  validate(): void {
    const live = this.validateLadder(this.bids) + this.validateLadder(this.asks);
    if (live !== this.ids.size || this.ids.occupied() !== live) throw new Error(`levels hold ${live} orders, the id index ${this.ids.size}`);
    let free = 0;
    for (let slot = this.freeSlot; slot !== NIL; slot = this.oNext[slot]!) {
      if (!(slot >= 0 && slot < this.used) || this.oQty[slot] !== 0 || this.oLevel[slot] !== NIL) throw new Error(`bad free slot ${slot}`);
      if (++free > this.used) throw new Error('free slot list has a cycle');
    }
    if (free + live !== this.used) throw new Error(`${live} live and ${free} free slots, but ${this.used} handed out`);
    let freeLevels = 0;
    for (let level = this.freeLevel; level !== NIL; level = this.lvHead[level]!) {
      if (!(level >= 0 && level < this.levelsUsed) || this.lvCount[level] !== 0) throw new Error(`bad free level ${level}`);
      if (++freeLevels > this.levelsUsed) throw new Error('free level list has a cycle');
    }
    if (freeLevels + this.bids.count + this.asks.count !== this.levelsUsed) throw new Error('the level pool leaks');
  }

  /** Checks one side: ladder order, price index, and each level's links, totals and counts. Returns its order count. */
  private validateLadder(ladder: Ladder): number {
    if (ladder.byPrice.size !== ladder.count || ladder.byPrice.occupied() !== ladder.count) throw new Error('price index size is wrong');
    let orders = 0;
    for (let i = 0; i < ladder.count; i++) {
      const level = ladder.levels[i]!;
      const price = this.lvPrice[level]!;
      if (i > 0 && !(ladder.keys[i - 1]! < ladder.keys[i]!)) throw new Error(`price ladder out of order at ${price}`);
      if (ladder.keys[i] !== ladder.sign * price || this.lvLadder[level] !== ladder) throw new Error(`level ${level} key or side mismatch`);
      if (ladder.byPrice.get(price, this.lvPrice) !== level) throw new Error(`price index disagrees at ${price}`);
      let count = 0;
      let total = 0;
      let prev = NIL;
      for (let slot = this.lvHead[level]!; slot !== NIL; slot = this.oNext[slot]!) {
        const qty = this.oQty[slot]!;
        if (this.oPrev[slot] !== prev || this.oLevel[slot] !== level) throw new Error(`broken links at slot ${slot}`);
        if (!(qty > 0) || !Number.isSafeInteger(qty)) throw new Error(`order ${this.oId[slot]} has quantity ${qty}`);
        if (this.ids.get(this.oId[slot]!, this.oId) !== slot) throw new Error(`id index disagrees for order ${this.oId[slot]}`);
        if (++count > this.used) throw new Error(`level ${price} has a cycle`);
        total += qty;
        prev = slot;
      }
      if (count === 0) throw new Error(`empty level ${price} kept`);
      if (this.lvTail[level] !== prev) throw new Error(`level ${price} tail is wrong`);
      if (this.lvCount[level] !== count || this.lvTotal[level] !== total) throw new Error(`level ${price} totals are wrong`);
      orders += count;
    }
    return orders;
  }

  private allocSlot(): number {
    const free = this.freeSlot;
    if (free !== NIL) {
      this.freeSlot = this.oNext[free]!;
      return free;
    }
    if (this.used === this.oId.length) this.growOrders();
    return this.used++;
  }

  private releaseSlot(slot: number): void {
    this.oQty[slot] = 0;
    this.oLevel[slot] = NIL;
    this.oNext[slot] = this.freeSlot;
    this.freeSlot = slot;
  }

  /** Takes a live slot out of its level, the id index and the pool; closes the level when it empties. */
  private unlink(slot: number): void {
    const level = this.oLevel[slot]!;
    const prev = this.oPrev[slot]!;
    const next = this.oNext[slot]!;
    if (prev === NIL) this.lvHead[level] = next;
    else this.oNext[prev] = next;
    if (next === NIL) this.lvTail[level] = prev;
    else this.oPrev[next] = prev;
    this.lvTotal[level] = this.lvTotal[level]! - this.oQty[slot]!;
    this.ids.delete(this.oId[slot]!, this.oId);
    this.releaseSlot(slot);
    const left = this.lvCount[level]! - 1;
    this.lvCount[level] = left;
    if (left === 0) this.closeLevel(level);
  }

  private openLevel(ladder: Ladder, price: number): number {
    let level = this.freeLevel;
    if (level !== NIL) this.freeLevel = this.lvHead[level]!;
    else {
      if (this.levelsUsed === this.lvPrice.length) this.growLevels();
      level = this.levelsUsed++;
    }
    this.lvPrice[level] = price;
    this.lvTotal[level] = 0;
    this.lvCount[level] = 0;
    this.lvHead[level] = NIL;
    this.lvTail[level] = NIL;
    this.lvLadder[level] = ladder;
    ladder.insert(ladder.sign * price, level);
    ladder.byPrice.insert(level, this.lvPrice);
    return level;
  }

  private closeLevel(level: number): void {
    const ladder = this.lvLadder[level]!;
    const price = this.lvPrice[level]!;
    ladder.removeAt(ladder.indexOf(ladder.sign * price));
    ladder.byPrice.delete(price, this.lvPrice);
    this.lvHead[level] = this.freeLevel;
    this.freeLevel = level;
  }

  private growOrders(): void {
    const capacity = this.oId.length * 2;
    this.oId = grownF64(this.oId, capacity);
    this.oQty = grownF64(this.oQty, capacity);
    this.oAcct = grownI32(this.oAcct, capacity);
    this.oPrev = grownI32(this.oPrev, capacity);
    this.oNext = grownI32(this.oNext, capacity);
    this.oLevel = grownI32(this.oLevel, capacity);
  }

  private growLevels(): void {
    const capacity = this.lvPrice.length * 2;
    this.lvPrice = grownF64(this.lvPrice, capacity);
    this.lvTotal = grownF64(this.lvTotal, capacity);
    this.lvCount = grownI32(this.lvCount, capacity);
    this.lvHead = grownI32(this.lvHead, capacity);
    this.lvTail = grownI32(this.lvTail, capacity);
  }
}
