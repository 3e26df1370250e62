// Orders as clients write them (decimal strings, percentages) translated into engine requests.
import { isTimeInForce, marketTifProblem, takesPrice, takesStopPrice, type OrderRequest, type OrderType, type Side, type StpMode, type TimeInForce } from '../core/orders.ts';
import type { Instrument } from '../core/instrument.ts';
import { defaultTif } from '../engine/order-checks.ts';
import type { ReasonCode } from '../core/reasons.ts';
import { atPath, together, type FieldProblem } from './field-problem.ts';
import { bpsFromPercent, isProblem, priceTicks, qtyLots, type DecimalInput, type UnitProblem } from './units.ts';

/** One order as REST, WebSocket and in-process clients send it. */
export interface OrderInput {
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly qty: DecimalInput;
  readonly price?: DecimalInput;
  readonly stopPrice?: DecimalInput;
  /** Trailing distance in price units, e.g. "1.50". */
  readonly trailAmount?: DecimalInput;
  /** Trailing distance in percent of the best price seen, e.g. "2.5". */
  readonly trailPercent?: DecimalInput;
  readonly tif?: TimeInForce;
  /** GTD expiry, epoch milliseconds. */
  readonly expireAt?: number;
  readonly postOnly?: boolean;
  readonly clientOrderId?: string;
  readonly stp?: StpMode;
}

export interface BracketInput {
  readonly entry: OrderInput;
  readonly takeProfitPrice: DecimalInput;
  readonly stopLossPrice: DecimalInput;
  readonly stopLossLimitPrice?: DecimalInput;
}

export interface ReplaceInput {
  readonly qty?: DecimalInput;
  readonly price?: DecimalInput;
  readonly stopPrice?: DecimalInput;
}

type Lookup = (symbol: string) => Instrument | undefined;

/** A field converted, or its problem placed at `path`. */
function convertAt(value: DecimalInput, path: string, convert: (value: DecimalInput) => number | UnitProblem): number | FieldProblem {
  const converted = convert(value);
  return isProblem(converted) ? atPath(converted, path) : converted;
}

function optional(value: DecimalInput | undefined, path: string, convert: (value: DecimalInput) => number | UnitProblem): number | undefined | FieldProblem {
  return value === undefined ? undefined : convertAt(value, path, convert);
}

/** A converted field's value, or undefined with its problem added to `problems`, so every field is checked. */
function keeper(problems: FieldProblem[]) {
  return <T>(value: T | FieldProblem): T | undefined => (isProblem(value) ? void problems.push(value) : value);
}

/** A trail amount's problem is the trail's, whatever unit check found it. */
function asTrail(ticks: number | UnitProblem): number | UnitProblem {
  return isProblem(ticks) ? { ...ticks, problem: 'INVALID_TRAIL' } : ticks;
}

/**
 * The engine request for an order, or the problems with its numbers, each at its path under
 * `prefix` ("legs.0.", "entry."): the first, with the others alongside. The engine checks the rest.
 */
export function toOrderRequest(lookup: Lookup, accountId: number, input: OrderInput, prefix = ''): OrderRequest | FieldProblem {
  const instrument = lookup(input.symbol);
  if (!instrument) return { problem: 'UNKNOWN_SYMBOL', message: `${input.symbol} is not listed; GET /api/v1/instruments lists the symbols.`, path: `${prefix}symbol` };
  const problems: FieldProblem[] = [];
  const kept = keeper(problems);
  const qty = kept(convertAt(input.qty, `${prefix}qty`, (v) => qtyLots(instrument, v)));
  const price = kept(optional(input.price, `${prefix}price`, (v) => priceTicks(instrument, v)));
  const stopPrice = kept(optional(input.stopPrice, `${prefix}stopPrice`, (v) => priceTicks(instrument, v, 'stopPrice')));
  const trailAmount = kept(optional(input.trailAmount, `${prefix}trailAmount`, (v) => asTrail(priceTicks(instrument, v, 'trailAmount'))));
  const trailBps = kept(optional(input.trailPercent, `${prefix}trailPercent`, bpsFromPercent));
  const tifProblem = marketTifProblem(input.type, input.tif);
  if (tifProblem) problems.push({ problem: 'INVALID_TIME_IN_FORCE', message: tifProblem, path: `${prefix}tif` });
  const problem = together(problems);
  if (problem) return problem;
  return {
    accountId,
    symbol: input.symbol,
    side: input.side,
    type: input.type,
    qty: qty as number, // converted, since no problem was found
    price,
    stopPrice,
    trailAmount,
    trailBps,
    tif: input.tif,
    expireAt: input.expireAt,
    postOnly: input.postOnly,
    clientOrderId: input.clientOrderId,
    stp: input.stp,
  };
}

