// Listing past orders by one closed status (filled, cancelled, expired) over REST, on SQLite and PostgreSQL, with cursor pages.
import { beforeAll, it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import { Counterparties } from '../support/market.ts';
import { newTrader, type Trader } from '../support/traders.ts';
import type { OrderView, PageOf } from '../support/views.ts';

describeEachBackend('orders by one closed status', ({ platform }) => {
  let t: Trader;
  const filled: number[] = [];
  const cancelled: number[] = [];
  let open: number;

  beforeAll(async () => {
    t = await newTrader(platform().url, { USD: '100000' });
    const cp = await Counterparties.create(platform().url, ['S21']);
    for (let i = 0; i < 3; i++) {
      await cp.quote('S21', 'sell', '100');
      filled.push((await t.api.placeOrder({ symbol: 'S21', side: 'buy', type: 'limit', qty: '1', price: '100' })).id);
      const resting = await t.api.placeOrder({ symbol: 'S21', side: 'buy', type: 'limit', qty: '1', price: '90' });
      await t.api.cancel(resting.id);
      cancelled.push(resting.id);
    }
    open = (await t.api.placeOrder({ symbol: 'S21', side: 'buy', type: 'limit', qty: '1', price: '91' })).id;
  });

  it('returns only orders in that status, newest first, and pages through them', async ({ expect }) => {
    const ids = (page: PageOf<OrderView>) => page.items.map((o) => o.id);
    expect(ids(await t.api.orders({ status: 'filled' }))).toEqual([...filled].reverse());
    expect(ids(await t.api.orders({ status: 'cancelled', symbol: 'S21' }))).toEqual([...cancelled].reverse());
    expect(ids(await t.api.orders({ status: 'expired' }))).toEqual([]);
    const closed = ids(await t.api.orders({ status: 'closed' }));
    expect(closed).toHaveLength(6);
    expect(closed).not.toContain(open);

    const first = await t.api.orders({ status: 'filled', limit: 2 });
    expect(ids(first)).toEqual([filled[2], filled[1]]);
    expect(first.nextCursor).not.toBeNull();
    const second = await t.api.orders({ status: 'filled', limit: 2, cursor: first.nextCursor! });
    expect(ids(second)).toEqual([filled[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a status it does not know with 400', async ({ expect }) => {
    expectErrorWith(expect, await t.api.call('GET', '/api/v1/orders', { query: { status: 'rejected' } }), 400, 'INVALID_REQUEST');
  });
});
