// What a refusal says, field by field: one code and one message per bad value however it is written, "<field> is required", JSON numbers read exactly or refused, band and headroom details, and replaces explained as new orders are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../support/expect-error.ts';
import type { Reply } from '../support/http-client.ts';
import { TestPlatform, TEST_MARKETS } from '../support/platform.ts';
import { newTrader, type Trader } from '../support/traders.ts';
import { WsClient } from '../support/ws-client.ts';

let platform: TestPlatform;
let trader: Trader;

beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
  trader = await newTrader(platform.url, { USD: '100000', S05: '100' });
}, 60_000);

afterAll(async () => {
  await platform?.dispose();
});

/** S05 has not traded in this file: its band is 90 to 110 around its reference price 100. */
const order = { symbol: 'S05', side: 'buy', type: 'limit', qty: '1', price: '99' } as const;
const post = (path: string, json: unknown) => trader.api.call('POST', path, { json });
const postRaw = (path: string, raw: string) => trader.api.call('POST', path, { raw, headers: { 'content-type': 'application/json' } });

/** The refusal's code, message and details, for comparing two refusals. */
function refusal(reply: Reply<unknown>, status: number, code: string): { code: string; message: string; details: unknown } {
  const { message, details } = expectError(reply, status, code);
  return { code, message, details };
}

describe('a missing field', () => {
  it('says "<field> is required", at its path, whatever type the field has', async () => {
    const { qty: _qty, ...noQty } = order;
    expect(expectError(await post('/api/v1/orders', noQty), 400, 'INVALID_REQUEST').details).toEqual([{ path: 'qty', message: 'qty is required' }]);
    const { symbol: _symbol, ...noSymbol } = order;
    expect(expectError(await post('/api/v1/orders', noSymbol), 400, 'INVALID_REQUEST').details).toEqual([{ path: 'symbol', message: 'symbol is required' }]);
    expect(expectError(await post('/api/v1/account/deposits', { asset: 'USD' }), 400, 'INVALID_REQUEST')).toMatchObject({ message: 'The body is invalid: amount is required', details: [{ path: 'amount', message: 'amount is required' }] });
    expect(expectError(await post('/api/v1/bots', { strategy: 'random-walk' }), 400, 'INVALID_REQUEST').details).toEqual([{ path: 'name', message: 'name is required' }]);
    expect(expectError(await post('/api/v1/orders/oco', { legs: [noQty, { ...order, side: 'sell', price: '105' }] }), 400, 'INVALID_REQUEST').details).toEqual([{ path: 'legs.0.qty', message: 'legs.0.qty is required' }]);
    expect(expectError(await post('/api/v1/orders/bracket', { entry: order, stopLossPrice: '95' }), 400, 'INVALID_REQUEST').details).toEqual([{ path: 'takeProfitPrice', message: 'takeProfitPrice is required' }]);
    const noInterval = expectError(await trader.api.call('GET', '/api/v1/markets/S05/candles'), 400, 'INVALID_REQUEST');
    expect(noInterval).toMatchObject({ message: 'The query string is invalid: interval is required', details: [{ path: 'interval', message: 'interval is required' }] });
  });

  it('says a query parameter given twice may be given once', async () => {
    const twice = expectError(await trader.api.call('GET', '/api/v1/orders?limit=2&limit=3'), 400, 'INVALID_REQUEST');
    expect(twice).toMatchObject({ message: 'The query string is invalid: limit may be given once', details: [{ path: 'limit', message: 'limit may be given once' }] });
  });

  it('names an unknown field at its own path', async () => {
    expect(expectError(await post('/api/v1/orders', { ...order, colour: 'red' }), 400, 'INVALID_REQUEST').details).toEqual([{ path: 'colour', message: 'colour is not a field here' }]);
  });
});

