// Order lifecycle scenarios: DAY and GTD expiry, cancel and cancel-all, replace, client order ids.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import { A, ACME, B, BOOKS, BTC, BTC_USD, C, CASH, eventsOf, ledgerOf, oneOf, setupMarket, SHARES, stateOf, typesOf, USD } from '../test-support.ts';

describe.each(BOOKS)('order lifecycle (%s book)', (_name, bookFactory) => {
  const market = () => setupMarket(new Engine({ bookFactory }));

  describe('expiry', () => {
    it('expires DAY orders at endSession, per symbol and then for all symbols, and leaves GTC orders', () => {
      const m = market();
      const daySell = m.limit(A, 'sell', 5, 10100, { tif: 'day' });
      const dayBuy = m.limit(B, 'buy', 3, 9900, { tif: 'day' });
      const gtc = m.limit(B, 'buy', 1, 9800);
      const dayStop = m.placeId({ accountId: C, side: 'sell', type: 'stop', qty: 2, stopPrice: 9600, tif: 'day' });
      const dayBtc = m.limit(C, 'buy', 1, 29000, { symbol: BTC_USD, tif: 'day' });

      expect([m.engine.hasDayOrders(ACME), m.engine.hasDayOrders(BTC_USD)]).toEqual([true, true]);
      const acme = m.apply({ type: 'endSession', symbol: ACME });
      expect([m.engine.hasDayOrders(ACME), m.engine.hasDayOrders(BTC_USD)]).toEqual([false, true]);
      expect(eventsOf(acme, 'OrderExpired').map((e) => [e.orderId, e.reason, e.cancelledQty, e.filledQty])).toEqual([
        [daySell, 'EXPIRED_DAY', 5, 0],
        [dayBuy, 'EXPIRED_DAY', 3, 0],
        [dayStop, 'EXPIRED_DAY', 2, 0],
      ]);
      expect(acme.at(-1)).toMatchObject({ type: 'SessionEnded', symbol: ACME });
      expect(ledgerOf(acme).map((e) => [e.accountId, e.asset, e.reason, e.refId])).toEqual([
        [A, ACME, 'release', daySell],
        [B, USD, 'release', dayBuy],
        [C, ACME, 'release', dayStop],
      ]);
      expect(m.book('sell')).toEqual([]);
      expect(m.book('buy')).toEqual([[gtc, 9800, 1]]);
      expect(m.book('buy', BTC_USD)).toEqual([[dayBtc, 29000, 1]]);
      expect(m.balance(A, ACME)).toEqual({ available: SHARES, held: 0 });
      expect(m.balance(B, USD).held).toBe(9800 + 19);

      const all = m.apply({ type: 'endSession' });
      expect(eventsOf(all, 'OrderExpired').map((e) => [e.orderId, e.symbol])).toEqual([[dayBtc, BTC_USD]]);
      expect(oneOf(all, 'SessionEnded').symbol).toBeUndefined();
      expect(m.engine.order(gtc)).toBeDefined();
      expect(m.engine.hasDayOrders(BTC_USD)).toBe(false);
      expect(m.balance(C, USD)).toEqual({ available: CASH, held: 0 });

      expect(oneOf(m.apply({ type: 'endSession', symbol: 'NOPE' }), 'RequestRejected')).toMatchObject({ command: 'endSession', reason: 'UNKNOWN_SYMBOL' });
    });

    it('expires a GTD order before the first later command whose time reaches expireAt', () => {
      const m = market();
      const t = m.now;
      const gtd = m.limit(A, 'sell', 5, 10100, { tif: 'gtd', expireAt: t + 100 });
      expect(m.engine.order(gtd)).toMatchObject({ tif: 'gtd', expireAt: t + 100 });

      const early = m.apply({ type: 'deposit', accountId: B, asset: USD, amount: 1, ts: t + 99 });
      expect(eventsOf(early, 'OrderExpired')).toEqual([]);
      expect(m.book('sell')).toEqual([[gtd, 10100, 5]]);

      // A command at expireAt itself expires the order first, then does its own work, all at its time.
      const due = m.apply({ type: 'deposit', accountId: B, asset: USD, amount: 1, ts: t + 100 });
      expect(typesOf(due)).toEqual(['OrderExpired', 'LedgerEntry', 'LedgerEntry']);
      expect(due[0]).toMatchObject({ type: 'OrderExpired', orderId: gtd, reason: 'EXPIRED_GTD', cancelledQty: 5, filledQty: 0, ts: t + 100 });
      expect(ledgerOf(due).map((e) => [e.accountId, e.reason])).toEqual([
        [A, 'release'],
        [B, 'deposit'],
      ]);
      expect(m.book('sell')).toEqual([]);
      expect(m.engine.order(gtd)).toBeUndefined();
    });

    it('expires due GTD orders on advanceTime, in expiry order, keeping the partial fill', () => {
      const m = market();
      const t = m.now;
      const later = m.limit(A, 'sell', 5, 10100, { tif: 'gtd', expireAt: t + 500 });
      const sooner = m.limit(B, 'buy', 4, 9900, { tif: 'gtd', expireAt: t + 300 });
      m.place({ accountId: C, side: 'sell', type: 'limit', qty: 1, price: 9900 });
      expect(m.engine.order(sooner)).toMatchObject({ filled: 1 });

      expect(m.apply({ type: 'advanceTime', ts: t + 299 })).toEqual([]);
      const first = m.apply({ type: 'advanceTime', ts: t + 300 });
      expect(eventsOf(first, 'OrderExpired').map((e) => [e.orderId, e.cancelledQty, e.filledQty])).toEqual([[sooner, 3, 1]]);
      expect(m.balance(B, USD).held).toBe(0);

      const both = m.apply({ type: 'advanceTime', ts: t + 10_000 });
      expect(eventsOf(both, 'OrderExpired').map((e) => [e.orderId, e.reason, e.ts])).toEqual([[later, 'EXPIRED_GTD', t + 10_000]]);
      expect(m.engine.liveOrders(A)).toEqual([]);
      expect(m.balance(A, ACME)).toEqual({ available: SHARES, held: 0 });
    });

    it('rejects a GTD order whose expiry is not in the future, and expireAt without GTD', () => {
      const m = market();
      const now = m.now + 1;
      for (const expireAt of [now - 1, now, undefined]) {
        const events = m.place({ accountId: A, side: 'sell', type: 'limit', qty: 1, price: 10000, tif: 'gtd', expireAt }, now);
        expect(typesOf(events)).toEqual(['OrderRejected']);
        expect(oneOf(events, 'OrderRejected').reason).toBe('INVALID_EXPIRY');
      }
      const dayWithExpiry = m.place({ accountId: A, side: 'sell', type: 'limit', qty: 1, price: 10000, tif: 'day', expireAt: now + 10 }, now);
      expect(oneOf(dayWithExpiry, 'OrderRejected').reason).toBe('INVALID_EXPIRY');
      const marketGtd = m.place({ accountId: A, side: 'sell', type: 'market', qty: 1, tif: 'gtd', expireAt: now + 10 }, now);
      expect(oneOf(marketGtd, 'OrderRejected').reason).toBe('INVALID_TIME_IN_FORCE');
      expect(m.engine.liveOrders(A)).toEqual([]);
    });
  });

  describe('cancel', () => {
    it('cancels by order id and by client order id, releasing what was held', () => {
      const m = market();
      const byId = m.limit(A, 'sell', 5, 10100);
      const byClient = m.limit(B, 'buy', 2, 9900, { clientOrderId: 'b-1' });
      const first = m.cancel(A, byId);
      expect(typesOf(first)).toEqual(['OrderCancelled', 'LedgerEntry']);
      expect(first[0]).toMatchObject({ orderId: byId, accountId: A, symbol: ACME, reason: 'USER_CANCELLED', cancelledQty: 5, filledQty: 0 });
      expect(ledgerOf(first)).toEqual([{ accountId: A, asset: ACME, reason: 'release', refId: byId, deltaAvailable: 5, deltaHeld: -5, available: SHARES, held: 0 }]);

      const second = m.apply({ type: 'cancelOrder', accountId: B, clientOrderId: 'b-1' });
      expect(oneOf(second, 'OrderCancelled')).toMatchObject({ orderId: byClient, reason: 'USER_CANCELLED', cancelledQty: 2 });
      expect(m.balance(B, USD)).toEqual({ available: CASH, held: 0 });
      expect(m.book('buy')).toEqual([]);
      expect(m.book('sell')).toEqual([]);

      // A finished order cannot be cancelled again.
      expect(oneOf(m.cancel(A, byId), 'RequestRejected')).toMatchObject({ command: 'cancelOrder', accountId: A, orderId: byId, reason: 'UNKNOWN_ORDER' });
      expect(oneOf(m.apply({ type: 'cancelOrder', accountId: B, clientOrderId: 'b-1' }), 'RequestRejected').reason).toBe('UNKNOWN_ORDER');
    });

    it("rejects cancelling another account's order with UNKNOWN_ORDER and changes nothing", () => {
      const m = market();
      const order = m.limit(A, 'sell', 5, 10100, { clientOrderId: 'mine' });
      const before = stateOf(m.engine);
      const byId = m.cancel(B, order);
      expect(typesOf(byId)).toEqual(['RequestRejected']);
      expect(byId[0]).toMatchObject({ command: 'cancelOrder', accountId: B, orderId: order, reason: 'UNKNOWN_ORDER' });
      const byClient = m.apply({ type: 'cancelOrder', accountId: B, clientOrderId: 'mine' });
      expect(oneOf(byClient, 'RequestRejected').reason).toBe('UNKNOWN_ORDER');
      expect(stateOf(m.engine)).toEqual(before);
      expect(m.book('sell')).toEqual([[order, 10100, 5]]);
    });

    it('cancels all for the reason the command gives, with its note after the reason message, and refuses a reason or note it cannot carry', () => {
      const m = market();
      const a1 = m.limit(A, 'sell', 5, 10100);
      const a2 = m.limit(A, 'buy', 2, 9900);
      const before = stateOf(m.engine);
      for (const bad of [{ reason: 'EXPIRED_DAY' }, { reason: 7 }, { note: '' }, { note: 'x'.repeat(501) }, { note: 42 }]) {
        expect(oneOf(m.raw({ type: 'cancelAll', ts: m.now, accountId: A, ...bad }), 'RequestRejected').reason).toBe('INVALID_REQUEST');
      }
      expect(stateOf(m.engine)).toEqual(before);
      const killed = m.apply({ type: 'cancelAll', accountId: A, reason: 'RISK_KILL_SWITCH', note: 'It was turned on by an admin.' });
      expect(eventsOf(killed, 'OrderCancelled').map((e) => [e.orderId, e.reason, e.message])).toEqual([
        [a1, 'RISK_KILL_SWITCH', 'Cancelled by the kill switch of the account. It was turned on by an admin.'],
        [a2, 'RISK_KILL_SWITCH', 'Cancelled by the kill switch of the account. It was turned on by an admin.'],
      ]);
      // Without a note the event has no message, as before.
      const a3 = m.limit(A, 'sell', 1, 10100);
      const plain = oneOf(m.apply({ type: 'cancelAll', accountId: A, reason: 'RISK_KILL_SWITCH' }), 'OrderCancelled');
      expect(plain).toMatchObject({ orderId: a3, reason: 'RISK_KILL_SWITCH' });
      expect('message' in plain).toBe(false);
    });

    it('cancels all orders of an account for one symbol, then for every symbol, leaving other accounts alone', () => {
      const m = market();
      const a1 = m.limit(A, 'sell', 5, 10100);
      const a2 = m.limit(A, 'buy', 2, 9900);
      const aStop = m.placeId({ accountId: A, side: 'sell', type: 'stop', qty: 1, stopPrice: 9700 });
      const aBtc = m.limit(A, 'sell', 3, 31000, { symbol: BTC_USD });
      const other = m.limit(B, 'sell', 5, 10200);

      const one = m.apply({ type: 'cancelAll', accountId: A, symbol: ACME });
      expect(eventsOf(one, 'OrderCancelled').map((e) => [e.orderId, e.reason])).toEqual([
        [a1, 'USER_CANCELLED'],
        [a2, 'USER_CANCELLED'],
        [aStop, 'USER_CANCELLED'],
      ]);
      expect(m.engine.liveOrders(A).map((o) => o.id)).toEqual([aBtc]);
      expect(m.balance(A, ACME)).toEqual({ available: SHARES, held: 0 });
      expect(m.balance(A, USD)).toEqual({ available: CASH, held: 0 });
      expect(m.balance(A, BTC).held).toBe(3_000_000);

      const all = m.apply({ type: 'cancelAll', accountId: A });
      expect(eventsOf(all, 'OrderCancelled').map((e) => [e.orderId, e.symbol])).toEqual([[aBtc, BTC_USD]]);
      expect(m.engine.liveOrders(A)).toEqual([]);
      expect(m.balance(A, BTC).held).toBe(0);
      expect(m.book('sell')).toEqual([[other, 10200, 5]]);

      expect(m.apply({ type: 'cancelAll', accountId: A })).toEqual([]);
      expect(oneOf(m.apply({ type: 'cancelAll', accountId: 99 }), 'RequestRejected').reason).toBe('UNKNOWN_ACCOUNT');
      expect(oneOf(m.apply({ type: 'cancelAll', accountId: A, symbol: 'NOPE' }), 'RequestRejected').reason).toBe('UNKNOWN_SYMBOL');
    });
  });

  describe('replace', () => {
    it('keeps time priority when only the quantity goes down, and releases the excess hold', () => {
      const m = market();
      const first = m.limit(A, 'sell', 10, 10000);
      const second = m.limit(C, 'sell', 5, 10000);
      const events = m.replace(A, first, { qty: 6 });
      expect(typesOf(events)).toEqual(['LedgerEntry', 'OrderReplaced']);
      expect(oneOf(events, 'OrderReplaced')).toMatchObject({ orderId: first, qty: 6, leavesQty: 6, price: 10000, priorityKept: true });
      expect(ledgerOf(events)).toEqual([{ accountId: A, asset: ACME, reason: 'release', refId: first, deltaAvailable: 4, deltaHeld: -4, available: SHARES - 6, held: 6 }]);
      expect(m.book('sell')).toEqual([
        [first, 10000, 6],
        [second, 10000, 5],
      ]);
      const taken = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 6, price: 10000 });
      expect(eventsOf(taken, 'Fill').filter((f) => f.liquidity === 'maker').map((f) => [f.orderId, f.qty])).toEqual([[first, 6]]);
      expect(m.book('sell')).toEqual([[second, 10000, 5]]);
    });

    it('moves the order to the back of its level when the price changes or the quantity goes up', () => {
      const m = market();
      const a = m.limit(A, 'sell', 10, 10010);
      const c = m.limit(C, 'sell', 5, 10000);
      const moved = m.replace(A, a, { price: 10000 });
      expect(oneOf(moved, 'OrderReplaced')).toMatchObject({ orderId: a, price: 10000, qty: 10, priorityKept: false });
      expect(m.book('sell')).toEqual([
        [c, 10000, 5],
        [a, 10000, 10],
      ]);

      const c2 = m.limit(C, 'sell', 1, 9990);
      const d = m.limit(A, 'sell', 2, 9990);
      const up = m.replace(C, c2, { qty: 3 });
      expect(oneOf(up, 'OrderReplaced')).toMatchObject({ orderId: c2, qty: 3, leavesQty: 3, priorityKept: false });
      expect(ledgerOf(up)).toEqual([{ accountId: C, asset: ACME, reason: 'hold', refId: c2, deltaAvailable: -2, deltaHeld: 2, available: SHARES - 8, held: 8 }]);
      expect(m.book('sell')).toEqual([
        [d, 9990, 2],
        [c2, 9990, 3],
        [c, 10000, 5],
        [a, 10000, 10],
      ]);
      // A buyer now meets them in that order.
      const taken = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 8, price: 10000 });
      expect(eventsOf(taken, 'Fill').filter((f) => f.liquidity === 'maker').map((f) => [f.orderId, f.qty])).toEqual([
        [d, 2],
        [c2, 3],
        [c, 3],
      ]);
    });

    it('trades at once when the new price crosses the book', () => {
      const m = market();
      const bid = m.limit(B, 'buy', 5, 9990);
      const ask = m.limit(A, 'sell', 5, 10010);
      const events = m.replace(A, ask, { price: 9990 });
      expect(typesOf(events).slice(0, 3)).toEqual(['OrderReplaced', 'Fill', 'Fill']);
      const fills = eventsOf(events, 'Fill');
      expect(fills.map((f) => [f.orderId, f.liquidity, f.price, f.qty, f.leavesQty])).toEqual([
        [ask, 'taker', 9990, 5, 0],
        [bid, 'maker', 9990, 5, 0],
      ]);
      expect(fills[0]!.fee).toBe(99); // 49950 x 20 bps, rounded down
      expect(m.book('sell')).toEqual([]);
      expect(m.book('buy')).toEqual([]);
      expect(m.engine.lastPrice(ACME)).toBe(9990);
      expect(m.balance(A, USD)).toEqual({ available: CASH + 49950 - 99, held: 0 });
    });

    it('rejects replacing market orders, trailing stops, pending bracket legs and prices an order does not have', () => {
      const m = market();
      const marketOrder = oneOf(m.place({ accountId: A, side: 'sell', type: 'market', qty: 1 }), 'OrderAccepted').orderId;
      expect(oneOf(m.replace(A, marketOrder, { qty: 2 }), 'RequestRejected')).toMatchObject({ command: 'replaceOrder', orderId: marketOrder, reason: 'UNKNOWN_ORDER' });

      const trailing = m.placeId({ accountId: A, side: 'sell', type: 'trailing_stop', qty: 2, trailAmount: 50 });
      expect(oneOf(m.replace(A, trailing, { qty: 1 }), 'RequestRejected').reason).toBe('NOT_REPLACEABLE');

      const bracket = m.apply({ type: 'placeBracket', entry: { accountId: B, symbol: ACME, side: 'buy', type: 'limit', qty: 2, price: 9900 }, takeProfitPrice: 10200, stopLossPrice: 9700 });
      const [, takeProfit] = eventsOf(bracket, 'OrderAccepted');
      expect(takeProfit!.state).toBe('pending_parent');
      expect(oneOf(m.replace(B, takeProfit!.orderId, { price: 10300 }), 'RequestRejected').reason).toBe('NOT_REPLACEABLE');

      const stop = m.placeId({ accountId: A, side: 'sell', type: 'stop', qty: 2, stopPrice: 9700 });
      expect(oneOf(m.replace(A, stop, { price: 9600 }), 'RequestRejected').reason).toBe('INVALID_PRICE');
      const limit = m.limit(A, 'sell', 2, 10100);
      expect(oneOf(m.replace(A, limit, { stopPrice: 9600 }), 'RequestRejected').reason).toBe('INVALID_STOP_PRICE');
      expect(oneOf(m.replace(A, limit, { price: 10600 }), 'RequestRejected').reason).toBe('PRICE_OUT_OF_BAND');
      expect(m.engine.order(limit)).toMatchObject({ qty: 2, price: 10100 });
    });

    it('rejects a replace the account cannot pay for with INSUFFICIENT_FUNDS and leaves the order as it was', () => {
      const m = market();
      const bid = m.limit(B, 'buy', 10, 9900);
      expect(m.balance(B, USD)).toEqual({ available: CASH - 99198, held: 99198 });
      m.withdraw(B, USD, CASH - 99198 - 100);
      const before = stateOf(m.engine);
      for (const change of [{ qty: 20 }, { price: 10000 }, { qty: 11, price: 9950 }]) {
        const events = m.replace(B, bid, change);
        expect(typesOf(events)).toEqual(['RequestRejected']);
        expect(events[0]).toMatchObject({ command: 'replaceOrder', orderId: bid, reason: 'INSUFFICIENT_FUNDS' });
        expect(stateOf(m.engine)).toEqual(before);
      }
      expect(m.engine.order(bid)).toMatchObject({ qty: 10, price: 9900, filled: 0 });
      expect(m.book('buy')).toEqual([[bid, 9900, 10]]);
      expect(m.balance(B, USD)).toEqual({ available: 100, held: 99198 });
      // Shares work the same way for sells.
      const ask = m.limit(C, 'sell', SHARES, 10100);
      expect(oneOf(m.replace(C, ask, { qty: SHARES + 1 }), 'RequestRejected').reason).toBe('INSUFFICIENT_SHARES');
    });

    it('rejects a new quantity at or below what has already filled', () => {
      const m = market();
      const ask = m.limit(A, 'sell', 10, 10000);
      m.place({ accountId: B, side: 'buy', type: 'limit', qty: 4, price: 10000 });
      for (const qty of [4, 3, 0]) {
        expect(oneOf(m.replace(A, ask, { qty }), 'RequestRejected')).toMatchObject({ orderId: ask, reason: 'INVALID_QUANTITY' });
      }
      expect(m.engine.order(ask)).toMatchObject({ qty: 10, filled: 4 });
      const ok = m.replace(A, ask, { qty: 5 });
      expect(oneOf(ok, 'OrderReplaced')).toMatchObject({ qty: 5, leavesQty: 1, priorityKept: true });
      expect(m.book('sell')).toEqual([[ask, 10000, 1]]);
      expect(m.balance(A, ACME)).toEqual({ available: SHARES - 5, held: 1 });
    });
  });

  describe('client order ids', () => {
    it('rejects a reused client order id with DUPLICATE_CLIENT_ORDER_ID naming the original, and places nothing', () => {
      const m = market();
      const original = m.limit(A, 'sell', 5, 10100, { clientOrderId: 'abc-1' });
      const before = stateOf(m.engine);
      const events = m.place({ accountId: A, side: 'buy', type: 'limit', qty: 1, price: 9900, clientOrderId: 'abc-1' });
      expect(typesOf(events)).toEqual(['OrderRejected']);
      expect(events[0]).toMatchObject({ accountId: A, clientOrderId: 'abc-1', reason: 'DUPLICATE_CLIENT_ORDER_ID', existingOrderId: original });
      expect(stateOf(m.engine)).toEqual(before);
      // The same id is free for another account.
      const other = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 1, price: 9900, clientOrderId: 'abc-1' });
      expect(oneOf(other, 'OrderAccepted').clientOrderId).toBe('abc-1');
    });

    it('keeps rejecting the id after the original order has finished', () => {
      const m = market();
      const cancelled = m.limit(A, 'sell', 5, 10100, { clientOrderId: 'c-1' });
      m.cancel(A, cancelled);
      const filled = m.limit(A, 'sell', 1, 10000, { clientOrderId: 'c-2' });
      m.place({ accountId: B, side: 'buy', type: 'limit', qty: 1, price: 10000 });
      expect(m.engine.order(filled)).toBeUndefined();
      for (const [clientOrderId, existing] of [
        ['c-1', cancelled],
        ['c-2', filled],
      ] as const) {
        const events = m.place({ accountId: A, side: 'sell', type: 'limit', qty: 1, price: 10100, clientOrderId });
        expect(typesOf(events)).toEqual(['OrderRejected']);
        expect(events[0]).toMatchObject({ reason: 'DUPLICATE_CLIENT_ORDER_ID', existingOrderId: existing });
      }
      // OCO and bracket entries use the same id space.
      const oco = m.apply({
        type: 'placeOco',
        legs: [
          { accountId: A, symbol: ACME, side: 'sell', type: 'limit', qty: 1, price: 10200, clientOrderId: 'c-9' },
          { accountId: A, symbol: ACME, side: 'sell', type: 'stop', qty: 1, stopPrice: 9800, clientOrderId: 'c-1' },
        ],
      });
      expect(typesOf(oco)).toEqual(['OrderRejected']);
      expect(oco[0]).toMatchObject({ reason: 'DUPLICATE_CLIENT_ORDER_ID', existingOrderId: cancelled });
      const bracket = m.apply({ type: 'placeBracket', entry: { accountId: A, symbol: ACME, side: 'buy', type: 'limit', qty: 1, price: 9900, clientOrderId: 'c-2' }, takeProfitPrice: 10200, stopLossPrice: 9700 });
      expect(bracket[0]).toMatchObject({ type: 'OrderRejected', reason: 'DUPLICATE_CLIENT_ORDER_ID', existingOrderId: filled });
      expect(m.engine.liveOrders(A)).toEqual([]);
    });
  });
});
