// Input checks shared by the market-data builders: a failure means the caller broke the engine's bounds.
import { MAX_PRICE_TICKS, MAX_QTY_LOTS } from '../core/limits.ts';

/**
 * Throws when a trade is outside what the engine can emit. Every engine trade has a positive price
 * and quantity within the limits, and its notional (price x qty x notionalPerTickLot quote minor
 * units) is bounded by the quote asset's supply cap of 2^52, so price x qty is an exact integer.
 */
export function checkTrade(price: number, qty: number, ts: number): void {
  if (!Number.isSafeInteger(price) || price <= 0 || price > MAX_PRICE_TICKS) throw new RangeError(`trade price must be a positive integer of ticks, got ${price}`);
  if (!Number.isSafeInteger(qty) || qty <= 0 || qty > MAX_QTY_LOTS) throw new RangeError(`trade qty must be a positive integer of lots, got ${qty}`);
  if (!Number.isSafeInteger(price * qty)) throw new RangeError(`trade notional ${price} x ${qty} is beyond the engine's bounds`);
  checkTime(ts);
}

/** Times are epoch milliseconds and must be exact integers. */
export function checkTime(ts: number): void {
  if (!Number.isSafeInteger(ts)) throw new RangeError(`time must be integer epoch milliseconds, got ${ts}`);
}
