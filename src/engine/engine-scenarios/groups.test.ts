// Order group scenarios: one-cancels-other pairs with a shared reservation, and brackets whose
// take-profit and stop-loss wait for the entry to fill.
import { describe, expect, it } from 'vitest';
import type { PlaceBracket } from '../../core/commands.ts';
import type { OrderRequest } from '../../core/orders.ts';
import { Engine } from '../engine.ts';
import { A, ACME, B, BOOKS, BTC_USD, C, CASH, D, eventsOf, ledgerOf, type MarketHarness, oneOf, setupMarket, SHARES, stateOf, typesOf, USD } from '../test-support.ts';

const sellLimit = (qty: number, price: number): OrderRequest => ({ accountId: D, symbol: ACME, side: 'sell', type: 'limit', qty, price });
const sellStop = (qty: number, stopPrice: number): OrderRequest => ({ accountId: D, symbol: ACME, side: 'sell', type: 'stop', qty, stopPrice });

/** D's protective OCO on 5 shares: take profit at 10200 or stop out at 9800. Returns [limit, stop] ids. */
function placeProtectiveOco(m: MarketHarness): [number, number] {
  const events = m.apply({ type: 'placeOco', legs: [sellLimit(5, 10200), sellStop(5, 9800)] });
  const [limit, stop] = eventsOf(events, 'OrderAccepted');
  return [limit!.orderId, stop!.orderId];
}

/** C's long bracket: buy 5 at 10000, take profit at 10300, stop out at 9700. Returns [entry, takeProfit, stopLoss] ids. */
function placeLongBracket(m: MarketHarness, extra: Partial<PlaceBracket> = {}): [number, number, number] {
  const events = m.apply({ type: 'placeBracket', entry: { accountId: C, symbol: ACME, side: 'buy', type: 'limit', qty: 5, price: 10000 }, takeProfitPrice: 10300, stopLossPrice: 9700, ...extra });
  const [entry, takeProfit, stopLoss] = eventsOf(events, 'OrderAccepted');
  return [entry!.orderId, takeProfit!.orderId, stopLoss!.orderId];
}

