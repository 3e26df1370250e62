// Integer division with an explicit rounding direction, for exact bigint arithmetic on money, prices and ratios.

export type Rounding = 'down' | 'up' | 'nearest';

/** Integer quotient a / b (b > 0) rounded as asked; 'nearest' sends halves up (towards +infinity). */
export function divideRounded(a: bigint, b: bigint, mode: Rounding): bigint {
  const q = a / b;
  const r = a % b;
  if (r === 0n) return q;
  // bigint division truncates towards zero; floor is one less for negative quotients.
  const floor = r < 0n ? q - 1n : q;
  if (mode === 'down') return floor;
  if (mode === 'up') return floor + 1n;
  const rest = a - floor * b; // 0 < rest < b
  return 2n * rest >= b ? floor + 1n : floor;
}
