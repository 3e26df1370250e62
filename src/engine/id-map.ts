// A map from safe-integer ids to values: open addressing over typed arrays, for the live-order index.

import { hashId as hash } from './id-hash.ts';

const EMPTY = -1;


/**
 * Linear probing at load <= 1/2 with deletion by backward shift: heavy churn (an order lives for a
 * few commands) leaves no tombstones and never forces a rehash, which a JS Map does. Keys are
 * non-negative safe integers. Iteration order is the table's, so callers that need a fixed order
 * sort (see `sortedValues`).
 */
export class IdMap<T> {
  private keys = new Float64Array(16).fill(EMPTY);
  private values: Array<T | undefined> = new Array<T | undefined>(16);
  private mask = 15;
  size = 0;

  get(key: number): T | undefined {
    const keys = this.keys;
    const mask = this.mask;
    for (let i = hash(key) & mask; ; i = (i + 1) & mask) {
      const at = keys[i]!;
      if (at === key) return this.values[i];
      if (at === EMPTY) return undefined;
    }
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /** Adds or replaces. */
  set(key: number, value: T): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    const mask = this.mask;
    for (let i = hash(key) & mask; ; i = (i + 1) & mask) {
      const at = keys[i]!;
      if (at === key) {
        this.values[i] = value;
        return;
      }
      if (at === EMPTY) {
        keys[i] = key;
        this.values[i] = value;
        this.size++;
        return;
      }
    }
  }

  /** Removes a key; false when it was absent. Later entries of its probe run shift back over the hole. */
  delete(key: number): boolean {
    const keys = this.keys;
    const values = this.values;
    const mask = this.mask;
    let hole = hash(key) & mask;
    for (;;) {
      const at = keys[hole]!;
      if (at === key) break;
      if (at === EMPTY) return false;
      hole = (hole + 1) & mask;
    }
    for (let j = (hole + 1) & mask; keys[j] !== EMPTY; j = (j + 1) & mask) {
      // The entry may move back into the hole unless its home lies cyclically in (hole, j].
      if (((j - (hash(keys[j]!) & mask)) & mask) >= ((j - hole) & mask)) {
        keys[hole] = keys[j]!;
        values[hole] = values[j];
        hole = j;
      }
    }
    keys[hole] = EMPTY;
    values[hole] = undefined;
    this.size--;
    return true;
  }

  /** Every value, ordered by key. */
  sortedValues(): T[] {
    const entries: Array<[number, T]> = [];
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== EMPTY) entries.push([this.keys[i]!, this.values[i]!]);
    return entries.sort((a, b) => a[0] - b[0]).map((entry) => entry[1]);
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Float64Array(oldKeys.length * 2).fill(EMPTY);
    this.values = new Array<T | undefined>(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== EMPTY) this.set(oldKeys[i]!, oldValues[i]!);
  }
}
