// How much cash or how many shares an order must reserve, and the notional value of a trade.
import { bandHigh, bandLow, type Instrument } from '../core/instrument.ts';
import { bpsOf } from '../core/limits.ts';
import type { Side } from '../core/orders.ts';
import type { LiveOrder, Market } from './state.ts';

/** Quote minor units for `qty` lots at `price` ticks. May exceed MAX_AMOUNT: callers bound it first. */
export function notional(instrument: Instrument, price: number, qty: number): number {
  return price * qty * instrument.notionalPerTickLot;
}

/**
 * The reservation that covers `qty` lots at a worst price of `price`. A buy reserves the notional
 * plus the larger of the two fees; since fees round down and fills are never worse than `price`,
 * what is left of it always covers the rest of the order.
 */
export function holdFor(instrument: Instrument, side: Side, price: number, qty: number): number {
  if (side === 'sell') return qty * instrument.baseUnitsPerLot;
  const value = notional(instrument, price, qty);
  return value + bpsOf(value, Math.max(instrument.makerFeeBps, instrument.takerFeeBps));
}

/** The worst price an order can trade at now: its limit, or the price band's edge for market orders. */
export function worstPrice(order: LiveOrder, lastPrice: number): number {
  if (order.execType === 'limit') return order.price;
  if (order.execType === 'market') return marketEdge(order.market, order.side, lastPrice);
  // Untriggered: a stop-limit trades at its limit; a stop-market around its stop price.
  if (order.type === 'stop_limit') return order.price;
  return marketEdge(order.market, order.side, order.stopPrice);
}

export function bandEdge(instrument: Instrument, side: Side, reference: number): number {
  return side === 'buy' ? bandHigh(reference, instrument.bandBps) : bandLow(reference, instrument.bandBps);
}

/** `bandEdge` in a market, from the band the market keeps for its last price when that is the reference. */
export function marketEdge(market: Market, side: Side, reference: number): number {
  if (reference === market.lastPrice) return side === 'buy' ? market.bandHigh : market.bandLow;
  return bandEdge(market.instrument, side, reference);
}

/** What an order needs reserved for its open quantity right now (0 while it waits for a bracket parent). */
export function requiredHold(order: LiveOrder, lastPrice: number): number {
  if (order.state === 'pending_parent') return 0;
  return holdFor(order.market.instrument, order.side, worstPrice(order, lastPrice), order.qty - order.filled);
}
