// A set that remembers only its most recent keys: for de-duplicating reports that repeat close together.
//
// The oldest key is forgotten by name, kept in a ring in arrival order. (Taking a Set's own first
// entry walks past every entry deleted before it, which on a long run costs more with every key.)
// Whole-number keys (order ids, packed fill ids: nearly all of them) live in an open-addressing
// table over typed arrays, at most half full, where a lookup is one or two reads of one array; a
// Set of 65,536 churning keys costs several cache misses per lookup.
// Other keys go to a Set. Both answer as one set would (SameValueZero: 0 and -0 are one key).
export class RecentSet<K> {
  private readonly others = new Set<K>();
  private readonly order: K[] = [];
  private next = 0;
  private readonly ids = new IntegerTable();

  constructor(private readonly capacity: number) {}

  has(key: K): boolean {
    return typeof key === 'number' && Number.isSafeInteger(key) ? this.ids.has(key) : this.others.has(key);
  }

  /** Adds a key not already held; past the capacity the oldest is forgotten first. */
  add(key: K): void {
    if (this.order.length < this.capacity) {
      this.order.push(key);
    } else {
      this.remove(this.order[this.next]!);
      this.order[this.next] = key;
      this.next = (this.next + 1) % this.capacity;
    }
    this.insert(key);
  }

  private insert(key: K): void {
    if (typeof key === 'number' && Number.isSafeInteger(key)) this.ids.add(key);
    else this.others.add(key);
  }

  private remove(key: K): void {
    if (typeof key === 'number' && Number.isSafeInteger(key)) this.ids.delete(key);
    else this.others.delete(key);
  }
}

/**
 * Safe integers in linear probing with backward-shift deletion (no tombstones, so probes stay
 * short). It grows as keys come, keeping at most half of its slots used: a runner that places a
 * few orders holds a small table.
 */
class IntegerTable {
  private keys = new Float64Array(16);
  private used = new Uint8Array(16);
  private mask = 15;
  private count = 0;

  has(key: number): boolean {
    const { keys, used, mask } = this;
    for (let at = this.home(key); used[at] === 1; at = (at + 1) & mask) if (keys[at] === key) return true;
    return false;
  }

  add(key: number): void {
    if ((this.count + 1) * 2 > this.used.length) this.grow();
    const { keys, used, mask } = this;
    let at = this.home(key);
    for (; used[at] === 1; at = (at + 1) & mask) if (keys[at] === key) return;
    keys[at] = key;
    used[at] = 1;
    this.count++;
  }

  delete(key: number): void {
    const { keys, used, mask } = this;
    let at = this.home(key);
    for (; used[at] === 1; at = (at + 1) & mask) if (keys[at] === key) break;
    if (used[at] !== 1) return;
    // Pull later keys of the run back into the hole, unless their home lies (cyclically) after the
    // hole: a key must never sit before its home, or its lookup would stop at the hole.
    for (let probe = (at + 1) & mask; used[probe] === 1; probe = (probe + 1) & mask) {
      const home = this.home(keys[probe]!);
      const movable = at <= probe ? home <= at || home > probe : home <= at && home > probe;
      if (!movable) continue;
      keys[at] = keys[probe]!;
      at = probe;
    }
    used[at] = 0;
    this.count--;
  }

  private grow(): void {
    const { keys, used } = this;
    this.keys = new Float64Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    this.mask = used.length * 2 - 1;
    this.count = 0;
    for (let at = 0; at < used.length; at++) if (used[at] === 1) this.add(keys[at]!);
  }

  /** Mixes both halves of the integer (ids packed above 2^32 differ in the high half too). */
  private home(key: number): number {
    const low = key >>> 0;
    const high = Math.floor(key / 4_294_967_296) | 0;
    let hash = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    hash ^= hash >>> 16;
    return hash & this.mask;
  }
}
