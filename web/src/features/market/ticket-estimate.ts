// What an order on the ticket would cost or bring in, including the maker or taker fee: at its price, or for market orders walked through the current book; and the largest quantity the balance allows.
import type { DepthLevel } from '../../lib/api-types.ts';
import type { BookState } from '../../lib/book.ts';
import { compareDecimal, decimalPlaces, signOf } from '../../lib/decimal.ts';
import { formatAmount, MISSING_FIGURE } from '../../lib/format.ts';
import { addDecimal, basisPointsOf, divideToStep, fromUnits, isMultipleOf, multiplyDecimal, subtractDecimal, truncateDecimal } from '../../lib/decimal-math.ts';
import type { TicketForm } from './ticket-form.ts';
import { cleanNumber, type TicketInstrument } from './ticket-validation.ts';

export interface EstimateContext {
  readonly instrument: TicketInstrument;
  /** Decimal places of the quote currency (USD: 6 here); fees round down to it. */
  readonly quoteScale: number;
  readonly book: BookState;
  readonly lastPrice: string | null | undefined;
}

export type Liquidity = 'maker' | 'taker';

/** Where the estimate's price comes from. */
export type EstimateBasis = 'limit' | 'book' | 'trigger' | 'last';

export interface Estimate {
  readonly basis: EstimateBasis;
  /** The quantity the figures cover: all of it, or what the book can fill now (basis `book`). */
  readonly qty: string;
  /** The order's price, or the average fill price through the book. */
  readonly price: string;
  /** price × qty in the quote currency. */
  readonly notional: string;
  /** Whether the order would rest (maker) or trade on arrival (taker), which sets the fee rate. */
  readonly liquidity: Liquidity;
  /** The fee at that rate on the notional, rounded down as the clearinghouse charges it. */
  readonly fee: string;
  /** A buy's cost (notional + fee) or a sell's proceeds (notional − fee). */
  readonly total: string;
  /**
   * What the venue holds for a buy at a limit price while it is open: the notional plus the larger
   * of the two fees, since a resting limit may still take. Undefined for sells, for buys held at the
   * price band's edge (market-style) and for an OCO (held for its dearer leg).
   */
  readonly held: string | undefined;
  /** The part of a market order the book cannot fill now ("0" when it can fill all). */
  readonly unfilled: string;
}

const PLAIN = /^\d+(\.\d+)?$/;

/** Where the ticket's estimate takes its price from, by the order's kind, before any price is entered. */
export function estimateBasis(form: TicketForm): EstimateBasis {
  return basisOf(form).basis;
}

function usable(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const value = cleanNumber(text);
  return PLAIN.test(value) && signOf(value) > 0 ? value : undefined;
}

/** The price an estimate uses for the ticket's kind, and where it came from; `book` walks the book instead. */
function basisOf(form: TicketForm, lastPrice?: string | null): { readonly basis: EstimateBasis; readonly price?: string } {
  switch (form.kind) {
    case 'market':
      return { basis: 'book' };
    case 'bracket':
      return form.entryType === 'market' ? { basis: 'book' } : { basis: 'limit', price: usable(form.price) };
    case 'limit':
    case 'stop_limit':
    case 'oco':
      return { basis: 'limit', price: usable(form.price) };
    case 'stop':
      return { basis: 'trigger', price: usable(form.stopPrice) };
    case 'trailing_stop':
      return { basis: 'last', price: usable(lastPrice) };
  }
}

/**
 * A limit that would cross the best price on the other side trades on arrival and pays the taker
 * fee; one that would not (a buy below the best ask, or with no asks) rests and pays the maker fee.
 * Market orders take; so do stops and trailing stops, which become market orders when triggered,
 * and a stop-limit, whose fill at trigger time cannot be known now.
 */
export function liquidityOf(form: TicketForm, basis: EstimateBasis, price: string | undefined, book: BookState): Liquidity {
  if (basis !== 'limit' || form.kind === 'stop_limit' || price === undefined) return 'taker';
  const best = form.side === 'buy' ? book.asks[0]?.[0] : book.bids[0]?.[0];
  if (best === undefined) return 'maker';
  const crosses = form.side === 'buy' ? compareDecimal(price, best) >= 0 : compareDecimal(price, best) <= 0;
  return crosses ? 'taker' : 'maker';
}