describe.each(BOOKS)('order groups (%s book)', (_name, bookFactory) => {
  const market = () => setupMarket(new Engine({ bookFactory }));

  describe('OCO', () => {
    it('accepts both legs under one group id with one shared hold', () => {
      const m = market();
      const events = m.apply({ type: 'placeOco', legs: [sellLimit(5, 10200), sellStop(5, 9800)] });
      expect(typesOf(events)).toEqual(['OrderAccepted', 'OrderAccepted', 'LedgerEntry']);
      const [limit, stop] = eventsOf(events, 'OrderAccepted');
      expect(limit).toMatchObject({ orderType: 'limit', state: 'open', groupId: limit!.orderId });
      expect(stop).toMatchObject({ orderType: 'stop', state: 'untriggered', groupId: limit!.orderId });
      expect(ledgerOf(events)).toEqual([{ accountId: D, asset: ACME, reason: 'hold', refId: limit!.orderId, deltaAvailable: -5, deltaHeld: 5, available: SHARES - 5, held: 5 }]);
      expect(m.book('sell')).toEqual([[limit!.orderId, 10200, 5]]);
    });

    it('cancels the other leg with OCO_SIBLING_DONE when one fills', () => {
      const m = market();
      const [limit, stop] = placeProtectiveOco(m);
      const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 5, price: 10200 });
      expect(eventsOf(events, 'Fill').find((f) => f.orderId === limit)).toMatchObject({ leavesQty: 0 });
      expect(oneOf(events, 'OrderCancelled')).toMatchObject({ orderId: stop, reason: 'OCO_SIBLING_DONE', cancelledQty: 5, filledQty: 0 });
      expect(m.engine.liveOrders(D)).toEqual([]);
      expect(m.balance(D, ACME)).toEqual({ available: SHARES - 5, held: 0 });
      expect(m.balance(D, USD)).toEqual({ available: CASH + 51000 - 51, held: 0 });
    });

    it('shrinks the other leg on a partial fill (OrderReplaced), then the stop leg fills and cancels the rest', () => {
      const m = market();
      const [limit, stop] = placeProtectiveOco(m);
      const partial = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 2, price: 10200 });
      expect(oneOf(partial, 'OrderReplaced')).toMatchObject({ orderId: stop, qty: 3, leavesQty: 3, stopPrice: 9800, priorityKept: true });
      expect(m.engine.order(stop)).toMatchObject({ qty: 3, filled: 0 });
      expect(m.book('sell')).toEqual([[limit, 10200, 3]]);
      expect(m.balance(D, ACME)).toEqual({ available: SHARES - 5, held: 3 });

      m.limit(A, 'buy', 5, 9800);
      const events = m.place({ accountId: C, side: 'sell', type: 'limit', qty: 1, price: 9800 });
      expect(oneOf(events, 'OrderTriggered')).toMatchObject({ orderId: stop, qty: 3 });
      expect(eventsOf(events, 'Fill').filter((f) => f.orderId === stop).map((f) => [f.price, f.qty, f.leavesQty])).toEqual([[9800, 3, 0]]);
      expect(oneOf(events, 'OrderCancelled')).toMatchObject({ orderId: limit, reason: 'OCO_SIBLING_DONE', cancelledQty: 3, filledQty: 2 });
      expect(m.book('sell')).toEqual([]);
      expect(m.balance(D, ACME)).toEqual({ available: SHARES - 5, held: 0 });
    });

    it('cancels both legs when one is cancelled, releasing the shared hold once', () => {
      const m = market();
      const [limit, stop] = placeProtectiveOco(m);
      const events = m.cancel(D, stop);
      expect(typesOf(events)).toEqual(['OrderCancelled', 'OrderCancelled', 'LedgerEntry']);
      expect(eventsOf(events, 'OrderCancelled').map((e) => [e.orderId, e.reason])).toEqual([
        [stop, 'USER_CANCELLED'],
        [limit, 'OCO_SIBLING_DONE'],
      ]);
      expect(ledgerOf(events)).toEqual([{ accountId: D, asset: ACME, reason: 'release', refId: limit, deltaAvailable: 5, deltaHeld: -5, available: SHARES, held: 0 }]);
      expect(m.book('sell')).toEqual([]);
    });

    it('reserves the larger leg of a buy OCO once and releases what is left at the end', () => {
      const m = market();
      const events = m.apply({
        type: 'placeOco',
        legs: [
          { accountId: C, symbol: ACME, side: 'buy', type: 'limit', qty: 5, price: 9900 }, // 49500 + 99
          { accountId: C, symbol: ACME, side: 'buy', type: 'stop', qty: 5, stopPrice: 10100 }, // 5 x 10605 + 106
        ],
      });
      const [limit, stop] = eventsOf(events, 'OrderAccepted').map((e) => e.orderId);
      expect(ledgerOf(events).map((e) => e.deltaHeld)).toEqual([53131]);
      expect(m.balance(C, USD)).toEqual({ available: CASH - 53131, held: 53131 });
      const filled = m.place({ accountId: A, side: 'sell', type: 'limit', qty: 5, price: 9900 });
      expect(oneOf(filled, 'OrderCancelled')).toMatchObject({ orderId: stop, reason: 'OCO_SIBLING_DONE' });
      // Spent 49500 + 49 (maker fee); 53131 - 49549 comes back.
      expect(ledgerOf(filled).filter((e) => e.accountId === C && e.reason === 'release')).toEqual([
        { accountId: C, asset: USD, reason: 'release', refId: stop, deltaAvailable: 3582, deltaHeld: -3582, available: CASH - 49549, held: 0 },
      ]);
      expect(m.engine.order(limit!)).toBeUndefined();
    });

    it('rejects legs that do not fit together with INVALID_GROUP and accepts neither', () => {
      const m = market();
      const good = sellLimit(5, 10200);
      const bad: Array<[string, OrderRequest]> = [
        ['another account', { ...sellStop(5, 9800), accountId: A }],
        ['another symbol', { ...sellStop(5, 9800), symbol: BTC_USD }],
        ['the other side', { ...sellStop(5, 10100), side: 'buy' }],
        ['another quantity', sellStop(4, 9800)],
        ['a market leg', { accountId: D, symbol: ACME, side: 'sell', type: 'market', qty: 5 }],
        ['an IOC leg', { ...sellLimit(5, 10300), tif: 'ioc' }],
        ['a FOK leg', { ...sellLimit(5, 10300), tif: 'fok' }],
      ];
      const before = stateOf(m.engine);
      for (const [label, leg] of bad) {
        const events = m.apply({ type: 'placeOco', legs: [good, leg] });
        expect(typesOf(events), label).toEqual(['OrderRejected']);
        expect(events[0], label).toMatchObject({ reason: 'INVALID_GROUP', accountId: D });
      }
      expect(stateOf(m.engine)).toEqual(before);
      // A leg that fails its own checks is rejected with that leg's reason.
      expect(oneOf(m.apply({ type: 'placeOco', legs: [good, sellLimit(5, 11000)] }), 'OrderRejected').reason).toBe('PRICE_OUT_OF_BAND');
      expect(oneOf(m.apply({ type: 'placeOco', legs: [sellLimit(2000, 10200), sellStop(2000, 9800)] }), 'OrderRejected').reason).toBe('INSUFFICIENT_SHARES');
      expect(stateOf(m.engine)).toEqual(before);
    });
  });

  describe('bracket', () => {
    it('accepts the entry and keeps both legs pending until the entry fills', () => {
      const m = market();
      const events = m.apply({ type: 'placeBracket', entry: { accountId: C, symbol: ACME, side: 'buy', type: 'limit', qty: 5, price: 10000 }, takeProfitPrice: 10300, stopLossPrice: 9700 });
      expect(typesOf(events)).toEqual(['OrderAccepted', 'OrderAccepted', 'OrderAccepted', 'LedgerEntry']);
      const [entry, takeProfit, stopLoss] = eventsOf(events, 'OrderAccepted');
      const group = entry!.orderId;
      expect(entry).toMatchObject({ side: 'buy', orderType: 'limit', state: 'open', groupId: group });
      expect(entry!.parentId).toBeUndefined();
      expect(takeProfit).toMatchObject({ side: 'sell', orderType: 'limit', price: 10300, qty: 5, state: 'pending_parent', groupId: group, parentId: group, tif: 'gtc' });
      expect(stopLoss).toMatchObject({ side: 'sell', orderType: 'stop', stopPrice: 9700, qty: 5, state: 'pending_parent', groupId: group, parentId: group });
      // Only the entry reserves anything: 50000 + 100.
      expect(ledgerOf(events)).toEqual([{ accountId: C, asset: USD, reason: 'hold', refId: group, deltaAvailable: -50100, deltaHeld: 50100, available: CASH - 50100, held: 50100 }]);
      expect(m.balance(C, ACME)).toEqual({ available: SHARES, held: 0 });
      expect(m.book('buy')).toEqual([[group, 10000, 5]]);
      expect(m.book('sell')).toEqual([]);
    });

    it('activates both legs for the filled quantity when the entry fills (OrderTriggered, cause parent)', () => {
      const m = market();
      const [entry, takeProfit, stopLoss] = placeLongBracket(m);
      const events = m.place({ accountId: A, side: 'sell', type: 'limit', qty: 5, price: 10000 });
      const triggered = eventsOf(events, 'OrderTriggered');
      expect(triggered.map((e) => [e.orderId, e.cause, e.qty, e.triggerPrice])).toEqual([
        [takeProfit, 'parent', 5, undefined],
        [stopLoss, 'parent', 5, undefined],
      ]);
      // The entry's leftover is released, then the legs hold the 5 shares bought, once.
      const ledger = ledgerOf(events).filter((e) => e.accountId === C);
      expect(ledger.slice(-2)).toEqual([
        { accountId: C, asset: USD, reason: 'release', refId: entry, deltaAvailable: 50, deltaHeld: -50, available: CASH - 50050, held: 0 },
        { accountId: C, asset: ACME, reason: 'hold', refId: takeProfit, deltaAvailable: -5, deltaHeld: 5, available: SHARES, held: 5 },
      ]);
      expect(m.engine.order(takeProfit)).toMatchObject({ state: 'open', qty: 5 });
      expect(m.engine.order(stopLoss)).toMatchObject({ state: 'untriggered', qty: 5 });
      expect(m.book('sell')).toEqual([[takeProfit, 10300, 5]]);
    });

    it('cancels the stop-loss when the take-profit fills', () => {
      const m = market();
      const [, takeProfit, stopLoss] = placeLongBracket(m);
      m.place({ accountId: A, side: 'sell', type: 'limit', qty: 5, price: 10000 });
      const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 5, price: 10300 });
      expect(eventsOf(events, 'Fill').find((f) => f.orderId === takeProfit)).toMatchObject({ price: 10300, leavesQty: 0 });
      expect(oneOf(events, 'OrderCancelled')).toMatchObject({ orderId: stopLoss, reason: 'OCO_SIBLING_DONE', cancelledQty: 5 });
      expect(m.engine.liveOrders(C)).toEqual([]);
      expect(m.balance(C, ACME)).toEqual({ available: SHARES, held: 0 });
      // Bought at 10000 (maker fee 50), sold at 10300 (maker fee 51).
      expect(m.balance(C, USD)).toEqual({ available: CASH - 50050 + 51500 - 51, held: 0 });
    });

    it('cancels the take-profit when the stop-loss triggers and fills', () => {
      const m = market();
      const [, takeProfit, stopLoss] = placeLongBracket(m);
      m.place({ accountId: A, side: 'sell', type: 'limit', qty: 5, price: 10000 });
      m.limit(B, 'buy', 5, 9700);
      m.limit(B, 'buy', 2, 9600);
      const events = m.place({ accountId: A, side: 'sell', type: 'limit', qty: 1, price: 9700 });
      expect(oneOf(events, 'OrderTriggered')).toMatchObject({ orderId: stopLoss, cause: 'stop', triggerPrice: 9700, qty: 5 });
      expect(eventsOf(events, 'Fill').filter((f) => f.orderId === stopLoss).map((f) => [f.price, f.qty])).toEqual([
        [9700, 4],
        [9600, 1],
      ]);
      // The first partial fill of the stop-loss shrinks the take-profit to the shared open quantity.
      expect(oneOf(events, 'OrderReplaced')).toMatchObject({ orderId: takeProfit, qty: 1, leavesQty: 1, priorityKept: true });
      expect(oneOf(events, 'OrderCancelled')).toMatchObject({ orderId: takeProfit, reason: 'OCO_SIBLING_DONE', cancelledQty: 1, filledQty: 0 });
      expect(m.book('sell')).toEqual([]);
      expect(m.engine.liveOrders(C)).toEqual([]);
      expect(m.balance(C, ACME)).toEqual({ available: SHARES, held: 0 });
    });

    it('cancels both legs when the entry is cancelled or expires without a fill', () => {
      const m = market();
      const [entry, takeProfit, stopLoss] = placeLongBracket(m);
      const events = m.cancel(C, entry);
      const cancels = eventsOf(events, 'OrderCancelled');
      expect(cancels.map((e) => e.orderId)).toEqual([entry, takeProfit, stopLoss]);
      expect(cancels[0]).toMatchObject({ reason: 'USER_CANCELLED', cancelledQty: 5, filledQty: 0 });
      expect(cancels[1]).toMatchObject({ reason: 'PARENT_ENDED', cancelledQty: 5, filledQty: 0 });
      expect(eventsOf(events, 'OrderTriggered')).toEqual([]);
      expect(ledgerOf(events)).toEqual([{ accountId: C, asset: USD, reason: 'release', refId: entry, deltaAvailable: 50100, deltaHeld: -50100, available: CASH, held: 0 }]);
      expect(m.engine.liveOrders(C)).toEqual([]);

      const [dayEntry, dayTp, daySl] = placeLongBracket(m, { entry: { accountId: C, symbol: ACME, side: 'buy', type: 'limit', qty: 5, price: 10000, tif: 'day' } });
      const expired = m.apply({ type: 'endSession', symbol: ACME });
      expect(oneOf(expired, 'OrderExpired')).toMatchObject({ orderId: dayEntry, reason: 'EXPIRED_DAY' });
      expect(eventsOf(expired, 'OrderCancelled').map((e) => e.orderId)).toEqual([dayTp, daySl]);
      expect(m.engine.liveOrders(C)).toEqual([]);
      expect(m.balance(C, USD)).toEqual({ available: CASH, held: 0 });
    });

    it('gives both legs the reason PARENT_ENDED when the entry ends without a fill', () => {
      const m = market();
      const [entry, takeProfit, stopLoss] = placeLongBracket(m);
      expect(eventsOf(m.cancel(C, entry), 'OrderCancelled').map((e) => [e.orderId, e.reason])).toEqual([
        [entry, 'USER_CANCELLED'],
        [takeProfit, 'PARENT_ENDED'],
        [stopLoss, 'PARENT_ENDED'],
      ]);
    });

    it('cancels both legs with INSUFFICIENT_SHARES when the bought shares are gone before activation', () => {
      const m = market();
      m.apply({ type: 'openAccount', accountId: 9 });
      m.deposit(9, USD, 10_000_000);
      const events = m.apply({ type: 'placeBracket', entry: { accountId: 9, symbol: ACME, side: 'buy', type: 'limit', qty: 5, price: 10000 }, takeProfitPrice: 10300, stopLossPrice: 9700 });
      const [entry, takeProfit, stopLoss] = eventsOf(events, 'OrderAccepted').map((e) => e.orderId);
      m.place({ accountId: A, side: 'sell', type: 'limit', qty: 2, price: 10000 });
      m.limit(9, 'sell', 2, 10200); // the two shares bought are now held by another order
      const cancelled = m.cancel(9, entry!);
      expect(eventsOf(cancelled, 'OrderTriggered')).toEqual([]);
      expect(eventsOf(cancelled, 'OrderCancelled').map((e) => [e.orderId, e.reason])).toEqual([
        [entry, 'USER_CANCELLED'],
        [takeProfit, 'INSUFFICIENT_SHARES'],
        [stopLoss, 'INSUFFICIENT_SHARES'],
      ]);
    });

    it('activates the legs for the filled quantity when a partly filled entry is cancelled', () => {
      const m = market();
      const [entry, takeProfit, stopLoss] = placeLongBracket(m);
      const partial = m.place({ accountId: A, side: 'sell', type: 'limit', qty: 2, price: 10000 });
      expect(eventsOf(partial, 'OrderTriggered')).toEqual([]);
      expect(m.engine.order(takeProfit)!.state).toBe('pending_parent');
      const events = m.cancel(C, entry);
      expect(oneOf(events, 'OrderCancelled')).toMatchObject({ orderId: entry, reason: 'USER_CANCELLED', cancelledQty: 3, filledQty: 2 });
      expect(eventsOf(events, 'OrderTriggered').map((e) => [e.orderId, e.cause, e.qty])).toEqual([
        [takeProfit, 'parent', 2],
        [stopLoss, 'parent', 2],
      ]);
      expect(m.engine.order(takeProfit)).toMatchObject({ qty: 2, state: 'open' });
      expect(m.engine.order(stopLoss)).toMatchObject({ qty: 2, state: 'untriggered' });
      expect(m.book('sell')).toEqual([[takeProfit, 10300, 2]]);
      expect(m.balance(C, ACME)).toEqual({ available: SHARES, held: 2 });
      expect(m.balance(C, USD)).toEqual({ available: CASH - 20020, held: 0 });
    });

    it('activates the legs in the same command when a market entry fills at once, with a stop-limit stop-loss', () => {
      const m = market();
      m.limit(A, 'sell', 5, 10000);
      const events = m.apply({ type: 'placeBracket', entry: { accountId: C, symbol: ACME, side: 'buy', type: 'market', qty: 5 }, takeProfitPrice: 10300, stopLossPrice: 9700, stopLossLimitPrice: 9650 });
      const [entry, takeProfit, stopLoss] = eventsOf(events, 'OrderAccepted');
      expect(stopLoss).toMatchObject({ orderType: 'stop_limit', stopPrice: 9700, price: 9650, state: 'pending_parent' });
      expect(eventsOf(events, 'Fill').filter((f) => f.orderId === entry!.orderId).map((f) => f.qty)).toEqual([5]);
      expect(eventsOf(events, 'OrderTriggered').map((e) => [e.orderId, e.cause])).toEqual([
        [takeProfit!.orderId, 'parent'],
        [stopLoss!.orderId, 'parent'],
      ]);
      expect(m.book('sell')).toEqual([[takeProfit!.orderId, 10300, 5]]);
      // The stop-loss becomes a resting limit at 9650 when it triggers with nothing to sell into.
      const trigger = m.trade(B, A, 1, 9700);
      expect(oneOf(trigger, 'OrderTriggered')).toMatchObject({ orderId: stopLoss!.orderId, cause: 'stop' });
      expect(m.engine.order(stopLoss!.orderId)).toMatchObject({ state: 'open', execType: 'limit' });
      expect(m.book('sell').map((row) => row[0])).toEqual([stopLoss!.orderId, takeProfit!.orderId]);
    });

    it('rejects a bracket whose take-profit and stop-loss are on the wrong sides (INVALID_GROUP) or out of band', () => {
      const m = market();
      const entry = (side: 'buy' | 'sell'): OrderRequest => ({ accountId: C, symbol: ACME, side, type: 'limit', qty: 5, price: 10000 });
      const before = stateOf(m.engine);
      for (const [side, takeProfitPrice, stopLossPrice, reason] of [
        ['buy', 9700, 10300, 'INVALID_GROUP'],
        ['buy', 10000, 10000, 'INVALID_GROUP'],
        ['sell', 10300, 9700, 'INVALID_GROUP'],
        ['buy', 10600, 9700, 'PRICE_OUT_OF_BAND'],
        ['buy', 10300, 0, 'INVALID_PRICE'],
      ] as const) {
        const events = m.apply({ type: 'placeBracket', entry: entry(side), takeProfitPrice, stopLossPrice });
        expect(typesOf(events)).toEqual(['OrderRejected']);
        expect(events[0]).toMatchObject({ reason, accountId: C });
      }
      expect(stateOf(m.engine)).toEqual(before);
      // A short bracket the right way round is fine.
      const short = m.apply({ type: 'placeBracket', entry: entry('sell'), takeProfitPrice: 9700, stopLossPrice: 10300 });
      expect(eventsOf(short, 'OrderAccepted').map((e) => [e.side, e.orderType])).toEqual([
        ['sell', 'limit'],
        ['buy', 'limit'],
        ['buy', 'stop'],
      ]);
    });
  });
});