describe('a bad number', () => {
  it('gets one code and one message, the same whether sent as a string or a JSON number', async () => {
    const negative = refusal(await post('/api/v1/orders', { ...order, qty: '-1' }), 400, 'INVALID_QUANTITY');
    expect(negative).toEqual({ code: 'INVALID_QUANTITY', message: 'qty must be positive (more than 0)', details: [{ path: 'qty', message: 'qty must be positive (more than 0)' }] });
    expect(refusal(await post('/api/v1/orders', { ...order, qty: -1 }), 400, 'INVALID_QUANTITY')).toEqual(negative);
    expect(refusal(await post('/api/v1/orders', { ...order, qty: '0' }), 400, 'INVALID_QUANTITY')).toEqual(negative);

    const huge = refusal(await post('/api/v1/orders', { ...order, price: '1e30' }), 400, 'INVALID_PRICE');
    expect(huge.details).toEqual([{ path: 'price', message: 'price must be a plain decimal string such as "0.01" (digits, no spaces, exponent or leading zeros)' }]);
    const tooLarge = refusal(await post('/api/v1/orders', { ...order, price: '99999999999999999999' }), 400, 'INVALID_PRICE');
    expect(refusal(await post('/api/v1/orders', { ...order, price: 1e20 }), 400, 'INVALID_PRICE')).toEqual(tooLarge);

    const amount = refusal(await post('/api/v1/account/deposits', { asset: 'USD', amount: '-5' }), 400, 'INVALID_AMOUNT');
    expect(amount.details).toEqual([{ path: 'amount', message: 'amount must be positive (more than 0)' }]);
    expect(refusal(await post('/api/v1/account/deposits', { asset: 'USD', amount: -5 }), 400, 'INVALID_AMOUNT')).toEqual(amount);

    const limit = refusal(await trader.api.call('PUT', '/api/v1/risk/limits', { json: { maxDailyLoss: '-1' } }), 400, 'INVALID_AMOUNT');
    expect(limit).toEqual({ code: 'INVALID_AMOUNT', message: 'maxDailyLoss must not be negative (0 or more)', details: [{ path: 'maxDailyLoss', message: 'maxDailyLoss must not be negative (0 or more)' }] });
    expect(refusal(await trader.api.call('PUT', '/api/v1/risk/limits', { json: { maxDailyLoss: -1 } }), 400, 'INVALID_AMOUNT')).toEqual(limit);

    const cash = refusal(await post('/api/v1/bots', { name: 'cashless', strategy: 'random-walk', symbols: ['S05'], cash: '-5' }), 400, 'INVALID_AMOUNT');
    expect(cash.details).toEqual([{ path: 'cash', message: 'amount must be positive (more than 0)' }]);
    expect(refusal(await post('/api/v1/bots', { name: 'cashless', strategy: 'random-walk', symbols: ['S05'], cash: -5 }), 400, 'INVALID_AMOUNT')).toEqual(cash);
  });

  it('of a risk limit gets one message per case, as every decimal field does', async () => {
    const limit = async (json: Record<string, unknown>, code: string) => expectError(await trader.api.call('PUT', '/api/v1/risk/limits', { json }), 400, code).message;
    expect(await limit({ maxDailyLoss: 'abc' }, 'INVALID_AMOUNT')).toBe('maxDailyLoss must be a plain decimal string such as "1000" (digits, no spaces, exponent or leading zeros)');
    expect(await limit({ maxDailyLoss: '-5' }, 'INVALID_AMOUNT')).toBe('maxDailyLoss must not be negative (0 or more)');
    // The test markets give USD two decimals (the shipped config/markets.json six).
    expect(await limit({ maxDailyLoss: '1.001' }, 'INVALID_AMOUNT')).toBe('maxDailyLoss must be a multiple of 0.01');
    expect(await limit({ maxGrossExposure: '99999999999999999999' }, 'INVALID_AMOUNT')).toMatch(/^maxGrossExposure is too large: at most \d/);
    expect(await limit({ maxDrawdownPct: '0' }, 'INVALID_REQUEST')).toBe('maxDrawdownPct must be positive (more than 0)');
    expect(await limit({ maxDrawdownPct: '100.01' }, 'INVALID_REQUEST')).toBe('maxDrawdownPct must be at most 100');
    expect(await limit({ maxDrawdownPct: '1.005' }, 'INVALID_REQUEST')).toBe('maxDrawdownPct must be a multiple of 0.01');
    expect(await limit({ maxOrdersPerSecond: 2.5 }, 'INVALID_REQUEST')).toBe('maxOrdersPerSecond must be a multiple of 1');
    expect(await limit({ maxOrdersPerSecond: '1000001' }, 'INVALID_REQUEST')).toBe('maxOrdersPerSecond must be at most 1000000');
  });

  it('in several risk limits tells each limit, with the first one’s code', async () => {
    const loss = 'maxDailyLoss must not be negative (0 or more)';
    const drawdown = 'maxDrawdownPct must be at most 100';
    const rate = 'maxOrdersPerSecond must be a multiple of 1';
    const limits = { maxDailyLoss: '-1', maxDrawdownPct: '120', maxOrdersPerSecond: 2.5, maxGrossExposure: '1000' };
    expect(refusal(await trader.api.call('PUT', '/api/v1/risk/limits', { json: limits }), 400, 'INVALID_AMOUNT')).toEqual({
      code: 'INVALID_AMOUNT',
      message: `${loss}; ${drawdown}; ${rate}`,
      details: [
        { path: 'maxDailyLoss', message: loss },
        { path: 'maxDrawdownPct', message: drawdown },
        { path: 'maxOrdersPerSecond', message: rate },
      ],
    });
  });

  it('in several fields of an order tells each field, with the first one’s code', async () => {
    const qty = 'qty must be positive (more than 0)';
    const price = 'price must be a plain decimal string such as "0.01" (digits, no spaces, exponent or leading zeros)';
    expect(refusal(await post('/api/v1/orders', { ...order, qty: '-1', price: 'abc' }), 400, 'INVALID_QUANTITY')).toEqual({
      code: 'INVALID_QUANTITY',
      message: `${qty}; ${price}`,
      details: [
        { path: 'qty', message: qty },
        { path: 'price', message: price },
      ],
    });
    const leg = expectError(await post('/api/v1/orders/oco', { legs: [order, { ...order, side: 'buy', qty: '0', price: 'x' }] }), 400, 'INVALID_QUANTITY');
    expect(leg.details).toEqual([
      { path: 'legs.1.qty', message: qty },
      { path: 'legs.1.price', message: price },
    ]);
  });

  it('is plain digits: spaces and redundant leading zeros are refused with the field’s code, at its path', async () => {
    const plain = (field: string, unit: string) => `${field} must be a plain decimal string such as "${unit}" (digits, no spaces, exponent or leading zeros)`;
    const notPlain = (code: string, field: string, unit: string) => ({ code, message: plain(field, unit), details: [{ path: field, message: plain(field, unit) }] });
    for (const qty of [' 1', '1 ', '01', '00.5', '000000000000000000000005', '-01']) {
      expect(refusal(await post('/api/v1/orders', { ...order, qty }), 400, 'INVALID_QUANTITY'), `qty ${JSON.stringify(qty)}`).toEqual(notPlain('INVALID_QUANTITY', 'qty', '1'));
    }
    expect(refusal(await post('/api/v1/orders', { ...order, price: '099' }), 400, 'INVALID_PRICE')).toEqual(notPlain('INVALID_PRICE', 'price', '0.01'));
    expect(refusal(await post('/api/v1/orders', { ...order, type: 'stop_limit', stopPrice: ' 101', price: '101' }), 400, 'INVALID_STOP_PRICE')).toEqual(notPlain('INVALID_STOP_PRICE', 'stopPrice', '0.01'));
    // An amount's example is a sum someone would send, not its minor unit.
    expect(refusal(await post('/api/v1/account/deposits', { asset: 'USD', amount: '0010' }), 400, 'INVALID_AMOUNT')).toEqual(notPlain('INVALID_AMOUNT', 'amount', '1000'));
    expect(refusal(await trader.api.call('PUT', '/api/v1/risk/limits', { json: { maxDailyLoss: ' 500' } }), 400, 'INVALID_AMOUNT')).toEqual(notPlain('INVALID_AMOUNT', 'maxDailyLoss', '1000'));
    // A zero before the point is not redundant: 0.5 of a 0.01 tick is a price like any other.
    expect(refusal(await post('/api/v1/orders', { ...order, price: '0.5' }), 422, 'PRICE_OUT_OF_BAND').message).toMatch(/^price 0\.5 is outside/);
  });

  it('breaking two bounds of a field, or two equal ones, gets one message: the field’s own', async () => {
    const seed = expectError(await post('/api/v1/bots', { name: 'seeded', strategy: 'random-walk', symbols: ['S05'], seed: 1e20 }), 400, 'INVALID_REQUEST');
    expect(seed).toMatchObject({ message: 'The body is invalid: seed must be at most 4294967295', details: [{ path: 'seed', message: 'seed must be at most 4294967295' }] });
    // The id's own maximum is the safe-integer bound its integer check also has: a tie, told once.
    const id = expectError(await trader.api.call('GET', '/api/v1/orders/100000000000000000000'), 400, 'INVALID_REQUEST');
    expect(id.details).toEqual([{ path: 'id', message: 'id must be at most 9007199254740991' }]);
    const expiry = expectError(await post('/api/v1/orders', { ...order, tif: 'gtd', expireAt: 1.5 }), 400, 'INVALID_REQUEST');
    expect(expiry.details).toEqual([{ path: 'expireAt', message: 'expireAt must be a whole number written in digits, such as 10' }]);
  });

  it('inside an OCO leg or a bracket entry is told at the leg’s path', async () => {
    const leg = expectError(await post('/api/v1/orders/oco', { legs: [order, { ...order, side: 'sell', price: '105', qty: '0.5' }] }), 400, 'INVALID_QUANTITY');
    expect(leg).toMatchObject({ message: 'legs.1.qty: qty must be a multiple of 1', details: [{ path: 'legs.1.qty', message: 'qty must be a multiple of 1' }] });
    const entry = expectError(await post('/api/v1/orders/bracket', { entry: { ...order, price: '99.001' }, takeProfitPrice: '104', stopLossPrice: '95' }), 400, 'INVALID_PRICE');
    expect(entry.details).toEqual([{ path: 'entry.price', message: 'price must be a multiple of 0.01' }]);
    const marketLeg = expectError(await post('/api/v1/orders/oco', { legs: [order, { ...order, type: 'stop', stopPrice: '95' }] }), 400, 'INVALID_PRICE');
    expect(marketLeg).toMatchObject({ message: 'A stop order takes no price; leave price out, or send a stop_limit order.', details: [{ path: 'legs.1.price' }] });
  });

  it('of a time in force or an expiry that does not fit names the rule the order broke', async () => {
    const day = expectError(await post('/api/v1/orders', { ...order, tif: 'day', expireAt: Date.now() + 60_000 }), 400, 'INVALID_EXPIRY');
    expect(day).toMatchObject({ message: 'expireAt is only for GTD orders; this order\'s tif is "day": leave expireAt out, or send tif "gtd".', details: [{ path: 'expireAt' }] });
    const byDefault = expectError(await post('/api/v1/orders', { ...order, expireAt: Date.now() + 60_000 }), 400, 'INVALID_EXPIRY');
    expect(byDefault.message).toBe('expireAt is only for GTD orders; this order\'s tif is "gtc" (the default): leave expireAt out, or send tif "gtd".');
    const past = expectError(await post('/api/v1/orders', { ...order, tif: 'gtd', expireAt: Date.now() - 60_000 }), 400, 'INVALID_EXPIRY');
    expect(past.message).toBe('A GTD order needs an expiry time in the future.');
    // A whole number may come in digits, as the refusal of one too long for a JSON number advises; that one then meets its bound.
    const inDigits = await trader.api.call<{ order: { expireAt: number } }>('POST', '/api/v1/orders', { json: { ...order, tif: 'gtd', expireAt: String(Date.now() + 60_000) } });
    expect(inDigits.status).toBe(201);
    const tooLong = expectError(await post('/api/v1/orders', { ...order, tif: 'gtd', expireAt: '99999999999999999999' }), 400, 'INVALID_REQUEST');
    expect(tooLong.details).toEqual([{ path: 'expireAt', message: 'expireAt must be at most 8640000000000000' }]);
    // Past the latest time a Date holds, an expiry could not be shown as a date: refused, though it is a safe integer.
    const pastAnyDate = expectError(await post('/api/v1/orders', { ...order, tif: 'gtd', expireAt: Number.MAX_SAFE_INTEGER }), 400, 'INVALID_REQUEST');
    expect(pastAnyDate.details).toEqual([{ path: 'expireAt', message: 'expireAt must be at most 8640000000000000' }]);
    expect(expectError(await post('/api/v1/orders', { ...order, tif: 'gtd', expireAt: 'soon' }), 400, 'INVALID_REQUEST').details).toEqual([{ path: 'expireAt', message: 'expireAt must be a whole number written in digits, such as 10' }]);
    const postOnlyIoc = expectError(await post('/api/v1/orders', { ...order, postOnly: true, tif: 'ioc' }), 400, 'INVALID_TIME_IN_FORCE');
    expect(postOnlyIoc).toMatchObject({ message: 'A post-only order must rest on the book, so its tif cannot be "ioc": send tif "gtc", "day" or "gtd", or leave postOnly out.', details: [{ path: 'tif' }] });
    const postOnlyStop = expectError(await post('/api/v1/orders/oco', { legs: [order, { ...order, type: 'stop', price: undefined, stopPrice: '95', postOnly: true }] }), 400, 'INVALID_TIME_IN_FORCE');
    expect(postOnlyStop).toMatchObject({ message: 'Only a limit order can be post-only; a stop order cannot: leave postOnly out.', details: [{ path: 'legs.1.postOnly' }] });
    const marketGtd = expectError(await post('/api/v1/orders', { symbol: 'S05', side: 'buy', type: 'market', qty: '1', tif: 'gtd', expireAt: Date.now() + 60_000 }), 400, 'INVALID_TIME_IN_FORCE');
    expect(marketGtd).toMatchObject({ message: 'tif: A market order never rests, so it cannot be GTD: leave tif out (a market order is IOC), or send a limit order for an order that waits until expireAt.', details: [{ path: 'tif' }] });
    // GTC and DAY would read back as given while the order acted as IOC: refused, as GTD is.
    const marketDay = expectError(await post('/api/v1/orders', { symbol: 'S05', side: 'buy', type: 'market', qty: '1', tif: 'day' }), 400, 'INVALID_TIME_IN_FORCE');
    expect(marketDay).toMatchObject({ message: 'tif: A market order never rests, so its tif cannot be "day": leave tif out (a market order is IOC) or send "ioc" or "fok"; a limit order waits on the book.', details: [{ path: 'tif' }] });
    const bracketEntry = expectError(await post('/api/v1/orders/bracket', { entry: { symbol: 'S05', side: 'buy', type: 'market', qty: '1', tif: 'gtc' }, takeProfitPrice: '120', stopLossPrice: '80' }), 400, 'INVALID_TIME_IN_FORCE');
    expect(bracketEntry.details).toEqual([expect.objectContaining({ path: 'entry.tif' })]);
  });

  it('of OCO legs that do not fit together says what the legs must share, at the leg that breaks it', async () => {
    const sell = { ...order, side: 'sell', price: '105' };
    const twoSides = expectError(await post('/api/v1/orders/oco', { legs: [sell, { symbol: 'S05', side: 'buy', type: 'stop', qty: '1', stopPrice: '95' }] }), 400, 'INVALID_GROUP');
    expect(twoSides).toMatchObject({ message: 'legs.1.side: both legs of an OCO must be on one side.', details: [{ path: 'legs.1.side', message: 'both legs of an OCO must be on one side' }] });
    const twoQtys = expectError(await post('/api/v1/orders/oco', { legs: [sell, { ...sell, price: '106', qty: '2' }] }), 400, 'INVALID_GROUP');
    expect(twoQtys.message).toBe('legs.1.qty: both legs of an OCO must have one qty.');
    const twoSymbols = expectError(await post('/api/v1/orders/oco', { legs: [sell, { ...sell, symbol: 'S14' }] }), 400, 'INVALID_GROUP');
    expect(twoSymbols.message).toBe('legs.1.symbol: both legs of an OCO must trade one symbol.');
  });

  it('of a group names every bad field of it at once: both OCO legs, a bracket entry and each of its exit prices', async () => {
    expect(expectError(await post('/api/v1/orders/oco', { legs: 5 }), 400, 'INVALID_REQUEST').details).toEqual([{ path: 'legs', message: 'legs must be a list of two orders, [{...}, {...}]' }]);
    expect(expectError(await post('/api/v1/orders/oco', { legs: [order] }), 400, 'INVALID_REQUEST').details).toEqual([{ path: 'legs', message: 'legs must be a list of two orders, [{...}, {...}]' }]);
    const legs = expectError(await post('/api/v1/orders/oco', { legs: [{ ...order, qty: '0' }, { ...order, price: '1.001' }] }), 400, 'INVALID_QUANTITY');
    expect(legs.details).toEqual([
      { path: 'legs.0.qty', message: 'qty must be positive (more than 0)' },
      { path: 'legs.1.price', message: expect.stringContaining('multiple of') as unknown },
    ]);
    const bracket = expectError(await post('/api/v1/orders/bracket', { entry: { ...order, qty: 'x' }, takeProfitPrice: 'abc', stopLossPrice: '-1' }), 400, 'INVALID_QUANTITY');
    expect((bracket.details as Array<{ path: string }>).map((detail) => detail.path)).toEqual(['entry.qty', 'takeProfitPrice', 'stopLossPrice']);
    expect(bracket.message).toMatch(/^entry\.qty: .*takeProfitPrice.*stopLossPrice/);
    // An unlisted symbol is the one answer: there is no tick to check the exit prices against.
    const unlisted = expectError(await post('/api/v1/orders/bracket', { entry: { ...order, symbol: 'NOPE' }, takeProfitPrice: 'abc', stopLossPrice: '80' }), 422, 'UNKNOWN_SYMBOL');
    expect(unlisted.details).toEqual([{ path: 'entry.symbol', message: 'NOPE is not listed; GET /api/v1/instruments lists the symbols.' }]);
  });
});

