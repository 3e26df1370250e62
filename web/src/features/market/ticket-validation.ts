// Client-side checks of the order ticket, mirroring the server's: number format, tick and lot size, min/max quantity, required fields, bracket price order, GTD expiry, client order id.
import type { Instrument } from '../../lib/api-types.ts';
import { compareDecimal, signOf } from '../../lib/decimal.ts';
import { isMultipleOf } from '../../lib/decimal-math.ts';
import { visibleFields, type TicketErrors, type TicketField, type TicketForm } from './ticket-form.ts';

export type TicketInstrument = Pick<Instrument, 'symbol' | 'base' | 'quote' | 'tickSize' | 'lotSize' | 'minQty' | 'maxQty' | 'takerFeeBps' | 'makerFeeBps' | 'bandBps'>;

export interface ValidationContext {
  readonly instrument: TicketInstrument;
  /** Epoch ms, for the GTD expiry. */
  readonly now: number;
}

/** The API's decimal contract: up to 20 whole digits and 18 after the point. */
const DECIMAL_TEXT = /^\d{1,20}(\.\d{1,18})?$/;
const CLIENT_ORDER_ID = /^[\x21-\x7e]{1,64}$/;
/** The engine takes trailing distances below 100% (at most 9,999 bps). */
const MAX_TRAIL_PERCENT = '99.99';

/** The number as it will be sent: trimmed, ".5" read as "0.5", "5." as "5", "05" as "5" (the API takes no redundant leading zeros). Empty stays empty. */
export function cleanNumber(text: string): string {
  const trimmed = text.trim();
  const whole = trimmed.startsWith('.') ? `0${trimmed}` : trimmed;
  if (!/^\d+(\.\d*)?$/.test(whole)) return whole;
  return whole.replace(/^0+(?=\d)/, '').replace(/\.$/, '');
}

/** Why a cleaned number is not a plain positive decimal, or undefined when it is one: a negative one is told it must be more than 0. */
export function plainNumberProblem(value: string, example: string): string | undefined {
  if (/^-\s*\.?\d/.test(value)) return 'Must be more than 0.';
  if (!DECIMAL_TEXT.test(value)) return `Enter a plain number such as ${example} or 0.5.`;
  if (signOf(value) <= 0) return 'Must be more than 0.';
  return undefined;
}

/** Why `text` is not a usable positive amount, or undefined when it is. */
function numberProblem(text: string, what: string): string | undefined {
  const value = cleanNumber(text);
  if (value === '') return `Enter ${what}.`;
  return plainNumberProblem(value, '10');
}

export function priceProblem(text: string, what: string, tickSize: string): string | undefined {
  const problem = numberProblem(text, what);
  if (problem) return problem;
  return isMultipleOf(cleanNumber(text), tickSize) ? undefined : `Must be a multiple of the tick size ${tickSize}.`;
}

export function qtyProblem(text: string, instrument: TicketInstrument): string | undefined {
  const problem = numberProblem(text, 'a quantity');
  if (problem) return problem;
  const qty = cleanNumber(text);
  if (!isMultipleOf(qty, instrument.lotSize)) return `Must be a multiple of the lot size ${instrument.lotSize}.`;
  if (compareDecimal(qty, instrument.minQty) < 0) return `The minimum is ${instrument.minQty} ${instrument.base}.`;
  if (compareDecimal(qty, instrument.maxQty) > 0) return `The maximum is ${instrument.maxQty} ${instrument.base}.`;
  return undefined;
}

function trailProblem(form: TicketForm, instrument: TicketInstrument): string | undefined {
  if (form.trailBy === 'amount') return priceProblem(form.trail, 'a trailing distance', instrument.tickSize);
  const problem = numberProblem(form.trail, 'a trailing percent');
  if (problem) return problem;
  const percent = cleanNumber(form.trail);
  if (!isMultipleOf(percent, '0.01')) return 'Use at most two decimals, e.g. 1.25.';
  if (compareDecimal(percent, MAX_TRAIL_PERCENT) > 0) return `At most ${MAX_TRAIL_PERCENT}%.`;
  return undefined;
}

/** The epoch ms of a datetime-local value in local time, or undefined when it is not one. */
export function parseLocalDateTime(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  return Number.isNaN(date.getTime()) || date.getMonth() !== mo - 1 ? undefined : date.getTime();
}

/** Every problem of the form by field; an empty object means the ticket can be sent. */
export function validateTicket(form: TicketForm, context: ValidationContext): TicketErrors {
  const { instrument } = context;
  const fields = visibleFields(form);
  const errors: TicketErrors = {};
  const check = (field: TicketField, problem: () => string | undefined) => {
    if (!fields.has(field)) return;
    const found = problem();
    if (found) errors[field] = found;
  };
  const optionalPrice = (text: string, what: string) => (text.trim() === '' ? undefined : priceProblem(text, what, instrument.tickSize));

  check('qty', () => qtyProblem(form.qty, instrument));
  check('price', () => priceProblem(form.price, form.kind === 'oco' ? 'the limit leg price' : 'a limit price', instrument.tickSize));
  check('stopPrice', () => priceProblem(form.stopPrice, 'a stop (trigger) price', instrument.tickSize));
  check('stopLimitPrice', () => optionalPrice(form.stopLimitPrice, 'a limit price'));
  check('trail', () => trailProblem(form, instrument));
  check('takeProfitPrice', () => priceProblem(form.takeProfitPrice, 'a take-profit price', instrument.tickSize));
  check('stopLossPrice', () => priceProblem(form.stopLossPrice, 'a stop-loss price', instrument.tickSize));
  check('stopLossLimitPrice', () => optionalPrice(form.stopLossLimitPrice, 'a limit price'));
  check('expireAt', () => {
    const at = parseLocalDateTime(form.expireAt);
    if (at === undefined) return 'Pick the date and time the order expires.';
    return at <= context.now ? 'Pick a time in the future.' : undefined;
  });
  check('clientOrderId', () => (form.clientOrderId === '' || CLIENT_ORDER_ID.test(form.clientOrderId) ? undefined : '1 to 64 printable characters, no spaces.'));

  // A long bracket takes profit above its stop-loss, a short one below (the engine's INVALID_GROUP).
  if (form.kind === 'bracket' && !errors.takeProfitPrice && !errors.stopLossPrice) {
    const order = compareDecimal(cleanNumber(form.takeProfitPrice), cleanNumber(form.stopLossPrice));
    if (form.side === 'buy' && order <= 0) errors.takeProfitPrice = 'For a buy, the take-profit must be above the stop-loss.';
    if (form.side === 'sell' && order >= 0) errors.takeProfitPrice = 'For a sell, the take-profit must be below the stop-loss.';
  }
  return errors;
}
