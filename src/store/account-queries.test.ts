// Tests for the API's account-scoped queries (orders, fills, ledger) and the trade tape, on both dialects.
import { beforeAll, expect, it } from 'vitest';
import { Engine } from '../engine/engine.ts';
import { A, ACME, B, BTC_USD, C, D, setupMarket, T0 } from '../engine/test-support.ts';
import { parseCursor, type Cursor, type Page } from './cursor.ts';
import { CLOSED_STATUSES, OPEN_STATUSES } from './schema.ts';
import { describeEachDialect } from './test-support.ts';

/** Follows nextCursor to the end, checking every cursor parses; returns every item in page order. */
async function allPages<T>(fetch: (cursor: Cursor | undefined) => Promise<Page<T>>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: Cursor | undefined;
  for (let pages = 1; ; pages++) {
    const page = await fetch(cursor);
    items.push(...page.items);
    if (page.nextCursor === null) return { items, pages };
    cursor = parseCursor(page.nextCursor);
    expect(cursor).toBeDefined();
  }
}

const descending = (ids: readonly number[]) => ids.every((id, i) => i === 0 || id < ids[i - 1]!);
const ascending = (ids: readonly number[]) => ids.every((id, i) => i === 0 || id > ids[i - 1]!);

describeEachDialect('account queries', (suite) => {
  beforeAll(async () => {
    // A bids 30 times; B hits every other bid; C quotes BTC; A cancels a few; D only deposits.
    const m = setupMarket(new Engine());
    for (let i = 0; i < 30; i++) {
      m.limit(A, 'buy', 1, 9950, { clientOrderId: `a-${i}` });
      if (i % 2 === 0) m.limit(B, 'sell', 1, 9950, { clientOrderId: `b-${i}` });
    }
    for (let i = 0; i < 5; i++) m.limit(C, 'buy', 1, 29_000 + i, { symbol: BTC_USD });
    for (const order of m.engine.liveOrders(A).slice(0, 3)) m.cancel(A, order.id);
    await suite.store().projector.apply(m.events);
  });

  const ordersOf = async (accountId: number) =>
    (await suite.store().db.selectFrom('orders').select('id').where('accountId', '=', accountId).orderBy('id', 'desc').execute()).map((row) => row.id);

  it('pages through orders newest first with no duplicates or gaps', async () => {
    const orders = suite.store().orders;
    const { items, pages } = await allPages((cursor) => orders.list(A, { limit: 7, cursor }));
    expect(pages).toBe(5);
    const ids = items.map((order) => order.id);
    expect(descending(ids)).toBe(true);
    expect(ids).toEqual(await ordersOf(A));
    expect(ids.length).toBe(30);
  });

  it('filters orders by status group, symbol, side and creation time', async () => {
    const orders = suite.store().orders;
    const open = (await orders.list(A, { status: 'open', limit: 500 })).items;
    const closed = (await orders.list(A, { status: 'closed', limit: 500 })).items;
    expect(open.every((order) => OPEN_STATUSES.includes(order.status))).toBe(true);
    expect(closed.every((order) => CLOSED_STATUSES.includes(order.status))).toBe(true);
    expect([...open, ...closed].map((order) => order.id).sort((a, b) => a - b)).toEqual((await ordersOf(A)).sort((a, b) => a - b));
    expect(open.length).toBe(12);
    expect(closed.filter((order) => order.status === 'cancelled').length).toBe(3);

    expect((await orders.list(C, { symbol: BTC_USD })).items.length).toBe(5);
    expect((await orders.list(C, { symbol: ACME })).items.length).toBe(0);
    expect((await orders.list(A, { side: 'sell' })).items.length).toBe(0);
    expect((await orders.list(B, { side: 'sell' })).items.length).toBe(15);

    const all = (await orders.list(A, { limit: 500 })).items;
    const from = all[20]!.createdAt;
    const to = all[5]!.createdAt;
    const window = (await orders.list(A, { from, to, limit: 500 })).items;
    expect(window.length).toBe(15);
    expect(window.every((order) => order.createdAt >= from && order.createdAt < to)).toBe(true);
  });

  it('never returns another account\'s orders, fills or ledger rows', async () => {
    const store = suite.store();
    for (const id of await ordersOf(B)) expect(await store.orders.byId(A, id)).toBeUndefined();
    expect(await store.orders.byClientOrderId(A, 'b-0')).toBeUndefined();
    expect(await store.orders.byClientOrderId(B, 'b-0')).toMatchObject({ accountId: B, clientOrderId: 'b-0', status: 'filled', postOnly: false });
    expect(await store.orders.byClientOrderId(A, 'a-0')).toMatchObject({ accountId: A, status: 'filled' });
    for (const accountId of [A, B, C, D]) {
      expect((await store.orders.list(accountId, { limit: 500 })).items.every((row) => row.accountId === accountId)).toBe(true);
      expect((await store.fills.list(accountId, { limit: 500 })).items.every((row) => row.accountId === accountId)).toBe(true);
      expect((await store.ledger.list(accountId, { limit: 500 })).items.every((row) => row.accountId === accountId)).toBe(true);
    }
    expect((await store.orders.list(D)).items).toEqual([]);
    expect((await store.fills.list(D)).items).toEqual([]);
    expect((await store.orders.list(999)).items).toEqual([]);
  });

  it('pages through fills and filters them by order and symbol', async () => {
    const store = suite.store();
    const { items } = await allPages((cursor) => store.fills.list(A, { limit: 4, cursor }));
    expect(items.length).toBe(15);
    expect(descending(items.map((fill) => fill.id))).toBe(true);
    expect(new Set(items.map((fill) => fill.id)).size).toBe(15);
    const first = items.at(-1)!;
    expect(first).toMatchObject({ accountId: A, symbol: ACME, side: 'buy', liquidity: 'maker', price: 9950, qty: 1, ts: expect.any(Number) as number });
    expect((await store.fills.list(A, { orderId: first.orderId })).items).toEqual([first]);
    expect((await store.fills.list(B, { orderId: first.orderId })).items).toEqual([]);
    expect((await store.fills.list(A, { symbol: BTC_USD })).items).toEqual([]);
  });

  it('pages through the ledger and filters it by asset', async () => {
    const store = suite.store();
    const all = (await store.db.selectFrom('ledger').select('seq').where('accountId', '=', A).where('asset', '=', 'USD').orderBy('seq', 'desc').execute()).map((row) => row.seq);
    const { items } = await allPages((cursor) => store.ledger.list(A, { asset: 'USD', limit: 9, cursor }));
    expect(items.map((entry) => entry.seq)).toEqual(all);
    expect(items.every((entry) => entry.asset === 'USD')).toBe(true);
    const oldest = items.at(-1)!;
    expect(oldest).toMatchObject({ reason: 'deposit', refId: 0, deltaAvailable: oldest.available, deltaHeld: 0, held: 0, memo: null });
    expect(oldest.ts).toBeGreaterThanOrEqual(T0);
    expect(items[0]!.ts).toBeGreaterThan(oldest.ts);
  });

  it('serves the tape: recent trades and trades over a time range', async () => {
    const trades = suite.store().trades;
    const recent = await trades.recent(ACME, 5);
    expect(recent.length).toBe(5);
    expect(descending(recent.map((trade) => trade.tradeId))).toBe(true);
    expect(recent.every((trade) => trade.takerSide === 'sell' && trade.price === 9950 && trade.qty === 1)).toBe(true);
    const { items, pages } = await allPages((cursor) => trades.inRange(ACME, { limit: 4, cursor }));
    expect(pages).toBe(4);
    expect(items.length).toBe(15);
    expect(ascending(items.map((trade) => trade.tradeId))).toBe(true);
    expect(items.slice(-5).reverse()).toEqual(recent);
    const from = items[3]!.ts;
    const to = items[9]!.ts;
    expect((await trades.inRange(ACME, { from, to })).items).toEqual(items.slice(3, 9));
    expect(await trades.recent(BTC_USD)).toEqual([]);
    expect(await trades.since(from)).toEqual(items.slice(3));
    expect(await trades.since(from, 2)).toEqual(items.slice(3, 5));
  });
});
