// The order book as a price ladder: the best levels of each side with cumulative size and depth-bar widths, the spread and the mid price.
import type { DepthLevel, Side } from '../../lib/api.ts';
import type { BookState } from '../../lib/book.ts';
import { decimalPlaces, signOf, toChartNumber } from '../../lib/decimal.ts';
import { addDecimal, divideToStep, fromUnits, multiplyDecimal, subtractDecimal } from '../../lib/decimal-math.ts';

export interface LadderRow {
  readonly side: Side;
  readonly price: string;
  readonly qty: string;
  /** Size from the best price of the side up to and including this level. */
  readonly total: string;
  /** The depth bar's width, 0 to 1: `total` over the larger of the two sides' shown totals. */
  readonly depth: number;
  /** The viewer has an open order at this price on this side. */
  readonly mine: boolean;
}

export interface Ladder {
  /** Highest price first, so the best ask sits just above the spread. */
  readonly asks: readonly LadderRow[];
  /** Best (highest) bid first, just below the spread. */
  readonly bids: readonly LadderRow[];
  readonly spread: string | undefined;
  /** The spread in basis points of the mid price, two places. */
  readonly spreadBps: string | undefined;
  readonly mid: string | undefined;
}

/** Prices of the viewer's open orders, per side, exactly as the API renders them. */
export interface OwnPrices {
  readonly buy: ReadonlySet<string>;
  readonly sell: ReadonlySet<string>;
}

const NONE: OwnPrices = { buy: new Set(), sell: new Set() };

function cumulate(side: Side, levels: readonly DepthLevel[], count: number, own: ReadonlySet<string>) {
  let total = '0';
  return levels.slice(0, count).map(([price, qty]) => {
    total = addDecimal(total, qty);
    return { side, price, qty, total, mine: own.has(price) };
  });
}

/** The ladder of the best `levels` levels a side; `tickSize` sets the precision of the mid price. */
export function buildLadder(book: BookState, levels: number, tickSize: string, own: OwnPrices = NONE): Ladder {
  const bids = cumulate('buy', book.bids, levels, own.buy);
  const asks = cumulate('sell', book.asks, levels, own.sell);
  // Bar widths are display only, so a float ratio is fine here.
  const deepest = Math.max(toChartNumber(bids.at(-1)?.total ?? '0'), toChartNumber(asks.at(-1)?.total ?? '0'));
  const withDepth = (row: Omit<LadderRow, 'depth'>): LadderRow => ({ ...row, depth: deepest > 0 ? toChartNumber(row.total) / deepest : 0 });
  const bestBid = book.bids[0]?.[0];
  const bestAsk = book.asks[0]?.[0];
  let spread: string | undefined;
  let spreadBps: string | undefined;
  let mid: string | undefined;
  if (bestBid !== undefined && bestAsk !== undefined) {
    spread = subtractDecimal(bestAsk, bestBid);
    // One digit finer than the tick: the mid of two ticks may fall between them.
    mid = divideToStep(addDecimal(bestAsk, bestBid), '2', fromUnits(1n, decimalPlaces(tickSize) + 1));
    if (signOf(mid) > 0 && signOf(spread) >= 0) spreadBps = divideToStep(multiplyDecimal(spread, '10000'), mid, '0.01');
  }
  return { asks: asks.map(withDepth).reverse(), bids: bids.map(withDepth), spread, spreadBps, mid };
}
