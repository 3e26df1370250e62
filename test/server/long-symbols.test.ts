// A symbol the query string or the path names is looked up, not bounded, over REST on SQLite and PostgreSQL: one longer than any listed symbol is UNKNOWN_SYMBOL like any unlisted one, never a length refusal.
import { beforeAll, it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import { newTrader, type Trader } from '../support/traders.ts';

const LONG = 'A'.repeat(26);
const HUGE = 'B'.repeat(3000);
const quoted = (symbol: string) => (symbol.length <= 64 ? symbol : `${symbol.slice(0, 64)}… (${symbol.length} characters)`);

describeEachBackend('long symbols', ({ platform }) => {
  let trader: Trader;

  beforeAll(async () => {
    trader = await newTrader(platform().url, { USD: '1000' });
  });

  it('answers an over-long symbol in a list filter as any unlisted one: 422 UNKNOWN_SYMBOL at symbol', async ({ expect }) => {
    for (const [method, path] of [['GET', '/api/v1/orders'], ['GET', '/api/v1/fills'], ['DELETE', '/api/v1/orders']] as const) {
      for (const symbol of ['NOPE', LONG, HUGE]) {
        const message = `${quoted(symbol)} is not listed; GET /api/v1/instruments lists the symbols.`;
        const error = expectErrorWith(expect, await trader.api.call(method, path, { query: { symbol } }), 422, 'UNKNOWN_SYMBOL');
        expect(error, `${method} ${path} ${symbol.length}`).toEqual({ code: 'UNKNOWN_SYMBOL', message, details: [{ path: 'symbol', message }] });
      }
    }
  });

  it('answers an over-long symbol in a path as any unlisted one: 404 UNKNOWN_SYMBOL', async ({ expect }) => {
    for (const symbol of ['NOPE', LONG, HUGE]) {
      const market = expectErrorWith(expect, await trader.api.call('GET', `/api/v1/markets/${symbol}/candles`, { query: { interval: '1m' } }), 404, 'UNKNOWN_SYMBOL');
      expect(market.details).toEqual([{ path: 'symbol', message: `${quoted(symbol)} is not listed; GET /api/v1/instruments lists the symbols.` }]);
      const holding = expectErrorWith(expect, await trader.api.call('GET', `/holdings/${symbol}/${trader.user.accountId}`), 404, 'UNKNOWN_SYMBOL');
      const message = `${quoted(symbol)} is neither a listed symbol nor an asset; GET /api/v1/instruments lists the symbols.`;
      expect(holding, String(symbol.length)).toEqual({ code: 'UNKNOWN_SYMBOL', message, details: [{ path: 'securityId', message }] });
    }
  });

  it('still filters by a listed symbol', async ({ expect }) => {
    expect((await trader.api.orders({ symbol: 'S01' })).items).toEqual([]);
    expect((await trader.api.call('GET', `/holdings/USD/${trader.user.accountId}`)).status).toBe(200);
  });
});
