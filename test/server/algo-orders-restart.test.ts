// Algo orders across a restart, on SQLite and PostgreSQL: ended ones stay readable and listed a page at a time, ids never repeat, and running ones resume with their child orders left on the book.
import { it } from 'vitest';
import { AlgoOrdersRepo } from '../../src/store/index.ts';
import { encodeCursor } from '../../src/store/cursor.ts';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import type { Api } from '../support/http-client.ts';
import { rebind } from '../support/state.ts';
import { newTrader } from '../support/traders.ts';

interface AlgoOrderView {
  id: number;
  type: string;
  state: string;
  filledQty: string;
  remainingQty: string;
  avgPrice: string | null;
  ordersSent: number;
  openOrders: number[];
  lastError: string | null;
  createdAt: number;
  endedAt: number | null;
}

interface AlgoPage {
  items: AlgoOrderView[];
  nextCursor: string | null;
}

const algoOrder = async (api: Api, id: number) => (await api.ok<{ algoOrder: AlgoOrderView }>('GET', `/api/v1/algo-orders/${id}`)).algoOrder;
const start = async (api: Api, json: Record<string, unknown>) => (await api.ok<{ algoOrder: AlgoOrderView }>('POST', '/api/v1/algo-orders', { json })).algoOrder;

async function waitFor(api: Api, id: number, done: (order: AlgoOrderView) => boolean): Promise<AlgoOrderView> {
  for (let i = 0; i < 600; i++) {
    const order = await algoOrder(api, id);
    if (done(order)) return order;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`algo order ${id} did not get there`);
}

/** A trader with cash to buy S07, and a seller resting 100 at 100 for it to buy from. */
async function buyerOfRestingS07(url: string) {
  const buyer = await newTrader(url, { USD: '10000' });
  const seller = await newTrader(url, { S07: '100' });
  await seller.api.placeOrder({ symbol: 'S07', side: 'sell', type: 'limit', qty: '100', price: '100' });
  return buyer;
}