describe('JSON numbers', () => {
  it('are read exactly: 0.1 and 100.01 sent as numbers are those prices', async () => {
    const band = expectError(await postRaw('/api/v1/orders', '{"symbol":"S05","side":"buy","type":"limit","qty":"1","price":0.1}'), 422, 'PRICE_OUT_OF_BAND');
    expect(band.message).toMatch(/^price 0\.1 is outside/);
    const placed = await postRaw('/api/v1/orders', '{"symbol":"S05","side":"buy","type":"limit","qty":1,"price":100.01}');
    expect(placed.status, placed.text).toBe(201);
    expect((placed.body as { order: { price: string; qty: string } }).order).toMatchObject({ price: '100.01', qty: '1' });
    await trader.api.call('DELETE', '/api/v1/orders?symbol=S05');
  });

  it('with more digits than a double holds are refused by path, not rounded', async () => {
    const price = expectError(await postRaw('/api/v1/orders', '{"symbol":"S05","side":"buy","type":"limit","qty":"1","price":123456789.123456789}'), 400, 'INVALID_REQUEST');
    expect(price.details).toEqual([{ path: 'price', message: 'price is the JSON number 123456789.123456789, which has more digits than a JSON number is read with exactly; send it as a decimal string, "123456789.123456789"' }]);
    const leg = expectError(await postRaw('/api/v1/orders/oco', `{"legs":[${JSON.stringify(order)},{"symbol":"S05","side":"buy","type":"stop","qty":9007199254740993,"stopPrice":"101"}]}`), 400, 'INVALID_REQUEST');
    expect(leg.details).toEqual([{ path: 'legs.1.qty', message: expect.stringContaining('9007199254740993') as string }]);
    // As a decimal string the same value is read exactly, and refused for what it is: off the tick.
    expect(expectError(await post('/api/v1/orders', { ...order, price: '123456789.123456789' }), 400, 'INVALID_PRICE').message).toBe('price must be a multiple of 0.01');
  });

  it('over WebSocket too, with the path the message’s other refusals use', async () => {
    const ws = await WsClient.connect(platform.wsUrl);
    try {
      await ws.request({ op: 'auth', token: trader.session.accessToken });
      const mark = ws.messages.length;
      ws.sendRaw('{"op":"place","id":"exact","order":{"symbol":"S05","side":"buy","type":"limit","qty":"1","price":99.000000000000000001}}');
      const reply = await ws.waitFor((m) => m.id === 'exact', 5_000, mark);
      expect(reply).toMatchObject({ type: 'error', code: 'INVALID_REQUEST', details: [{ path: 'price', message: expect.stringMatching(/^price is the JSON number 99\.000000000000000001/) as string }] });
      const padded = await ws.request({ op: 'place', order: { ...order, qty: '01' } });
      expect(padded).toMatchObject({ type: 'error', code: 'INVALID_QUANTITY', details: [{ path: 'qty', message: expect.stringMatching(/^qty must be a plain decimal string/) as string }] });
      const missing = await ws.request({ op: 'place', order: { symbol: 'S05', side: 'buy', type: 'limit', price: '99' } });
      expect(missing).toMatchObject({ type: 'error', code: 'INVALID_REQUEST', details: [{ path: 'qty', message: 'qty is required' }] });
    } finally {
      await ws.close();
    }
  });
});

