// Validation and pre-trade risk checks for new orders; each failure is a reason code, never an exception.
import { bandHigh, bandLow } from '../core/instrument.ts';
import { CLIENT_ORDER_ID, isPositiveInt, MAX_AMOUNT, MAX_PRICE_TICKS, MAX_QTY_LOTS, MAX_TRAIL_BPS } from '../core/limits.ts';
import { isOrderType, isSide, isStpMode, isTimeInForce, takesPrice, takesStopPrice, type OrderRequest, type TimeInForce } from '../core/orders.ts';
import type { ReasonCode } from '../core/reasons.ts';
import { holdFor, marketEdge, notional } from './holds.ts';
import type { Market } from './state.ts';

/** Per-account limits for one symbol. */
export interface RiskLimits {
  readonly maxOrderQty?: number;
  readonly maxOrderNotional?: number;
  readonly maxPosition?: number;
}

/** Default time in force when an order names none. */
export function defaultTif(request: OrderRequest): TimeInForce {
  return request.type === 'market' ? 'ioc' : 'gtc';
}

/** Checks the shape of a request against its instrument; nothing about balances. */
export function checkShape(request: OrderRequest, market: Market, now: number): ReasonCode | undefined {
  const instrument = market.instrument;
  if (!isSide(request.side) || !isOrderType(request.type)) return 'INVALID_REQUEST';
  if (request.clientOrderId !== undefined && (typeof request.clientOrderId !== 'string' || !CLIENT_ORDER_ID.test(request.clientOrderId))) return 'INVALID_CLIENT_ORDER_ID';
  if (request.stp !== undefined && !isStpMode(request.stp)) return 'INVALID_REQUEST';
  if (!isPositiveInt(request.qty, MAX_QTY_LOTS)) return 'INVALID_QUANTITY';
  if (request.qty < instrument.minQty) return 'QUANTITY_BELOW_MIN';
  if (request.qty > instrument.maxQty) return 'QUANTITY_ABOVE_MAX';
  const needsPrice = takesPrice(request.type);
  const needsStop = takesStopPrice(request.type);
  if (needsPrice ? !isPositiveInt(request.price, MAX_PRICE_TICKS) : request.price !== undefined) return 'INVALID_PRICE';
  if (needsStop ? !isPositiveInt(request.stopPrice, MAX_PRICE_TICKS) : request.stopPrice !== undefined) return 'INVALID_STOP_PRICE';
  if (request.type === 'trailing_stop') {
    const byAmount = request.trailAmount !== undefined;
    const byBps = request.trailBps !== undefined;
    if (byAmount === byBps) return 'INVALID_TRAIL';
    if (byAmount && !isPositiveInt(request.trailAmount, MAX_PRICE_TICKS)) return 'INVALID_TRAIL';
    if (byBps && !isPositiveInt(request.trailBps, MAX_TRAIL_BPS)) return 'INVALID_TRAIL';
  } else if (request.trailAmount !== undefined || request.trailBps !== undefined) {
    return 'INVALID_TRAIL';
  }
  const tif = request.tif ?? defaultTif(request);
  if (!isTimeInForce(tif)) return 'INVALID_TIME_IN_FORCE';
  if (request.type === 'market' && tif === 'gtd') return 'INVALID_TIME_IN_FORCE';
  if (request.postOnly === true && (request.type !== 'limit' || tif === 'ioc' || tif === 'fok')) return 'INVALID_TIME_IN_FORCE';
  if (tif === 'gtd' ? !isPositiveInt(request.expireAt, Number.MAX_SAFE_INTEGER) || request.expireAt <= now : request.expireAt !== undefined) return 'INVALID_EXPIRY';
  if (request.price !== undefined && outOfBand(market, request.price, request.type === 'stop_limit' ? request.stopPrice! : market.lastPrice)) return 'PRICE_OUT_OF_BAND';
  return undefined;
}

/**
 * Whether a limit price lies outside the band around `reference`: the last price for a live limit
 * order, the stop price for a stop-limit that has not triggered yet.
 */
export function outOfBand(market: Market, price: number, reference: number): boolean {
  if (reference === market.lastPrice) return price < market.bandLow || price > market.bandHigh;
  const bps = market.instrument.bandBps;
  return price < bandLow(reference, bps) || price > bandHigh(reference, bps);
}

/** Whether a limit order at `price` would trade on arrival (what post-only forbids). */
export function wouldTake(market: Market, side: OrderRequest['side'], price: number): boolean {
  const best = market.book.bestPrice(side === 'buy' ? 'sell' : 'buy');
  return best !== 0 && (side === 'buy' ? price >= best : price <= best);
}

/**
 * Pre-trade risk: order quantity and notional, position, and that every amount the order can move
 * stays inside the exact integer range. The position limit needs the account's orders: see placement.
 */
export function checkRisk(request: OrderRequest, market: Market, limits: RiskLimits | undefined): ReasonCode | undefined {
  const instrument = market.instrument;
  const price = request.price ?? marketEdge(market, request.side, request.type === 'market' ? market.lastPrice : (request.stopPrice ?? market.lastPrice));
  const value = notional(instrument, price, request.qty);
  // A hold is at most twice the notional (fees are at most 100%), so it needs computing only above half the bound.
  if (value > MAX_AMOUNT || request.qty * instrument.baseUnitsPerLot > MAX_AMOUNT || (value > MAX_AMOUNT / 2 && holdFor(instrument, 'buy', price, request.qty) > MAX_AMOUNT)) return 'NOTIONAL_ABOVE_MAX';
  if (!limits) return undefined;
  if (limits.maxOrderQty !== undefined && request.qty > limits.maxOrderQty) return 'QUANTITY_ABOVE_MAX';
  if (limits.maxOrderNotional !== undefined && value > limits.maxOrderNotional) return 'NOTIONAL_ABOVE_MAX';
  return undefined;
}
