// Tests for packed events: every event type and field survives packing, absent fields stay absent, odd strings stay exact.
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../core/events.ts';
import { Engine } from '../engine/engine.ts';
import { generateCommands } from '../journal/bench-support.ts';
import { packEvents, unpackEvents } from './event-pack.ts';

const ts = 1_796_388_554_914;

/** One event of every type, optional fields both present and absent. */
const everyType: EngineEvent[] = [
  { type: 'AssetAdded', seq: 1, ts, asset: { code: 'USD', scale: 2 } },
  { type: 'InstrumentAdded', seq: 2, ts, instrument: { symbol: 'AAPL', base: 'AAPL', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 1, takerFeeBps: 2, referencePrice: '190', bandBps: 1000 } },
  { type: 'AccountOpened', seq: 3, ts, accountId: 7 },
  { type: 'RiskLimitsSet', seq: 4, ts, accountId: 7, symbol: 'AAPL', maxOrderQty: 500 },
  { type: 'OrderAccepted', seq: 5, ts, orderId: 9, accountId: 7, clientOrderId: 'c-1 ünïcode \ud800', symbol: 'AAPL', side: 'buy', orderType: 'stop_limit', tif: 'gtd', qty: 5, price: 18_950, stopPrice: 19_000, expireAt: ts + 1, postOnly: true, stp: 'cancel_both', state: 'untriggered', groupId: 9, parentId: 8 },
  { type: 'OrderAccepted', seq: 6, ts, orderId: 10, accountId: 7, symbol: 'AAPL', side: 'sell', orderType: 'trailing_stop', tif: 'gtc', qty: 1, trailAmount: 25, trailBps: 150, waterMark: 18_990, postOnly: false, stp: 'cancel_newest', state: 'untriggered' },
  { type: 'OrderRejected', seq: 7, ts, accountId: 7, clientOrderId: 'c-1', symbol: 'AAPL', reason: 'DUPLICATE_CLIENT_ORDER_ID', message: 'taken', existingOrderId: 9 },
  { type: 'RequestRejected', seq: 8, ts, command: 'cancelOrder', accountId: 7, reason: 'UNKNOWN_ORDER', message: 'no such order' },
  { type: 'RequestRejected', seq: 9, ts, command: 'unknown', reason: 'INVALID_REQUEST', message: '' },
  { type: 'OrderTriggered', seq: 10, ts, orderId: 9, accountId: 7, symbol: 'AAPL', cause: 'stop', qty: 5, triggerPrice: 19_000 },
  { type: 'Fill', seq: 11, ts, tradeId: 1, orderId: 9, accountId: 7, symbol: 'AAPL', side: 'buy', liquidity: 'taker', price: 18_950, qty: 3, fee: 12, counterOrderId: 4, leavesQty: 2, filledQty: 3 },
  { type: 'OrderCancelled', seq: 12, ts, orderId: 9, accountId: 7, symbol: 'AAPL', reason: 'USER_CANCELLED', cancelledQty: 2, filledQty: 3 },
  { type: 'OrderExpired', seq: 13, ts, orderId: 10, accountId: 7, symbol: 'AAPL', reason: 'EXPIRED_GTD', cancelledQty: 1, filledQty: 0 },
  { type: 'OrderReplaced', seq: 14, ts, orderId: 9, accountId: 7, symbol: 'AAPL', qty: 4, leavesQty: 1, price: 18_900, priorityKept: false },
  { type: 'LedgerEntry', seq: 15, ts, accountId: 7, asset: 'USD', reason: 'hold', refId: 9, deltaAvailable: -94_750, deltaHeld: 94_750, available: Number.MAX_SAFE_INTEGER, held: 94_750, memo: 'wire' },
  { type: 'LedgerEntry', seq: 16, ts, accountId: 7, asset: 'USD', reason: 'fee', refId: 1, deltaAvailable: -12, deltaHeld: 0, available: 0, held: -0 },
  { type: 'SessionEnded', seq: 17, ts, symbol: 'AAPL' },
  { type: 'SessionEnded', seq: 18, ts },
  { type: 'OrderCancelled', seq: 19, ts, orderId: 9, accountId: 7, symbol: 'AAPL', reason: 'RISK_KILL_SWITCH', cancelledQty: 2, filledQty: 3, message: 'Cancelled by the kill switch of the account. It was turned on by an admin.' },
  { type: 'StopMoved', seq: 20, ts, orderId: 10, accountId: 7, symbol: 'AAPL', stopPrice: 19_025, waterMark: 19_050 },
  { type: 'TradingStatusChanged', seq: 21, ts, symbol: 'AAPL', status: 'halted', reason: 'news pending' },
  { type: 'TradingStatusChanged', seq: 22, ts, symbol: 'AAPL', status: 'trading' },
];

describe('packed events', () => {
  it('carries one event of every type with every field, and leaves absent fields absent', () => {
    const types = new Set(everyType.map((e) => e.type));
    expect(types.size).toBe(16);
    const unpacked = unpackEvents(packEvents(everyType));
    expect(unpacked).toStrictEqual(everyType);
    expect(Object.is((unpacked[15] as { held: number }).held, -0)).toBe(true);
  });

  it('carries what an engine emits over a long mixed stream exactly', () => {
    const engine = new Engine();
    const events: EngineEvent[] = [];
    for (const command of generateCommands({ seed: 5, count: 4_000 })) events.push(...engine.apply(command));
    const unpacked = unpackEvents(packEvents(events));
    // The engine may spell an absent optional field as undefined; unpacked it is simply missing.
    expect(unpacked).toEqual(events);
    expect(unpacked.map((e) => Object.keys(e).filter((k) => (e as unknown as Record<string, unknown>)[k] !== undefined).sort())).toEqual(
      events.map((e) => Object.keys(e).filter((k) => (e as unknown as Record<string, unknown>)[k] !== undefined).sort()),
    );
  });

  it('moves numbers in one transferable buffer and each distinct string once', () => {
    const packed = packEvents(everyType.concat(everyType));
    expect(packed.numbers.buffer.byteLength).toBe(packed.numbers.byteLength);
    expect(new Set(packed.strings).size).toBe(packed.strings.length);
  });

  it('refuses an event type it has no layout for', () => {
    expect(() => packEvents([{ type: 'Mystery', seq: 1, ts } as unknown as EngineEvent])).toThrow(/Mystery/);
  });
});