export function toReplaceFields(lookup: Lookup, symbol: string, input: ReplaceInput): { qty?: number; price?: number; stopPrice?: number } | FieldProblem {
  const instrument = lookup(symbol);
  if (!instrument) return { problem: 'UNKNOWN_SYMBOL', message: `${symbol} is not listed`, path: 'symbol' };
  const problems: FieldProblem[] = [];
  const kept = keeper(problems);
  const qty = kept(optional(input.qty, 'qty', (v) => qtyLots(instrument, v)));
  const price = kept(optional(input.price, 'price', (v) => priceTicks(instrument, v)));
  const stopPrice = kept(optional(input.stopPrice, 'stopPrice', (v) => priceTicks(instrument, v, 'stopPrice')));
  const problem = together(problems);
  if (problem) return problem;
  if (qty === undefined && price === undefined && stopPrice === undefined) return { problem: 'INVALID_REQUEST', message: 'a replace changes at least one of qty, price and stopPrice', path: '' };
  return { qty, price, stopPrice };
}

/** An engine refusal explained: which of the requests (by index) and which field of it, and what is wrong. */
export interface RefusalExplained {
  readonly index: number;
  readonly field: string;
  readonly message: string;
}

/** The field of an order each shape refusal is about. */
const REFUSED_FIELDS: Partial<Record<ReasonCode, string>> = {
  INVALID_QUANTITY: 'qty',
  INVALID_PRICE: 'price',
  INVALID_STOP_PRICE: 'stopPrice',
  INVALID_CLIENT_ORDER_ID: 'clientOrderId',
  INVALID_TIME_IN_FORCE: 'tif',
  INVALID_EXPIRY: 'expireAt',
};

/** The field of an order a shape refusal is about, when the reason names one. */
export function refusedField(reason: ReasonCode, request: OrderRequest): string | undefined {
  if (reason === 'INVALID_TRAIL') return request.trailBps !== undefined && request.trailAmount === undefined ? 'trailPercent' : 'trailAmount';
  return REFUSED_FIELDS[reason];
}

/**
 * Why a time in force or an expiry does not fit the order, when it is not the plain case the
 * reason's own message tells (a GTD order without a future expiry).
 */
function tifRefusal(reason: 'INVALID_TIME_IN_FORCE' | 'INVALID_EXPIRY', request: OrderRequest): Omit<RefusalExplained, 'index'> | undefined {
  const tif = request.tif ?? defaultTif(request);
  const given = `"${tif}"${request.tif === undefined ? ' (the default)' : ''}`;
  if (reason === 'INVALID_EXPIRY') {
    if (tif === 'gtd' || request.expireAt === undefined) return undefined;
    return { field: 'expireAt', message: `expireAt is only for GTD orders; this order's tif is ${given}: leave expireAt out, or send tif "gtd".` };
  }
  if (request.postOnly !== true || !isTimeInForce(tif)) return undefined;
  if (request.type !== 'limit') return { field: 'postOnly', message: `Only a limit order can be post-only; a ${request.type} order cannot: leave postOnly out.` };
  return { field: 'tif', message: `A post-only order must rest on the book, so its tif cannot be ${given}: send tif "gtc", "day" or "gtd", or leave postOnly out.` };
}

/**
 * What is wrong with an order the engine refused for its shape, in words that fit the order (a
 * market order sent with a price is told it takes none), or undefined to keep the engine's message.
 */
export function explainRefusal(reason: ReasonCode, requests: readonly OrderRequest[]): RefusalExplained | undefined {
  for (const [index, request] of requests.entries()) {
    const type = request.type;
    const needsPrice = takesPrice(type);
    const needsStop = takesStopPrice(type);
    const at = (field: string, message: string): RefusalExplained => ({ index, field, message });
    if (reason === 'INVALID_PRICE') {
      if (!needsPrice && request.price !== undefined) return at('price', `A ${type} order takes no price; leave price out${type === 'market' ? ', or send a limit order' : type === 'stop' ? ', or send a stop_limit order' : ''}.`);
      if (needsPrice && request.price === undefined) return at('price', `A ${type} order needs a price.`);
    }
    if (reason === 'INVALID_STOP_PRICE') {
      if (!needsStop && request.stopPrice !== undefined) return at('stopPrice', `A ${type} order takes no stopPrice; leave stopPrice out.`);
      if (needsStop && request.stopPrice === undefined) return at('stopPrice', `A ${type} order needs a stopPrice.`);
    }
    if (reason === 'INVALID_TIME_IN_FORCE' || reason === 'INVALID_EXPIRY') {
      const explained = tifRefusal(reason, request);
      if (explained) return at(explained.field, explained.message);
    }
    if (reason === 'INVALID_TRAIL' && type !== 'trailing_stop' && (request.trailAmount !== undefined || request.trailBps !== undefined)) {
      return at(refusedField(reason, request)!, `Only a trailing_stop order takes trailAmount or trailPercent; a ${type} order does not.`);
    }
  }
  return undefined;
}
