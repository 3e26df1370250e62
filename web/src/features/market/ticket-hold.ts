// What the exchange holds for the order on the ticket, set against the available balance: the refusal for funds or shares, told before sending.
import { compareDecimal } from '../../lib/decimal.ts';
import { multiplyDecimal, truncateDecimal } from '../../lib/decimal-math.ts';
import { buyHoldOf, buyHoldPrice, marketBuyHoldPrice } from './ticket-estimate.ts';
import type { TicketForm } from './ticket-form.ts';
import { cleanNumber, priceProblem, qtyProblem, type TicketInstrument } from './ticket-validation.ts';

/** An order that needs more held than is available, in the asset it is paid in. */
export interface Shortfall {
  readonly held: string;
  readonly available: string;
}

/** The price a stop leg of a buy OCO is held at: its limit, or the band's limit around its stop price. */
function stopLegPrice(form: TicketForm, instrument: TicketInstrument): string | undefined {
  if (form.stopLimitPrice.trim() !== '') return priceProblem(form.stopLimitPrice, 'a price', instrument.tickSize) ? undefined : cleanNumber(form.stopLimitPrice);
  return priceProblem(form.stopPrice, 'a price', instrument.tickSize) ? undefined : marketBuyHoldPrice(cleanNumber(form.stopPrice), instrument.bandBps, instrument.tickSize);
}

/** The price a buy is held at; an OCO is held once, for its dearer leg, as the exchange holds it. */
function holdPrice(form: TicketForm, lastPrice: string | null | undefined, instrument: TicketInstrument): string | undefined {
  const price = buyHoldPrice(form, lastPrice, instrument);
  if (form.kind !== 'oco' || price === undefined) return price;
  const stop = stopLegPrice(form, instrument);
  return stop !== undefined && compareDecimal(stop, price) > 0 ? stop : price;
}

/**
 * What the exchange reserves for the order on the ticket, in the asset it is paid in: for a buy its
 * qty at the price it is held at (its limit price, or the price band's limit for orders that trade
 * at market) plus the larger of the maker and taker fees, each rounded down to the quote currency
 * as the clearinghouse rounds them; for a sell its qty. Undefined while the qty or price is not
 * usable.
 */
export function ticketHold(form: TicketForm, lastPrice: string | null | undefined, instrument: TicketInstrument, quoteScale: number): string | undefined {
  if (qtyProblem(form.qty, instrument)) return undefined;
  const qty = cleanNumber(form.qty);
  if (form.side === 'sell') return qty;
  const price = holdPrice(form, lastPrice, instrument);
  if (price === undefined) return undefined;
  return buyHoldOf(truncateDecimal(multiplyDecimal(price, qty), quoteScale), instrument, quoteScale);
}

/** The hold and the available balance when the hold is more, so the exchange would refuse the order; else undefined. */
export function holdShortfall(held: string | undefined, available: string | undefined): Shortfall | undefined {
  if (held === undefined || available === undefined || compareDecimal(held, available) <= 0) return undefined;
  return { held, available };
}
