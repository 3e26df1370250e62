// Positions and P&L per symbol from the account's fills (average cost) and holdings, valued at the last price; exact decimal arithmetic, no floats.
import { compareDecimal, signOf } from '../../lib/decimal.ts';
import { addDecimal, divideToStep, multiplyDecimal, subtractDecimal } from '../../lib/decimal-math.ts';
import type { Fill, FillEvent, Holding, Instrument } from '../../lib/api.ts';

/** What a fill contributes: the REST fill and the `fills` channel message both have it. */
export type PositionFill = Pick<Fill | FillEvent, 'symbol' | 'side' | 'price' | 'qty' | 'fee' | 'tradeId' | 'orderId' | 'ts'>;

export type PositionTerms = Pick<Instrument, 'symbol' | 'base' | 'quote' | 'lastPrice'>;

/** Precision of a cost share taken out on a sell (the rest stays in the remaining units' cost). */
const COST_STEP = '0.000000000001';

export interface Position {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  /** Held now (available + held), from the holdings; "0" for a closed position. */
  readonly qty: string;
  /** The part of `qty` bought through fills; the rest (deposits) has no known cost. */
  readonly costedQty: string;
  /** What `costedQty` cost, in the quote currency. */
  readonly costBasis: string;
  /** costBasis / costedQty, at the cost precision; null with nothing costed. */
  readonly avgCost: string | null;
  readonly lastPrice: string | null;
  /** qty × lastPrice. */
  readonly marketValue: string | null;
  /** costedQty × lastPrice − costBasis. */
  readonly unrealized: string | null;
  /** Sells against the average cost, before fees. */
  readonly realized: string;
  /** Every fee paid in the symbol, in the quote currency. */
  readonly fees: string;
  /** realized + unrealized − fees. */
  readonly total: string | null;
}

interface Book {
  qty: string;
  cost: string;
  realized: string;
  fees: string;
}

const ZERO = '0';

function min(a: string, b: string): string {
  return compareDecimal(a, b) <= 0 ? a : b;
}

/** Fills oldest first: by time, then trade id (a trade's fills share a time). */
export function chronological<T extends PositionFill>(fills: readonly T[]): T[] {
  return [...fills].sort((a, b) => a.ts - b.ts || a.tradeId - b.tradeId || a.orderId - b.orderId);
}

/** `share` of `total` units' cost: cost × share / total, exact to COST_STEP; the whole cost when share is everything. */
function costShare(cost: string, share: string, total: string): string {
  if (compareDecimal(share, total) >= 0) return cost;
  return divideToStep(multiplyDecimal(cost, share), total, COST_STEP);
}

function apply(book: Book, fill: PositionFill): void {
  book.fees = addDecimal(book.fees, fill.fee);
  if (fill.side === 'buy') {
    book.qty = addDecimal(book.qty, fill.qty);
    book.cost = addDecimal(book.cost, multiplyDecimal(fill.price, fill.qty));
    return;
  }
  // Units sold beyond the costed ones came from deposits: their cost is unknown, so they realize nothing here.
  const matched = min(fill.qty, book.qty);
  if (signOf(matched) <= 0) return;
  const out = costShare(book.cost, matched, book.qty);
  book.realized = addDecimal(book.realized, subtractDecimal(multiplyDecimal(fill.price, matched), out));
  book.cost = subtractDecimal(book.cost, out);
  book.qty = subtractDecimal(book.qty, matched);
}

/**
 * One row per symbol that is held now or has fills. Fills may come in any order and may repeat
 * (a live message and the same fill read over REST): each (trade, order) counts once. Holdings win
 * over fills for the quantity: units withdrawn take their share of the cost with them, deposited
 * units carry no cost. `prices` maps symbols to the latest trade price (the ticker); without one the
 * holding's or the instrument's last price is used.
 */
export function computePositions(
  instruments: readonly PositionTerms[],
  fills: readonly PositionFill[],
  holdings: readonly Pick<Holding, 'symbol' | 'qty' | 'lastPrice'>[],
  prices: ReadonlyMap<string, string>,
): Position[] {
  const books = new Map<string, Book>();
  const seen = new Set<string>();
  for (const fill of chronological(fills)) {
    const key = `${fill.tradeId}:${fill.orderId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let book = books.get(fill.symbol);
    if (!book) books.set(fill.symbol, (book = { qty: ZERO, cost: ZERO, realized: ZERO, fees: ZERO }));
    apply(book, fill);
  }
  const held = new Map(holdings.map((h) => [h.symbol, h]));
  const rows: Position[] = [];
  for (const instrument of instruments) {
    const book = books.get(instrument.symbol);
    const holding = held.get(instrument.symbol);
    if (!book && !holding) continue;
    const qty = holding?.qty ?? ZERO;
    const fromFills = book?.qty ?? ZERO;
    const costedQty = min(qty, fromFills);
    const costBasis = book && signOf(fromFills) > 0 ? costShare(book.cost, costedQty, fromFills) : ZERO;
    const lastPrice = prices.get(instrument.symbol) ?? holding?.lastPrice ?? instrument.lastPrice ?? null;
    const realized = book?.realized ?? ZERO;
    const fees = book?.fees ?? ZERO;
    const unrealized = lastPrice === null ? null : subtractDecimal(multiplyDecimal(lastPrice, costedQty), costBasis);
    rows.push({
      symbol: instrument.symbol,
      base: instrument.base,
      quote: instrument.quote,
      qty,
      costedQty,
      costBasis,
      avgCost: signOf(costedQty) > 0 ? divideToStep(costBasis, costedQty, COST_STEP) : null,
      lastPrice,
      marketValue: lastPrice === null ? null : multiplyDecimal(lastPrice, qty),
      unrealized,
      realized,
      fees,
      total: unrealized === null ? null : subtractDecimal(addDecimal(realized, unrealized), fees),
    });
  }
  // Open positions first, then closed ones; each by symbol.
  return rows.sort((a, b) => signOf(b.qty) - signOf(a.qty) || a.symbol.localeCompare(b.symbol));
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