describe('refusals with details', () => {
  it('PRICE_OUT_OF_BAND gives the band {low, high, reference} in price units, for a new order and a replace', async () => {
    const outside = expectError(await post('/api/v1/orders', { ...order, price: '120' }), 422, 'PRICE_OUT_OF_BAND');
    expect(outside).toMatchObject({ message: 'price 120 is outside the price band of S05: from 90 to 110, 10% either side of the last price 100.', details: { low: '90', high: '110', reference: '100' } });
    const stopLimit = expectError(await post('/api/v1/orders', { ...order, type: 'stop_limit', stopPrice: '105', price: '120' }), 422, 'PRICE_OUT_OF_BAND');
    expect(stopLimit.details).toEqual({ low: '94.5', high: '115.5', reference: '105' });
    const takeProfit = expectError(await post('/api/v1/orders/bracket', { entry: order, takeProfitPrice: '130', stopLossPrice: '95' }), 422, 'PRICE_OUT_OF_BAND');
    expect(takeProfit.message).toMatch(/^takeProfitPrice 130 is outside/);

    const resting = await trader.api.placeOrder(order);
    const replaced = expectError(await trader.api.call('PATCH', `/api/v1/orders/${resting.id}`, { json: { price: '80' } }), 422, 'PRICE_OUT_OF_BAND');
    expect(replaced).toMatchObject({ message: 'price 80 is outside the price band of S05: from 90 to 110, 10% either side of the last price 100.', details: { low: '90', high: '110', reference: '100' } });
    await trader.api.call('DELETE', `/api/v1/orders/${resting.id}`);
  });

  it('AMOUNT_TOO_LARGE gives {asset, maximum, headroom}: one account deposits up to its ceiling, and others still can', async () => {
    // S24 (no decimals) is deposited nowhere else in this file.
    expect((await post('/api/v1/account/deposits', { asset: 'S24', amount: '9999999999000' })).status).toBe(201);
    const over = expectError(await post('/api/v1/account/deposits', { asset: 'S24', amount: '1001' }), 422, 'AMOUNT_TOO_LARGE');
    expect(over).toMatchObject({
      message: "Depositing 1001 S24 would take this account's S24 past 10000000000000, the most one account may deposit up to; at most 1000 more can be deposited.",
      details: { asset: 'S24', maximum: '10000000000000', headroom: '1000' },
    });
    expect((await post('/api/v1/account/deposits', { asset: 'S24', amount: '1000' })).status).toBe(201);
    const other = await newTrader(platform.url, {});
    expect((await other.api.call('POST', '/api/v1/account/deposits', { json: { asset: 'S24', amount: '10000000000000' } })).status).toBe(201);
  });

  it('INVALID_PARAMS gives each bad param at params.<name>', async () => {
    const params = expectError(await post('/api/v1/bots', { name: 'tuned', strategy: 'random-walk', symbols: ['S05'], params: { intervalMs: 1, bogus: true } }), 400, 'INVALID_PARAMS');
    expect(params.details).toEqual([{ path: 'params.bogus', message: expect.stringContaining('not a param of random-walk') as string }]);
    const bound = expectError(await post('/api/v1/bots', { name: 'tuned', strategy: 'random-walk', symbols: ['S05'], params: { intervalMs: 1 } }), 400, 'INVALID_PARAMS');
    expect(bound.details).toEqual([{ path: 'params.intervalMs', message: 'intervalMs must be at least 10' }]);
  });
});

