// Authorization across users, on SQLite and PostgreSQL: nobody reads, cancels or replaces another's orders, fills or money.
import { beforeAll, it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import { adminApi, newTrader, type Trader } from '../support/traders.ts';
import type { OrderView } from '../support/views.ts';
import { WsClient } from '../support/ws-client.ts';

describeEachBackend('authorization between users', ({ platform }) => {
  let a: Trader;
  let b: Trader;
  let c: Trader;
  let bOrder: OrderView;
  let bFilled: OrderView;
  const CID = 'shared-client-id';

  beforeAll(async () => {
    const url = platform().url;
    a = await newTrader(url, { USD: '10000', S01: '10' });
    b = await newTrader(url, { USD: '10000', S01: '100' });
    c = await newTrader(url, { USD: '10000' });
    bOrder = await b.api.placeOrder({ symbol: 'S01', side: 'sell', type: 'limit', qty: '5', price: '105', clientOrderId: CID });
    bFilled = await b.api.placeOrder({ symbol: 'S01', side: 'sell', type: 'limit', qty: '2', price: '100' });
    await c.api.placeOrder({ symbol: 'S01', side: 'buy', type: 'limit', qty: '2', price: '100' });
  });

  it("cannot read another user's order by id or by client order id", async ({ expect }) => {
    expectErrorWith(expect, await a.api.call('GET', `/api/v1/orders/${bOrder.id}`), 404, 'UNKNOWN_ORDER');
    expectErrorWith(expect, await a.api.call('GET', `/api/v1/orders/by-client-id/${CID}`), 404, 'UNKNOWN_ORDER');
    expect((await b.api.order(bOrder.id)).clientOrderId).toBe(CID);
  });

  it("cannot cancel or replace another user's order, over REST or WebSocket, by id or client order id", async ({ expect }) => {
    expectErrorWith(expect, await a.api.call('DELETE', `/api/v1/orders/${bOrder.id}`), 404, 'UNKNOWN_ORDER');
    expectErrorWith(expect, await a.api.call('PATCH', `/api/v1/orders/${bOrder.id}`, { json: { qty: '1' } }), 404, 'UNKNOWN_ORDER');
    expectErrorWith(expect, await a.api.call('PATCH', `/api/v1/orders/${bOrder.id}`, { json: { price: '101' } }), 404, 'UNKNOWN_ORDER');
    const ws = await WsClient.connect(platform().wsUrl, { authorization: `Bearer ${a.session.accessToken}` });
    try {
      expect(await ws.request({ op: 'cancel', orderId: bOrder.id })).toMatchObject({ type: 'error', code: 'UNKNOWN_ORDER' });
      expect(await ws.request({ op: 'cancel', clientOrderId: CID })).toMatchObject({ type: 'error', code: 'UNKNOWN_ORDER' });
      expect(await ws.request({ op: 'replace', orderId: bOrder.id, changes: { qty: '1' } })).toMatchObject({ type: 'error', code: 'UNKNOWN_ORDER' });
    } finally {
      await ws.close();
    }
    expect(await b.api.order(bOrder.id)).toMatchObject({ status: 'open', leavesQty: '5', price: '105' });
  });

  it("cancel-all and a reused client order id stay inside the caller's account", async ({ expect }) => {
    const own = await a.api.placeOrder({ symbol: 'S01', side: 'sell', type: 'limit', qty: '1', price: '106', clientOrderId: CID });
    expect(own.id).not.toBe(bOrder.id);
    expect(own.clientOrderId).toBe(CID);
    expect(await a.api.cancelAll('S01')).toEqual([own.id]);
    expect(await a.api.cancelAll()).toEqual([]);
    expect((await b.api.order(bOrder.id)).status).toBe('open');
  });

  it("sees only its own orders, fills, balances and ledger", async ({ expect }) => {
    const bIds = new Set([bOrder.id, bFilled.id]);
    const orders = await a.api.all<OrderView>('/api/v1/orders');
    expect(orders.filter((o) => bIds.has(o.id))).toEqual([]);
    expect((await a.api.fills()).items).toEqual([]);
    expect((await a.api.fills({ orderId: bFilled.id })).items).toEqual([]);
    expect((await b.api.fills({ orderId: bFilled.id })).items).toHaveLength(1);
    const ledger = await a.api.ledger();
    expect(ledger.items.length).toBeGreaterThan(0);
    expect(ledger.items.every((e) => e.reason === 'deposit' || e.refId !== bFilled.id)).toBe(true);
    expect(ledger.items.filter((e) => e.reason === 'trade')).toEqual([]);
    expect(await a.api.balance('USD')).toMatchObject({ available: '10000', held: '0' });
    expect(await a.api.balance('S01')).toMatchObject({ available: '10', held: '0' });
  });

  it('GET /balance/{clientId} and /holdings/{securityId}/{clientId}: own account or admin only', async ({ expect }) => {
    const mine = await a.api.get<{ clientId: number; balances: Array<{ asset: string; available: string }> }>(`/balance/${a.user.accountId}`);
    expect(mine.clientId).toBe(a.user.accountId);
    expect(mine.balances.find((x) => x.asset === 'USD')?.available).toBe('10000');
    expectErrorWith(expect, await a.api.call('GET', `/balance/${b.user.accountId}`), 404, 'NOT_FOUND');
    expectErrorWith(expect, await a.api.call('GET', `/holdings/S01/${b.user.accountId}`), 404, 'NOT_FOUND');
    expectErrorWith(expect, await a.api.call('GET', `/holdings/S01/${b.user.accountId + 1000}`), 404, 'NOT_FOUND');
    expect(await a.api.get(`/holdings/S01/${a.user.accountId}`)).toMatchObject({ clientId: a.user.accountId, asset: 'S01', qty: '10' });

    const admin = await adminApi(platform().url);
    // B sold 2 of 100 and holds 5 for the open order.
    expect(await admin.get(`/holdings/S01/${b.user.accountId}`)).toMatchObject({ clientId: b.user.accountId, qty: '98', available: '93', held: '5' });
    const bBalances = await admin.get<{ balances: Array<{ asset: string; available: string }> }>(`/balance/${b.user.accountId}`);
    expect(bBalances.balances.find((x) => x.asset === 'S01')?.available).toBe('93');
    expectErrorWith(expect, await admin.call('GET', `/balance/${b.user.accountId + 1000}`), 404, 'NOT_FOUND');
    // An unknown security in the path is 404 with the code the market-data paths use; known assets that are not listed symbols still answer.
    const unknown = expectErrorWith(expect, await a.api.call('GET', `/holdings/NOPE/${a.user.accountId}`), 404, 'UNKNOWN_SYMBOL');
    expect(unknown.details).toEqual([{ path: 'securityId', message: 'NOPE is neither a listed symbol nor an asset; GET /api/v1/instruments lists the symbols.' }]);
    expectErrorWith(expect, await a.api.call('GET', '/api/v1/markets/NOPE/book'), 404, unknown.code);
    expect(await a.api.get(`/holdings/USD/${a.user.accountId}`)).toMatchObject({ securityId: 'USD', asset: 'USD', qty: '10000' });
    expectErrorWith(expect, await platform().api().call('GET', `/balance/${a.user.accountId}`), 401, 'UNAUTHENTICATED');
  });
});
