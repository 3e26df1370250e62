// Trading over REST on SQLite and PostgreSQL: money in and out, a trade between two users, idempotency, cancel and replace.
import { beforeAll, it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import { Counterparties } from '../support/market.ts';
import { newTrader } from '../support/traders.ts';
import type { TradeView } from '../support/views.ts';

describeEachBackend('trading over REST', ({ platform }) => {
  let cp: Counterparties;
  beforeAll(async () => {
    cp = await Counterparties.create(platform().url, ['S15']);
  });

  it('deposits and withdrawals move available cash, and over-withdrawing is 422 INSUFFICIENT_FUNDS', async ({ expect }) => {
    const t = await newTrader(platform().url);
    expect(await t.api.ok('POST', '/api/v1/account/deposits', { json: { asset: 'USD', amount: '1000.50', memo: 'wire 42' } })).toEqual({
      balances: [{ asset: 'USD', available: '1000.5', held: '0', total: '1000.5' }],
    });
    await t.api.post('/api/v1/account/withdrawals', { asset: 'USD', amount: 200.25 });
    expect(await t.api.balance('USD')).toMatchObject({ available: '800.25', held: '0' });
    expectErrorWith(expect, await t.api.call('POST', '/api/v1/account/withdrawals', { json: { asset: 'USD', amount: '800.26' } }), 422, 'INSUFFICIENT_FUNDS');
    // Held cash is not available: an order holding 500 leaves 300.25 to withdraw.
    await t.api.placeOrder({ symbol: 'S12', side: 'buy', type: 'limit', qty: '5', price: '99' });
    const held = await t.api.balance('USD');
    expect(held.total).toBe('800.25');
    const short = expectErrorWith(expect, await t.api.call('POST', '/api/v1/account/withdrawals', { json: { asset: 'USD', amount: '800' } }), 422, 'INSUFFICIENT_FUNDS');
    expect(short.message).toBe(`Not enough available USD to withdraw 800: ${held.available} is available; amounts held for open orders cannot be withdrawn.`);
    expect(short.details).toEqual([{ path: 'amount', message: `amount 800 is more than the ${held.available} USD available` }]);
    for (const path of ['/api/v1/account/withdrawals', '/api/v1/account/deposits']) {
      const noAsset = expectErrorWith(expect, await t.api.call('POST', path, { json: { asset: 'NOPE', amount: '1' } }), 422, 'UNKNOWN_ASSET');
      expect(noAsset.details, path).toEqual([{ path: 'asset', message: 'NOPE is not an asset here; GET /api/v1/assets lists the assets.' }]);
    }
    // One code for every bad amount, and one message per case, the same for deposits and withdrawals.
    // The example is an amount someone would send, not the minor unit.
    const notPlain = 'amount must be a plain decimal string such as "1000" (digits, no spaces, exponent or leading zeros)';
    const cases: Array<[string | number, string]> = [
      ['0', 'amount must be positive (more than 0)'],
      ['0.00', 'amount must be positive (more than 0)'],
      ['-5', 'amount must be positive (more than 0)'],
      [-5, 'amount must be positive (more than 0)'],
      ['-99999999999999999999999', 'amount must be positive (more than 0)'],
      ['1000000000000000', 'amount is too large: at most 45035996273704.96'],
      ['99999999999999999999999', 'amount is too large: at most 45035996273704.96'],
      [1e23, 'amount is too large: at most 45035996273704.96'],
      ['1.001', 'amount must be a multiple of 0.01'],
      // Past the deposit ceiling but within the exact range: its problem is the grid, for a deposit too.
      ['200000000000.001', 'amount must be a multiple of 0.01'],
      ['ten', notPlain],
      ['1e3', notPlain],
      [' 5', notPlain],
      ['05', notPlain],
      ['00.5', notPlain],
    ];
    for (const path of ['/api/v1/account/deposits', '/api/v1/account/withdrawals']) {
      for (const [amount, message] of cases) {
        // A deposit past what can be held exactly is past the account's deposit ceiling first, and
        // told so, as a smaller amount past the ceiling is: the range's bound would not be the answer.
        if (path.endsWith('deposits') && message.includes('too large')) {
          const error = expectErrorWith(expect, await t.api.call('POST', path, { json: { asset: 'USD', amount } }), 422, 'AMOUNT_TOO_LARGE');
          expect(error.message, `${path} ${amount}`).toMatch(/^Depositing \d+ USD would take this account's USD past 100000000000, the most one account may deposit up to; at most [\d.]+ more can be deposited\.$/);
          continue;
        }
        const error = expectErrorWith(expect, await t.api.call('POST', path, { json: { asset: 'USD', amount } }), 400, 'INVALID_AMOUNT');
        expect(error.message, `${path} ${amount}`).toBe(message);
      }
    }
    expect(await t.api.balance('USD')).toEqual(held);
    const ledger = await t.api.ledger({ asset: 'USD' });
    expect(ledger.items.map((e) => e.reason)).toEqual(['hold', 'withdrawal', 'deposit']);
    expect(ledger.items[2]).toMatchObject({ deltaAvailable: '1000.5', available: '1000.5', memo: 'wire 42' });
  });

  it('a trade between two users: fills, fees, balances and holdings on both sides', async ({ expect }) => {
    const buyer = await newTrader(platform().url, { USD: '10000' });
    const seller = await newTrader(platform().url, { USD: '50', S13: '25' });
    const ask = await seller.api.placeOrder({ symbol: 'S13', side: 'sell', type: 'limit', qty: '10', price: '100' });
    expect(await seller.api.balance('S13')).toMatchObject({ available: '15', held: '10' });
    const bid = await buyer.api.placeOrder({ symbol: 'S13', side: 'buy', type: 'limit', qty: '10', price: '100.5' });
    expect(bid).toMatchObject({ status: 'filled', filledQty: '10', avgFillPrice: '100' });
    expect((await seller.api.order(ask.id)).status).toBe('filled');

    // The taker pays 10 bps of 1000.00; the maker pays nothing.
    const [buyFill] = (await buyer.api.fills({ symbol: 'S13' })).items;
    const [sellFill] = (await seller.api.fills({ symbol: 'S13' })).items;
    expect(buyFill).toMatchObject({ orderId: bid.id, side: 'buy', liquidity: 'taker', price: '100', qty: '10', fee: '1', feeAsset: 'USD' });
    expect(sellFill).toMatchObject({ orderId: ask.id, side: 'sell', liquidity: 'maker', price: '100', qty: '10', fee: '0' });
    expect(buyFill!.tradeId).toBe(sellFill!.tradeId);

    expect(await buyer.api.balance('USD')).toMatchObject({ available: '8999', held: '0' });
    expect(await buyer.api.balance('S13')).toMatchObject({ available: '10', held: '0' });
    expect(await seller.api.balance('USD')).toMatchObject({ available: '1050', held: '0' });
    expect(await seller.api.balance('S13')).toMatchObject({ available: '15', held: '0' });
    expect(await buyer.api.holdings()).toEqual([{ symbol: 'S13', asset: 'S13', qty: '10', available: '10', held: '0', lastPrice: '100', marketValue: '1000', quote: 'USD' }]);
    expect((await seller.api.holdings())[0]).toMatchObject({ symbol: 'S13', qty: '15', marketValue: '1500' });

    const trades = await buyer.api.get<{ trades: TradeView[] }>('/api/v1/markets/S13/trades');
    expect(trades.trades).toEqual([expect.objectContaining({ tradeId: buyFill!.tradeId, price: '100', qty: '10', takerSide: 'buy' })]);
  });

  it('the same order with its client order id again answers 200 with the original order and places nothing', async ({ expect }) => {
    const t = await newTrader(platform().url, { USD: '10000' });
    const body = { symbol: 'S14', side: 'buy', type: 'limit', qty: '2', price: '98', clientOrderId: 'idem-1' } as const;
    const first = await t.api.placeOrderReply(body);
    expect(first.status).toBe(201);
    const again = await t.api.placeOrderReply(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ order: (first.body as { order: unknown }).order, replayed: true });
    // Other terms under the same id are refused, and place nothing either.
    expectErrorWith(expect, await t.api.placeOrderReply({ ...body, qty: '7', price: '97' }), 409, 'DUPLICATE_CLIENT_ORDER_ID');
    expect((await t.api.orders({ symbol: 'S14' })).items).toHaveLength(1);
    expect(await t.api.balance('USD')).toMatchObject({ held: '196.19' });
  });

  it('a retried OCO or bracket answers 200 with the whole original group', async ({ expect }) => {
    const t = await newTrader(platform().url, { USD: '10000', S14: '10' });
    const legs = [
      { symbol: 'S14', side: 'sell', type: 'limit', qty: '1', price: '105', clientOrderId: 'oco-leg-1' },
      { symbol: 'S14', side: 'sell', type: 'stop', qty: '1', stopPrice: '95', clientOrderId: 'oco-leg-2' },
    ];
    const bracket = { entry: { symbol: 'S14', side: 'buy', type: 'limit', qty: '1', price: '96', clientOrderId: 'bracket-1' }, takeProfitPrice: '104', stopLossPrice: '94' };
    for (const [path, body, size] of [['/api/v1/orders/oco', { legs }, 2], ['/api/v1/orders/bracket', bracket, 3]] as const) {
      const first = await t.api.call<{ orders: unknown[]; replayed: boolean }>('POST', path, { json: body });
      expect(first.status).toBe(201);
      expect(first.body.orders).toHaveLength(size);
      const retry = await t.api.call('POST', path, { json: body });
      expect({ status: retry.status, body: retry.body }).toEqual({ status: 200, body: { orders: first.body.orders, replayed: true } });
    }
    expect((await t.api.orders({ symbol: 'S14' })).items).toHaveLength(5);
  });

  it('cancel ends a live order and releases its hold; a second cancel is 404', async ({ expect }) => {
    const t = await newTrader(platform().url, { USD: '10000' });
    const order = await t.api.placeOrder({ symbol: 'S14', side: 'buy', type: 'limit', qty: '3', price: '97' });
    expect((await t.api.balance('USD')).held).not.toBe('0');
    expect(await t.api.cancel(order.id)).toMatchObject({ id: order.id, status: 'cancelled', reason: 'USER_CANCELLED', leavesQty: '0' });
    expect(await t.api.balance('USD')).toMatchObject({ available: '10000', held: '0' });
    expectErrorWith(expect, await t.api.call('DELETE', `/api/v1/orders/${order.id}`), 404, 'UNKNOWN_ORDER');
    expectErrorWith(expect, await t.api.call('DELETE', '/api/v1/orders/987654321'), 404, 'UNKNOWN_ORDER');
  });

  it('cancel-all cancels every live order of one symbol, then of all', async ({ expect }) => {
    const t = await newTrader(platform().url, { USD: '10000' });
    const a1 = await t.api.placeOrder({ symbol: 'S16', side: 'buy', type: 'limit', qty: '1', price: '95' });
    const a2 = await t.api.placeOrder({ symbol: 'S16', side: 'buy', type: 'stop', qty: '1', stopPrice: '105' });
    const b1 = await t.api.placeOrder({ symbol: 'S17', side: 'buy', type: 'limit', qty: '1', price: '95' });
    expect((await t.api.cancelAll('S16')).sort((x, y) => x - y)).toEqual([a1.id, a2.id]);
    expect((await t.api.order(b1.id)).status).toBe('open');
    expect((await t.api.orders({ status: 'open' })).items.map((o) => o.id)).toEqual([b1.id]);
    expect(await t.api.cancelAll()).toEqual([b1.id]);
    expect((await t.api.orders({ status: 'open' })).items).toEqual([]);
  });

  it('replace: a smaller qty keeps time priority, a new price loses it (seen in the book and the fills)', async ({ expect }) => {
    const first = await newTrader(platform().url, { S15: '10' });
    const second = await newTrader(platform().url, { S15: '10' });
    const early = await first.api.placeOrder({ symbol: 'S15', side: 'sell', type: 'limit', qty: '5', price: '101' });
    const late = await second.api.placeOrder({ symbol: 'S15', side: 'sell', type: 'limit', qty: '5', price: '101' });
    expect((await first.api.book('S15')).asks).toEqual([['101', '10']]);

    expect(await first.api.replace(early.id, { qty: '3' })).toMatchObject({ id: early.id, qty: '3', leavesQty: '3', price: '101' });
    expect((await first.api.book('S15')).asks).toEqual([['101', '8']]);
    await cp.buyer.api.placeOrder({ symbol: 'S15', side: 'buy', type: 'limit', qty: '1', price: '101', tif: 'ioc' });
    expect((await first.api.order(early.id)).filledQty).toBe('1');
    expect((await second.api.order(late.id)).filledQty).toBe('0');

    // Away and back: the same level again, but now behind the other order.
    expect(await first.api.replace(early.id, { price: '102' })).toMatchObject({ price: '102', leavesQty: '2' });
    expect((await first.api.book('S15')).asks).toEqual([['101', '5'], ['102', '2']]);
    await first.api.replace(early.id, { price: '101' });
    expect((await first.api.book('S15')).asks).toEqual([['101', '7']]);
    await cp.buyer.api.placeOrder({ symbol: 'S15', side: 'buy', type: 'limit', qty: '1', price: '101', tif: 'ioc' });
    expect((await first.api.order(early.id)).filledQty).toBe('1');
    expect((await second.api.order(late.id)).filledQty).toBe('1');

    expectErrorWith(expect, await first.api.call('PATCH', `/api/v1/orders/${early.id}`, { json: {} }), 400, 'INVALID_REQUEST');
    await first.api.cancel(early.id);
    expectErrorWith(expect, await first.api.call('PATCH', `/api/v1/orders/${early.id}`, { json: { qty: '1' } }), 404, 'UNKNOWN_ORDER');
  });
});