/** Fills `qty` against the levels best first; returns the filled quantity and its notional. */
export function walkBook(levels: readonly DepthLevel[], qty: string): { readonly filled: string; readonly notional: string } {
  let remaining = qty;
  let filled = '0';
  let notional = '0';
  for (const [price, size] of levels) {
    if (signOf(remaining) <= 0) break;
    const take = compareDecimal(size, remaining) < 0 ? size : remaining;
    filled = addDecimal(filled, take);
    notional = addDecimal(notional, multiplyDecimal(price, take));
    remaining = subtractDecimal(remaining, take);
  }
  return { filled, notional };
}

/** The estimate for a ticket, or undefined while its quantity or price is not a usable number yet. */
export function estimateTicket(form: TicketForm, context: EstimateContext): Estimate | undefined {
  const { instrument, quoteScale } = context;
  const qty = usable(form.qty);
  if (!qty || !isMultipleOf(qty, instrument.lotSize)) return undefined;
  const { basis, price } = basisOf(form, context.lastPrice);
  let filled = qty;
  let notional: string;
  let average: string;
  if (basis === 'book') {
    const walked = walkBook(form.side === 'buy' ? context.book.asks : context.book.bids, qty);
    if (signOf(walked.filled) <= 0) return undefined;
    filled = walked.filled;
    notional = walked.notional;
    // Two digits finer than the tick, so an average between ticks still reads right.
    average = divideToStep(notional, filled, fromUnits(1n, decimalPlaces(instrument.tickSize) + 2));
  } else {
    if (!price) return undefined;
    notional = multiplyDecimal(price, qty);
    average = price;
  }
  notional = truncateDecimal(notional, quoteScale);
  const liquidity = liquidityOf(form, basis, price, context.book);
  const fee = basisPointsOf(notional, liquidity === 'maker' ? instrument.makerFeeBps : instrument.takerFeeBps, quoteScale);
  const total = form.side === 'buy' ? addDecimal(notional, fee) : subtractDecimal(notional, fee);
  const held = form.side === 'buy' && basis === 'limit' && form.kind !== 'oco' ? buyHoldOf(notional, instrument, quoteScale) : undefined;
  return { basis, qty: filled, price: average, notional, liquidity, fee, total, held, unfilled: subtractDecimal(qty, filled) };
}

/** The fee rate the clearinghouse reserves a buy at: the larger of maker and taker. */
function largerFeeBps(instrument: TicketInstrument): number {
  return Math.max(instrument.makerFeeBps, instrument.takerFeeBps);
}

/** What the clearinghouse reserves for a buy of `notional` at its worst price: the notional plus the larger fee, rounded down to the quote currency. */
export function buyHoldOf(notional: string, instrument: TicketInstrument, quoteScale: number): string {
  return addDecimal(notional, basisPointsOf(notional, largerFeeBps(instrument), quoteScale));
}

/**
 * Cash at all of the currency's decimals, as every amount on the dashboard is shown ("0.040668"
 * stays "0.040668" for USD at scale 6): the available balance is never rounded up, and a fee reads
 * as the fills list shows it.
 */
export function cashText(value: string | undefined, scale: number): string {
  return value === undefined ? MISSING_FIGURE : formatAmount(value, scale);
}

/**
 * What a buy holds beyond its estimated cost, under the cost: "+ up to 0.09 fee (held 925.09)" for
 * a limit buy of 5 @ 185 at a 0% maker and 1 bp taker fee. Undefined when the hold is the cost.
 */
export function heldText(estimate: Estimate, quoteScale: number): string | undefined {
  if (estimate.held === undefined) return undefined;
  const extra = subtractDecimal(estimate.held, estimate.total);
  if (signOf(extra) <= 0) return undefined;
  return `+ up to ${cashText(extra, quoteScale)} fee (held ${cashText(estimate.held, quoteScale)})`;
}

