// Algo orders whose child orders the engine would refuse (band, minimum and maximum quantity, lots and ticks) are refused whole, up front, with a plain order's codes; a bad number gets a plain order's refusal of it, at the algo's field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../support/expect-error.ts';
import { TestPlatform, TIGHT_MARKETS } from '../support/platform.ts';
import { newTrader, type Trader } from '../support/traders.ts';

let platform: TestPlatform;
let trader: Trader;

beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TIGHT_MARKETS });
  trader = await newTrader(platform.url, { USD: '100000', T1: '500' });
}, 60_000);

afterAll(async () => {
  await platform?.dispose();
});

const base = { symbol: 'T1', side: 'buy' } as const;
const schedule = { durationMs: 60_000 } as const;

function post(json: unknown) {
  return trader.api.call('POST', '/api/v1/algo-orders', { json });
}

async function expectNothingSent(): Promise<void> {
  expect((await trader.api.ok<{ items: unknown[] }>('GET', '/api/v1/algo-orders')).items).toEqual([]);
  expect((await trader.api.orders()).items).toEqual([]);
}

describe('algo order bounds (T1: tick 0.05, lot 10, 20 to 100 an order, band 95 to 105)', () => {
  it('refuses a TWAP or VWAP whose largest or smallest slice is out of bounds, naming the slice', async () => {
    // 1000 in 4 slices is 250 a slice.
    const big = expectError(await post({ type: 'twap', ...base, qty: '1000', slices: 4, ...schedule }), 422, 'QUANTITY_ABOVE_MAX');
    expect(big.message).toMatch(/^A slice of 250 would be refused: /);
    expect(big.details).toEqual({ child: 'slice', qty: '250', price: null });
    // 210 in 2 slices is 110 and 100: the larger one is too large.
    expectError(await post({ type: 'twap', ...base, qty: '210', slices: 2, ...schedule }), 422, 'QUANTITY_ABOVE_MAX');
    // 100 in 10 slices is 10 a slice; 30 in 2 is 20 and 10: the smaller one is too small.
    expectError(await post({ type: 'twap', ...base, qty: '100', slices: 10, ...schedule }), 422, 'QUANTITY_BELOW_MIN');
    const small = expectError(await post({ type: 'twap', ...base, qty: '30', slices: 2, ...schedule }), 422, 'QUANTITY_BELOW_MIN');
    expect(small.message).toMatch(/^A slice of 10 would be refused: /);
    // A profile of 1:9 over 100 makes a slice of 10.
    expectError(await post({ type: 'vwap', ...base, qty: '100', slices: 2, profile: [1, 9], ...schedule }), 422, 'QUANTITY_BELOW_MIN');
    await expectNothingSent();
  }, 30_000);

  it('refuses a price its children would carry outside the band, and numbers off the lot or tick grid', async () => {
    const band = expectError(await post({ type: 'twap', ...base, qty: '40', slices: 2, limitPrice: '110', ...schedule }), 422, 'PRICE_OUT_OF_BAND');
    expect(band.details).toEqual({ child: 'slice', qty: '20', price: '110' });
    expectError(await post({ type: 'iceberg', ...base, qty: '100', limitPrice: '90', displayQty: '50' }), 422, 'PRICE_OUT_OF_BAND');
    // A peg buy capped below the band would rest at its cap; a stop-limit's price is banded around its stop.
    expectError(await post({ type: 'peg', ...base, qty: '20', limitPrice: '90' }), 422, 'PRICE_OUT_OF_BAND');
    expectError(await post({ type: 'stop', symbol: 'T1', side: 'sell', qty: '20', stopPrice: '100', limitPrice: '110' }), 422, 'PRICE_OUT_OF_BAND');
    expectError(await post({ type: 'iceberg', ...base, qty: '100', limitPrice: '99.97', displayQty: '50' }), 400, 'INVALID_PRICE');
    expectError(await post({ type: 'twap', ...base, qty: '55', slices: 1, ...schedule }), 400, 'INVALID_QUANTITY');
    await expectNothingSent();
  }, 30_000);

  it('refuses a single-order algo whose quantity is out of bounds', async () => {
    expectError(await post({ type: 'peg', ...base, qty: '200' }), 422, 'QUANTITY_ABOVE_MAX');
    const stop = expectError(await post({ type: 'stop', symbol: 'T1', side: 'sell', qty: '10', stopPrice: '98' }), 422, 'QUANTITY_BELOW_MIN');
    expect(stop.message).toMatch(/^The stop order of 10 would be refused: /);
    expectError(await post({ type: 'trailing_stop', symbol: 'T1', side: 'sell', qty: '110', trailAmount: '1' }), 422, 'QUANTITY_ABOVE_MAX');
    await expectNothingSent();
  }, 30_000);

  it('takes only a whole-lot display quantity, and refuses a clip out of bounds, the last clip included', async () => {
    const lots = expectError(await post({ type: 'iceberg', ...base, qty: '100', limitPrice: '99', displayQty: '15' }), 400, 'INVALID_QUANTITY');
    expect(lots.message).toBe('displayQty must be a multiple of 10');
    expectError(await post({ type: 'iceberg', ...base, qty: '500', limitPrice: '99', displayQty: '200' }), 422, 'QUANTITY_ABOVE_MAX');
    expectError(await post({ type: 'iceberg', ...base, qty: '100', limitPrice: '99', displayQty: '10' }), 422, 'QUANTITY_BELOW_MIN');
    // 510 in clips of 50 leaves a last clip of 10.
    const last = expectError(await post({ type: 'iceberg', ...base, qty: '510', limitPrice: '99', displayQty: '50' }), 422, 'QUANTITY_BELOW_MIN');
    expect(last.details).toEqual({ child: 'clip', qty: '10', price: '99' });
    await expectNothingSent();
  }, 30_000);

  it('refuses a bad quantity or price with the code, message and details a plain order gets, at the algo field', async () => {
    const refusal = async (path: string, json: unknown) => {
      const reply = await trader.api.call('POST', path, { json });
      return { status: reply.status, body: reply.body };
    };
    const order = { symbol: 'T1', side: 'buy', type: 'limit', qty: '20', price: '99' } as const;
    /** The plain order's refusal of `value` in `field`, told of the algo's field instead. */
    const asPlainOrder = async (field: 'qty' | 'price', value: unknown, algoField: string) => {
      const plain = await refusal('/api/v1/orders', { ...order, [field]: value });
      const body = plain.body as { code: string; message: string; details: Array<{ path: string; message: string }> };
      const message = body.message.replace(new RegExp(`^${field}\\b`), algoField);
      expect(body.details).toEqual([{ path: field, message: body.message }]);
      return { status: plain.status, body: { code: body.code, message, details: [{ path: algoField, message }] } };
    };
    for (const qty of ['-1', -1, '0', 0, '15', 15, 'ten', 1e-7, '1e3', ' 10', '010']) {
      expect(await refusal('/api/v1/algo-orders', { type: 'twap', ...base, qty, slices: 1, ...schedule }), `qty ${String(qty)}`).toEqual(await asPlainOrder('qty', qty, 'qty'));
      expect(await refusal('/api/v1/algo-orders', { type: 'iceberg', ...base, qty: '100', limitPrice: '99', displayQty: qty }), `displayQty ${String(qty)}`).toEqual(await asPlainOrder('qty', qty, 'displayQty'));
    }
    for (const price of ['-1', -1, '0', '99.97', 99.97]) {
      expect(await refusal('/api/v1/algo-orders', { type: 'iceberg', ...base, qty: '100', limitPrice: price, displayQty: '50' }), `limitPrice ${String(price)}`).toEqual(await asPlainOrder('price', price, 'limitPrice'));
    }
    const negative = expectError(await post({ type: 'twap', ...base, qty: -1, slices: 1, ...schedule }), 400, 'INVALID_QUANTITY');
    expect(negative).toEqual({ code: 'INVALID_QUANTITY', message: 'qty must be positive (more than 0)', details: [{ path: 'qty', message: 'qty must be positive (more than 0)' }] });
    const offLot = expectError(await post({ type: 'peg', ...base, qty: '25' }), 400, 'INVALID_QUANTITY');
    expect(offLot.details).toEqual([{ path: 'qty', message: 'qty must be a multiple of 10' }]);
    // A stop's trigger and a trailing stop's distance are a plain stop or trailing_stop order's fields, with their codes.
    const stop = { symbol: 'T1', side: 'sell', qty: '20' } as const;
    expect(await refusal('/api/v1/algo-orders', { type: 'stop', ...stop, stopPrice: '-1' })).toEqual(await refusal('/api/v1/orders', { ...stop, type: 'stop', stopPrice: '-1' }));
    expect(await refusal('/api/v1/algo-orders', { type: 'trailing_stop', ...stop, trailAmount: 0.01 })).toEqual(await refusal('/api/v1/orders', { ...stop, type: 'trailing_stop', trailAmount: 0.01 }));
    // Neither a string nor a number: the request's own refusal, as for a plain order.
    const notDecimal = expectError(await post({ type: 'twap', ...base, qty: true, slices: 1, ...schedule }), 400, 'INVALID_REQUEST');
    expect(notDecimal).toEqual((await refusal('/api/v1/orders', { ...order, qty: true })).body);
    expect(notDecimal.details).toEqual([{ path: 'qty', message: 'qty must be a decimal string such as "10.5" (a JSON number is accepted too)' }]);
    await expectNothingSent();
  }, 30_000);

  it('refuses a type that is no algorithm with 400 INVALID_REQUEST listing the types, as a plain order’s type is', async () => {
    const types = 'type must be one of "twap", "vwap", "peg", "iceberg", "stop", "trailing_stop"';
    for (const type of ['nope', 'TWAP', '', 5, null]) {
      const error = expectError(await post({ type, ...base, qty: '20' }), 400, 'INVALID_REQUEST');
      expect(error, String(type)).toEqual({ code: 'INVALID_REQUEST', message: `The body is invalid: ${types}`, details: [{ path: 'type', message: types }] });
    }
    const missing = expectError(await post({ ...base, qty: '20' }), 400, 'INVALID_REQUEST');
    expect(missing.details).toEqual([{ path: 'type', message: 'type is required' }]);
    const plain = expectError(await trader.api.call('POST', '/api/v1/orders', { json: { ...base, type: 'nope', qty: '20', price: '100' } }), 400, 'INVALID_REQUEST');
    expect(plain.details).toEqual([{ path: 'type', message: 'type must be one of "limit", "market", "stop", "stop_limit", "trailing_stop"' }]);
    await expectNothingSent();
  });

  it('takes JSON numbers as a plain order does, and shows them as decimal strings', async () => {
    const reply = await trader.api.ok<{ algoOrder: { id: number; spec: Record<string, unknown> } }>('POST', '/api/v1/algo-orders', { json: { type: 'iceberg', ...base, qty: 250, limitPrice: 99.5, displayQty: 100 } });
    expect(reply.algoOrder.spec).toMatchObject({ qty: '250', limitPrice: '99.5', displayQty: '100' });
    expect((await trader.api.orders()).items.map((o) => [o.qty, o.price])).toEqual([['100', '99.5']]);
    await trader.api.ok('DELETE', `/api/v1/algo-orders/${reply.algoOrder.id}`);
  }, 30_000);

  it('starts algo orders whose every child fits, including a peg capped above the band, which rests at the touch', async () => {
    const started: number[] = [];
    for (const json of [
      { type: 'iceberg', ...base, qty: '250', limitPrice: '99', displayQty: '100' },
      { type: 'twap', ...base, qty: '250', slices: 3, limitPrice: '99', ...schedule },
      { type: 'peg', ...base, qty: '20', limitPrice: '120' },
    ]) {
      const reply = await trader.api.ok<{ algoOrder: { id: number; state: string } }>('POST', '/api/v1/algo-orders', { json });
      expect(reply.algoOrder.state).toBe('running');
      started.push(reply.algoOrder.id);
    }
    // The iceberg's first clip and the TWAP's first IOC slice (25 lots in 3 slices: 8, 9, 8) went to the book as ordinary orders.
    const sent = (await trader.api.orders({ status: 'all' })).items.map((o) => [o.type, o.qty, o.price]);
    expect(sent).toEqual(expect.arrayContaining([['limit', '100', '99'], ['limit', '80', '99']]));
    for (const id of started) await trader.api.ok('DELETE', `/api/v1/algo-orders/${id}`);
  }, 30_000);
});
