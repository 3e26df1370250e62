// Replacing a live order: which fields can change, the PATCH body (changed fields only), client checks, and whether the order keeps its place in the queue.
import type { Order } from '../../lib/api.ts';
import { compareDecimal } from '../../lib/decimal.ts';
import { cleanNumber, priceProblem, qtyProblem, type TicketInstrument } from '../market/ticket-validation.ts';

export type ReplaceField = 'qty' | 'price' | 'stopPrice';
export type ReplaceValues = Readonly<Record<ReplaceField, string>>;
export type ReplaceErrors = Partial<Record<ReplaceField, string>>;
export type ReplaceInstrument = TicketInstrument;

/** Statuses of an order that can still trade. */
export const LIVE_STATUSES: ReadonlySet<Order['status']> = new Set(['open', 'partially_filled', 'untriggered', 'pending_parent']);

/** Why the order cannot be replaced at all, or undefined when it can (the engine's NOT_REPLACEABLE cases). */
export function notReplaceable(order: Order): string | undefined {
  if (!LIVE_STATUSES.has(order.status)) return 'Only a live order can be replaced.';
  if (order.type === 'market') return 'A market order cannot be replaced.';
  if (order.type === 'trailing_stop') return 'A trailing stop cannot be replaced; cancel it and place a new one.';
  if (order.status === 'pending_parent') return 'This leg waits for its bracket entry to fill; it can be replaced once it is live.';
  return undefined;
}

/** The fields this order lets change: a price for limit orders, a trigger while a stop waits, and the quantity unless it is shared with a group. */
export function editableFields(order: Order): ReadonlySet<ReplaceField> {
  const fields = new Set<ReplaceField>();
  // An OCO's or bracket's legs share one quantity; a bracket's entry (its id is the group id) has its own.
  if (order.groupId === null || order.groupId === order.id) fields.add('qty');
  if (order.type === 'limit' || order.type === 'stop_limit') fields.add('price');
  if ((order.type === 'stop' || order.type === 'stop_limit') && order.status === 'untriggered') fields.add('stopPrice');
  return fields;
}

export function initialValues(order: Order): ReplaceValues {
  return { qty: order.qty, price: order.price ?? '', stopPrice: order.stopPrice ?? '' };
}

export interface ReplaceBody {
  qty?: string;
  price?: string;
  stopPrice?: string;
}

export type ReplaceResult = { readonly ok: true; readonly body: ReplaceBody } | { readonly ok: false; readonly errors: ReplaceErrors; readonly unchanged?: boolean };

/** The PATCH body with only the fields that changed, or the problems found before sending. */
export function replaceRequest(order: Order, instrument: ReplaceInstrument, values: ReplaceValues): ReplaceResult {
  const fields = editableFields(order);
  const errors: ReplaceErrors = {};
  const body: ReplaceBody = {};
  if (fields.has('qty')) {
    const problem = qtyProblem(values.qty, instrument);
    const qty = cleanNumber(values.qty);
    if (problem) errors.qty = problem;
    else if (compareDecimal(qty, order.filledQty) <= 0) errors.qty = `Must be more than the ${order.filledQty} already filled.`;
    else if (compareDecimal(qty, order.qty) !== 0) body.qty = qty;
  }
  for (const field of ['price', 'stopPrice'] as const) {
    if (!fields.has(field)) continue;
    const problem = priceProblem(values[field], field === 'price' ? 'a price' : 'a trigger price', instrument.tickSize);
    const value = cleanNumber(values[field]);
    const before = order[field];
    if (problem) errors[field] = problem;
    else if (before === null || compareDecimal(value, before) !== 0) body[field] = value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (Object.keys(body).length === 0) return { ok: false, errors: {}, unchanged: true };
  return { ok: true, body };
}

export type ReplaceEffect = 'keeps-priority' | 'loses-priority' | 'waits' | 'none';

/**
 * What the replace does to the order's place: only a smaller quantity at the same prices keeps its
 * time priority; a new price or a larger quantity sends it to the back of its level. A stop still
 * waiting for its trigger is not in the book yet, so it has no place to keep.
 */
export function replaceEffect(order: Order, body: ReplaceBody): ReplaceEffect {
  if (body.qty === undefined && body.price === undefined && body.stopPrice === undefined) return 'none';
  if (order.status === 'untriggered') return 'waits';
  const samePrices = body.price === undefined && body.stopPrice === undefined;
  const smallerOrSame = body.qty === undefined || compareDecimal(body.qty, order.qty) <= 0;
  return samePrices && smallerOrSame ? 'keeps-priority' : 'loses-priority';
}

/** The field an engine refusal of a replace points at. */
export function replaceFieldOfCode(code: string): ReplaceField | undefined {
  switch (code) {
    case 'INVALID_QUANTITY':
    case 'QUANTITY_BELOW_MIN':
    case 'QUANTITY_ABOVE_MAX':
    case 'INSUFFICIENT_FUNDS':
    case 'INSUFFICIENT_SHARES':
    case 'POSITION_LIMIT':
      return 'qty';
    case 'INVALID_PRICE':
    case 'PRICE_OUT_OF_BAND':
    case 'POST_ONLY_WOULD_TAKE':
      return 'price';
    case 'INVALID_STOP_PRICE':
      return 'stopPrice';
    default:
      return undefined;
  }
}
