// A placement refused for its quantity or for funds says the figures: the limit the qty broke, or what the order holds and what is available, with details at the qty, over REST and WebSocket alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../support/expect-error.ts';
import { TestPlatform, TEST_MARKETS } from '../support/platform.ts';
import { newTrader, type Trader } from '../support/traders.ts';
import { WsClient } from '../support/ws-client.ts';

let platform: TestPlatform;
let trader: Trader;

beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
  trader = await newTrader(platform.url, { USD: '200', S01: '3' });
}, 60_000);

afterAll(async () => {
  await platform?.dispose();
});

/** S01 has not traded in this file: its band is 90 to 110 around its reference price 100; fees are 0 maker, 10 bps taker. */
const buy = { symbol: 'S01', side: 'buy', qty: '2' } as const;
const post = (path: string, json: unknown) => trader.api.call('POST', path, { json });

describe('a placement the account cannot afford', () => {
  it('says what a market buy holds, at the band limit, and what is available', async () => {
    const refused = expectError(await post('/api/v1/orders', { ...buy, type: 'market' }), 422, 'INSUFFICIENT_FUNDS');
    expect(refused.message).toBe("This order holds up to 220.22 USD (a market buy is held at the price band's limit, 110) and 200 USD is available.");
    expect(refused.details).toEqual([{ path: 'qty', message: 'qty 2 needs 220.22 USD held; 200 USD is available' }]);
  });

  it('says what a limit buy holds at its price with the larger fee', async () => {
    const refused = expectError(await post('/api/v1/orders', { ...buy, type: 'limit', qty: '3', price: '99' }), 422, 'INSUFFICIENT_FUNDS');
    expect(refused.message).toBe('This order holds up to 297.29 USD (qty 3 at the limit price 99, with the larger of the maker and taker fees) and 200 USD is available.');
  });

  it('says how much of the base asset a sell holds', async () => {
    const refused = expectError(await post('/api/v1/orders', { symbol: 'S01', side: 'sell', type: 'limit', qty: '5', price: '101' }), 422, 'INSUFFICIENT_SHARES');
    expect(refused.message).toBe('This order holds 5 S01 and 3 S01 is available; short selling is not enabled.');
    expect(refused.details).toEqual([{ path: 'qty', message: 'qty 5 needs 5 S01 held; 3 S01 is available' }]);
  });

  it('names the dearer leg of an OCO and the entry of a bracket', async () => {
    const legs = [{ ...buy, type: 'limit', price: '95' }, { ...buy, type: 'stop', stopPrice: '105' }];
    const oco = expectError(await post('/api/v1/orders/oco', { legs }), 422, 'INSUFFICIENT_FUNDS');
    expect(oco.message).toMatch(/^This OCO \(held once, for its dearer leg\) holds up to 231\.23 USD \(a stop buy is held at the limit of the price band around its stop price, 115\.5\)/);
    expect(oco.details).toEqual([{ path: 'legs.1.qty', message: 'qty 2 needs 231.23 USD held; 200 USD is available' }]);
    const bracket = expectError(await post('/api/v1/orders/bracket', { entry: { ...buy, type: 'limit', price: '105' }, takeProfitPrice: '109', stopLossPrice: '95' }), 422, 'INSUFFICIENT_FUNDS');
    expect(bracket.message).toMatch(/^This bracket's entry holds up to 210\.21 USD/);
    expect(bracket.details).toEqual([{ path: 'entry.qty', message: 'qty 2 needs 210.21 USD held; 200 USD is available' }]);
  });

  it('is told the same over WebSocket order entry', async () => {
    const rest = expectError(await post('/api/v1/orders', { ...buy, type: 'market' }), 422, 'INSUFFICIENT_FUNDS');
    const ws = await WsClient.connect(platform.wsUrl);
    try {
      await ws.request({ op: 'auth', token: trader.session.accessToken });
      expect(await ws.request({ op: 'place', order: { ...buy, type: 'market' } })).toMatchObject({ type: 'error', code: 'INSUFFICIENT_FUNDS', message: rest.message, details: rest.details });
    } finally {
      await ws.close();
    }
  });
});

describe('a placement past the quantity limits', () => {
  it('names the instrument maximum as a replace does, with details at qty', async () => {
    const message = 'qty 1000000 is above the most S01 takes in one order, 100000.';
    const refused = expectError(await post('/api/v1/orders', { ...buy, type: 'limit', qty: '1000000', price: '99' }), 422, 'QUANTITY_ABOVE_MAX');
    expect(refused).toMatchObject({ message, details: [{ path: 'qty', message }] });
    const legs = [{ ...buy, type: 'limit', qty: '1000000', price: '95' }, { ...buy, type: 'stop', qty: '1000000', stopPrice: '105' }];
    expect(expectError(await post('/api/v1/orders/oco', { legs }), 422, 'QUANTITY_ABOVE_MAX').details).toEqual([{ path: 'legs.0.qty', message }]);
  });
});
