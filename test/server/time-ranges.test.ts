// Time ranges of the REST lists over HTTP, on SQLite and PostgreSQL: [from, to) takes from and leaves to out, from = to is empty, and from after to is 400 INVALID_RANGE on every ranged list.
import { beforeAll, it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import { Counterparties } from '../support/market.ts';
import { newTrader, type Trader } from '../support/traders.ts';
import type { CandleView, OrderView, PageOf } from '../support/views.ts';

/** Every list that takes from and to, with what else its query needs. */
const RANGED: ReadonlyArray<[string, Record<string, string>]> = [
  ['/api/v1/orders', {}],
  ['/api/v1/markets/S02/candles', { interval: '1m' }],
  ['/api/v1/risk/history', {}],
  ['/api/v1/risk/history/samples', {}],
];

describeEachBackend('time ranges', ({ platform }) => {
  let trader: Trader;

  beforeAll(async () => {
    trader = await newTrader(platform().url, { USD: '10000' });
  });

  it('refuses from after to with 400 INVALID_RANGE at to, on every ranged list', async ({ expect }) => {
    for (const [path, query] of RANGED) {
      const error = expectErrorWith(expect, await trader.api.call('GET', path, { query: { ...query, from: '2000', to: '1999' } }), 400, 'INVALID_RANGE');
      const message = 'to 1999 is before from 2000: the range [from, to) holds times at or after from and before to';
      expect(error, path).toEqual({ code: 'INVALID_RANGE', message: `The query string is invalid: ${message}`, details: [{ path: 'to', message }] });
    }
  });

  it('answers from = to with an empty page, and one bound alone as before', async ({ expect }) => {
    for (const [path, query] of RANGED) {
      for (const bounds of [{ from: '2000', to: '2000' }, { from: '2000' }, { to: '1999' }]) {
        const reply = await trader.api.call('GET', path, { query: { ...query, ...bounds } });
        expect(reply.status, `${path} ${JSON.stringify(bounds)}: ${reply.text}`).toBe(200);
      }
    }
  });

  it('takes orders created at from and leaves out those created at to', async ({ expect }) => {
    const order = await trader.api.placeOrder({ symbol: 'S01', side: 'buy', type: 'limit', qty: '1', price: '95' });
    const ids = async (bounds: Record<string, number>) => (await trader.api.orders(bounds)).items.map((o: OrderView) => o.id);
    const at = order.createdAt;
    expect(await ids({ from: at })).toContain(order.id);
    expect(await ids({ from: at, to: at + 1 })).toEqual([order.id]);
    expect(await ids({ to: at })).not.toContain(order.id);
    expect(await ids({ from: at + 1 })).not.toContain(order.id);
    expect(await ids({ from: at, to: at })).toEqual([]);
  });

  it('takes candles opening at from and leaves out the one opening at to', async ({ expect }) => {
    const cp = await Counterparties.create(platform().url, ['S02']);
    await cp.trade('S02', '100');
    const candles = async (bounds: Record<string, number>) => (await trader.api.get<PageOf<CandleView>>('/api/v1/markets/S02/candles', { interval: '1m', ...bounds })).items.map((c) => c.openTime);
    const [open] = await candles({});
    expect(open).toBeDefined();
    expect(await candles({ from: open! })).toEqual([open]);
    expect(await candles({ from: open!, to: open! + 1 })).toEqual([open]);
    expect(await candles({ to: open! })).toEqual([]);
    expect(await candles({ from: open! + 1 })).toEqual([]);
  });

  it('documents [from, to) on each ranged list', async ({ expect }) => {
    type Parameter = { name: string; in: string; description?: string };
    const doc = (await trader.api.get<{ paths: Record<string, Record<string, { parameters?: Parameter[] }>> }>('/docs/json')).paths;
    for (const path of ['/api/v1/orders', '/api/v1/markets/{symbol}/candles', '/api/v1/risk/history', '/api/v1/risk/history/samples']) {
      const parameters = doc[path]!.get!.parameters!;
      expect(parameters.find((p) => p.name === 'from')?.description, path).toMatch(/at or after from \(inclusive\).*\[from, to\)/);
      expect(parameters.find((p) => p.name === 'to')?.description, path).toMatch(/before to \(exclusive\).*\[from, to\)/);
    }
  });
});