/**
 * The largest quantity the available balance covers, in whole lots and within the instrument's
 * maximum: a sell's available base asset, or for a buy the cash over price plus the larger fee
 * (what the clearinghouse reserves). Undefined when there is nothing to go on.
 */
export function maxAffordableQty(side: TicketForm['side'], available: string | undefined, price: string | undefined, instrument: TicketInstrument): string | undefined {
  if (available === undefined || signOf(available) <= 0) return undefined;
  let qty: string;
  if (side === 'sell') {
    qty = divideToStep(available, '1', instrument.lotSize);
  } else {
    const usablePrice = usable(price);
    if (!usablePrice) return undefined;
    const feeBps = largerFeeBps(instrument);
    // qty ≤ available / (price × (1 + bps / 10 000)) = available × 10 000 / (price × (10 000 + bps))
    qty = divideToStep(multiplyDecimal(available, '10000'), multiplyDecimal(usablePrice, String(10_000 + feeBps)), instrument.lotSize);
  }
  if (compareDecimal(qty, instrument.maxQty) > 0) qty = instrument.maxQty;
  return signOf(qty) > 0 ? qty : undefined;
}

/**
 * The price a market buy is reserved at: the upper edge of the price band around the last price,
 * as the engine computes it: last + floor(last × bandBps / 10 000) in ticks (a market order may
 * trade up to the band, and the clearinghouse holds for that).
 */
export function marketBuyHoldPrice(lastPrice: string | null | undefined, bandBps: number, tickSize: string): string | undefined {
  const last = usable(lastPrice);
  if (!last) return undefined;
  // last is a whole number of ticks, so flooring the whole product to a tick floors only the band part.
  return divideToStep(multiplyDecimal(last, String(10_000 + bandBps)), '10000', tickSize);
}

/**
 * The worst price a buy on the ticket is reserved at, which bounds the affordable quantity: its
 * limit price, or for orders that trade at market the band edge around the last price (around the
 * stop price for a stop, around where its stop starts for a trailing stop). An OCO counts its limit leg.
 */
export function buyHoldPrice(form: TicketForm, lastPrice: string | null | undefined, instrument: TicketInstrument): string | undefined {
  switch (form.kind) {
    case 'limit':
    case 'stop_limit':
    case 'oco':
      return usable(form.price);
    case 'bracket':
      return form.entryType === 'limit' ? usable(form.price) : marketBuyHoldPrice(lastPrice, instrument.bandBps, instrument.tickSize);
    case 'stop':
      return marketBuyHoldPrice(form.stopPrice, instrument.bandBps, instrument.tickSize);
    case 'market':
      return marketBuyHoldPrice(lastPrice, instrument.bandBps, instrument.tickSize);
    case 'trailing_stop':
      return marketBuyHoldPrice(trailingBuyStop(form, lastPrice, instrument.tickSize), instrument.bandBps, instrument.tickSize);
  }
}

/**
 * Where a buy trailing stop starts, as the engine sets it on placement: the last price plus the
 * trail, which is the amount, or the percent of the last price floored to a tick (at least one tick).
 */
export function trailingBuyStop(form: TicketForm, lastPrice: string | null | undefined, tickSize: string): string | undefined {
  const last = usable(lastPrice);
  const trail = usable(form.trail);
  if (!last || !trail) return undefined;
  if (form.trailBy === 'amount') return addDecimal(last, trail);
  const distance = divideToStep(multiplyDecimal(last, trail), '100', tickSize);
  return addDecimal(last, signOf(distance) > 0 ? distance : tickSize);
}

/** A fraction of the affordable quantity (0.25 for a quarter), rounded down to whole lots; undefined below one lot. */
export function fractionOfQty(max: string, fraction: '0.25' | '0.5' | '0.75' | '1', lotSize: string): string | undefined {
  const qty = divideToStep(multiplyDecimal(max, fraction), '1', lotSize);
  return signOf(qty) > 0 ? qty : undefined;
}
