// Risk and input scenarios: buying power, deposits and withdrawals, per-account limits, malformed
// commands of every kind, and instrument definitions.
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../core/events.ts';
import { Engine } from '../engine.ts';
import { A, ACME, acmeSpec, B, BOOKS, BTC, BTC_USD, C, CASH, eventsOf, ledgerOf, type MarketHarness, oneOf, setupMarket, stateOf, typesOf, USD } from '../test-support.ts';

const MAX_AMOUNT = 2 ** 52;

/** Asserts the command was refused with exactly one rejection event and changed nothing else. */
function expectRefused(m: MarketHarness, command: unknown, type: 'OrderRejected' | 'RequestRejected', reason: string): EngineEvent[] {
  const before = stateOf(m.engine);
  const events = m.raw(command);
  expect(typesOf(events), JSON.stringify(command)).toEqual([type]);
  expect(events[0], JSON.stringify(command)).toMatchObject({ reason });
  expect(stateOf(m.engine), JSON.stringify(command)).toEqual(before);
  return events;
}

describe.each(BOOKS)('risk and input (%s book)', (_name, bookFactory) => {
  const market = (opts: Parameters<typeof setupMarket>[1] = {}) => setupMarket(new Engine({ bookFactory }), opts);

  describe('buying power', () => {
    it('rejects a buy the cash cannot cover, including the larger fee, with INSUFFICIENT_FUNDS', () => {
      const m = market({ deposits: { [USD]: 10_000 } });
      // 1 x 10000 + 20 (taker 20 bps) = 10020 > 10000.
      const rejected = m.place({ accountId: A, side: 'buy', type: 'limit', qty: 1, price: 10000 });
      expect(typesOf(rejected)).toEqual(['OrderRejected']);
      expect(rejected[0]).toMatchObject({ reason: 'INSUFFICIENT_FUNDS', accountId: A, symbol: ACME });
      // 9980 + 19 = 9999 fits.
      const accepted = m.place({ accountId: A, side: 'buy', type: 'limit', qty: 1, price: 9980 });
      expect(ledgerOf(accepted)).toEqual([{ accountId: A, asset: USD, reason: 'hold', refId: oneOf(accepted, 'OrderAccepted').orderId, deltaAvailable: -9999, deltaHeld: 9999, available: 1, held: 9999 }]);
      // A market buy reserves at the band edge (10500 + 21) and is refused as well.
      expect(oneOf(m.place({ accountId: B, side: 'buy', type: 'market', qty: 1 }), 'OrderRejected').reason).toBe('INSUFFICIENT_FUNDS');
      // The rejected order did not consume an order id.
      const next = m.placeId({ accountId: B, side: 'buy', type: 'limit', qty: 1, price: 9000 + 500 });
      expect(next).toBe(oneOf(accepted, 'OrderAccepted').orderId + 1);
    });

    it('rejects selling more shares than are available with INSUFFICIENT_SHARES: no short selling', () => {
      const m = market({ deposits: { [ACME]: 5 }, accounts: [1, 2, 3] });
      expect(oneOf(m.place({ accountId: A, side: 'sell', type: 'limit', qty: 6, price: 10000 }), 'OrderRejected').reason).toBe('INSUFFICIENT_SHARES');
      const resting = m.limit(A, 'sell', 5, 10000);
      // All five are held by the resting order, so even one more cannot be sold.
      expect(oneOf(m.place({ accountId: A, side: 'sell', type: 'limit', qty: 1, price: 10000 }), 'OrderRejected').reason).toBe('INSUFFICIENT_SHARES');
      expect(oneOf(m.place({ accountId: A, side: 'sell', type: 'market', qty: 1 }), 'OrderRejected').reason).toBe('INSUFFICIENT_SHARES');
      expect(oneOf(m.place({ accountId: A, side: 'sell', type: 'stop', qty: 1, stopPrice: 9000 + 500 }), 'OrderRejected').reason).toBe('INSUFFICIENT_SHARES');
      expect(m.engine.liveOrders(A).map((o) => o.id)).toEqual([resting]);
      // An account that never held any sells nothing.
      const fresh = m.apply({ type: 'openAccount', accountId: 9 });
      expect(oneOf(fresh, 'AccountOpened').accountId).toBe(9);
      expect(oneOf(m.place({ accountId: 9, side: 'sell', type: 'limit', qty: 1, price: 10000 }), 'OrderRejected').reason).toBe('INSUFFICIENT_SHARES');
      expect(m.balance(A, ACME)).toEqual({ available: 0, held: 5 });
    });

    it('rejects a withdrawal above the available amount (held funds are not available)', () => {
      const m = market();
      m.limit(A, 'buy', 10, 10000); // holds 100200
      expect(m.balance(A, USD)).toEqual({ available: CASH - 100200, held: 100200 });
      const events = m.withdraw(A, USD, CASH - 100200 + 1);
      expect(typesOf(events)).toEqual(['RequestRejected']);
      expect(events[0]).toMatchObject({ command: 'withdraw', accountId: A, reason: 'INSUFFICIENT_FUNDS' });
      expect(m.balance(A, USD)).toEqual({ available: CASH - 100200, held: 100200 });
      const ok = m.withdraw(A, USD, CASH - 100200);
      expect(ledgerOf(ok)).toEqual([{ accountId: A, asset: USD, reason: 'withdrawal', refId: 0, deltaAvailable: -(CASH - 100200), deltaHeld: 0, available: 0, held: 100200 }]);
      expect(m.engine.totals().get(USD)).toEqual({ supply: 4 * CASH - (CASH - 100200), balances: 4 * CASH - (CASH - 100200) });
      expect(oneOf(m.withdraw(A, USD, 1), 'RequestRejected').reason).toBe('INSUFFICIENT_FUNDS');
    });

    it('rejects deposits to unknown accounts and assets, of zero, fractional or negative amounts, and past the 2^52 supply cap', () => {
      const m = market();
      const deposit = (accountId: unknown, asset: unknown, amount: unknown) => ({ type: 'deposit', ts: m.now + 1, accountId, asset, amount });
      expectRefused(m, deposit(99, USD, 100), 'RequestRejected', 'UNKNOWN_ACCOUNT');
      expectRefused(m, deposit(0, USD, 100), 'RequestRejected', 'UNKNOWN_ACCOUNT');
      expectRefused(m, deposit(A, 'EUR', 100), 'RequestRejected', 'UNKNOWN_ASSET');
      for (const amount of [0, 1.5, -5, Number.NaN, Infinity, '100', null, MAX_AMOUNT + 1]) {
        expectRefused(m, deposit(A, USD, amount), 'RequestRejected', 'INVALID_AMOUNT');
      }
      expect(oneOf(m.raw(deposit(A, USD, 0)), 'RequestRejected')).toMatchObject({ command: 'deposit', accountId: A });

      const supply = 4 * CASH;
      const fill = m.deposit(B, USD, MAX_AMOUNT - supply);
      expect(oneOf(fill, 'LedgerEntry')).toMatchObject({ reason: 'deposit', available: CASH + MAX_AMOUNT - supply });
      expect(m.engine.totals().get(USD)!.supply).toBe(MAX_AMOUNT);
      expectRefused(m, deposit(C, USD, 1), 'RequestRejected', 'AMOUNT_TOO_LARGE');
      // Other assets have their own cap.
      expect(oneOf(m.deposit(C, BTC, 1), 'LedgerEntry').reason).toBe('deposit');
      // Withdrawing makes room again.
      m.withdraw(B, USD, 10);
      expect(oneOf(m.deposit(C, USD, 10), 'LedgerEntry').reason).toBe('deposit');
    });
    it('leaves the state untouched when refusing a withdrawal or sale of an asset the account never held', () => {
      const m = market({ deposits: { [BTC]: 0, [ACME]: 0 } });
      expectRefused(m, { type: 'withdraw', ts: m.now + 1, accountId: A, asset: BTC, amount: 5 }, 'RequestRejected', 'INSUFFICIENT_FUNDS');
      expectRefused(m, { type: 'placeOrder', ts: m.now + 1, order: { accountId: B, symbol: ACME, side: 'sell', type: 'limit', qty: 1, price: 10000 } }, 'OrderRejected', 'INSUFFICIENT_SHARES');
    });
  });

  describe('risk limits', () => {
    it('enforces maxOrderQty', () => {
      const m = market();
      const set = m.apply({ type: 'setRiskLimits', accountId: A, symbol: ACME, maxOrderQty: 10 });
      expect(oneOf(set, 'RiskLimitsSet')).toMatchObject({ accountId: A, symbol: ACME, maxOrderQty: 10 });
      expectRefused(m, { type: 'placeOrder', ts: m.now + 1, order: { accountId: A, symbol: ACME, side: 'buy', type: 'limit', qty: 11, price: 10000 } }, 'OrderRejected', 'QUANTITY_ABOVE_MAX');
      expectRefused(m, { type: 'placeOrder', ts: m.now + 1, order: { accountId: A, symbol: ACME, side: 'sell', type: 'market', qty: 11 } }, 'OrderRejected', 'QUANTITY_ABOVE_MAX');
      const ok = m.limit(A, 'buy', 10, 10000);
      // Replacing up past the limit is refused too.
      expect(oneOf(m.replace(A, ok, { qty: 11 }), 'RequestRejected').reason).toBe('QUANTITY_ABOVE_MAX');
      // Limits are per account and per symbol.
      m.limit(B, 'buy', 11, 10000);
      m.limit(A, 'buy', 11, 29000, { symbol: BTC_USD });
      // Setting limits again without the field removes it.
      m.apply({ type: 'setRiskLimits', accountId: A, symbol: ACME });
      m.limit(A, 'buy', 11, 9000 + 500);
    });

    it('enforces maxOrderNotional, for market orders at the band edge', () => {
      const m = market();
      m.apply({ type: 'setRiskLimits', accountId: A, symbol: ACME, maxOrderNotional: 100_000 });
      const order = (qty: number, price?: number) => ({
        type: 'placeOrder',
        ts: m.now + 1,
        order: price === undefined ? { accountId: A, symbol: ACME, side: 'buy', type: 'market', qty } : { accountId: A, symbol: ACME, side: 'buy', type: 'limit', qty, price },
      });
      expectRefused(m, order(10, 10001), 'OrderRejected', 'NOTIONAL_ABOVE_MAX');
      expectRefused(m, order(10), 'OrderRejected', 'NOTIONAL_ABOVE_MAX'); // 10 x 10500
      m.limit(A, 'buy', 10, 10000);
      m.place({ accountId: A, side: 'buy', type: 'market', qty: 9 }); // 9 x 10500 = 94500
    });

    it('applies maxOrderNotional to a replaced stop order, priced at the band edge around its stop', () => {
      const m = market();
      m.apply({ type: 'setRiskLimits', accountId: A, symbol: ACME, maxOrderNotional: 1_100_000 });
      const stop = m.placeId({ accountId: A, side: 'buy', type: 'stop', qty: 100, stopPrice: 10200 }); // 100 x 10710
      expectRefused(m, { type: 'replaceOrder', ts: m.now + 1, accountId: A, orderId: stop, qty: 1000 }, 'RequestRejected', 'NOTIONAL_ABOVE_MAX');
      expectRefused(m, { type: 'replaceOrder', ts: m.now + 1, accountId: A, orderId: stop, stopPrice: 10500 }, 'RequestRejected', 'NOTIONAL_ABOVE_MAX');
    });

    it('counts the buy legs of an OCO group once towards maxPosition, since only one can fill', () => {
      const m = market({ deposits: { [ACME]: 0 } });
      m.apply({ type: 'setRiskLimits', accountId: A, symbol: ACME, maxPosition: 15 });
      const oco = m.apply({
        type: 'placeOco',
        legs: [
          { accountId: A, symbol: ACME, side: 'buy', type: 'limit', qty: 10, price: 9600 },
          { accountId: A, symbol: ACME, side: 'buy', type: 'stop', qty: 10, stopPrice: 10300 },
        ],
      });
      expect(eventsOf(oco, 'OrderAccepted')).toHaveLength(2);
      expect(eventsOf(m.place({ accountId: A, side: 'buy', type: 'limit', qty: 5, price: 9600 }), 'OrderAccepted')).toHaveLength(1);
      expect(oneOf(m.place({ accountId: A, side: 'buy', type: 'limit', qty: 1, price: 9600 }), 'OrderRejected').reason).toBe('POSITION_LIMIT');
    });

    it('enforces maxPosition over holdings plus open buys plus the new order', () => {
      const m = market({ deposits: { [ACME]: 5 } });
      m.apply({ type: 'setRiskLimits', accountId: A, symbol: ACME, maxPosition: 20 });
      const open = m.limit(A, 'buy', 10, 9900); // position 5 + 10
      expectRefused(m, { type: 'placeOrder', ts: m.now + 1, order: { accountId: A, symbol: ACME, side: 'buy', type: 'limit', qty: 6, price: 9900 } }, 'OrderRejected', 'POSITION_LIMIT');
      // Untriggered stop buys count as open buys too.
      const stop = m.placeId({ accountId: A, side: 'buy', type: 'stop', qty: 5, stopPrice: 10200 });
      expectRefused(m, { type: 'placeOrder', ts: m.now + 1, order: { accountId: A, symbol: ACME, side: 'buy', type: 'limit', qty: 1, price: 9900 } }, 'OrderRejected', 'POSITION_LIMIT');
      // Sells are not limited by it.
      m.limit(A, 'sell', 5, 10100);
      // Freeing open buys frees room.
      m.cancel(A, stop);
      m.cancel(A, open);
      m.limit(A, 'buy', 15, 9900);
      // Once bought, shares count as holdings.
      m.deposit(B, ACME, 100);
      m.place({ accountId: B, side: 'sell', type: 'limit', qty: 15, price: 9900 });
      expect(m.balance(A, ACME)).toEqual({ available: 15, held: 5 });
      expectRefused(m, { type: 'placeOrder', ts: m.now + 1, order: { accountId: A, symbol: ACME, side: 'buy', type: 'limit', qty: 1, price: 9900 } }, 'OrderRejected', 'POSITION_LIMIT');
    });

    it('refuses a replace that raises an open buy past maxPosition', () => {
      const m = market({ deposits: { [ACME]: 0 } });
      m.apply({ type: 'setRiskLimits', accountId: A, symbol: ACME, maxPosition: 10 });
      const bid = m.limit(A, 'buy', 10, 9900);
      expect(oneOf(m.place({ accountId: A, side: 'buy', type: 'limit', qty: 1, price: 9900 }), 'OrderRejected').reason).toBe('POSITION_LIMIT');
      const events = m.replace(A, bid, { qty: 50 });
      expect(oneOf(events, 'RequestRejected').reason).toBe('POSITION_LIMIT');
      expect(m.engine.order(bid)!.qty).toBe(10);
    });
  });

  describe('malformed input', () => {
    const order = (fields: Record<string, unknown>) => ({ accountId: A, symbol: ACME, side: 'buy', type: 'limit', qty: 1, price: 10000, ...fields });

    it('rejects malformed orders with a reason code and never throws', () => {
      const m = market({ acme: { maxQty: '1000000000000' } });
      m.limit(B, 'sell', 5, 10100);
      const cases: Array<[unknown, string]> = [
        [null, 'INVALID_REQUEST'],
        [undefined, 'INVALID_REQUEST'],
        ['buy 10 ACME', 'INVALID_REQUEST'],
        [order({ accountId: '1' }), 'UNKNOWN_ACCOUNT'],
        [order({ accountId: 99 }), 'UNKNOWN_ACCOUNT'],
        [order({ accountId: null }), 'UNKNOWN_ACCOUNT'],
        [order({ symbol: 'NOPE' }), 'UNKNOWN_SYMBOL'],
        [order({ symbol: { code: ACME } }), 'UNKNOWN_SYMBOL'],
        [order({ side: 'long' }), 'INVALID_REQUEST'],
        [order({ side: null }), 'INVALID_REQUEST'],
        [order({ type: 'iceberg' }), 'INVALID_REQUEST'],
        [order({ stp: 'ignore' }), 'INVALID_REQUEST'],
        [order({ qty: '10' }), 'INVALID_QUANTITY'],
        [order({ qty: Number.NaN }), 'INVALID_QUANTITY'],
        [order({ qty: -5 }), 'INVALID_QUANTITY'],
        [order({ qty: 0 }), 'INVALID_QUANTITY'],
        [order({ qty: 1.5 }), 'INVALID_QUANTITY'],
        [order({ qty: Infinity }), 'INVALID_QUANTITY'],
        [order({ qty: null }), 'INVALID_QUANTITY'],
        [order({ qty: 2 ** 40 + 1 }), 'INVALID_QUANTITY'],
        [order({ qty: 2 ** 40 }), 'QUANTITY_ABOVE_MAX'],
        [order({ price: '100.00' }), 'INVALID_PRICE'],
        [order({ price: Number.NaN }), 'INVALID_PRICE'],
        [order({ price: -1 }), 'INVALID_PRICE'],
        [order({ price: 0 }), 'INVALID_PRICE'],
        [order({ price: null }), 'INVALID_PRICE'],
        [order({ price: 99.5 }), 'INVALID_PRICE'],
        [order({ price: 2 ** 40 + 1 }), 'INVALID_PRICE'],
        [order({ price: 2 ** 40 }), 'PRICE_OUT_OF_BAND'],
        [order({ type: 'market' }), 'INVALID_PRICE'],
        [order({ type: 'stop' }), 'INVALID_PRICE'],
        [order({ type: 'stop', price: undefined }), 'INVALID_STOP_PRICE'],
        [order({ type: 'stop', price: undefined, stopPrice: 'high' }), 'INVALID_STOP_PRICE'],
        [order({ stopPrice: 9000 }), 'INVALID_STOP_PRICE'],
        [order({ type: 'trailing_stop', price: undefined }), 'INVALID_TRAIL'],
        [order({ type: 'trailing_stop', price: undefined, trailAmount: 10, trailBps: 10 }), 'INVALID_TRAIL'],
        [order({ type: 'trailing_stop', price: undefined, trailBps: 10_000 }), 'INVALID_TRAIL'],
        [order({ type: 'trailing_stop', price: undefined, trailAmount: -3 }), 'INVALID_TRAIL'],
        [order({ trailAmount: 10 }), 'INVALID_TRAIL'],
        [order({ tif: 'forever' }), 'INVALID_TIME_IN_FORCE'],
        [order({ clientOrderId: '' }), 'INVALID_CLIENT_ORDER_ID'],
        [order({ clientOrderId: 'x'.repeat(65) }), 'INVALID_CLIENT_ORDER_ID'],
        [order({ clientOrderId: 'has space' }), 'INVALID_CLIENT_ORDER_ID'],
        [order({ clientOrderId: 42 }), 'INVALID_CLIENT_ORDER_ID'],
        [order({ tif: 'gtd' }), 'INVALID_EXPIRY'],
        [order({ tif: 'gtd', expireAt: Number.NaN }), 'INVALID_EXPIRY'],
        [order({ tif: 'gtd', expireAt: '2030-01-01' }), 'INVALID_EXPIRY'],
        [order({ expireAt: m.now + 1000 }), 'INVALID_EXPIRY'],
        [order({ qty: 1_000_000_000_000 }), 'NOTIONAL_ABOVE_MAX'],
        [order({ type: 'market', price: undefined, qty: 1_000_000_000_000 }), 'NOTIONAL_ABOVE_MAX'],
        [order({ type: 'stop', price: undefined, stopPrice: 10000, qty: 1_000_000_000_000 }), 'NOTIONAL_ABOVE_MAX'],
        [order({ side: 'sell', qty: 1_000_000_000_000 }), 'NOTIONAL_ABOVE_MAX'],
      ];
      for (const [request, reason] of cases) {
        expectRefused(m, { type: 'placeOrder', ts: m.now + 1, order: request }, 'OrderRejected', reason);
      }
      // The rejection echoes what it can of the request.
      const echoed = m.raw({ type: 'placeOrder', ts: m.now + 1, order: order({ clientOrderId: 'ok-1', qty: -1 }) });
      expect(echoed[0]).toMatchObject({ type: 'OrderRejected', accountId: A, symbol: ACME, clientOrderId: 'ok-1', reason: 'INVALID_QUANTITY' });
      const anonymous = m.raw({ type: 'placeOrder', ts: m.now + 1, order: { accountId: 'x', symbol: 7, clientOrderId: 7 } });
      expect(anonymous[0]).toMatchObject({ type: 'OrderRejected', accountId: 0, symbol: '', reason: 'UNKNOWN_ACCOUNT' });
      expect(anonymous[0]).not.toHaveProperty('clientOrderId', 7);
      // Nothing was placed on top of the one resting order.
      expect(m.engine.liveOrders(A)).toEqual([]);
      expect(m.book('buy')).toEqual([]);
    });

    it('rejects malformed commands of every other kind with RequestRejected and never throws', () => {
      const m = market();
      const resting = m.limit(A, 'sell', 5, 10100);
      const ts = () => m.now + 1;
      const cases: Array<[unknown, string]> = [
        [{ type: 'bogus', ts: ts() }, 'INVALID_REQUEST'],
        [{ ts: ts() }, 'INVALID_REQUEST'],
        [null, 'INVALID_REQUEST'],
        [undefined, 'INVALID_REQUEST'],
        [42, 'INVALID_REQUEST'],
        [{ type: 'addAsset', ts: ts(), asset: null }, 'INVALID_REQUEST'],
        [{ type: 'addAsset', ts: ts(), asset: { code: 'eur', scale: 2 } }, 'INVALID_REQUEST'],
        [{ type: 'addAsset', ts: ts(), asset: { code: 'EUR', scale: 19 } }, 'INVALID_REQUEST'],
        [{ type: 'addAsset', ts: ts(), asset: { code: 'EUR', scale: -1 } }, 'INVALID_REQUEST'],
        [{ type: 'addAsset', ts: ts(), asset: { code: 'EUR', scale: 1.5 } }, 'INVALID_REQUEST'],
        [{ type: 'addAsset', ts: ts(), asset: { code: 'EUR', scale: '2' } }, 'INVALID_REQUEST'],
        [{ type: 'addAsset', ts: ts(), asset: { code: USD, scale: 2 } }, 'ALREADY_EXISTS'],
        [{ type: 'addInstrument', ts: ts(), instrument: null }, 'INVALID_INSTRUMENT'],
        [{ type: 'openAccount', ts: ts(), accountId: 0 }, 'INVALID_REQUEST'],
        [{ type: 'openAccount', ts: ts(), accountId: -1 }, 'INVALID_REQUEST'],
        [{ type: 'openAccount', ts: ts(), accountId: 1.5 }, 'INVALID_REQUEST'],
        [{ type: 'openAccount', ts: ts(), accountId: '7' }, 'INVALID_REQUEST'],
        [{ type: 'openAccount', ts: ts(), accountId: 2 ** 31 }, 'INVALID_REQUEST'],
        [{ type: 'openAccount', ts: ts(), accountId: A }, 'ALREADY_EXISTS'],
        [{ type: 'withdraw', ts: ts(), accountId: A, asset: USD, amount: Infinity }, 'INVALID_AMOUNT'],
        [{ type: 'withdraw', ts: ts(), accountId: A, asset: USD, amount: -1 }, 'INVALID_AMOUNT'],
        [{ type: 'withdraw', ts: ts(), accountId: A, asset: null, amount: 1 }, 'UNKNOWN_ASSET'],
        [{ type: 'withdraw', ts: ts(), accountId: 0, asset: USD, amount: 1 }, 'UNKNOWN_ACCOUNT'],
        [{ type: 'setRiskLimits', ts: ts(), accountId: A, symbol: ACME, maxOrderQty: -1 }, 'INVALID_REQUEST'],
        [{ type: 'setRiskLimits', ts: ts(), accountId: A, symbol: ACME, maxPosition: '10' }, 'INVALID_REQUEST'],
        [{ type: 'setRiskLimits', ts: ts(), accountId: A, symbol: ACME, maxOrderNotional: null }, 'INVALID_REQUEST'],
        [{ type: 'setRiskLimits', ts: ts(), accountId: A, symbol: 'NOPE', maxOrderQty: 1 }, 'UNKNOWN_SYMBOL'],
        [{ type: 'setRiskLimits', ts: ts(), accountId: 99, symbol: ACME, maxOrderQty: 1 }, 'UNKNOWN_ACCOUNT'],
        [{ type: 'cancelOrder', ts: ts(), accountId: 'x', orderId: {} }, 'UNKNOWN_ORDER'],
        [{ type: 'cancelOrder', ts: ts(), accountId: A }, 'UNKNOWN_ORDER'],
        [{ type: 'cancelOrder', ts: ts(), accountId: A, orderId: String(resting) }, 'UNKNOWN_ORDER'],
        [{ type: 'cancelOrder', ts: ts(), accountId: A, clientOrderId: 5 }, 'UNKNOWN_ORDER'],
        [{ type: 'cancelAll', ts: ts(), accountId: null }, 'UNKNOWN_ACCOUNT'],
        [{ type: 'cancelAll', ts: ts(), accountId: A, symbol: 5 }, 'UNKNOWN_SYMBOL'],
        [{ type: 'replaceOrder', ts: ts(), accountId: A, orderId: Number.NaN, qty: 2 }, 'UNKNOWN_ORDER'],
        [{ type: 'replaceOrder', ts: ts(), accountId: A, orderId: resting, qty: 'abc' }, 'INVALID_QUANTITY'],
        [{ type: 'replaceOrder', ts: ts(), accountId: A, orderId: resting, qty: 2 ** 41 }, 'INVALID_QUANTITY'],
        [{ type: 'replaceOrder', ts: ts(), accountId: A, orderId: resting, qty: 2.5 }, 'INVALID_QUANTITY'],
        [{ type: 'replaceOrder', ts: ts(), accountId: A, orderId: resting, price: -1 }, 'INVALID_PRICE'],
        [{ type: 'replaceOrder', ts: ts(), accountId: A, orderId: resting, price: null }, 'INVALID_PRICE'],
        [{ type: 'replaceOrder', ts: ts(), accountId: A, orderId: resting, price: 2 ** 40 + 1 }, 'INVALID_PRICE'],
        [{ type: 'replaceOrder', ts: ts(), accountId: A, orderId: resting, qty: 1_000_000_000_001 }, 'QUANTITY_ABOVE_MAX'],
        [{ type: 'endSession', ts: ts(), symbol: 42 }, 'UNKNOWN_SYMBOL'],
        [{ type: 'placeOco', ts: ts(), legs: [] }, 'INVALID_REQUEST'],
        [{ type: 'placeOco', ts: ts(), legs: [order({}), null] }, 'INVALID_REQUEST'],
        [{ type: 'placeBracket', ts: ts(), entry: null, takeProfitPrice: 10200, stopLossPrice: 9800 }, 'INVALID_REQUEST'],
        [{ type: 'placeBracket', ts: ts(), entry: order({ price: 9900 }), takeProfitPrice: '10200', stopLossPrice: 9800 }, 'INVALID_PRICE'],
        [{ type: 'placeBracket', ts: ts(), entry: order({ price: 9900 }), takeProfitPrice: 10200, stopLossPrice: Number.NaN }, 'INVALID_PRICE'],
        [{ type: 'placeBracket', ts: ts(), entry: order({ price: 9900 }), takeProfitPrice: 10200, stopLossPrice: 9800, stopLossLimitPrice: 0 }, 'INVALID_PRICE'],
      ];
      for (const [command, reason] of cases) {
        const type = typeof command === 'object' && command !== null && ['placeOco', 'placeBracket'].includes((command as { type: string }).type) ? 'OrderRejected' : 'RequestRejected';
        expectRefused(m, command, type, reason);
      }
      expect(m.book('sell')).toEqual([[resting, 10100, 5]]);
    });

    it('ignores a missing, non-numeric or earlier command time instead of moving time back', () => {
      const m = market();
      const time = m.engine.time;
      for (const ts of [undefined, Number.NaN, 'soon', -1, time - 1000, Infinity]) {
        const events = m.raw({ type: 'deposit', ts, accountId: A, asset: USD, amount: 1 });
        expect(events[0]).toMatchObject({ type: 'LedgerEntry', ts: time });
        expect(m.engine.time).toBe(time);
      }
    });

    it('rejects placeOco without a legs array instead of throwing', () => {
      const m = market();
      for (const legs of [null, undefined, 5, {}]) {
        const events = m.raw({ type: 'placeOco', ts: m.now + 1, legs });
        expect(oneOf(events, 'OrderRejected').reason).toBe('INVALID_REQUEST');
      }
    });

    it('rejects an instrument whose tick or lot size is a number instead of throwing', () => {
      const m = market();
      for (const instrument of [acmeSpec({ symbol: 'NUM1', tickSize: 0.01 as unknown as string }), acmeSpec({ symbol: 'NUM2', lotSize: 1 as unknown as string })]) {
        const events = m.raw({ type: 'addInstrument', ts: m.now + 1, instrument });
        expect(oneOf(events, 'RequestRejected').reason).toBe('INVALID_INSTRUMENT');
      }
    });

    it('refuses orders from the fee account 0', () => {
      const m = market();
      m.limit(A, 'sell', 400, 10000);
      m.place({ accountId: B, side: 'buy', type: 'limit', qty: 400, price: 10000 });
      expect(m.balance(0, USD)).toEqual({ available: 12_000, held: 0 }); // 8000 + 4000 in fees
      const events = m.place({ accountId: 0, side: 'buy', type: 'limit', qty: 1, price: 9990 });
      expect(oneOf(events, 'OrderRejected').reason).toBe('UNKNOWN_ACCOUNT');
    });
  });

  describe('instruments', () => {
    it('rejects an instrument whose tick x lot or lot is finer than the assets allow with INVALID_INSTRUMENT', () => {
      const m = market();
      const bad = [
        acmeSpec({ symbol: 'BAD1', tickSize: '0.001' }), // 0.001 USD per tick-lot: finer than cents
        acmeSpec({ symbol: 'BAD2', lotSize: '0.5', minQty: '0.5', maxQty: '100' }), // half a share
        { ...acmeSpec({ symbol: 'BAD3' }), base: BTC, lotSize: '0.000000001', minQty: '0.000000001', maxQty: '1' }, // finer than a satoshi
        acmeSpec({ symbol: 'BAD4', minQty: '1.5' }), // not whole lots
        acmeSpec({ symbol: 'BAD5', minQty: '10', maxQty: '5' }),
        acmeSpec({ symbol: 'BAD6', referencePrice: '100.005' }), // not whole ticks
        acmeSpec({ symbol: 'BAD7', makerFeeBps: 10_001 }),
        acmeSpec({ symbol: 'BAD8', takerFeeBps: 1.5 }),
        acmeSpec({ symbol: 'BAD9', bandBps: 0 }),
        acmeSpec({ symbol: 'BAD10', quote: 'EUR' }), // unknown asset
        acmeSpec({ symbol: 'BAD11', quote: ACME }), // base = quote
        acmeSpec({ symbol: 'bad12' }),
        acmeSpec({ symbol: 'BAD13', tickSize: '-0.01' }),
        acmeSpec({ symbol: 'BAD14', maxQty: '2000000000000' }), // more than 2^40 lots
      ];
      for (const instrument of bad) {
        const events = m.apply({ type: 'addInstrument', instrument });
        expect(typesOf(events), instrument.symbol).toEqual(['RequestRejected']);
        expect(events[0], instrument.symbol).toMatchObject({ command: 'addInstrument', reason: 'INVALID_INSTRUMENT' });
        expect(m.engine.instrument(instrument.symbol)).toBeUndefined();
      }
      // A finer tick is fine when the lot makes up for it: 0.001 USD x 10 shares = 1 cent.
      const fine = m.apply({ type: 'addInstrument', instrument: acmeSpec({ symbol: 'FINE', tickSize: '0.001', lotSize: '10', minQty: '10', maxQty: '1000', referencePrice: '100' }) });
      expect(oneOf(fine, 'InstrumentAdded').instrument.symbol).toBe('FINE');
      expect(m.engine.instrument('FINE')).toMatchObject({ notionalPerTickLot: 1, baseUnitsPerLot: 10, referencePrice: 100_000, minQty: 1, maxQty: 100 });
      expect(m.engine.instrument(BTC_USD)).toMatchObject({ notionalPerTickLot: 1, baseUnitsPerLot: 1_000_000 });
    });

    it('rejects a second instrument with the same symbol', () => {
      const m = market();
      const events = m.apply({ type: 'addInstrument', instrument: acmeSpec({ referencePrice: '50.00' }) });
      expect(typesOf(events)).toEqual(['RequestRejected']);
      expect(events[0]).toMatchObject({ command: 'addInstrument', reason: 'ALREADY_EXISTS' });
      expect(m.engine.instrument(ACME)!.referencePrice).toBe(10000);
    });

    it('trades fractional-lot BTC with exact satoshi and cent amounts', () => {
      const m = market();
      m.limit(A, 'sell', 150, 30000, { symbol: BTC_USD }); // 1.5 BTC at 30000 USD
      const events = m.place({ accountId: B, symbol: BTC_USD, side: 'buy', type: 'limit', qty: 150, price: 30000 });
      // 150 lots x 30000 ticks x 1 cent = 4,500,000 cents = $45,000; taker 10 bps = 4500 cents; maker 0.
      expect(eventsOf(events, 'Fill').map((f) => [f.liquidity, f.fee])).toEqual([
        ['taker', 4500],
        ['maker', 0],
      ]);
      expect(m.balance(B, BTC)).toEqual({ available: 1_000_000_000 + 150_000_000, held: 0 });
      expect(m.balance(A, BTC)).toEqual({ available: 1_000_000_000 - 150_000_000, held: 0 });
      expect(m.balance(A, USD)).toEqual({ available: CASH + 4_500_000, held: 0 });
      expect(m.balance(B, USD)).toEqual({ available: CASH - 4_504_500, held: 0 });
      expect(m.balance(0, USD)).toEqual({ available: 4500, held: 0 });
    });
  });
});