describe('a refused replace', () => {
  it('is explained as a new order’s refusal is', async () => {
    const limit = await trader.api.placeOrder(order);
    const stop = expectError(await trader.api.call('PATCH', `/api/v1/orders/${limit.id}`, { json: { stopPrice: '98' } }), 400, 'INVALID_STOP_PRICE');
    expect(stop).toMatchObject({ message: 'A limit order has no stopPrice to change; leave stopPrice out.', details: [{ path: 'stopPrice' }] });
    const offGrid = expectError(await trader.api.call('PATCH', `/api/v1/orders/${limit.id}`, { json: { qty: '0.5' } }), 400, 'INVALID_QUANTITY');
    expect(offGrid.details).toEqual([{ path: 'qty', message: 'qty must be a multiple of 1' }]);
    const both = expectError(await trader.api.call('PATCH', `/api/v1/orders/${limit.id}`, { json: { qty: '0.5', price: 'abc' } }), 400, 'INVALID_QUANTITY');
    expect(both.details).toEqual([
      { path: 'qty', message: 'qty must be a multiple of 1' },
      { path: 'price', message: 'price must be a plain decimal string such as "0.01" (digits, no spaces, exponent or leading zeros)' },
    ]);
    const funds = expectError(await trader.api.call('PATCH', `/api/v1/orders/${limit.id}`, { json: { qty: '2000' } }), 422, 'INSUFFICIENT_FUNDS');
    expect(funds.message).toMatch(/^Not enough available USD to hold for the order at its new qty and price: [\d.]+ USD is available/);
    await trader.api.call('DELETE', `/api/v1/orders/${limit.id}`);

    const oco = await post('/api/v1/orders/oco', { legs: [{ ...order, side: 'sell', price: '105' }, { symbol: 'S05', side: 'sell', type: 'stop', qty: '1', stopPrice: '95' }] });
    expect(oco.status, oco.text).toBe(201);
    const [leg] = (oco.body as { orders: Array<{ id: number }> }).orders;
    const shared = expectError(await trader.api.call('PATCH', `/api/v1/orders/${leg!.id}`, { json: { qty: '2' } }), 422, 'NOT_REPLACEABLE');
    expect(shared.message).toMatch(/share one quantity/);
  });

  it('to no more than has filled names qty as its other refusals do, over REST and WebSocket', async () => {
    // S06 trades only here, so the fill moves no band another test reads.
    const seller = await newTrader(platform.url, { S06: '10' });
    const resting = await trader.api.placeOrder({ ...order, symbol: 'S06', qty: '5' });
    await seller.api.placeOrder({ symbol: 'S06', side: 'sell', type: 'limit', qty: '2', price: '99' });
    const filled = 'qty must be more than the 2 already filled';
    const refused = refusal(await trader.api.call('PATCH', `/api/v1/orders/${resting.id}`, { json: { qty: '2' } }), 400, 'INVALID_QUANTITY');
    expect(refused).toEqual({ code: 'INVALID_QUANTITY', message: filled, details: [{ path: 'qty', message: filled }] });
    const ws = await WsClient.connect(platform.wsUrl);
    try {
      await ws.request({ op: 'auth', token: trader.session.accessToken });
      expect(await ws.request({ op: 'replace', orderId: resting.id, changes: { qty: '1' } })).toMatchObject({ type: 'error', code: 'INVALID_QUANTITY', message: 'qty must be more than the 2 already filled', details: [{ path: 'qty' }] });
    } finally {
      await ws.close();
    }
    await trader.api.call('DELETE', `/api/v1/orders/${resting.id}`);
  });
});

