// Every order type over REST on SQLite and PostgreSQL: limit, market, stops, trailing stops, IOC, FOK, GTD, post-only, OCO, bracket.
import { beforeAll, it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import { Counterparties, waitForOrder } from '../support/market.ts';
import { newTrader, type Trader } from '../support/traders.ts';

describeEachBackend('order types', ({ platform }) => {
  let cp: Counterparties;
  let t: Trader;
  const SYMBOLS = ['S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'S08', 'S09', 'S10', 'S11'];

  beforeAll(async () => {
    cp = await Counterparties.create(platform().url, SYMBOLS);
    t = await newTrader(platform().url, { USD: '100000', ...Object.fromEntries(SYMBOLS.map((s) => [s, '100'])) });
  });

  it('limit rests in the book; market takes it at the resting price', async ({ expect }) => {
    const bid = await t.api.placeOrder({ symbol: 'S01', side: 'buy', type: 'limit', qty: '5', price: '99' });
    expect(bid).toMatchObject({ type: 'limit', tif: 'gtc', status: 'open', leavesQty: '5', price: '99' });
    expect((await t.api.book('S01')).bids).toEqual([['99', '5']]);
    const sold = await cp.seller.api.placeOrder({ symbol: 'S01', side: 'sell', type: 'market', qty: '2' });
    expect(sold).toMatchObject({ type: 'market', status: 'filled', filledQty: '2', avgFillPrice: '99' });
    expect(await t.api.order(bid.id)).toMatchObject({ status: 'partially_filled', filledQty: '2', leavesQty: '3' });
    await cp.quote('S01', 'sell', '101');
    expect(await t.api.placeOrder({ symbol: 'S01', side: 'buy', type: 'market', qty: '1' })).toMatchObject({ status: 'filled', avgFillPrice: '101' });
  });

  it('stop and stop-limit wait off the book until the last price reaches the stop', async ({ expect }) => {
    const stop = await t.api.placeOrder({ symbol: 'S02', side: 'buy', type: 'stop', qty: '2', stopPrice: '103' });
    const stopLimit = await t.api.placeOrder({ symbol: 'S02', side: 'buy', type: 'stop_limit', qty: '1', stopPrice: '103', price: '103.5' });
    expect(stop).toMatchObject({ status: 'untriggered', stopPrice: '103', price: null });
    expect(stopLimit).toMatchObject({ status: 'untriggered', stopPrice: '103', price: '103.5' });
    expect((await t.api.book('S02')).bids).toEqual([]);
    await cp.quote('S02', 'sell', '104', '3');
    await cp.trade('S02', '102');
    expect((await t.api.order(stop.id)).status).toBe('untriggered');
    await cp.trade('S02', '103');
    // The stop became a market buy and took two at 104; the stop-limit now rests at 103.50.
    expect(await t.api.order(stop.id)).toMatchObject({ status: 'filled', avgFillPrice: '104' });
    expect(await t.api.order(stopLimit.id)).toMatchObject({ status: 'open', leavesQty: '1' });
    expect((await t.api.book('S02')).bids).toEqual([['103.5', '1']]);
  });

  it('a trailing stop by amount follows the price up and triggers on the pull-back', async ({ expect }) => {
    const trailing = await t.api.placeOrder({ symbol: 'S03', side: 'sell', type: 'trailing_stop', qty: '1', trailAmount: '1' });
    expect(trailing).toMatchObject({ status: 'untriggered', trailAmount: '1', stopPrice: '99' });
    await cp.trade('S03', '103');
    await cp.quote('S03', 'buy', '101');
    // 102 is far above the first stop (99) but exactly the trailed one (103 - 1).
    await cp.trade('S03', '102.01');
    expect((await t.api.order(trailing.id)).status).toBe('untriggered');
    await cp.trade('S03', '102');
    expect(await t.api.order(trailing.id)).toMatchObject({ status: 'filled', avgFillPrice: '101' });
  });

  it('a trailing stop by percent trails by that share of the best price seen', async ({ expect }) => {
    const trailing = await t.api.placeOrder({ symbol: 'S04', side: 'sell', type: 'trailing_stop', qty: '1', trailPercent: '2' });
    expect(trailing).toMatchObject({ status: 'untriggered', trailPercent: '2', stopPrice: '98' });
    await cp.trade('S04', '105');
    await cp.quote('S04', 'buy', '101');
    // 2% of 105 is 2.10, so the stop is now 102.90.
    await cp.trade('S04', '103');
    expect((await t.api.order(trailing.id)).status).toBe('untriggered');
    await cp.trade('S04', '102.9');
    expect(await t.api.order(trailing.id)).toMatchObject({ status: 'filled', avgFillPrice: '101' });
  });

  it('IOC fills what it can and cancels the rest; FOK fills completely or not at all', async ({ expect }) => {
    await cp.quote('S05', 'sell', '100', '3');
    const ioc = await t.api.placeOrder({ symbol: 'S05', side: 'buy', type: 'limit', qty: '5', price: '100', tif: 'ioc' });
    expect(ioc).toMatchObject({ tif: 'ioc', status: 'cancelled', reason: 'IOC_UNFILLED', filledQty: '3', leavesQty: '0' });
    await cp.quote('S05', 'sell', '100.5', '2');
    const fokMissed = await t.api.placeOrder({ symbol: 'S05', side: 'buy', type: 'limit', qty: '5', price: '101', tif: 'fok' });
    expect(fokMissed).toMatchObject({ tif: 'fok', status: 'cancelled', reason: 'FOK_UNFILLABLE', filledQty: '0' });
    expect((await t.api.book('S05')).asks).toEqual([['100.5', '2']]);
    expect(await t.api.placeOrder({ symbol: 'S05', side: 'buy', type: 'limit', qty: '2', price: '101', tif: 'fok' })).toMatchObject({ status: 'filled', avgFillPrice: '100.5' });
  });

  it('GTD needs a future expiry and expires by itself, releasing its hold', async ({ expect }) => {
    expectErrorWith(expect, await t.api.placeOrderReply({ symbol: 'S06', side: 'buy', type: 'limit', qty: '1', price: '99', tif: 'gtd', expireAt: Date.now() - 60_000 }), 400, 'INVALID_EXPIRY');
    const heldBefore = (await t.api.balance('USD')).held;
    const gtd = await t.api.placeOrder({ symbol: 'S06', side: 'buy', type: 'limit', qty: '1', price: '99', tif: 'gtd', expireAt: Date.now() + 400 });
    expect(gtd).toMatchObject({ tif: 'gtd', status: 'open' });
    expect((await t.api.balance('USD')).held).not.toBe(heldBefore);
    const expired = await waitForOrder(() => t.api.order(gtd.id), (o) => o.status !== 'open');
    expect(expired).toMatchObject({ status: 'expired', reason: 'EXPIRED_GTD' });
    expect((await t.api.balance('USD')).held).toBe(heldBefore);
    expect((await t.api.book('S06')).bids).toEqual([]);
  });

  it('post-only rests when it would not trade and is refused when it would', async ({ expect }) => {
    await cp.quote('S07', 'sell', '101');
    expect(await t.api.placeOrder({ symbol: 'S07', side: 'buy', type: 'limit', qty: '1', price: '100', postOnly: true })).toMatchObject({ status: 'open', postOnly: true });
    expectErrorWith(expect, await t.api.placeOrderReply({ symbol: 'S07', side: 'buy', type: 'limit', qty: '1', price: '101', postOnly: true }), 422, 'POST_ONLY_WOULD_TAKE');
    expect((await t.api.orders({ symbol: 'S07' })).items).toHaveLength(1);
    expect((await t.api.book('S07')).asks).toEqual([['101', '1']]);
  });

  it('OCO: two linked legs; when one fills the other is cancelled', async ({ expect }) => {
    const [limit, stop] = await t.api.placeOco([
      { symbol: 'S08', side: 'sell', type: 'limit', qty: '1', price: '105' },
      { symbol: 'S08', side: 'sell', type: 'stop', qty: '1', stopPrice: '95' },
    ]);
    expect(limit).toMatchObject({ status: 'open', groupId: limit!.id });
    expect(stop).toMatchObject({ status: 'untriggered', groupId: limit!.id });
    await cp.buyer.api.placeOrder({ symbol: 'S08', side: 'buy', type: 'limit', qty: '1', price: '105', tif: 'ioc' });
    expect((await t.api.order(limit!.id)).status).toBe('filled');
    expect(await t.api.order(stop!.id)).toMatchObject({ status: 'cancelled', reason: 'OCO_SIBLING_DONE' });
  });

  it('bracket: exits wait for the entry, then take-profit fills and cancels the stop-loss', async ({ expect }) => {
    const [entry, takeProfit, stopLoss] = await t.api.placeBracket({ entry: { symbol: 'S09', side: 'buy', type: 'limit', qty: '1', price: '100' }, takeProfitPrice: '106', stopLossPrice: '95' });
    expect(entry).toMatchObject({ status: 'open', side: 'buy' });
    expect(takeProfit).toMatchObject({ status: 'pending_parent', side: 'sell', price: '106', parentId: entry!.id });
    expect(stopLoss).toMatchObject({ status: 'pending_parent', side: 'sell', stopPrice: '95', parentId: entry!.id });
    await cp.seller.api.placeOrder({ symbol: 'S09', side: 'sell', type: 'limit', qty: '1', price: '100', tif: 'ioc' });
    expect((await t.api.order(entry!.id)).status).toBe('filled');
    expect((await t.api.order(takeProfit!.id)).status).toBe('open');
    expect((await t.api.order(stopLoss!.id)).status).toBe('untriggered');
    await cp.buyer.api.placeOrder({ symbol: 'S09', side: 'buy', type: 'limit', qty: '1', price: '106', tif: 'ioc' });
    expect(await t.api.order(takeProfit!.id)).toMatchObject({ status: 'filled', avgFillPrice: '106' });
    expect(await t.api.order(stopLoss!.id)).toMatchObject({ status: 'cancelled', reason: 'OCO_SIBLING_DONE' });
  });

  it('self-trade prevention cancels the newest order by default', async ({ expect }) => {
    const sell = await t.api.placeOrder({ symbol: 'S10', side: 'sell', type: 'limit', qty: '1', price: '101' });
    const buy = await t.api.placeOrder({ symbol: 'S10', side: 'buy', type: 'limit', qty: '1', price: '101' });
    expect(buy).toMatchObject({ status: 'cancelled', reason: 'SELF_TRADE_PREVENTED', filledQty: '0' });
    expect((await t.api.order(sell.id)).status).toBe('open');
  });

  it('refuses what the exchange cannot take with 4xx and the reason code', async ({ expect }) => {
    const order = { symbol: 'S11', side: 'buy', type: 'limit', qty: '1', price: '100' } as const;
    expectErrorWith(expect, await t.api.placeOrderReply({ ...order, symbol: 'NOPE' }), 422, 'UNKNOWN_SYMBOL');
    expectErrorWith(expect, await t.api.placeOrderReply({ ...order, price: '150' }), 422, 'PRICE_OUT_OF_BAND');
    expectErrorWith(expect, await t.api.placeOrderReply({ ...order, qty: '5000' }), 422, 'INSUFFICIENT_FUNDS');
    expectErrorWith(expect, await t.api.placeOrderReply({ ...order, side: 'sell', qty: '101' }), 422, 'INSUFFICIENT_SHARES');
    expectErrorWith(expect, await t.api.placeOrderReply({ ...order, qty: '1.5' }), 400, 'INVALID_QUANTITY');
    expectErrorWith(expect, await t.api.placeOrderReply({ ...order, price: '100.001' }), 400, 'INVALID_PRICE');
    expectErrorWith(expect, await t.api.placeOrderReply({ ...order, type: 'stop' }), 400);
    expectErrorWith(expect, await t.api.placeOrderReply({ symbol: 'S11', side: 'sell', type: 'trailing_stop', qty: '1', trailAmount: '1', trailPercent: '1' }), 400, 'INVALID_TRAIL');
    expect((await t.api.orders({ symbol: 'S11' })).items).toEqual([]);
  });

  it('refuses a symbol that is not listed with UNKNOWN_SYMBOL and the field that named it, in placements, list filters and cancel all', async ({ expect }) => {
    const notListed = (path: string) => [{ path, message: 'NOPE is not listed; GET /api/v1/instruments lists the symbols.' }];
    const order = { symbol: 'S11', side: 'buy', type: 'limit', qty: '1', price: '99' } as const;
    expect(expectErrorWith(expect, await t.api.placeOrderReply({ ...order, symbol: 'NOPE' }), 422, 'UNKNOWN_SYMBOL').details).toEqual(notListed('symbol'));
    const oco = await t.api.call('POST', '/api/v1/orders/oco', { json: { legs: [order, { ...order, symbol: 'NOPE', price: '98' }] } });
    expect(expectErrorWith(expect, oco, 422, 'UNKNOWN_SYMBOL').details).toEqual(notListed('legs.1.symbol'));
    // A filter by an unlisted symbol is refused rather than answered empty; a listed one with no rows is an empty page.
    for (const path of ['/api/v1/orders', '/api/v1/fills']) {
      expect(expectErrorWith(expect, await t.api.call('GET', path, { query: { symbol: 'NOPE' } }), 422, 'UNKNOWN_SYMBOL').details, path).toEqual(notListed('symbol'));
      expect(await t.api.get(path, { symbol: 'S11' }), path).toEqual({ items: [], nextCursor: null });
    }
    expect(expectErrorWith(expect, await t.api.call('DELETE', '/api/v1/orders', { query: { symbol: 'NOPE' } }), 422, 'UNKNOWN_SYMBOL').details).toEqual(notListed('symbol'));
  });

  it('says what is wrong with a refused order, not a generic rule', async ({ expect }) => {
    const message = async (input: Record<string, unknown>, status: number, code: string) => expectErrorWith(expect, await t.api.placeOrderReply(input), status, code).message;
    const trailing = { symbol: 'S11', side: 'sell', type: 'trailing_stop', qty: '1' } as const;
    expect(await message({ ...trailing, trailPercent: '150' }, 400, 'INVALID_TRAIL')).toBe('trailPercent must be above 0 and below 100 (0.01 to 99.99)');
    expect((await t.api.placeOrderReply({ ...trailing, trailPercent: '99.99' })).status).toBe(201);
    expect(await message({ ...trailing, trailAmount: '1', trailPercent: '1' }, 400, 'INVALID_TRAIL')).toBe('A trailing stop needs exactly one of a trail amount or a trail percentage.');
    expect(await message({ symbol: 'S11', side: 'buy', type: 'limit', qty: '1', price: '100', trailAmount: '1' }, 400, 'INVALID_TRAIL')).toBe('Only a trailing_stop order takes trailAmount or trailPercent; a limit order does not.');
    expect(await message({ symbol: 'S11', side: 'buy', type: 'market', qty: '1', price: '100' }, 400, 'INVALID_PRICE')).toBe('A market order takes no price; leave price out, or send a limit order.');
    expect(await message({ symbol: 'S11', side: 'buy', type: 'limit', qty: '1' }, 400, 'INVALID_PRICE')).toBe('A limit order needs a price.');
    expect(await message({ symbol: 'S11', side: 'buy', type: 'stop', qty: '1' }, 400, 'INVALID_STOP_PRICE')).toBe('A stop order needs a stopPrice.');
    expect(await message({ symbol: 'S11', side: 'buy', type: 'limit', qty: '99999999999999999999', price: '100' }, 400, 'INVALID_QUANTITY')).toBe('qty is too large: at most 1099511627776');
    expect(await message({ symbol: 'S11', side: 'buy', type: 'limit', qty: '1', price: '99999999999999999999' }, 400, 'INVALID_PRICE')).toBe('price is too large: at most 10995116277.76');
    expect(await message({ symbol: 'S11', side: 'buy', type: 'limit', qty: '1.5', price: '100' }, 400, 'INVALID_QUANTITY')).toBe('qty must be a multiple of 1');
  });
});
