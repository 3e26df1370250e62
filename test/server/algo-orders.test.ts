// Algo orders over REST: a TWAP works its slices into the book as ordinary orders of the account; others cannot see it; bad input is a clear 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../support/expect-error.ts';
import { TestPlatform, TEST_MARKETS } from '../support/platform.ts';
import { newTrader, type Trader } from '../support/traders.ts';

interface AlgoOrderView {
  id: number;
  type: string;
  state: string;
  filledQty: string;
  remainingQty: string;
  avgPrice: string | null;
  ordersSent: number;
  lastError: string | null;
  endedAt: number | null;
}

let platform: TestPlatform;
let buyer: Trader;
let seller: Trader;

beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
  buyer = await newTrader(platform.url, { USD: '100000' });
  seller = await newTrader(platform.url, { USD: '100', S20: '100' });
  await seller.api.placeOrder({ symbol: 'S20', side: 'sell', type: 'limit', qty: '100', price: '100' });
}, 60_000);

afterAll(async () => {
  await platform?.dispose();
});

async function waitFor(trader: Trader, id: number, done: (order: AlgoOrderView) => boolean): Promise<AlgoOrderView> {
  for (let i = 0; i < 200; i++) {
    const { algoOrder } = await trader.api.ok<{ algoOrder: AlgoOrderView }>('GET', `/api/v1/algo-orders/${id}`);
    if (done(algoOrder)) return algoOrder;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`algo order ${id} did not finish`);
}

