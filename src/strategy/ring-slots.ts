// The slot arithmetic of a fixed-capacity ring: where the next item goes and where the last n are, for rings kept as columns.

export class RingSlots {
  /** Where the next item goes, and how many are held (at most `capacity`). */
  private next = 0;
  private held = 0;

  constructor(readonly capacity: number) {}

  get count(): number {
    return this.held;
  }

  /** The slot for a new item, forgetting the oldest past the capacity; -1 when the capacity is 0. */
  claim(): number {
    if (this.capacity === 0) return -1;
    const at = this.next;
    this.next = at + 1 === this.capacity ? 0 : at + 1;
    if (this.held < this.capacity) this.held++;
    return at;
  }

  /** The slots of the last `n` items held (fewer if fewer are), oldest first. */
  last(n: number): number[] {
    const count = Math.max(0, Math.min(Math.floor(n), this.held));
    const slots: number[] = [];
    // Wrapped by comparison, not by a sum and a remainder: a capacity near 2^53 would lose the sum's low digits.
    let slot = this.next - count;
    if (slot < 0) slot += this.capacity;
    for (let i = 0; i < count; i++) {
      slots.push(slot);
      slot = slot + 1 === this.capacity ? 0 : slot + 1;
    }
    return slots;
  }
}
