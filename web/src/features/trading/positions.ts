// Positions as the server reports them (GET /api/v1/account/positions: average cost from every fill), revalued at live prices; exact decimal arithmetic, no floats.
import { compareDecimal, signOf } from '../../lib/decimal.ts';
import { addDecimal, divideToStep, multiplyDecimal, subtractDecimal } from '../../lib/decimal-math.ts';
import type { Position } from '../../lib/api.ts';

export type { Position };

const ZERO = '0';

/**
 * The position at a newer last price: market value, unrealized P&L and the total follow it; the
 * cost basis and realized P&L do not move with the price. The same price gives the same row back.
 */
export function revalue(position: Position, lastPrice: string | undefined): Position {
  if (lastPrice === undefined || (position.lastPrice !== null && compareDecimal(lastPrice, position.lastPrice) === 0)) return position;
  const unrealized = subtractDecimal(multiplyDecimal(lastPrice, position.costedQty), position.costBasis);
  return {
    ...position,
    lastPrice,
    marketValue: multiplyDecimal(lastPrice, position.qty),
    unrealized,
    total: subtractDecimal(addDecimal(position.realized, unrealized), position.fees),
  };
}

/** Open positions first, then closed ones; each by symbol. */
export function byOpenThenSymbol(positions: readonly Position[]): Position[] {
  return [...positions].sort((a, b) => signOf(b.qty) - signOf(a.qty) || a.symbol.localeCompare(b.symbol));
}

export interface PositionTotals {
  readonly quote: string;
  readonly marketValue: string;
  readonly unrealized: string;
  readonly realized: string;
  readonly fees: string;
  readonly total: string;
}

/** Sums per quote currency (positions in different currencies are not added up). */
export function positionTotals(positions: readonly Position[]): PositionTotals[] {
  const totals = new Map<string, PositionTotals>();
  for (const p of positions) {
    const t = totals.get(p.quote) ?? { quote: p.quote, marketValue: ZERO, unrealized: ZERO, realized: ZERO, fees: ZERO, total: ZERO };
    totals.set(p.quote, {
      quote: p.quote,
      marketValue: addDecimal(t.marketValue, p.marketValue ?? ZERO),
      unrealized: addDecimal(t.unrealized, p.unrealized ?? ZERO),
      realized: addDecimal(t.realized, p.realized),
      fees: addDecimal(t.fees, p.fees),
      total: addDecimal(t.total, p.total ?? subtractDecimal(p.realized, p.fees)),
    });
  }
  return [...totals.values()];
}

/** Unrealized P&L over cost in percent, truncated to two places; null with no cost. */
export function unrealizedPercent(position: Pick<Position, 'unrealized' | 'costBasis'>): string | null {
  if (position.unrealized === null || signOf(position.costBasis) <= 0) return null;
  return divideToStep(multiplyDecimal(position.unrealized, '100'), position.costBasis, '0.01');
}
