// A hash index from a key to a slot of a typed-array pool, holding only slot numbers.
import { hashId as hash } from '../id-hash.ts';

/** End of a link chain and "no entry". */
export const NIL = -1;

/**
 * A hash index from a key to a slot, where the owner stores each slot's key in `keys[slot]` (an
 * order's id, a level's price). The table holds only slot numbers, 4 bytes a bucket. Linear probing
 * at load <= 1/2 and deletion by backward shift, so churn leaves no tombstones and never rehashes.
 * A JS Map would box keys past 2^31, reallocate its table as deletions pile up, and cost ~30+ bytes
 * an entry; this allocates only when it doubles.
 */
export class SlotIndex {
  private table = new Int32Array(16).fill(NIL);
  private mask = 15;
  size = 0;

  /** The slot whose key is `key`, or NIL. */
  get(key: number, keys: Float64Array): number {
    const table = this.table;
    const mask = this.mask;
    for (let i = hash(key) & mask; ; i = (i + 1) & mask) {
      const slot = table[i]!;
      if (slot === NIL || keys[slot] === key) return slot;
    }
  }

  /** Indexes `slot` under `keys[slot]`; returns false, changing nothing, when that key is present. */
  insert(slot: number, keys: Float64Array): boolean {
    if ((this.size + 1) * 2 > this.table.length) this.grow(keys);
    const key = keys[slot]!;
    const table = this.table;
    const mask = this.mask;
    for (let i = hash(key) & mask; ; i = (i + 1) & mask) {
      const at = table[i]!;
      if (at === NIL) {
        table[i] = slot;
        this.size++;
        return true;
      }
      if (keys[at] === key) return false;
    }
  }

  /** Drops `key`, which must be present; later entries of its probe run shift back over the hole. */
  delete(key: number, keys: Float64Array): void {
    const table = this.table;
    const mask = this.mask;
    let hole = hash(key) & mask;
    while (keys[table[hole]!] !== key) {
      if (table[hole] === NIL) throw new Error(`index has no key ${key}`);
      hole = (hole + 1) & mask;
    }
    for (let j = (hole + 1) & mask; table[j] !== NIL; j = (j + 1) & mask) {
      const slot = table[j]!;
      // The entry may move back into the hole unless its home lies cyclically in (hole, j].
      if (((j - (hash(keys[slot]!) & mask)) & mask) >= ((j - hole) & mask)) {
        table[hole] = slot;
        hole = j;
      }
    }
    table[hole] = NIL;
    this.size--;
  }

  /** Number of occupied buckets, counted the slow way (for validate). */
  occupied(): number {
    let n = 0;
    for (const slot of this.table) if (slot !== NIL) n++;
    return n;
  }

  private grow(keys: Float64Array): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2).fill(NIL);
    this.mask = this.table.length - 1;
    this.size = 0;
    for (const slot of old) if (slot !== NIL) this.insert(slot, keys);
  }
}
