// A set that remembers only its most recent keys: for de-duplicating reports that repeat close together.
//
// The oldest key is forgotten by name, kept in a ring in arrival order. (Taking a Set's own first
// entry walks past every entry deleted before it, which on a long run costs more with every key.)
export class RecentSet<K> {
  private readonly keys = new Set<K>();
  private readonly order: K[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {}

  has(key: K): boolean {
    return this.keys.has(key);
  }

  /** Adds a key not already held; past the capacity the oldest is forgotten. */
  add(key: K): void {
    this.keys.add(key);
    if (this.order.length < this.capacity) {
      this.order.push(key);
      return;
    }
    this.keys.delete(this.order[this.next]!);
    this.order[this.next] = key;
    this.next = (this.next + 1) % this.capacity;
  }
}
