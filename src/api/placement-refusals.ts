// A placement refused for its quantity or for funds, told in figures (the instrument's or the account's limit, what the order holds and what is available), or for a halt, with the admin's reason.
import type { Command } from '../core/commands.ts';
import type { Instrument } from '../core/instrument.ts';
import type { OrderRequest } from '../core/orders.ts';
import type { ReasonCode } from '../core/reasons.ts';
import type { Engine, OrderHold } from '../engine/engine.ts';
import { formatAmount, formatPrice, formatQty } from '../platform/units.ts';
import { ApiError } from './errors.ts';

/** One order a placement asks for, with where its fields sit in the request ("legs.1.", "entry."). */
export interface PlacedOrder {
  readonly request: OrderRequest;
  readonly prefix: string;
}

/** QUANTITY_ABOVE_MAX for an order past the instrument's maximum, as a placement and a replace both tell it. */
export function aboveInstrumentMax(instrument: Instrument, qty: number): string {
  return `qty ${formatQty(instrument, qty)} is above the most ${instrument.symbol} takes in one order, ${formatQty(instrument, instrument.maxQty)}.`;
}

/** Why the quantity of `order` is refused, or undefined when it is not what the reason is about. */
function quantityProblem(engine: Engine, reason: ReasonCode, request: OrderRequest): string | undefined {
  const instrument = engine.instrument(request.symbol);
  if (!instrument) return undefined;
  const qty = (lots: number) => formatQty(instrument, lots);
  const limits = engine.riskLimits(request.accountId, request.symbol);
  if (reason === 'QUANTITY_BELOW_MIN' && request.qty < instrument.minQty) return `qty ${qty(request.qty)} is below the least ${instrument.symbol} takes in one order, ${qty(instrument.minQty)}.`;
  if (reason === 'QUANTITY_ABOVE_MAX' && request.qty > instrument.maxQty) return aboveInstrumentMax(instrument, request.qty);
  if (reason === 'QUANTITY_ABOVE_MAX' && limits?.maxOrderQty !== undefined && request.qty > limits.maxOrderQty) {
    return `qty ${qty(request.qty)} is above this account's limit for ${instrument.symbol}, ${qty(limits.maxOrderQty)} in one order.`;
  }
  if (reason === 'POSITION_LIMIT' && request.side === 'buy' && limits?.maxPosition !== undefined) {
    return `Buying qty ${qty(request.qty)} would take this account's ${instrument.symbol} position (holdings plus open buys) past its limit, ${qty(limits.maxPosition)}.`;
  }
  return undefined;
}

/** QUANTITY_BELOW_MIN, QUANTITY_ABOVE_MAX or POSITION_LIMIT with the limit the qty broke and details at the qty; undefined for other reasons. */
export function quantityRefusal(engine: Engine, reason: ReasonCode, orders: readonly PlacedOrder[]): ApiError | undefined {
  for (const { request, prefix } of orders) {
    const message = quantityProblem(engine, reason, request);
    if (message) return new ApiError(reason, message, [{ path: `${prefix}qty`, message }]);
  }
  return undefined;
}

/** Why the hold is what it is: the price a buy is held at, for the message. */
function holdBasis(instrument: Instrument, request: OrderRequest, hold: OrderHold): string {
  const price = formatPrice(instrument, hold.price);
  if (request.type === 'limit' || request.type === 'stop_limit') return `qty ${formatQty(instrument, request.qty)} at the limit price ${price}, with the larger of the maker and taker fees`;
  if (request.type === 'market') return `a market buy is held at the price band's limit, ${price}`;
  if (request.type === 'stop') return `a stop buy is held at the limit of the price band around its stop price, ${price}`;
  return `a trailing_stop buy is held at the limit of the price band around its current stop price, ${price}`;
}

/** The subject of the message: a group holds once, for the leg that needs the most. */
function subjectOf(command: Command): string {
  if (command.type === 'placeOco') return 'This OCO (held once, for its dearer leg)';
  if (command.type === 'placeBracket') return "This bracket's entry";
  return 'This order';
}

/**
 * INSUFFICIENT_FUNDS or INSUFFICIENT_SHARES with what the order holds and what is available, in
 * the asset's units, and details at the qty of the order that needs the most; undefined for other
 * reasons, or when the engine no longer computes a hold for the request.
 */
export function fundsRefusal(engine: Engine, reason: ReasonCode, command: Command, orders: readonly PlacedOrder[]): ApiError | undefined {
  if (reason !== 'INSUFFICIENT_FUNDS' && reason !== 'INSUFFICIENT_SHARES') return undefined;
  let dearest: { readonly order: PlacedOrder; readonly hold: OrderHold } | undefined;
  for (const order of orders) {
    const hold = engine.orderHold(order.request);
    if (hold && (!dearest || hold.need > dearest.hold.need)) dearest = { order, hold };
  }
  const instrument = dearest && engine.instrument(dearest.order.request.symbol);
  const spec = dearest && engine.asset(dearest.hold.asset);
  if (!dearest || !instrument || !spec) return undefined;
  const { order, hold } = dearest;
  const { asset } = hold;
  const need = formatAmount(spec, hold.need);
  const available = formatAmount(spec, hold.available);
  const subject = subjectOf(command);
  const message =
    reason === 'INSUFFICIENT_FUNDS'
      ? `${subject} holds up to ${need} ${asset} (${holdBasis(instrument, order.request, hold)}) and ${available} ${asset} is available.`
      : `${subject} holds ${need} ${asset} and ${available} ${asset} is available; short selling is not enabled.`;
  const qty = formatQty(instrument, order.request.qty);
  return new ApiError(reason, message, [{ path: `${order.prefix}qty`, message: `qty ${qty} needs ${need} ${asset} held; ${available} ${asset} is available` }]);
}

/**
 * INSTRUMENT_HALTED with the reason the admin gave for the halt: details {symbol, reason}, reason
 * null when none was given (or the symbol resumed since the refusal).
 */
export function haltedRefusal(engine: Engine, symbol: string): ApiError {
  const status = engine.tradingStatus(symbol);
  const reason = status?.status === 'halted' && status.reason ? status.reason : null;
  const because = reason === null ? '' : ` (${reason})`;
  return new ApiError('INSTRUMENT_HALTED', `Trading in ${symbol} is halted${because}: no new orders or replaces until it resumes; cancels go through.`, { symbol, reason });
}