describe('a query parameter a route does not take', () => {
  it('is refused on a write, naming it, and the write does not happen', async () => {
    const killSwitch = expectError(await trader.api.call('POST', '/api/v1/risk/kill-switch?accountId=7', { json: {} }), 400, 'INVALID_REQUEST');
    expect(JSON.stringify(killSwitch)).toContain('accountId');
    expect(await trader.api.get<{ killSwitch: { active: boolean } }>('/api/v1/risk/status')).toMatchObject({ killSwitch: { active: false } });
    expectError(await trader.api.call('PUT', '/api/v1/risk/limits?force=true', { json: { maxOrdersPerSecond: '5' } }), 400, 'INVALID_REQUEST');
    // accountId is a parameter of this route (a bot's account), and someone else's is not found rather than taken for the caller's own.
    expectError(await trader.api.call('PUT', '/api/v1/risk/limits?accountId=999999', { json: { maxOrdersPerSecond: '5' } }), 404, 'NOT_FOUND');
    expect((await trader.api.get<{ self: Record<string, string> }>('/api/v1/risk/limits')).self).toEqual({});
    const openOrders = async () => (await trader.api.get<{ items: unknown[] }>('/api/v1/orders', { status: 'open' })).items.length;
    const before = await openOrders();
    expectError(await trader.api.call('POST', '/api/v1/orders?dryRun=true', { json: order }), 400, 'INVALID_REQUEST');
    expect(await openOrders()).toBe(before);
  });

  it('is refused on a read as well, while the parameters a route takes still work', async () => {
    expectError(await trader.api.call('GET', '/api/v1/account/balances?accountId=7'), 400, 'INVALID_REQUEST');
    expect((await trader.api.call('GET', '/api/v1/orders?limit=5')).status).toBe(200);
    // The compatible account paths and the health check too; the dashboard's pages keep their own state in the query.
    const account = trader.user.accountId;
    expectError(await trader.api.call('GET', `/balance/${account}?zzz=1`), 400, 'INVALID_REQUEST');
    expectError(await trader.api.call('GET', `/holdings/S01/${account}?zzz=1`), 400, 'INVALID_REQUEST');
    expectError(await trader.api.call('GET', '/healthz?zzz=1'), 400, 'INVALID_REQUEST');
    expect((await trader.api.call('GET', `/balance/${account}`)).status).toBe(200);
    expect((await trader.api.call('GET', '/healthz')).status).toBe(200);
  });
});

