// A bounded double-ended ring: the storage under the trade tape and the ticker's sliding window.

/**
 * Holds at most `capacity` items, oldest first. Storage grows on demand up to the capacity, so a
 * quiet symbol costs a few slots rather than the whole bound. Removed slots are cleared so the ring
 * never keeps a dropped item alive.
 */
export class Ring<T> {
  private slots: Array<T | undefined> = [];
  /** Index of the oldest item in `slots`. */
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
  }

  get length(): number {
    return this.count;
  }

  /** Appends at the back. When the ring is full the oldest item makes room and is returned. */
  push(item: T): T | undefined {
    let dropped: T | undefined;
    if (this.count === this.capacity) dropped = this.shift();
    else if (this.count === this.slots.length) this.grow();
    this.slots[(this.head + this.count) % this.slots.length] = item;
    this.count++;
    return dropped;
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.slots[this.head];
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) % this.slots.length;
    this.count--;
    return item;
  }

  /** Removes and returns the newest item. */
  pop(): T | undefined {
    if (this.count === 0) return undefined;
    const index = (this.head + this.count - 1) % this.slots.length;
    const item = this.slots[index];
    this.slots[index] = undefined;
    this.count--;
    return item;
  }

  first(): T | undefined {
    return this.count === 0 ? undefined : this.slots[this.head];
  }

  last(): T | undefined {
    return this.count === 0 ? undefined : this.slots[(this.head + this.count - 1) % this.slots.length];
  }

  /** The item `index` places from the oldest (0 is the oldest), or undefined outside the ring. */
  at(index: number): T | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    return this.slots[(this.head + index) % this.slots.length];
  }

  /** Items oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.slots[(this.head + i) % this.slots.length] as T);
    return out;
  }

  /** Doubles the storage (at most to the capacity) and lays the items out from index 0. */
  private grow(): void {
    const size = Math.min(this.capacity, Math.max(8, this.slots.length * 2));
    const next = new Array<T | undefined>(size).fill(undefined);
    for (let i = 0; i < this.count; i++) next[i] = this.slots[(this.head + i) % this.slots.length];
    this.slots = next;
    this.head = 0;
  }
}
