// The high-water mark across a deposit or withdrawal: capital moves are neither gains nor drawdowns, in percent.

/**
 * The mark after a capital move of `amount` (positive a deposit, negative a withdrawal) that left
 * the account at `equityAfter`. The mark scales with the equity, so the fall from it, as a fraction
 * of it, is what it was before the move: withdrawing half of an account 10 % under its mark leaves
 * it 10 % under, not 20 %, and a deposit does not heal a drawdown. Withdrawing everything ends the
 * mark (the next deposit starts a new one). With no mark yet, or nothing to scale (the account was
 * empty before the move), the mark moves by the amount.
 */
export function markAfterCapital(mark: number, amount: number, equityAfter: number): number {
  const before = equityAfter - amount;
  if (mark <= 0 || before <= 0) return Math.max(0, mark + amount);
  if (equityAfter <= 0) return 0;
  // Rounded up, so the fall is never understated; never below the equity: an account at its mark stays at it.
  return Math.max(equityAfter, Math.ceil(mark * (equityAfter / before)));
}