describe('an algo order’s catchUp of the wrong type', () => {
  it('says what catchUp takes, rather than "Invalid input"', async () => {
    const twap = { type: 'twap', symbol: 'S05', side: 'buy', qty: '1', durationMs: 1_000, slices: 1 };
    for (const catchUp of [true, 'no', null]) {
      const refused = expectError(await post('/api/v1/algo-orders', { ...twap, catchUp }), 400, 'INVALID_REQUEST');
      expect(refused.details).toEqual([{ path: 'catchUp', message: 'catchUp must be false or an object such as {"graceMs": 60000, "retryMs": 5000}' }]);
    }
  });
});

describe('a body a route does not take', () => {
  it('is refused naming its field, and nothing happens: a symbol in the body of cancel-all cancels nothing', async () => {
    const resting = await trader.api.placeOrder(order);
    const openOrders = async () => (await trader.api.get<{ items: unknown[] }>('/api/v1/orders', { status: 'open' })).items.length;
    const before = await openOrders();
    const cancelAll = expectError(await trader.api.call('DELETE', '/api/v1/orders', { json: { symbol: 'S99' } }), 400, 'INVALID_REQUEST');
    expect(JSON.stringify(cancelAll)).toContain('symbol');
    expectError(await trader.api.call('DELETE', `/api/v1/orders/${resting.id}`, { json: { force: true } }), 400, 'INVALID_REQUEST');
    expect(await openOrders()).toBe(before);
    // No body, or an empty object, is still none.
    expect((await trader.api.call('DELETE', `/api/v1/orders/${resting.id}`, { json: {} })).status).toBe(200);
    expect((await trader.api.call('DELETE', '/api/v1/orders', { query: { symbol: order.symbol } })).status).toBe(200);
  });
});