describe('algo orders', () => {
  it('a TWAP buys in slices over its duration, each slice an ordinary order of the account', async () => {
    const started = await buyer.api.ok<{ algoOrder: AlgoOrderView }>('POST', '/api/v1/algo-orders', { json: { type: 'twap', symbol: 'S20', side: 'buy', qty: '8', durationMs: 2_000, slices: 4 } });
    expect(started.algoOrder).toMatchObject({ type: 'twap', state: 'running' });
    const finished = await waitFor(buyer, started.algoOrder.id, (o) => o.state !== 'running');
    expect(finished).toMatchObject({ state: 'done', filledQty: '8', remainingQty: '0', avgPrice: '100', ordersSent: 4 });
    const fills = await buyer.api.fills({ symbol: 'S20' });
    expect(fills.items.map((f) => f.qty)).toEqual(['2', '2', '2', '2']);
    expect(await buyer.api.balance('S20')).toMatchObject({ available: '8' });
    const { items } = await buyer.api.ok<{ items: AlgoOrderView[] }>('GET', '/api/v1/algo-orders');
    expect(items.map((o) => o.id)).toContain(started.algoOrder.id);
    // Cancelling a finished algo order leaves it as it ended.
    const deleted = await buyer.api.ok<{ algoOrder: AlgoOrderView }>('DELETE', `/api/v1/algo-orders/${started.algoOrder.id}`);
    expect(deleted.algoOrder).toEqual(finished);
  }, 30_000);

  it('an expiring TWAP whose last slices filled just before its deadline counts them in what it says is left', async () => {
    const asks = await newTrader(platform.url, { USD: '100', S19: '40' });
    await asks.api.placeOrder({ symbol: 'S19', side: 'sell', type: 'limit', qty: '40', price: '100' });
    const twap = { type: 'twap', symbol: 'S19', side: 'buy', qty: '1000', durationMs: 1_000, slices: 1_000, catchUp: false };
    const rich = await newTrader(platform.url, { USD: '1000000' });
    const started = await rich.api.ok<{ algoOrder: AlgoOrderView }>('POST', '/api/v1/algo-orders', { json: twap });
    const ended = await waitFor(rich, started.algoOrder.id, (o) => o.state !== 'running' && o.state !== 'new');
    // Late fills are counted after the end: read it again once they are in.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const final = (await rich.api.ok<{ algoOrder: AlgoOrderView }>('GET', `/api/v1/algo-orders/${ended.id}`)).algoOrder;
    expect(final, final.lastError ?? '').toMatchObject({ state: 'expired', filledQty: '40', remainingQty: '960' });
    expect(final.lastError).toMatch(/^expired with 960 of 1000 unfilled \(40 filled\): no more liquidity: /);
  }, 60_000);

  it('shows quantities and the average price as exact decimal strings, the average with four more places than the tick', async () => {
    const maker = await newTrader(platform.url, { USD: '100', S18: '3' });
    await maker.api.placeOrder({ symbol: 'S18', side: 'sell', type: 'limit', qty: '1', price: '100' });
    await maker.api.placeOrder({ symbol: 'S18', side: 'sell', type: 'limit', qty: '2', price: '100.01' });
    const { algoOrder } = await buyer.api.ok<{ algoOrder: AlgoOrderView }>('POST', '/api/v1/algo-orders', { json: { type: 'twap', symbol: 'S18', side: 'buy', qty: '3', durationMs: 1_000, slices: 1 } });
    const finished = await waitFor(buyer, algoOrder.id, (o) => o.state !== 'running');
    // (100 + 2 x 100.01) / 3 = 100.00666..., shown as an order's avgFillPrice is.
    expect(finished).toMatchObject({ state: 'done', filledQty: '3', remainingQty: '0', avgPrice: '100.006666' });
  }, 30_000);

  it('completes what its last slice left when liquidity comes back before the deadline', async () => {
    const maker = await newTrader(platform.url, { USD: '100', S16: '5' });
    await maker.api.placeOrder({ symbol: 'S16', side: 'sell', type: 'limit', qty: '3', price: '100' });
    // One slice of 5 meets 3 on the book; the rest is sent again a second later (the default retry for a 1 s slice).
    const { algoOrder } = await buyer.api.ok<{ algoOrder: AlgoOrderView }>('POST', '/api/v1/algo-orders', { json: { type: 'twap', symbol: 'S16', side: 'buy', qty: '5', durationMs: 1_000, slices: 1 } });
    expect(algoOrder).toMatchObject({ state: 'running', ordersSent: 1 });
    await waitFor(buyer, algoOrder.id, (o) => o.filledQty === '3');
    await maker.api.placeOrder({ symbol: 'S16', side: 'sell', type: 'limit', qty: '2', price: '100' });
    const finished = await waitFor(buyer, algoOrder.id, (o) => o.state !== 'running');
    expect(finished).toMatchObject({ state: 'done', filledQty: '5', remainingQty: '0', ordersSent: 2, lastError: null });
  }, 30_000);

  it('expires saying how much is left and why when no liquidity comes back', async () => {
    const maker = await newTrader(platform.url, { USD: '100', S15: '3' });
    await maker.api.placeOrder({ symbol: 'S15', side: 'sell', type: 'limit', qty: '3', price: '100' });
    const { algoOrder } = await buyer.api.ok<{ algoOrder: AlgoOrderView }>('POST', '/api/v1/algo-orders', { json: { type: 'twap', symbol: 'S15', side: 'buy', qty: '5', durationMs: 1_000, slices: 1, catchUp: { graceMs: 1_000, retryMs: 1_000 } } });
    const finished = await waitFor(buyer, algoOrder.id, (o) => o.state !== 'running');
    expect(finished).toMatchObject({ state: 'expired', filledQty: '3', remainingQty: '2', ordersSent: 2 });
    expect(finished.lastError).toMatch(/^expired with 2 of 5 unfilled \(3 filled\): no more liquidity: order \d+ filled 0 of 2 and was cancelled \(NO_LIQUIDITY\)$/);
  }, 30_000);

  it('a limit-style TWAP cancels a slice still resting when the next is due and carries its rest into it', async () => {
    // Nobody sells at 99 until told to: the slices rest at the cap (they are the bid themselves), 2 s apart.
    const trader = await newTrader(platform.url, { USD: '10000' });
    const maker = await newTrader(platform.url, { USD: '100', S14: '6' });
    const { algoOrder } = await trader.api.ok<{ algoOrder: AlgoOrderView }>('POST', '/api/v1/algo-orders', { json: { type: 'twap', symbol: 'S14', side: 'buy', qty: '6', durationMs: 6_000, slices: 3, style: 'limit', limitPrice: '99' } });
    expect(algoOrder).toMatchObject({ state: 'running', ordersSent: 1 });
    const children = async () => (await trader.api.orders({ symbol: 'S14' })).items.sort((a, b) => a.id - b.id).map((o) => [o.price, o.qty, o.status, o.filledQty]);
    // The second slice: the first one's 2 are cancelled and carried, 4 rest.
    await waitFor(trader, algoOrder.id, (o) => o.ordersSent === 2);
    expect(await children()).toEqual([
      ['99', '2', 'cancelled', '0'],
      ['99', '4', 'open', '0'],
    ]);
    await maker.api.placeOrder({ symbol: 'S14', side: 'sell', type: 'limit', qty: '3', price: '99' });
    // The last slice carries the 1 left and its own 2.
    await waitFor(trader, algoOrder.id, (o) => o.ordersSent === 3);
    expect(await children()).toEqual([
      ['99', '2', 'cancelled', '0'],
      ['99', '4', 'cancelled', '3'],
      ['99', '3', 'open', '0'],
    ]);
    await maker.api.placeOrder({ symbol: 'S14', side: 'sell', type: 'limit', qty: '3', price: '99' });
    const finished = await waitFor(trader, algoOrder.id, (o) => o.state !== 'running');
    expect(finished).toMatchObject({ state: 'done', filledQty: '6', remainingQty: '0', avgPrice: '99', ordersSent: 3, lastError: null });
    expect((await trader.api.fills({ symbol: 'S14' })).items.map((f) => [f.price, f.qty])).toEqual([['99', '3'], ['99', '3']]);
    expect(await trader.api.balance('S14')).toMatchObject({ available: '6' });
  }, 30_000);

  it('a limit-style TWAP whose last slice is not filled by the end plus the grace period expires saying how much is left', async () => {
    const trader = await newTrader(platform.url, { USD: '10000' });
    const maker = await newTrader(platform.url, { USD: '100', S13: '2' });
    // Slices 2 s apart: the maker's sell meets the first one even on a loaded machine.
    const { algoOrder } = await trader.api.ok<{ algoOrder: AlgoOrderView }>('POST', '/api/v1/algo-orders', { json: { type: 'twap', symbol: 'S13', side: 'buy', qty: '4', durationMs: 4_000, slices: 2, style: 'limit', limitPrice: '99', catchUp: { graceMs: 1_000 } } });
    await maker.api.placeOrder({ symbol: 'S13', side: 'sell', type: 'limit', qty: '1', price: '99' });
    const finished = await waitFor(trader, algoOrder.id, (o) => o.state !== 'running');
    expect(finished).toMatchObject({ state: 'expired', filledQty: '1', remainingQty: '3', ordersSent: 2 });
    expect(finished.lastError).toBe('expired with 3 of 4 unfilled (1 filled): limit slices rest at the touch within limitPrice 99 and were not filled in time');
    // The last slice carried the first one's rest (1) with its own 2, and was cancelled at the deadline
    // (the algo order shows it expired as it sends that cancel).
    const orders = async () => (await trader.api.orders({ symbol: 'S13' })).items.sort((a, b) => a.id - b.id).map((o) => [o.qty, o.status, o.filledQty]);
    await expect.poll(orders, { timeout: 5_000 }).toEqual([
      ['2', 'cancelled', '1'],
      ['3', 'cancelled', '0'],
    ]);
    expect(await trader.api.balance('USD')).toMatchObject({ held: '0' });
  }, 30_000);

  it('keeps the algo-<n>-<n> client order ids for its child orders: a client order named so is refused, others like it are not', async () => {
    const refused = await buyer.api.call('POST', '/api/v1/orders', { json: { symbol: 'S20', side: 'buy', type: 'limit', qty: '1', price: '99', clientOrderId: 'algo-1-1' } });
    expectError(refused, 400, 'INVALID_REQUEST');
    expect(refused.body).toMatchObject({ details: [{ path: 'clientOrderId', message: 'ids of the form algo-<n>-<n> are reserved for the child orders of algo orders' }] });
    for (const clientOrderId of ['algo-1', 'algo-x-1', 'my-algo-1-1']) {
      const placed = await buyer.api.call('POST', '/api/v1/orders', { json: { symbol: 'S20', side: 'buy', type: 'limit', qty: '1', price: '99', clientOrderId } });
      expect(placed.status, clientOrderId).toBe(201);
    }
    await buyer.api.cancelAll('S20');
  });

  it('cancels a running algo order and its working child order; another account sees none of it', async () => {
    const { algoOrder } = await buyer.api.ok<{ algoOrder: AlgoOrderView }>('POST', '/api/v1/algo-orders', { json: { type: 'iceberg', symbol: 'S20', side: 'buy', qty: '50', limitPrice: '90', displayQty: '5' } });
    expect(algoOrder.state).toBe('running');
    expectError(await seller.api.call('GET', `/api/v1/algo-orders/${algoOrder.id}`), 404, 'NOT_FOUND');
    expectError(await seller.api.call('DELETE', `/api/v1/algo-orders/${algoOrder.id}`), 404, 'NOT_FOUND');
    expect((await seller.api.ok<{ items: unknown[] }>('GET', '/api/v1/algo-orders')).items).toEqual([]);
    const cancelled = await buyer.api.ok<{ algoOrder: AlgoOrderView }>('DELETE', `/api/v1/algo-orders/${algoOrder.id}`);
    expect(cancelled.algoOrder.state).toBe('cancelled');
    expect(await buyer.api.balance('USD')).toMatchObject({ held: '0' });
  }, 30_000);

  it('ends as failed when its child order is refused, rather than running on until it expires', async () => {
    const poor = await newTrader(platform.url, { USD: '10' });
    const { algoOrder } = await poor.api.ok<{ algoOrder: AlgoOrderView }>('POST', '/api/v1/algo-orders', { json: { type: 'twap', symbol: 'S20', side: 'buy', qty: '100000', durationMs: 60_000, slices: 4 } });
    // The first slice is due at once, so the answer already shows the failure, ended.
    expect(algoOrder).toMatchObject({ state: 'failed', ordersSent: 0, filledQty: '0', remainingQty: '100000', avgPrice: null });
    expect(algoOrder.endedAt).toEqual(expect.any(Number));
    const ended = await waitFor(poor, algoOrder.id, (o) => o.state !== 'running');
    expect(ended).toMatchObject({ state: 'failed', ordersSent: 0 });
    expect(ended.lastError).toMatch(/^INSUFFICIENT_FUNDS/);
  }, 30_000);

  it('a peg started on a quiet book rests at the touch at once, with no quote change to wait for', async () => {
    const maker = await newTrader(platform.url, { USD: '1000', S17: '5' });
    await maker.api.placeOrder({ symbol: 'S17', side: 'buy', type: 'limit', qty: '1', price: '99.5' });
    await maker.api.placeOrder({ symbol: 'S17', side: 'sell', type: 'limit', qty: '1', price: '100.5' });
    const pegger = await newTrader(platform.url, { USD: '1000' });
    const { algoOrder } = await pegger.api.ok<{ algoOrder: AlgoOrderView }>('POST', '/api/v1/algo-orders', { json: { type: 'peg', symbol: 'S17', side: 'buy', qty: '2', improveTicks: 1 } });
    // Placed while starting: the answer counts the order, and it rests one tick above the bid.
    expect(algoOrder).toMatchObject({ state: 'running', ordersSent: 1 });
    const open = await pegger.api.orders({ symbol: 'S17', status: 'open' });
    expect(open.items.map((o) => [o.side, o.type, o.price, o.qty])).toEqual([['buy', 'limit', '99.51', '2']]);
    await pegger.api.ok('DELETE', `/api/v1/algo-orders/${algoOrder.id}`);
  }, 30_000);

  it('refuses bad algo orders with a clear 4xx and starts nothing', async () => {
    const post = (json: unknown) => buyer.api.call('POST', '/api/v1/algo-orders', { json });
    expectError(await post({ type: 'twap', symbol: 'S20', side: 'buy', qty: '8', durationMs: 10, slices: 4 }), 400);
    expectError(await post({ type: 'teleport', symbol: 'S20', side: 'buy', qty: '8' }), 400);
    expectError(await post({ type: 'iceberg', symbol: 'S20', side: 'buy', qty: '8', limitPrice: '90' }), 400);
    expectError(await post({ type: 'trailing_stop', symbol: 'S20', side: 'sell', qty: '1', trailAmount: '1', trailPercent: '2' }), 400);
    const unlisted = expectError(await post({ type: 'twap', symbol: 'NOPE', side: 'buy', qty: '8', durationMs: 2_000, slices: 4 }), 422, 'UNKNOWN_SYMBOL');
    expect(unlisted.details).toEqual([{ path: 'symbol', message: 'NOPE is not listed; GET /api/v1/instruments lists the symbols.' }]);
    expectError(await post({ type: 'twap', symbol: 'S20', side: 'buy', qty: '0.5', durationMs: 2_000, slices: 4 }), 400, 'INVALID_QUANTITY');
    expectError(await platform.api().call('POST', '/api/v1/algo-orders', { json: { type: 'twap', symbol: 'S20', side: 'buy', qty: '8', durationMs: 2_000, slices: 4 } }), 401, 'UNAUTHENTICATED');
  }, 30_000);

  it('refuses numbers its child orders could not carry before sending anything, with the code a plain order gets', async () => {
    const trader = await newTrader(platform.url, { USD: '100000', S20: '10' });
    const post = (json: unknown) => trader.api.call('POST', '/api/v1/algo-orders', { json });
    expectError(await post({ type: 'trailing_stop', symbol: 'S20', side: 'sell', qty: '1', trailPercent: '150' }), 400, 'INVALID_TRAIL');
    expectError(await post({ type: 'trailing_stop', symbol: 'S20', side: 'sell', qty: '1', trailAmount: '0.001' }), 400, 'INVALID_TRAIL');
    expectError(await post({ type: 'twap', symbol: 'S20', side: 'buy', qty: '8', limitPrice: '190.001', durationMs: 2_000, slices: 4 }), 400, 'INVALID_PRICE');
    expectError(await post({ type: 'iceberg', symbol: 'S20', side: 'buy', qty: '8', limitPrice: '90.005', displayQty: '2' }), 400, 'INVALID_PRICE');
    expectError(await post({ type: 'stop', symbol: 'S20', side: 'sell', qty: '1', stopPrice: '80.001' }), 400, 'INVALID_STOP_PRICE');
    expectError(await post({ type: 'peg', symbol: 'S20', side: 'buy', qty: '1.5' }), 400, 'INVALID_QUANTITY');
    const zeros = expectError(await post({ type: 'vwap', symbol: 'S20', side: 'buy', qty: '8', durationMs: 2_000, slices: 2, profile: [0, 0] }), 400, 'INVALID_ALGO_PARAMS');
    // The algorithm's refusal names its field, as every validation refusal does.
    expect(zeros).toMatchObject({ message: 'vwap: profile needs at least one positive weight', details: [{ path: 'profile', message: 'profile needs at least one positive weight' }] });
    const short = expectError(await post({ type: 'vwap', symbol: 'S20', side: 'buy', qty: '8', durationMs: 2_000, slices: 2, profile: [1, 2, 3] }), 400, 'INVALID_ALGO_PARAMS');
    expect(short.details).toEqual([{ path: 'profile', message: 'profile has 3 weights for 2 slices' }]);
    // Weights each in range whose sum is not: a clear 400, not a failure sizing the slices.
    const huge = expectError(await post({ type: 'vwap', symbol: 'S20', side: 'buy', qty: '8', durationMs: 2_000, slices: 2, profile: [1e308, 1e308] }), 400, 'INVALID_REQUEST');
    expect(huge.details).toEqual([{ path: 'profile', message: 'profile weights must add up to a finite number: scale them down' }]);
    expect((await trader.api.ok<{ items: unknown[] }>('GET', '/api/v1/algo-orders')).items).toEqual([]);
    expect((await trader.api.orders()).items).toEqual([]);
  }, 30_000);
});
