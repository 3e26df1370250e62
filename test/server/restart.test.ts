// An in-process restart on the same data dir, on SQLite and PostgreSQL: nothing acknowledged is lost, and trading goes on.
import { it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import type { Api } from '../support/http-client.ts';
import { Counterparties } from '../support/market.ts';
import { accountState, expectLedgerMatchesBalances, marketState, rebind } from '../support/state.ts';
import { adminApi, newTrader, PASSWORD } from '../support/traders.ts';
import type { OrderView, UserView } from '../support/views.ts';

const scale = (asset: string) => (asset === 'USD' ? 2 : 0);

describeEachBackend('restart', ({ platform }) => {
  it('a quiet restart brings back every user, order, balance, fill, ledger entry, candle and login', async ({ expect }) => {
    const cp = await Counterparties.create(platform().url, ['S01']);
    const a = await newTrader(platform().url, { USD: '5000', S01: '20' });
    for (const price of ['100', '101.5', '99']) await cp.trade('S01', price, '2');
    await a.api.placeOrder({ symbol: 'S01', side: 'buy', type: 'limit', qty: '3', price: '98', clientOrderId: 'before' });
    await a.api.placeOrder({ symbol: 'S01', side: 'sell', type: 'stop', qty: '1', stopPrice: '95' });
    await cp.quote('S01', 'sell', '103', '4');
    await a.api.placeOrder({ symbol: 'S01', side: 'buy', type: 'limit', qty: '1', price: '103' });
    const key = await a.api.createKey('survivor', ['read']);
    const loggedOut = await platform().api().login(a.name, PASSWORD);
    await platform().api().withToken(loggedOut.accessToken).call('POST', '/api/v1/auth/logout', { json: {} });

    const admin = await adminApi(platform().url);
    const before = { users: await admin.all<UserView>('/api/v1/admin/users'), account: await accountState(a.api), market: await marketState(a.api, 'S01') };
    await platform().restart();
    const url = platform().url;
    const after = { users: await rebind(admin, url).all<UserView>('/api/v1/admin/users'), account: await accountState(rebind(a.api, url)), market: await marketState(rebind(a.api, url), 'S01') };
    expect(after).toEqual(before);
    expectLedgerMatchesBalances(after.account, scale, expect);

    // Credentials made before the restart: the access token, the API key, the password; an ended login stays ended.
    expect((await rebind(a.api, url).call('GET', '/api/v1/me')).status).toBe(200);
    expect((await platform().api().withKey(key.id, key.secret).call('GET', '/api/v1/me')).status).toBe(200);
    expect((await platform().api().login(a.name, PASSWORD)).user.id).toBe(a.user.id);
    expect((await platform().api().refresh(a.session.refreshToken)).status).toBe(200);
    expectErrorWith(expect, await platform().api().withToken(loggedOut.accessToken).call('GET', '/api/v1/me'), 401, 'INVALID_TOKEN');
  });

  it('a restart in the middle of trading keeps every acknowledged order, and trading continues', async ({ expect }) => {
    const buyer = await newTrader(platform().url, { USD: '1000000' });
    const seller = await newTrader(platform().url, { S02: '100000' });
    const acked: OrderView[] = [];
    let stopped = false;
    /** Places orders one after another until the server stops answering; keeps what was acknowledged. */
    const loop = async (api: Api, side: 'buy' | 'sell', prefix: string) => {
      for (let i = 0; !stopped; i++) {
        const price = side === 'buy' ? 95 - (i % 5) : 105 + (i % 5);
        try {
          const reply = await api.placeOrderReply({ symbol: 'S02', side, type: 'limit', qty: String(1 + (i % 3)), price: String(price), clientOrderId: `${prefix}-${i}` });
          if (reply.status !== 201) return;
          acked.push((reply.body as { order: OrderView }).order);
        } catch {
          return;
        }
      }
    };
    const loops = [loop(buyer.api, 'buy', 'b1'), loop(buyer.api, 'buy', 'b2'), loop(seller.api, 'sell', 's1'), loop(seller.api, 'sell', 's2')];
    const deadline = Date.now() + 20_000;
    while (acked.length < 40) {
      if (Date.now() > deadline) throw new Error(`only ${acked.length} orders acknowledged`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await platform().close();
    stopped = true;
    await Promise.all(loops);
    expect(acked.length).toBeGreaterThanOrEqual(40);

    await platform().open();
    const url = platform().url;
    const [b, s] = [rebind(buyer.api, url), rebind(seller.api, url)];
    for (const order of acked) {
      const api = order.side === 'buy' ? b : s;
      expect(await api.order(order.id)).toEqual(order);
      expect((await api.get<{ order: OrderView }>(`/api/v1/orders/by-client-id/${order.clientOrderId}`)).order.id).toBe(order.id);
    }
    const buyerState = await accountState(b);
    const sellerState = await accountState(s);
    expectLedgerMatchesBalances(buyerState, scale, expect);
    expectLedgerMatchesBalances(sellerState, scale, expect);
    // The book holds exactly the open orders that were acknowledged (and any the close let through).
    const openQty = (state: typeof buyerState) => state.orders.filter((o) => o.status === 'open').reduce((sum, o) => sum + Number(o.leavesQty), 0);
    const book = await b.book('S02');
    expect(book.bids.reduce((sum, [, qty]) => sum + Number(qty), 0)).toBe(openQty(buyerState));
    expect(book.asks.reduce((sum, [, qty]) => sum + Number(qty), 0)).toBe(openQty(sellerState));

    // Trading continues against orders from before the restart.
    const lowestAsk = acked.filter((o) => o.side === 'sell').sort((x, y) => Number(x.price) - Number(y.price) || x.id - y.id)[0]!;
    const taker = await b.placeOrder({ symbol: 'S02', side: 'buy', type: 'limit', qty: '1', price: lowestAsk.price!, tif: 'ioc' });
    expect(taker).toMatchObject({ status: 'filled', avgFillPrice: lowestAsk.price });
    expect(taker.id).toBeGreaterThan(Math.max(...acked.map((o) => o.id)));
    expect((await s.order(lowestAsk.id)).filledQty).toBe('1');
  });
});

describeEachBackend('restart: leaderboard', ({ platform }) => {
  it('an account funded in cash and shares keeps its drawdown and return across a restart', async ({ expect }) => {
    const a = await newTrader(platform().url, { USD: '10000', S01: '10' });
    type Row = { userId: number; equity: string; returnPercent: string; maxDrawdownPercent: string };
    const row = async (url: string) => (await rebind(a.api, url).get<{ rows: Row[] }>('/api/v1/leaderboard')).rows.find((r) => r.userId === a.user.id)!;
    const before = await row(platform().url);
    expect(before.maxDrawdownPercent).toBe('0.00');
    await platform().restart();
    expect(await row(platform().url)).toEqual(before);
  });

  it('capital in shares keeps the price each deposit and withdrawal had, after trades moved it and across a restart', async ({ expect }) => {
    // The counterparties' shares arrive before S03 trades (reference price 100), the trader's at 108 and 115.
    const cp = await Counterparties.create(platform().url, ['S03']);
    await cp.trade('S03', '108');
    const a = await newTrader(platform().url, { USD: '1000', S03: '10' });
    await cp.trade('S03', '115');
    await a.api.deposit('S03', '5');
    expect((await a.api.call('POST', '/api/v1/account/withdrawals', { json: { asset: 'S03', amount: '2' } })).status).toBe(201);
    await cp.trade('S03', '110');
    type Row = { userId: number; equity: string; netDeposits: string; returnPercent: string; trades: number };
    // The equity curve (drawdown, Sharpe) starts again at a restart; capital and return must not move.
    const figures = async (url: string) =>
      (await rebind(a.api, url).get<{ rows: Row[] }>('/api/v1/leaderboard')).rows.map(({ userId, equity, netDeposits, returnPercent, trades }) => ({ userId, equity, netDeposits, returnPercent, trades }));
    const before = await figures(platform().url);
    // 1000 + 10 x 108 + 5 x 115 - 2 x 115 = 2425 in, 1000 + 13 x 110 = 2430 now.
    expect(before.find((r) => r.userId === a.user.id)).toEqual({ userId: a.user.id, equity: '2430', netDeposits: '2425', returnPercent: '0.21', trades: 0 });
    // 10,000,000 + 100,000 x 100, before any trade.
    expect(before.find((r) => r.userId === cp.seller.user.id)?.netDeposits).toBe('20000000');
    await platform().restart();
    expect(await figures(platform().url)).toEqual(before);
  });
});
