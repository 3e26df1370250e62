// Matching scenarios: resting and crossing, fees and clearing, price-time priority, market orders,
// the price band, IOC / FOK, post-only and self-trade prevention. Each runs on both order books.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import { A, ACME, B, BOOKS, C, CASH, D, eventsOf, ledgerOf, oneOf, setupMarket, SHARES, typesOf, USD } from '../test-support.ts';

describe.each(BOOKS)('matching (%s book)', (_name, bookFactory) => {
  const market = () => setupMarket(new Engine({ bookFactory }));

  describe('limit orders', () => {
    it('rests a limit order, then trades it with a crossing order, settling cash, shares and fees', () => {
      const m = market();
      const placed = m.place({ accountId: A, side: 'sell', type: 'limit', qty: 10, price: 10000 });
      expect(typesOf(placed)).toEqual(['OrderAccepted', 'LedgerEntry']);
      const ask = oneOf(placed, 'OrderAccepted');
      expect(ask).toMatchObject({ accountId: A, symbol: ACME, side: 'sell', orderType: 'limit', tif: 'gtc', qty: 10, price: 10000, postOnly: false, stp: 'cancel_newest', state: 'open' });
      expect(ledgerOf(placed)).toEqual([{ accountId: A, asset: ACME, reason: 'hold', refId: ask.orderId, deltaAvailable: -10, deltaHeld: 10, available: 990, held: 10 }]);
      expect(m.book('sell')).toEqual([[ask.orderId, 10000, 10]]);
      expect(m.book('buy')).toEqual([]);

      const taken = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 4, price: 10000 });
      const bid = oneOf(taken, 'OrderAccepted').orderId;
      expect(typesOf(taken)).toEqual(['OrderAccepted', 'LedgerEntry', 'Fill', 'Fill', ...Array<'LedgerEntry'>(7).fill('LedgerEntry')]);
      const [takerFill, makerFill] = eventsOf(taken, 'Fill');
      expect(takerFill).toMatchObject({ tradeId: 1, orderId: bid, accountId: B, side: 'buy', liquidity: 'taker', price: 10000, qty: 4, fee: 80, counterOrderId: ask.orderId, leavesQty: 0, filledQty: 4 });
      expect(makerFill).toMatchObject({ tradeId: 1, orderId: ask.orderId, accountId: A, side: 'sell', liquidity: 'maker', price: 10000, qty: 4, fee: 40, counterOrderId: bid, leavesQty: 6, filledQty: 4 });
      expect(m.book('sell')).toEqual([[ask.orderId, 10000, 6]]);
      expect(m.engine.order(bid)).toBeUndefined();
      expect(m.engine.lastPrice(ACME)).toBe(10000);

      expect(m.balance(A, USD)).toEqual({ available: CASH + 40000 - 40, held: 0 });
      expect(m.balance(A, ACME)).toEqual({ available: 990, held: 6 });
      expect(m.balance(B, USD)).toEqual({ available: CASH - 40080, held: 0 });
      expect(m.balance(B, ACME)).toEqual({ available: SHARES + 4, held: 0 });
      expect(m.balance(0, USD)).toEqual({ available: 120, held: 0 });
    });

    it('writes one ledger entry per balance change, with reason, reference and the balance after', () => {
      const m = market();
      const ask = m.limit(A, 'sell', 10, 10000);
      const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 4, price: 10000 });
      const bid = oneOf(events, 'OrderAccepted').orderId;
      const trade = eventsOf(events, 'Fill')[0]!.tradeId;
      expect(ledgerOf(events)).toEqual([
        { accountId: B, asset: USD, reason: 'hold', refId: bid, deltaAvailable: -40080, deltaHeld: 40080, available: CASH - 40080, held: 40080 },
        { accountId: B, asset: USD, reason: 'trade', refId: trade, deltaAvailable: 0, deltaHeld: -40000, available: CASH - 40080, held: 80 },
        { accountId: B, asset: USD, reason: 'fee', refId: trade, deltaAvailable: 0, deltaHeld: -80, available: CASH - 40080, held: 0 },
        { accountId: B, asset: ACME, reason: 'trade', refId: trade, deltaAvailable: 4, deltaHeld: 0, available: SHARES + 4, held: 0 },
        { accountId: A, asset: ACME, reason: 'trade', refId: trade, deltaAvailable: 0, deltaHeld: -4, available: 990, held: 6 },
        { accountId: A, asset: USD, reason: 'trade', refId: trade, deltaAvailable: 40000, deltaHeld: 0, available: CASH + 40000, held: 0 },
        { accountId: A, asset: USD, reason: 'fee', refId: trade, deltaAvailable: -40, deltaHeld: 0, available: CASH + 39960, held: 0 },
        { accountId: 0, asset: USD, reason: 'fee', refId: trade, deltaAvailable: 120, deltaHeld: 0, available: 120, held: 0 },
      ]);
      // Cancelling the rest releases the shares still held, referencing the order.
      const cancelled = m.cancel(A, ask);
      expect(oneOf(cancelled, 'OrderCancelled')).toMatchObject({ orderId: ask, reason: 'USER_CANCELLED', cancelledQty: 6, filledQty: 4 });
      expect(ledgerOf(cancelled)).toEqual([{ accountId: A, asset: ACME, reason: 'release', refId: ask, deltaAvailable: 6, deltaHeld: -6, available: SHARES - 4, held: 0 }]);
      // Deposits and withdrawals carry reference 0 and the memo.
      const deposit = m.apply({ type: 'deposit', accountId: C, asset: USD, amount: 500, memo: 'wire 42' });
      expect(oneOf(deposit, 'LedgerEntry')).toMatchObject({ accountId: C, asset: USD, reason: 'deposit', refId: 0, deltaAvailable: 500, deltaHeld: 0, available: CASH + 500, held: 0, memo: 'wire 42' });
      const withdrawal = m.withdraw(C, USD, 700);
      expect(oneOf(withdrawal, 'LedgerEntry')).toMatchObject({ accountId: C, asset: USD, reason: 'withdrawal', refId: 0, deltaAvailable: -700, deltaHeld: 0, available: CASH - 200, held: 0 });
    });

    it('fills partially, rests the rest of the taker and reports leaves and filled quantities', () => {
      const m = market();
      const ask = m.limit(A, 'sell', 10, 10000);
      const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 15, price: 10000 });
      const bid = oneOf(events, 'OrderAccepted').orderId;
      expect(eventsOf(events, 'Fill').map((f) => [f.orderId, f.qty, f.leavesQty, f.filledQty])).toEqual([
        [bid, 10, 5, 10],
        [ask, 10, 0, 10],
      ]);
      expect(m.book('sell')).toEqual([]);
      expect(m.book('buy')).toEqual([[bid, 10000, 5]]);
      expect(m.engine.order(bid)).toMatchObject({ qty: 15, filled: 10, state: 'open' });
      // B reserved 150000 + 300 (the larger fee); it spent 100000 + 200 and holds exactly the rest.
      expect(m.balance(B, USD)).toEqual({ available: CASH - 150300, held: 50100 });
      expect(m.balance(B, ACME)).toEqual({ available: SHARES + 10, held: 0 });

      // The resting bid now trades as maker with a second seller.
      const second = m.place({ accountId: C, side: 'sell', type: 'limit', qty: 5, price: 9990 });
      expect(eventsOf(second, 'Fill').map((f) => [f.accountId, f.liquidity, f.price, f.qty, f.fee, f.leavesQty])).toEqual([
        [C, 'taker', 10000, 5, 100, 0],
        [B, 'maker', 10000, 5, 50, 0],
      ]);
      expect(m.balance(B, USD)).toEqual({ available: CASH - 150300 + 50, held: 0 });
      expect(m.balance(C, USD)).toEqual({ available: CASH + 50000 - 100, held: 0 });
    });

    it('rounds maker and taker fees down and pays both into fee account 0', () => {
      const m = market();
      m.limit(A, 'sell', 3, 9999);
      const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 3, price: 9999 });
      // 3 x 9999 = 29997 cents: taker 20 bps = 59.994 -> 59, maker 10 bps = 29.997 -> 29.
      expect(eventsOf(events, 'Fill').map((f) => [f.liquidity, f.fee])).toEqual([
        ['taker', 59],
        ['maker', 29],
      ]);
      expect(m.balance(0, USD)).toEqual({ available: 88, held: 0 });
      expect(m.balance(A, USD)).toEqual({ available: CASH + 29997 - 29, held: 0 });
      expect(m.balance(B, USD)).toEqual({ available: CASH - 29997 - 59, held: 0 });
      // A fee below one cent rounds to nothing and moves no money.
      m.limit(A, 'sell', 1, 9999);
      const tiny = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 1, price: 9999 });
      expect(eventsOf(tiny, 'Fill').map((f) => f.fee)).toEqual([19, 9]);
      expect(m.balance(0, USD)).toEqual({ available: 88 + 28, held: 0 });
      const totals = m.engine.totals().get(USD)!;
      expect(totals.balances).toBe(totals.supply);
    });

    it('trades at the resting price and releases the hold the better price left over', () => {
      const m = market();
      m.limit(A, 'sell', 10, 10000);
      const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 10, price: 10100 });
      const bid = oneOf(events, 'OrderAccepted').orderId;
      expect(eventsOf(events, 'Fill').map((f) => f.price)).toEqual([10000, 10000]);
      // Held 101000 + 202 at the limit; spent 100000 + 200 at the better price; 1002 comes back.
      expect(ledgerOf(events)[0]).toMatchObject({ reason: 'hold', deltaHeld: 101202 });
      expect(ledgerOf(events).at(-1)).toEqual({ accountId: B, asset: USD, reason: 'release', refId: bid, deltaAvailable: 1002, deltaHeld: -1002, available: CASH - 100200, held: 0 });
      expect(m.balance(B, USD)).toEqual({ available: CASH - 100200, held: 0 });
    });
  });

  describe('price-time priority', () => {
    it('fills the better price first, whatever the arrival order', () => {
      const m = market();
      const worse = m.limit(A, 'sell', 5, 10010);
      const better = m.limit(C, 'sell', 5, 10000);
      const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 5, price: 10010 });
      expect(eventsOf(events, 'Fill').filter((f) => f.liquidity === 'maker').map((f) => [f.orderId, f.price])).toEqual([[better, 10000]]);
      expect(m.book('sell')).toEqual([[worse, 10010, 5]]);

      const bidLow = m.limit(A, 'buy', 5, 9980);
      const bidHigh = m.limit(C, 'buy', 5, 9990);
      const sold = m.place({ accountId: B, side: 'sell', type: 'limit', qty: 5, price: 9980 });
      expect(eventsOf(sold, 'Fill').filter((f) => f.liquidity === 'maker').map((f) => [f.orderId, f.price])).toEqual([[bidHigh, 9990]]);
      expect(m.book('buy')).toEqual([[bidLow, 9980, 5]]);
    });

    it('fills orders at one price level first in, first out', () => {
      const m = market();
      const first = m.limit(A, 'sell', 5, 10000);
      const second = m.limit(C, 'sell', 5, 10000);
      const third = m.limit(D, 'sell', 5, 10000);
      expect(m.book('sell').map((row) => row[0])).toEqual([first, second, third]);
      const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 7, price: 10000 });
      expect(eventsOf(events, 'Fill').filter((f) => f.liquidity === 'maker').map((f) => [f.orderId, f.qty])).toEqual([
        [first, 5],
        [second, 2],
      ]);
      expect(m.book('sell')).toEqual([
        [second, 10000, 3],
        [third, 10000, 5],
      ]);
    });

    it('sweeps several levels in price-time order with one taker', () => {
      const m = market();
      const a20 = m.limit(A, 'sell', 3, 10020);
      const c00 = m.limit(C, 'sell', 2, 10000);
      const d10 = m.limit(D, 'sell', 4, 10010);
      const a00 = m.limit(A, 'sell', 5, 10000);
      const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 12, price: 10020 });
      const taker = oneOf(events, 'OrderAccepted').orderId;
      const fills = eventsOf(events, 'Fill');
      expect(fills.filter((f) => f.liquidity === 'maker').map((f) => [f.orderId, f.price, f.qty])).toEqual([
        [c00, 10000, 2],
        [a00, 10000, 5],
        [d10, 10010, 4],
        [a20, 10020, 1],
      ]);
      expect(fills.filter((f) => f.liquidity === 'taker').map((f) => [f.orderId, f.leavesQty])).toEqual([
        [taker, 10],
        [taker, 5],
        [taker, 1],
        [taker, 0],
      ]);
      expect(new Set(fills.map((f) => f.tradeId)).size).toBe(4);
      expect(m.book('sell')).toEqual([[a20, 10020, 2]]);
      expect(m.engine.lastPrice(ACME)).toBe(10020);
      // Spent 2*10000 + 5*10000 + 4*10010 + 1*10020 = 120060 and fees of 40 + 100 + 80 + 20 (rounded per trade).
      expect(m.balance(B, USD)).toEqual({ available: CASH - 120060 - 240, held: 0 });
      expect(m.balance(B, ACME)).toEqual({ available: SHARES + 12, held: 0 });
    });
  });

  describe('market orders', () => {
    it('fills inside the price band and cancels the rest with NO_LIQUIDITY', () => {
      const m = market();
      m.limit(A, 'sell', 5, 9600);
      const inBand = m.limit(A, 'sell', 3, 9700);
      const outside = m.limit(A, 'sell', 4, 10500);
      m.place({ accountId: B, side: 'buy', type: 'limit', qty: 5, price: 9600 });
      expect(m.engine.lastPrice(ACME)).toBe(9600); // the band is now 9120..10080

      const events = m.place({ accountId: C, side: 'buy', type: 'market', qty: 10 });
      const order = oneOf(events, 'OrderAccepted');
      expect(order).toMatchObject({ orderType: 'market', tif: 'ioc', qty: 10 });
      expect(order.price).toBeUndefined();
      expect(eventsOf(events, 'Fill').filter((f) => f.liquidity === 'maker').map((f) => [f.orderId, f.price, f.qty])).toEqual([[inBand, 9700, 3]]);
      expect(oneOf(events, 'OrderCancelled')).toMatchObject({ orderId: order.orderId, reason: 'NO_LIQUIDITY', cancelledQty: 7, filledQty: 3 });
      // Reserved at the band edge: 10 x 10080 + 201 fee; spent 29100 + 58; the rest is released.
      const ledger = ledgerOf(events);
      expect(ledger[0]).toMatchObject({ accountId: C, reason: 'hold', deltaHeld: 101001 });
      expect(ledger.at(-1)).toMatchObject({ accountId: C, reason: 'release', refId: order.orderId, deltaAvailable: 101001 - 29158 });
      expect(m.balance(C, USD)).toEqual({ available: CASH - 29158, held: 0 });
      expect(m.book('sell')).toEqual([[outside, 10500, 4]]);
      expect(m.engine.order(order.orderId)).toBeUndefined();
    });

    it('cancels a market order on an empty book with NO_LIQUIDITY and gives back its whole hold', () => {
      const m = market();
      const buy = m.place({ accountId: C, side: 'buy', type: 'market', qty: 10 });
      expect(typesOf(buy)).toEqual(['OrderAccepted', 'LedgerEntry', 'OrderCancelled', 'LedgerEntry']);
      expect(oneOf(buy, 'OrderCancelled')).toMatchObject({ reason: 'NO_LIQUIDITY', cancelledQty: 10, filledQty: 0 });
      // Band edge 10500: 105000 + 210.
      expect(ledgerOf(buy).map((e) => [e.reason, e.deltaAvailable])).toEqual([
        ['hold', -105210],
        ['release', 105210],
      ]);
      const sell = m.place({ accountId: C, side: 'sell', type: 'market', qty: 10 });
      expect(oneOf(sell, 'OrderCancelled')).toMatchObject({ reason: 'NO_LIQUIDITY', cancelledQty: 10, filledQty: 0 });
      expect(m.balance(C, USD)).toEqual({ available: CASH, held: 0 });
      expect(m.balance(C, ACME)).toEqual({ available: SHARES, held: 0 });
      expect(m.engine.liveOrders(C)).toEqual([]);
      expect(m.engine.lastPrice(ACME)).toBe(10000);
    });

    it('sells at market down to the lower band edge', () => {
      const m = market();
      const high = m.limit(A, 'buy', 2, 9990);
      const edge = m.limit(A, 'buy', 2, 9500);
      const events = m.place({ accountId: C, side: 'sell', type: 'market', qty: 5 });
      expect(eventsOf(events, 'Fill').filter((f) => f.liquidity === 'maker').map((f) => [f.orderId, f.price])).toEqual([
        [high, 9990],
        [edge, 9500],
      ]);
      expect(oneOf(events, 'OrderCancelled')).toMatchObject({ reason: 'NO_LIQUIDITY', cancelledQty: 1, filledQty: 4 });
    });
  });

  describe('price band', () => {
    it('rejects limit prices outside reference +/- bandBps with PRICE_OUT_OF_BAND and accepts the edges', () => {
      const m = market();
      for (const [side, price] of [
        ['buy', 10501],
        ['sell', 9499],
        ['buy', 9499],
        ['sell', 10501],
      ] as const) {
        const events = m.place({ accountId: B, side, type: 'limit', qty: 1, price });
        expect(typesOf(events)).toEqual(['OrderRejected']);
        expect(oneOf(events, 'OrderRejected')).toMatchObject({ accountId: B, symbol: ACME, reason: 'PRICE_OUT_OF_BAND' });
      }
      expect(m.engine.liveOrders(B)).toEqual([]);
      expect(m.balance(B, USD)).toEqual({ available: CASH, held: 0 });
      m.limit(B, 'buy', 1, 9500);
      m.limit(B, 'sell', 1, 10500);
      expect(m.engine.liveOrders(B)).toHaveLength(2);
    });

    it('moves the band with the last trade price', () => {
      const m = market();
      m.trade(A, B, 1, 10400);
      expect(m.engine.lastPrice(ACME)).toBe(10400); // band 9880..10920
      expect(m.limit(C, 'buy', 1, 10920)).toBeGreaterThan(0);
      expect(oneOf(m.place({ accountId: C, side: 'buy', type: 'limit', qty: 1, price: 10921 }), 'OrderRejected').reason).toBe('PRICE_OUT_OF_BAND');
      expect(oneOf(m.place({ accountId: C, side: 'sell', type: 'limit', qty: 1, price: 9879 }), 'OrderRejected').reason).toBe('PRICE_OUT_OF_BAND');
      // 9600 was inside the first band but is outside this one.
      expect(oneOf(m.place({ accountId: D, side: 'buy', type: 'limit', qty: 1, price: 9600 }), 'OrderRejected').reason).toBe('PRICE_OUT_OF_BAND');
    });
  });

  describe('immediate-or-cancel and fill-or-kill', () => {
    it('cancels the unfilled rest of an IOC order with IOC_UNFILLED and rests nothing', () => {
      const m = market();
      m.limit(A, 'sell', 3, 10000);
      const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 5, price: 10000, tif: 'ioc' });
      const id = oneOf(events, 'OrderAccepted').orderId;
      expect(eventsOf(events, 'Fill').map((f) => f.qty)).toEqual([3, 3]);
      expect(oneOf(events, 'OrderCancelled')).toMatchObject({ orderId: id, reason: 'IOC_UNFILLED', cancelledQty: 2, filledQty: 3 });
      expect(m.book('buy')).toEqual([]);
      expect(m.book('sell')).toEqual([]);
      expect(m.balance(B, USD)).toEqual({ available: CASH - 30060, held: 0 });
      // With nothing to trade against, an IOC order is cancelled whole.
      const none = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 5, price: 10000, tif: 'ioc' });
      expect(oneOf(none, 'OrderCancelled')).toMatchObject({ reason: 'IOC_UNFILLED', cancelledQty: 5, filledQty: 0 });
    });

    it('fills a FOK order that the book can fill completely, across levels', () => {
      const m = market();
      m.limit(A, 'sell', 3, 10000);
      m.limit(C, 'sell', 2, 10010);
      const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 5, price: 10010, tif: 'fok' });
      expect(eventsOf(events, 'Fill').filter((f) => f.liquidity === 'taker').map((f) => [f.price, f.qty, f.leavesQty])).toEqual([
        [10000, 3, 2],
        [10010, 2, 0],
      ]);
      expect(eventsOf(events, 'OrderCancelled')).toEqual([]);
      expect(m.book('sell')).toEqual([]);
    });

    it('kills a FOK order that cannot fill completely with FOK_UNFILLABLE: no fills, book and balances untouched', () => {
      const m = market();
      const a = m.limit(A, 'sell', 3, 10000);
      const c = m.limit(C, 'sell', 2, 10010);
      const bookBefore = m.book('sell');
      for (const [qty, price] of [
        [6, 10010], // not enough quantity at all
        [5, 10000], // enough quantity, but not at this price
      ] as const) {
        const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty, price, tif: 'fok' });
        const id = oneOf(events, 'OrderAccepted').orderId;
        expect(typesOf(events)).toEqual(['OrderAccepted', 'LedgerEntry', 'OrderCancelled', 'LedgerEntry']);
        expect(oneOf(events, 'OrderCancelled')).toMatchObject({ orderId: id, reason: 'FOK_UNFILLABLE', cancelledQty: qty, filledQty: 0 });
        expect(m.book('sell')).toEqual(bookBefore);
        expect(m.balance(B, USD)).toEqual({ available: CASH, held: 0 });
      }
      expect(m.engine.order(a)).toMatchObject({ filled: 0 });
      expect(m.engine.order(c)).toMatchObject({ filled: 0 });
      expect(m.engine.lastPrice(ACME)).toBe(10000);
      // A market FOK is limited by the band edge in the same way.
      const market5 = m.place({ accountId: B, side: 'buy', type: 'market', qty: 6, tif: 'fok' });
      expect(oneOf(market5, 'OrderCancelled').reason).toBe('FOK_UNFILLABLE');
      expect(eventsOf(market5, 'Fill')).toEqual([]);
    });
  });

  describe('post-only', () => {
    it('rejects a post-only order that would trade with POST_ONLY_WOULD_TAKE and rests one that would not', () => {
      const m = market();
      const ask = m.limit(A, 'sell', 5, 10000);
      for (const price of [10000, 10100]) {
        const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 5, price, postOnly: true });
        expect(typesOf(events)).toEqual(['OrderRejected']);
        expect(oneOf(events, 'OrderRejected')).toMatchObject({ reason: 'POST_ONLY_WOULD_TAKE', accountId: B });
      }
      expect(m.balance(B, USD)).toEqual({ available: CASH, held: 0 });
      const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 5, price: 9990, postOnly: true });
      const bid = oneOf(events, 'OrderAccepted');
      expect(bid).toMatchObject({ postOnly: true, state: 'open' });
      expect(m.book('buy')).toEqual([[bid.orderId, 9990, 5]]);
      expect(m.book('sell')).toEqual([[ask, 10000, 5]]);
      // Post-only sells likewise.
      expect(oneOf(m.place({ accountId: C, side: 'sell', type: 'limit', qty: 1, price: 9990, postOnly: true }), 'OrderRejected').reason).toBe('POST_ONLY_WOULD_TAKE');
      m.limit(C, 'sell', 1, 9995, { postOnly: true });
      expect(m.book('sell').map((row) => row[1])).toEqual([9995, 10000]);
      // Replacing a post-only order to a price that would trade is refused the same way.
      expect(oneOf(m.replace(B, bid.orderId, { price: 9995 }), 'RequestRejected').reason).toBe('POST_ONLY_WOULD_TAKE');
      expect(m.book('buy')).toEqual([[bid.orderId, 9990, 5]]);
    });

    it('rejects post-only together with IOC or FOK, and on anything but a limit order', () => {
      const m = market();
      for (const order of [
        { tif: 'ioc', type: 'limit', price: 9990 },
        { tif: 'fok', type: 'limit', price: 9990 },
        { type: 'market' },
      ] as const) {
        const events = m.place({ accountId: B, side: 'buy', qty: 1, postOnly: true, ...order });
        expect(typesOf(events)).toEqual(['OrderRejected']);
        expect(oneOf(events, 'OrderRejected').reason).toBe('INVALID_TIME_IN_FORCE');
      }
    });
  });

  describe('self-trade prevention', () => {
    it('cancel_newest (the default) trades with others first, then cancels the rest of the incoming order', () => {
      const m = market();
      const other = m.limit(B, 'sell', 2, 9990);
      const own = m.limit(A, 'sell', 5, 10000);
      const events = m.place({ accountId: A, side: 'buy', type: 'limit', qty: 5, price: 10000 });
      const incoming = oneOf(events, 'OrderAccepted');
      expect(incoming.stp).toBe('cancel_newest');
      expect(eventsOf(events, 'Fill').filter((f) => f.liquidity === 'maker').map((f) => f.orderId)).toEqual([other]);
      expect(oneOf(events, 'OrderCancelled')).toMatchObject({ orderId: incoming.orderId, reason: 'SELF_TRADE_PREVENTED', cancelledQty: 3, filledQty: 2 });
      expect(m.book('sell')).toEqual([[own, 10000, 5]]);
      expect(m.book('buy')).toEqual([]);
      expect(m.balance(A, USD).held).toBe(0);
    });

    it('cancel_oldest cancels the resting order of the same account and goes on matching', () => {
      const m = market();
      const own = m.limit(A, 'sell', 5, 10000);
      const other = m.limit(C, 'sell', 5, 10000);
      const events = m.place({ accountId: A, side: 'buy', type: 'limit', qty: 5, price: 10000, stp: 'cancel_oldest' });
      const incoming = oneOf(events, 'OrderAccepted').orderId;
      expect(oneOf(events, 'OrderCancelled')).toMatchObject({ orderId: own, reason: 'SELF_TRADE_PREVENTED', cancelledQty: 5, filledQty: 0 });
      expect(eventsOf(events, 'Fill').map((f) => [f.orderId, f.qty])).toEqual([
        [incoming, 5],
        [other, 5],
      ]);
      expect(m.book('sell')).toEqual([]);
      expect(m.balance(A, ACME)).toEqual({ available: SHARES + 5, held: 0 });
    });

    it('cancel_both cancels the resting order and the incoming one', () => {
      const m = market();
      const own = m.limit(A, 'sell', 5, 10000);
      const other = m.limit(C, 'sell', 5, 10000);
      const events = m.place({ accountId: A, side: 'buy', type: 'limit', qty: 5, price: 10000, stp: 'cancel_both' });
      const incoming = oneOf(events, 'OrderAccepted').orderId;
      expect(eventsOf(events, 'OrderCancelled').map((e) => [e.orderId, e.reason, e.cancelledQty])).toEqual([
        [own, 'SELF_TRADE_PREVENTED', 5],
        [incoming, 'SELF_TRADE_PREVENTED', 5],
      ]);
      expect(eventsOf(events, 'Fill')).toEqual([]);
      expect(m.book('sell')).toEqual([[other, 10000, 5]]);
      expect(m.balance(A, USD)).toEqual({ available: CASH, held: 0 });
      expect(m.balance(A, ACME)).toEqual({ available: SHARES, held: 0 });
    });
  });
});
