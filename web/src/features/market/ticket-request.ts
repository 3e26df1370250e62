// From a valid order ticket to the REST request that places it (single order, OCO or bracket), and from the server's refusal back to the ticket field it concerns.
import type { OrderRequest } from '../../lib/api-types.ts';
import { visibleFields, type TicketErrors, type TicketField, type TicketForm } from './ticket-form.ts';
import { cleanNumber, parseLocalDateTime, validateTicket, type ValidationContext } from './ticket-validation.ts';

/** The body of POST /api/v1/orders/oco. */
export interface OcoRequest {
  readonly legs: readonly [OrderRequest, OrderRequest];
}

/** The body of POST /api/v1/orders/bracket. */
export interface BracketRequest {
  readonly entry: OrderRequest;
  readonly takeProfitPrice: string;
  readonly stopLossPrice: string;
  readonly stopLossLimitPrice?: string;
}

export type TicketRequest =
  | { readonly path: '/api/v1/orders'; readonly body: OrderRequest }
  | { readonly path: '/api/v1/orders/oco'; readonly body: OcoRequest }
  | { readonly path: '/api/v1/orders/bracket'; readonly body: BracketRequest };

export type BuildResult = { readonly ok: true; readonly request: TicketRequest } | { readonly ok: false; readonly errors: TicketErrors };

/** Validates the ticket and builds its request; only the fields the kind uses are sent. */
export function buildTicketRequest(form: TicketForm, context: ValidationContext): BuildResult {
  const errors = validateTicket(form, context);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const fields = visibleFields(form);
  const symbol = context.instrument.symbol;
  const qty = cleanNumber(form.qty);
  const optional = (text: string) => (text.trim() === '' ? undefined : cleanNumber(text));
  // Shared by every order the ticket sends: time in force, expiry.
  const timing: Pick<OrderRequest, 'tif' | 'expireAt'> = { tif: form.tif, ...(fields.has('expireAt') ? { expireAt: parseLocalDateTime(form.expireAt) } : {}) };
  const extras: Pick<OrderRequest, 'postOnly' | 'clientOrderId'> = {
    ...(fields.has('postOnly') && form.postOnly ? { postOnly: true } : {}),
    ...(form.clientOrderId !== '' ? { clientOrderId: form.clientOrderId } : {}),
  };

  switch (form.kind) {
    case 'oco': {
      const stopLimit = optional(form.stopLimitPrice);
      const limitLeg: OrderRequest = { symbol, side: form.side, type: 'limit', qty, price: cleanNumber(form.price), ...timing, ...extras };
      const stopLeg: OrderRequest = {
        symbol,
        side: form.side,
        type: stopLimit === undefined ? 'stop' : 'stop_limit',
        qty,
        stopPrice: cleanNumber(form.stopPrice),
        ...(stopLimit === undefined ? {} : { price: stopLimit }),
        ...timing,
      };
      return { ok: true, request: { path: '/api/v1/orders/oco', body: { legs: [limitLeg, stopLeg] } } };
    }
    case 'bracket': {
      const entry: OrderRequest = { symbol, side: form.side, type: form.entryType, qty, ...(form.entryType === 'limit' ? { price: cleanNumber(form.price) } : {}), ...timing, ...extras };
      const stopLossLimitPrice = optional(form.stopLossLimitPrice);
      const body: BracketRequest = {
        entry,
        takeProfitPrice: cleanNumber(form.takeProfitPrice),
        stopLossPrice: cleanNumber(form.stopLossPrice),
        ...(stopLossLimitPrice === undefined ? {} : { stopLossLimitPrice }),
      };
      return { ok: true, request: { path: '/api/v1/orders/bracket', body } };
    }
    case 'limit':
    case 'market':
    case 'stop':
    case 'stop_limit':
    case 'trailing_stop': {
      const body: OrderRequest = {
        symbol,
        side: form.side,
        type: form.kind,
        qty,
        ...(fields.has('price') ? { price: cleanNumber(form.price) } : {}),
        ...(fields.has('stopPrice') ? { stopPrice: cleanNumber(form.stopPrice) } : {}),
        ...(fields.has('trail') ? (form.trailBy === 'amount' ? { trailAmount: cleanNumber(form.trail) } : { trailPercent: cleanNumber(form.trail) }) : {}),
        ...timing,
        ...extras,
      };
      return { ok: true, request: { path: '/api/v1/orders', body } };
    }
  }
}

const DIRECT: ReadonlySet<string> = new Set<TicketField>(['qty', 'price', 'stopPrice', 'tif', 'expireAt', 'postOnly', 'clientOrderId', 'takeProfitPrice', 'stopLossPrice', 'stopLossLimitPrice']);

/** The ticket field a validation issue's path (`details[].path`: "qty", "entry.price", "legs.1.stopPrice") belongs to. */
export function ticketFieldOfPath(path: string): TicketField | undefined {
  const oco = /^legs\.([01])\.(.+)$/.exec(path);
  if (oco) {
    const [, leg, field = ''] = oco;
    // The second OCO leg's limit price is the ticket's stop-limit price.
    if (leg === '1' && field === 'price') return 'stopLimitPrice';
    return ticketFieldOfPath(field);
  }
  const field = path.replace(/^entry\./, '');
  if (field === 'trailAmount' || field === 'trailPercent') return 'trail';
  return DIRECT.has(field) ? (field as TicketField) : undefined;
}

/**
 * What a refusal says at the field its code points at, next to the banner's full message: the band
 * a price left (PRICE_OUT_OF_BAND's details {low, high}), else the code.
 */
export function refusalNote(code: string, details: unknown): string {
  if (code === 'PRICE_OUT_OF_BAND' && typeof details === 'object' && details !== null) {
    const { low, high } = details as { low?: unknown; high?: unknown };
    if (typeof low === 'string' && typeof high === 'string') return `Outside the price band: ${low} to ${high}`;
  }
  return `Refused: ${code}`;
}

/** The field an engine refusal (422 reason code) points at, to mark it next to the banner. */
export function ticketFieldOfCode(code: string): TicketField | undefined {
  switch (code) {
    case 'INVALID_QUANTITY':
    case 'QUANTITY_BELOW_MIN':
    case 'QUANTITY_ABOVE_MAX':
    case 'INSUFFICIENT_FUNDS':
    case 'INSUFFICIENT_SHARES':
      return 'qty';
    case 'INVALID_PRICE':
    case 'PRICE_OUT_OF_BAND':
      return 'price';
    case 'INVALID_STOP_PRICE':
      return 'stopPrice';
    case 'INVALID_TRAIL':
      return 'trail';
    case 'INVALID_EXPIRY':
      return 'expireAt';
    case 'INVALID_TIME_IN_FORCE':
      return 'tif';
    case 'POST_ONLY_WOULD_TAKE':
      return 'postOnly';
    case 'INVALID_CLIENT_ORDER_ID':
    case 'DUPLICATE_CLIENT_ORDER_ID':
      return 'clientOrderId';
    default:
      return undefined;
  }
}
