// One base asset traded through several listed symbols: how a holding of it splits between them.

/**
 * Splits `holding` base units between the symbols of one base, given in listing order with `own`,
 * the units each bought through its own fills and has not sold through them. Each symbol gets its
 * own units and the first listed gets the rest (deposits, anything no symbol's own fills account
 * for). When the holding is smaller than the symbols' own units together (a withdrawal, a sell
 * through a symbol of more than it bought), the shortfall comes out of the symbols in listing
 * order, first listed first. The shares are never negative for a holding that is not, and add up
 * to it exactly.
 */
export function splitHolding(holding: number, own: readonly number[]): number[] {
  const shares = [...own];
  let rest = holding - shares.reduce((sum, units) => sum + units, 0);
  if (rest >= 0) {
    if (shares.length > 0) shares[0]! += rest;
    return shares;
  }
  for (let i = 0; i < shares.length && rest < 0; i++) {
    const taken = Math.min(-rest, shares[i]!);
    shares[i]! -= taken;
    rest += taken;
  }
  return shares;
}
