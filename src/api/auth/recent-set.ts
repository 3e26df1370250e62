// A set whose members are forgotten after a fixed time: sessions ended within one access-token lifetime.

/** Memory stays bounded by what was added within `ttlMs`; older members are dropped as new ones arrive. */
export class RecentSet {
  private readonly added = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  add(member: string): void {
    this.added.delete(member);
    this.added.set(member, this.now());
    this.prune();
  }

  has(member: string): boolean {
    const at = this.added.get(member);
    return at !== undefined && this.now() - at <= this.ttlMs;
  }

  /** Map iteration is insertion order, so the oldest members come first. */
  private prune(): void {
    const cutoff = this.now() - this.ttlMs;
    for (const [member, at] of this.added) {
      if (at >= cutoff) break;
      this.added.delete(member);
    }
  }
}
