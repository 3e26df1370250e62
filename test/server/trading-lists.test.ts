// Listing over REST on SQLite and PostgreSQL: order filters, cursor pages without gaps or repeats, client order ids, ledger and fills pages.
import { beforeAll, it, type ExpectStatic } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import { Counterparties } from '../support/market.ts';
import type { Api } from '../support/http-client.ts';
import { adminApi, newTrader, type Trader } from '../support/traders.ts';
import type { FillView, LedgerView, OrderView, PageOf } from '../support/views.ts';

/** Walks every page of a list with `limit`, checking each page's size with the test's `expect`; returns the items and the page count. */
async function walk<T>(expect: ExpectStatic, trader: Trader, path: string, limit: number, query: Record<string, string | number> = {}): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const page: PageOf<T> = await trader.api.get<PageOf<T>>(path, { ...query, limit, ...(cursor ? { cursor } : {}) });
    pages += 1;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.nextCursor !== null) expect(page.items).toHaveLength(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return { items, pages };
}

describeEachBackend('lists and pages', ({ platform }) => {
  let t: Trader;
  let cp: Counterparties;
  const placed: OrderView[] = [];
  let between: number;

  beforeAll(async () => {
    t = await newTrader(platform().url, { USD: '100000', S18: '50', S19: '50' });
    cp = await Counterparties.create(platform().url, ['S18', 'S19']);
    for (let i = 0; i < 6; i++) placed.push(await t.api.placeOrder({ symbol: 'S18', side: 'buy', type: 'limit', qty: '1', price: String(90 + i), clientOrderId: `list-${i}` }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    between = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 0; i < 5; i++) placed.push(await t.api.placeOrder({ symbol: 'S19', side: i % 2 === 0 ? 'sell' : 'buy', type: 'limit', qty: '1', price: String(i % 2 === 0 ? 105 + i : 95 - i) }));
    await t.api.cancel(placed[0]!.id);
    await t.api.cancel(placed[7]!.id);
  });

  it('filters by symbol, side, status and creation time', async ({ expect }) => {
    const ids = (page: PageOf<OrderView>) => page.items.map((o) => o.id);
    const all = placed.map((o) => o.id).reverse();
    expect(ids(await t.api.orders())).toEqual(all);
    expect(ids(await t.api.orders({ symbol: 'S18' }))).toEqual(placed.slice(0, 6).map((o) => o.id).reverse());
    expect(ids(await t.api.orders({ symbol: 'S19', side: 'sell' }))).toEqual([placed[10]!.id, placed[8]!.id, placed[6]!.id]);
    expect(ids(await t.api.orders({ status: 'closed' }))).toEqual([placed[7]!.id, placed[0]!.id]);
    expect(ids(await t.api.orders({ status: 'open' }))).toEqual(all.filter((id) => id !== placed[7]!.id && id !== placed[0]!.id));
    expect(ids(await t.api.orders({ status: 'all', symbol: 'S19' }))).toHaveLength(5);
    expect(ids(await t.api.orders({ from: between }))).toEqual(placed.slice(6).map((o) => o.id).reverse());
    expect(ids(await t.api.orders({ to: between }))).toEqual(placed.slice(0, 6).map((o) => o.id).reverse());
    expect(ids(await t.api.orders({ symbol: 'S20' }))).toEqual([]);
  });

  it('pages through orders newest first with no repeats or gaps, even while new orders arrive', async ({ expect }) => {
    const everything = (await t.api.orders({ limit: 500 })).items.map((o) => o.id);
    for (const limit of [1, 3, 4, 11]) {
      const { items, pages } = await walk<OrderView>(expect, t, '/api/v1/orders', limit);
      expect(items.map((o) => o.id)).toEqual(everything);
      expect(pages).toBe(Math.max(1, Math.ceil(everything.length / limit)));
    }
    // New orders while paging land before the cursor, so the walk still sees the old set exactly once.
    const first = await t.api.orders({ limit: 4 });
    const extra = await t.api.placeOrder({ symbol: 'S18', side: 'buy', type: 'limit', qty: '1', price: '91' });
    const rest = await walk<OrderView>(expect, t, '/api/v1/orders', 4, { cursor: first.nextCursor! });
    expect([...first.items, ...rest.items].map((o) => o.id)).toEqual(everything);
    await t.api.cancel(extra.id);
  });

  it('finds an order by client order id, escaped characters included', async ({ expect }) => {
    expect((await t.api.get<{ order: OrderView }>('/api/v1/orders/by-client-id/list-3')).order.id).toBe(placed[3]!.id);
    const odd = await t.api.placeOrder({ symbol: 'S18', side: 'buy', type: 'limit', qty: '1', price: '90', clientOrderId: 'a/b?c#d%e&f' });
    expect((await t.api.get<{ order: OrderView }>(`/api/v1/orders/by-client-id/${encodeURIComponent('a/b?c#d%e&f')}`)).order.id).toBe(odd.id);
    expectErrorWith(expect, await t.api.call('GET', '/api/v1/orders/by-client-id/never-used'), 404, 'UNKNOWN_ORDER');
    await t.api.cancel(odd.id);
  });

  it('pages the ledger and fills; the ledger adds up to the balances', async ({ expect }) => {
    const trader = await newTrader(platform().url, {});
    for (let i = 1; i <= 5; i++) await trader.api.deposit('USD', `${i}00`);
    await trader.api.deposit('S18', '9');
    for (let i = 0; i < 3; i++) {
      await cp.quote('S18', 'sell', '100');
      await trader.api.placeOrder({ symbol: 'S18', side: 'buy', type: 'limit', qty: '1', price: '100' });
    }
    const full = (await trader.api.ledger({ limit: 500 })).items;
    const { items } = await walk<LedgerView>(expect, trader, '/api/v1/account/ledger', 2);
    expect(items).toEqual(full);
    const seqs = items.map((e) => e.seq);
    expect([...seqs].sort((x, y) => y - x)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
    for (const balance of await trader.api.balances()) {
      const entries = items.filter((e) => e.asset === balance.asset);
      expect(entries[0]).toMatchObject({ available: balance.available, held: balance.held });
      const cents = entries.reduce((sum, e) => sum + Math.round(Number(e.deltaAvailable) * 100) + Math.round(Number(e.deltaHeld) * 100), 0);
      expect(cents).toBe(Math.round(Number(balance.total) * 100));
    }
    const usdOnly = await walk<LedgerView>(expect, trader, '/api/v1/account/ledger', 3, { asset: 'USD' });
    expect(usdOnly.items).toEqual(items.filter((e) => e.asset === 'USD'));
    // An asset the exchange does not have is refused, as a list filtered by an unlisted symbol is, not answered empty.
    const noAsset = expectErrorWith(expect, await trader.api.call('GET', '/api/v1/account/ledger', { query: { asset: 'NOPE' } }), 422, 'UNKNOWN_ASSET');
    expect(noAsset.details).toEqual([{ path: 'asset', message: 'NOPE is not an asset here; GET /api/v1/assets lists the assets.' }]);

    const fills = await walk<FillView>(expect, trader, '/api/v1/fills', 2);
    expect(fills.items).toHaveLength(3);
    expect(fills.pages).toBe(2);
    expect(new Set(fills.items.map((f) => f.id)).size).toBe(3);
  });

  it('refuses limits out of range with 400 INVALID_REQUEST', async ({ expect }) => {
    for (const query of [{ limit: 0 }, { limit: 501 }, { limit: 'ten' }]) {
      expectErrorWith(expect, await t.api.call('GET', '/api/v1/orders', { query }), 400, 'INVALID_REQUEST');
      expectErrorWith(expect, await t.api.call('GET', '/api/v1/account/ledger', { query }), 400, 'INVALID_REQUEST');
    }
  });

  it('refuses a cursor it never handed out, an empty one included, with 400 INVALID_CURSOR on every paged list, never the first page', async ({ expect }) => {
    const admin = await adminApi(platform().url);
    const handedOut = (await t.api.ledger({ limit: 1 })).nextCursor!;
    const [digits, check] = handedOut.split('-') as [string, string];
    const tampered = `${digits}-${check.endsWith('0') ? check.slice(0, -1) + '1' : check.slice(0, -1) + '0'}`;
    const lists: Array<[Api, string, Record<string, string>]> = [
      [t.api, '/api/v1/orders', {}],
      [t.api, '/api/v1/fills', {}],
      [t.api, '/api/v1/account/ledger', {}],
      [t.api, '/api/v1/risk/events', {}],
      [t.api, '/api/v1/risk/history/samples', {}],
      [t.api, '/api/v1/markets/S10/candles', { interval: '1m' }],
      [t.api, '/api/v1/leaderboard', {}],
      [admin, '/api/v1/admin/users', {}],
    ];
    for (const [api, path, query] of lists) {
      for (const cursor of ['', 'garbage', 'zzz', '-1', 'not a cursor', digits, tampered, 'a'.repeat(5_000)]) {
        const error = expectErrorWith(expect, await api.call('GET', path, { query: { ...query, cursor } }), 400, 'INVALID_CURSOR');
        expect(error.message, `${path} ${cursor}`).toContain('nextCursor');
      }
    }
    // The cursor handed out still works.
    expect((await t.api.ledger({ limit: 1, cursor: handedOut })).items).toHaveLength(1);
  });

  it('binds a cursor to its list, its filters and its account: anywhere else it is 400 INVALID_CURSOR', async ({ expect }) => {
    const other = await newTrader(platform().url, { USD: '100' });
    const s18 = (await t.api.orders({ symbol: 'S18' })).items.map((o) => o.id);
    const first = await t.api.orders({ symbol: 'S18', limit: 2 });
    const cursor = first.nextCursor!;
    // The same list with the same filters takes it, at any page size.
    const next = await t.api.orders({ symbol: 'S18', limit: 3, cursor });
    expect(next.items.map((o) => o.id)).toEqual(s18.slice(2, 5));
    const elsewhere: Array<[Api, string, Record<string, string>]> = [
      // Another list.
      [t.api, '/api/v1/fills', {}],
      [t.api, '/api/v1/account/ledger', {}],
      [t.api, '/api/v1/risk/events', {}],
      // The same list with other filters, or none.
      [t.api, '/api/v1/orders', {}],
      [t.api, '/api/v1/orders', { symbol: 'S19' }],
      [t.api, '/api/v1/orders', { symbol: 'S18', side: 'buy' }],
      [t.api, '/api/v1/orders', { symbol: 'S18', status: 'closed' }],
      // The same list and filters, asked by another account.
      [other.api, '/api/v1/orders', { symbol: 'S18' }],
    ];
    for (const [api, path, query] of elsewhere) {
      const error = expectErrorWith(expect, await api.call('GET', path, { query: { ...query, cursor } }), 400, 'INVALID_CURSOR');
      expect(error.message, `${path} ${JSON.stringify(query)}`).toContain('nextCursor');
    }
    // A ledger cursor filtered by asset is the ledger's with that asset only.
    const usd = (await t.api.ledger({ asset: 'USD', limit: 1 })).nextCursor!;
    expect((await t.api.ledger({ asset: 'USD', limit: 1, cursor: usd })).items).toHaveLength(1);
    expectErrorWith(expect, await t.api.call('GET', '/api/v1/account/ledger', { query: { asset: 'S18', cursor: usd } }), 400, 'INVALID_CURSOR');
    expectErrorWith(expect, await t.api.call('GET', '/api/v1/account/ledger', { query: { cursor: usd } }), 400, 'INVALID_CURSOR');
  });
});
