// Orders as clients write them (decimal strings, percentages) translated into engine requests.
import { takesPrice, takesStopPrice, type OrderRequest, type OrderType, type Side, type StpMode, type TimeInForce } from '../core/orders.ts';
import type { Instrument } from '../core/instrument.ts';
import type { ReasonCode } from '../core/reasons.ts';
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

function optional(value: DecimalInput | undefined, convert: (value: DecimalInput) => number | UnitProblem): number | undefined | UnitProblem {
  return value === undefined ? undefined : convert(value);
}

/** The engine request for an order, or the first problem with its numbers. The engine checks the rest. */
export function toOrderRequest(lookup: Lookup, accountId: number, input: OrderInput): OrderRequest | UnitProblem {
  const instrument = lookup(input.symbol);
  if (!instrument) return { problem: 'UNKNOWN_SYMBOL', message: `${input.symbol} is not listed; GET /api/v1/instruments lists the symbols` };
  const qty = qtyLots(instrument, input.qty);
  if (isProblem(qty)) return qty;
  const price = optional(input.price, (v) => priceTicks(instrument, v));
  if (isProblem(price)) return price;
  const stopPrice = optional(input.stopPrice, (v) => priceTicks(instrument, v, 'stopPrice'));
  if (isProblem(stopPrice)) return stopPrice;
  const trailAmount = optional(input.trailAmount, (v) => priceTicks(instrument, v, 'trailAmount'));
  if (isProblem(trailAmount)) return { problem: 'INVALID_TRAIL', message: trailAmount.message };
  const trailBps = optional(input.trailPercent, bpsFromPercent);
  if (isProblem(trailBps)) return trailBps;
  return {
    accountId,
    symbol: input.symbol,
    side: input.side,
    type: input.type,
    qty,
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

export function toReplaceFields(lookup: Lookup, symbol: string, input: ReplaceInput): { qty?: number; price?: number; stopPrice?: number } | UnitProblem {
  const instrument = lookup(symbol);
  if (!instrument) return { problem: 'UNKNOWN_SYMBOL', message: `${symbol} is not listed` };
  const qty = optional(input.qty, (v) => qtyLots(instrument, v));
  if (isProblem(qty)) return qty;
  const price = optional(input.price, (v) => priceTicks(instrument, v));
  if (isProblem(price)) return price;
  const stopPrice = optional(input.stopPrice, (v) => priceTicks(instrument, v, 'stopPrice'));
  if (isProblem(stopPrice)) return stopPrice;
  if (qty === undefined && price === undefined && stopPrice === undefined) return { problem: 'INVALID_REQUEST', message: 'a replace changes at least one of qty, price and stopPrice' };
  return { qty, price, stopPrice };
}

/**
 * What is wrong with an order the engine refused for its shape, in words that fit the order (a
 * market order sent with a price is told it takes none), or undefined to keep the engine's message.
 */
export function explainRefusal(reason: ReasonCode, requests: readonly OrderRequest[]): string | undefined {
  for (const request of requests) {
    const type = request.type;
    const needsPrice = takesPrice(type);
    const needsStop = takesStopPrice(type);
    if (reason === 'INVALID_PRICE') {
      if (!needsPrice && request.price !== undefined) return `A ${type} order takes no price; leave price out${type === 'market' ? ', or send a limit order' : type === 'stop' ? ', or send a stop_limit order' : ''}.`;
      if (needsPrice && request.price === undefined) return `A ${type} order needs a price.`;
    }
    if (reason === 'INVALID_STOP_PRICE') {
      if (!needsStop && request.stopPrice !== undefined) return `A ${type} order takes no stopPrice; leave stopPrice out.`;
      if (needsStop && request.stopPrice === undefined) return `A ${type} order needs a stopPrice.`;
    }
    if (reason === 'INVALID_TRAIL' && type !== 'trailing_stop' && (request.trailAmount !== undefined || request.trailBps !== undefined)) {
      return `Only a trailing_stop order takes trailAmount or trailPercent; a ${type} order does not.`;
    }
  }
  return undefined;
}