describeEachBackend('algo orders across a restart', ({ platform }) => {
  it('ended algo orders stay readable and listed, newest first a page at a time, and ids are never handed out again', async ({ expect }) => {
    const trader = await newTrader(platform().url, { USD: '10000' });
    const ids: number[] = [];
    for (const price of ['90', '91', '92']) {
      const { id } = await start(trader.api, { type: 'iceberg', symbol: 'S05', side: 'buy', qty: '4', limitPrice: price, displayQty: '2' });
      await trader.api.ok('DELETE', `/api/v1/algo-orders/${id}`);
      ids.push(id);
    }
    const ended = await Promise.all(ids.map((id) => algoOrder(trader.api, id)));
    expect(ended.map((o) => [o.state, o.filledQty, o.remainingQty, o.ordersSent, o.openOrders])).toEqual(ids.map(() => ['cancelled', '0', '4', 1, []]));
    const first = await trader.api.ok<AlgoPage>('GET', '/api/v1/algo-orders?limit=2');
    expect(first.items.map((o) => o.id)).toEqual([ids[2], ids[1]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    // A cursor reads back only on the list and account it was handed out for.
    const other = await newTrader(platform().url, { USD: '100' });
    expectErrorWith(expect, await other.api.call('GET', `/api/v1/algo-orders?cursor=${first.nextCursor!}`), 400, 'INVALID_CURSOR');
    expectErrorWith(expect, await other.api.call('GET', `/api/v1/algo-orders/${ids[0]!}`), 404, 'NOT_FOUND');
    // A well-formed cursor past the largest id the store holds is refused, never a database error.
    const pastIds = encodeCursor(3_000_000_000, JSON.stringify(['/api/v1/algo-orders', trader.user.accountId, [], []]));
    expectErrorWith(expect, await trader.api.call('GET', `/api/v1/algo-orders?cursor=${pastIds}`), 400, 'INVALID_CURSOR');

    await platform().restart();
    const api = rebind(trader.api, platform().url);
    expect(await Promise.all(ids.map((id) => algoOrder(api, id)))).toEqual(ended);
    const again = await api.ok<AlgoPage>('GET', '/api/v1/algo-orders?limit=2');
    expect(again).toEqual(first);
    const rest = await api.ok<AlgoPage>('GET', `/api/v1/algo-orders?limit=2&cursor=${again.nextCursor!}`);
    expect(rest).toEqual({ items: [ended[0]], nextCursor: null });
    // DELETE of an ended one answers it as it ended.
    expect((await api.ok<{ algoOrder: AlgoOrderView }>('DELETE', `/api/v1/algo-orders/${ids[1]!}`)).algoOrder).toEqual(ended[1]);
    const missing = expectErrorWith(expect, await api.call('GET', '/api/v1/algo-orders/999999'), 404, 'NOT_FOUND');
    expect(missing.message).toBe('You have no algo order with that id.');
    // Ids go on from where they were.
    const next = await start(api, { type: 'iceberg', symbol: 'S05', side: 'buy', qty: '4', limitPrice: '90', displayQty: '2' });
    expect(next.id).toBeGreaterThan(Math.max(...ids));
    await api.ok('DELETE', `/api/v1/algo-orders/${next.id}`);
  }, 60_000);

  it('a running iceberg keeps its resting clip through the restart and works on: the clip is not cancelled, and the next one follows its fill', async ({ expect }) => {
    const buyer = await newTrader(platform().url, { USD: '10000' });
    const seller = await newTrader(platform().url, { S06: '10' });
    const started = await start(buyer.api, { type: 'iceberg', symbol: 'S06', side: 'buy', qty: '6', limitPrice: '95', displayQty: '2' });
    const [clip] = started.openOrders;
    expect(started).toMatchObject({ state: 'running', ordersSent: 1, openOrders: [clip] });
    await seller.api.placeOrder({ symbol: 'S06', side: 'sell', type: 'limit', qty: '1', price: '95' });
    const before = await waitFor(buyer.api, started.id, (o) => o.filledQty === '1');

    await platform().restart();
    const url = platform().url;
    const [b, s] = [rebind(buyer.api, url), rebind(seller.api, url)];
    // The shutdown left the clip on the book: open, not cancelled on anyone's behalf.
    expect(await b.order(clip!)).toMatchObject({ status: 'partially_filled', filledQty: '1', leavesQty: '1', reason: null });
    expect(await algoOrder(b, started.id)).toEqual(before);
    expect(before).toMatchObject({ state: 'running', filledQty: '1', remainingQty: '5', ordersSent: 1, openOrders: [clip], endedAt: null });

    // The resumed iceberg hears the clip's fill and sends the next clip, until all 6 are bought.
    await s.placeOrder({ symbol: 'S06', side: 'sell', type: 'limit', qty: '1', price: '95' });
    const second = await waitFor(b, started.id, (o) => o.ordersSent === 2);
    expect(second).toMatchObject({ state: 'running', filledQty: '2' });
    expect(second.openOrders).toHaveLength(1);
    expect(second.openOrders[0]).toBeGreaterThan(clip!);
    await s.placeOrder({ symbol: 'S06', side: 'sell', type: 'limit', qty: '4', price: '95' });
    const done = await waitFor(b, started.id, (o) => o.state !== 'running');
    expect(done).toMatchObject({ state: 'done', filledQty: '6', remainingQty: '0', avgPrice: '95', ordersSent: 3, openOrders: [], lastError: null });
    expect((await b.fills({ symbol: 'S06' })).items.reduce((sum, f) => sum + Number(f.qty), 0)).toBe(6);
  }, 60_000);

  it('a child sent just before a crash, which the algo order had not recorded, is found by its name at the start: it is taken back, and numbering goes on after it', async ({ expect }) => {
    const buyer = await newTrader(platform().url, { USD: '10000' });
    const seller = await newTrader(platform().url, { S06: '10' });
    const started = await start(buyer.api, { type: 'iceberg', symbol: 'S06', side: 'buy', qty: '6', limitPrice: '94', displayQty: '2' });
    const [first] = started.openOrders;
    await seller.api.placeOrder({ symbol: 'S06', side: 'sell', type: 'limit', qty: '2', price: '94' });
    const [second] = (await waitFor(buyer.api, started.id, (o) => o.ordersSent === 2)).openOrders;
    expect(await buyer.api.order(first!)).toMatchObject({ clientOrderId: `algo-${started.id}-1`, status: 'filled' });
    expect(await buyer.api.order(second!)).toMatchObject({ clientOrderId: `algo-${started.id}-2`, status: 'open' });
    await platform().close();
    // As a kill -9 between journaling the second clip and writing the algo order's row leaves it: the row knows of the first clip only.
    const store = await platform().openStoreWhileClosed();
    await new AlgoOrdersRepo(store.db).update(started.id, { state: 'running', filledLots: 2, filledNotional: 188_00, ordersSent: 1, childOrderIds: [first!], openOrderIds: [], lastError: null, endedAt: null });
    await store.close();
    await platform().open();
    const url = platform().url;
    const [b, s] = [rebind(buyer.api, url), rebind(seller.api, url)];
    expect(await algoOrder(b, started.id)).toMatchObject({ state: 'running', filledQty: '2', ordersSent: 2, openOrders: [second] });
    expect((await b.orders({ symbol: 'S06', status: 'open' })).items.map((o) => o.id)).toEqual([second]);
    // It works on from there: the next clip is the third child, and all 6 are bought, no more.
    await s.placeOrder({ symbol: 'S06', side: 'sell', type: 'limit', qty: '8', price: '94' });
    const done = await waitFor(b, started.id, (o) => o.state !== 'running');
    expect(done).toMatchObject({ state: 'done', filledQty: '6', ordersSent: 3, openOrders: [] });
    expect((await b.call<{ order: { status: string } }>('GET', `/api/v1/orders/by-client-id/algo-${started.id}-3`)).body.order.status).toBe('filled');
    expect((await b.fills({ symbol: 'S06' })).items.reduce((sum, f) => sum + Number(f.qty), 0)).toBe(6);
  }, 60_000);

  it('a running peg and a running stop take their orders back after the restart: the peg moves its own order, the stop fills when it triggers', async ({ expect }) => {
    const maker = await newTrader(platform().url, { USD: '10000', S08: '10' });
    const trader = await newTrader(platform().url, { USD: '10000', S09: '5' });
    const hitter = await newTrader(platform().url, { S09: '5' });
    await maker.api.placeOrder({ symbol: 'S09', side: 'buy', type: 'limit', qty: '2', price: '94' });
    await maker.api.placeOrder({ symbol: 'S08', side: 'buy', type: 'limit', qty: '1', price: '98' });
    await maker.api.placeOrder({ symbol: 'S08', side: 'sell', type: 'limit', qty: '1', price: '102' });
    const peg = await start(trader.api, { type: 'peg', symbol: 'S08', side: 'buy', qty: '2' });
    const stop = await start(trader.api, { type: 'stop', symbol: 'S09', side: 'sell', qty: '1', stopPrice: '95' });
    const [pegOrder] = peg.openOrders;
    const [stopOrder] = stop.openOrders;
    expect(await trader.api.order(pegOrder!)).toMatchObject({ price: '98', status: 'open' });

    await platform().restart();
    const url = platform().url;
    const [t, m, h] = [rebind(trader.api, url), rebind(maker.api, url), rebind(hitter.api, url)];
    expect(await algoOrder(t, peg.id)).toMatchObject({ state: 'running', ordersSent: 1, openOrders: [pegOrder] });
    expect(await algoOrder(t, stop.id)).toMatchObject({ state: 'running', ordersSent: 1, openOrders: [stopOrder] });
    // A better bid: the resumed peg moves the order it had before the restart (a replace keeps the id) rather than sending another.
    await m.placeOrder({ symbol: 'S08', side: 'buy', type: 'limit', qty: '1', price: '99' });
    for (let i = 0; i < 200 && (await t.order(pegOrder!)).price !== '99'; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await t.order(pegOrder!)).toMatchObject({ price: '99', status: 'open' });
    expect(await algoOrder(t, peg.id)).toMatchObject({ state: 'running', ordersSent: 1, openOrders: [pegOrder] });
    // A trade at 94 triggers the stop sent before the restart; it sells into the bid left, and the stop algo order is done.
    await h.placeOrder({ symbol: 'S09', side: 'sell', type: 'limit', qty: '1', price: '94' });
    const stopped = await waitFor(t, stop.id, (o) => o.state !== 'running');
    expect(stopped).toMatchObject({ state: 'done', filledQty: '1', ordersSent: 1, openOrders: [] });
    await t.ok('DELETE', `/api/v1/algo-orders/${peg.id}`);
    expect(await t.order(pegOrder!)).toMatchObject({ status: 'cancelled' });
  }, 60_000);

  it('a running TWAP resumes with what is left on its own schedule: the slices due after the restart go out at their times', async ({ expect }) => {
    const buyer = await buyerOfRestingS07(platform().url);
    // Slices at 0, 5 and 10 s.
    const started = await start(buyer.api, { type: 'twap', symbol: 'S07', side: 'buy', qty: '6', durationMs: 15_000, slices: 3 });
    const before = await waitFor(buyer.api, started.id, (o) => o.filledQty === '2');
    expect(before).toMatchObject({ state: 'running', ordersSent: 1 });

    await platform().restart();
    const b = rebind(buyer.api, platform().url);
    expect(await algoOrder(b, started.id)).toMatchObject({ state: 'running', filledQty: '2', remainingQty: '4', ordersSent: 1 });
    const done = await waitFor(b, started.id, (o) => o.state !== 'running');
    expect(done).toMatchObject({ state: 'done', filledQty: '6', remainingQty: '0', avgPrice: '100', ordersSent: 3, lastError: null });
    const fills = (await b.fills({ symbol: 'S07' })).items.sort((x, y) => x.ts - y.ts);
    expect(fills.map((f) => f.qty)).toEqual(['2', '2', '2']);
    // The plan is the one made at the start, not a new one from the restart: each slice at its own time.
    expect(fills[1]!.ts).toBeGreaterThanOrEqual(started.createdAt + 5_000);
    expect(fills[2]!.ts).toBeGreaterThanOrEqual(started.createdAt + 10_000);
  }, 60_000);

  it('a limit-style TWAP hears the end of the slice it rested before the restart, and rests the next ones at the touch', async ({ expect }) => {
    const maker = await newTrader(platform().url, { USD: '10000', S11: '10' });
    const buyer = await newTrader(platform().url, { USD: '10000' });
    const seller = await newTrader(platform().url, { S11: '10' });
    await maker.api.placeOrder({ symbol: 'S11', side: 'buy', type: 'limit', qty: '1', price: '98' });
    await maker.api.placeOrder({ symbol: 'S11', side: 'sell', type: 'limit', qty: '1', price: '102' });
    // Slices at 0 and 4 s, each resting at the bid (98).
    const started = await start(buyer.api, { type: 'twap', symbol: 'S11', side: 'buy', qty: '4', durationMs: 8_000, slices: 2, style: 'limit', limitPrice: '100' });
    const [rested] = started.openOrders;
    expect(await buyer.api.order(rested!)).toMatchObject({ qty: '2', price: '98', status: 'open' });

    await platform().restart();
    const url = platform().url;
    const [b, s] = [rebind(buyer.api, url), rebind(seller.api, url)];
    // The slice due again at the start moves the rest to the touch: the old child's cancel is heard, and a new one rests.
    const moved = await waitFor(b, started.id, (o) => o.openOrders.length === 1 && o.openOrders[0] !== rested);
    expect(await b.order(moved.openOrders[0]!)).toMatchObject({ qty: '2', price: '98', status: 'open' });
    expect(await b.order(rested!)).toMatchObject({ status: 'cancelled', filledQty: '0' });
    // The second slice brings the working quantity up to 4, which a seller then fills.
    const second = await waitFor(b, started.id, (o) => o.openOrders.length === 1 && o.remainingQty === '4' && o.openOrders[0] !== moved.openOrders[0]);
    expect(await b.order(second.openOrders[0]!)).toMatchObject({ qty: '4', price: '98', status: 'open' });
    await s.placeOrder({ symbol: 'S11', side: 'sell', type: 'limit', qty: '5', price: '98' });
    const done = await waitFor(b, started.id, (o) => o.state !== 'running');
    expect(done).toMatchObject({ state: 'done', filledQty: '4', openOrders: [], lastError: null });
  }, 60_000);

  it('a TWAP whose deadline passed while the platform was down expires at the start with what it filled, and sends nothing more', async ({ expect }) => {
    const buyer = await buyerOfRestingS07(platform().url);
    // Slices at 0, 1 and 2 s; the catch-up grace of one slice interval ends it 4 s after the start.
    const started = await start(buyer.api, { type: 'twap', symbol: 'S07', side: 'buy', qty: '6', durationMs: 3_000, slices: 3 });
    await waitFor(buyer.api, started.id, (o) => o.filledQty === '2');
    await platform().close();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started.createdAt + 4_500 - Date.now())));
    await platform().open();
    const b = rebind(buyer.api, platform().url);
    const ended = await algoOrder(b, started.id);
    expect(ended).toMatchObject({ state: 'expired', filledQty: '2', remainingQty: '4', ordersSent: 1, openOrders: [] });
    expect(ended.lastError).toBe('expired with 4 of 6 unfilled (2 filled): it was stopped until after its deadline');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await b.fills({ symbol: 'S07' })).items.map((f) => f.qty)).toEqual(['2']);
  }, 60_000);
});
