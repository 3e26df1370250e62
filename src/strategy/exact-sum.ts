// An exact running sum of doubles (Shewchuk's non-overlapping partials, as in Python's math.fsum).
//
// Adding and taking away values leaves no rounding behind: the partials always add up to the exact
// real sum of everything added minus everything taken away, so a sliding window's sum never drifts
// however long it slides, and `value` is that exact sum rounded once, to the nearest double.

export class ExactSum {
  /** Non-overlapping partials in increasing magnitude; their exact sum is the running sum. */
  private partials = new Float64Array(4);
  private count = 0;

  add(x: number): void {
    const partials = this.partials;
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      let y = partials[i]!;
      if (Math.abs(x) < Math.abs(y)) {
        const larger = y;
        y = x;
        x = larger;
      }
      const hi = x + y;
      // Two-sum: hi + lo is exactly x + y.
      const lo = y - (hi - x);
      if (lo !== 0) partials[kept++] = lo;
      x = hi;
    }
    if (kept === partials.length) this.grow();
    this.partials[kept] = x;
    this.count = kept + 1;
  }

  subtract(x: number): void {
    this.add(-x);
  }

  /** The exact sum, correctly rounded (ties to even). */
  get value(): number {
    const partials = this.partials;
    let n = this.count;
    if (n === 0) return 0;
    let hi = partials[--n]!;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = partials[--n]!;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // A half-way rounding of hi + lo goes to even; when the partials below push the same way as lo,
    // the true sum lies past the half-way point and hi must round away.
    if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    // A sum that comes to nothing is +0, whatever the sign of the zeros that made it.
    return hi === 0 ? 0 : hi;
  }

  private grow(): void {
    const larger = new Float64Array(this.partials.length * 2);
    larger.set(this.partials);
    this.partials = larger;
  }
}
