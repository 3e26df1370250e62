// Builders of the most frequent events, with their field representations settled up front.
import type { Fill, LedgerEntry, LedgerReason } from '../core/events.ts';
import type { Side } from '../core/orders.ts';

/*
 * V8 gives each numeric field of an object shape a representation, shared by every object of that
 * shape. A field that has only held small integers stores them inline; once a number outside that
 * range arrives (a balance of 10^12 minor units, say) the field turns into a boxed double, and from
 * then on every object of the shape allocates a box for it, small values included: four extra
 * allocations per LedgerEntry. Building one throwaway object of each shape below with non-number
 * values first turns the fields into general tagged ones, which store small integers inline and box
 * only the values that need it. The builders are the only places these events are made, so every
 * one of them shares the settled shape. This changes allocation only, never a value.
 */

export function ledgerEntry(
  seq: number,
  ts: number,
  accountId: number,
  asset: string,
  reason: LedgerReason,
  refId: number,
  deltaAvailable: number,
  deltaHeld: number,
  available: number,
  held: number,
  memo: string | undefined,
): LedgerEntry {
  return { type: 'LedgerEntry', seq, ts, accountId, asset, reason, refId, deltaAvailable, deltaHeld, available, held, memo };
}

export function fill(
  seq: number,
  ts: number,
  tradeId: number,
  orderId: number,
  accountId: number,
  symbol: string,
  side: Side,
  liquidity: 'maker' | 'taker',
  price: number,
  qty: number,
  fee: number,
  counterOrderId: number,
  leavesQty: number,
  filledQty: number,
): Fill {
  return { type: 'Fill', seq, ts, tradeId, orderId, accountId, symbol, side, liquidity, price, qty, fee, counterOrderId, leavesQty, filledQty };
}

const notANumber = null as unknown as number;
ledgerEntry(notANumber, notANumber, notANumber, '', 'trade', notANumber, notANumber, notANumber, notANumber, notANumber, undefined);
fill(notANumber, notANumber, notANumber, notANumber, notANumber, '', 'buy', 'maker', notANumber, notANumber, notANumber, notANumber, notANumber, notANumber);
