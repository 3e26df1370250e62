// Trading sessions over HTTP: DAY orders expire at their symbol's close (holds released, GTC orders kept), before any later command, after a restart that missed the close, and when an admin ends a session by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../support/expect-error.ts';
import type { Api } from '../support/http-client.ts';
import { TestPlatform } from '../support/platform.ts';
import { postgresProblem, PG_REQUIRED, redactedPgUrl } from '../support/postgres.ts';
import { rebind } from '../support/state.ts';
import { adminApi, newTrader } from '../support/traders.ts';

/** D1 and D2 close at 16:00 New York on weekdays; D3 names no session, so its day ends at midnight UTC. */
const SESSION_MARKETS = new URL('../support/session-markets.json', import.meta.url);

interface SessionView {
  close: string;
  timeZone: string;
  days: string[];
  nextClose: number;
}
interface SessionEnd {
  symbol: string;
  expiredOrders: number[];
  ts: number;
}

const at = (iso: string) => Date.parse(iso);
const endPath = (symbol: string) => `/api/v1/admin/instruments/${encodeURIComponent(symbol)}/session/end`;
const pgProblem = await postgresProblem();

for (const backend of ['sqlite', 'postgres'] as const) {
  const skipped = backend === 'postgres' && pgProblem !== undefined && !PG_REQUIRED;
  describe.skipIf(skipped)(`trading sessions (${backend}${skipped ? `: skipped, ${redactedPgUrl()} unreachable` : ''})`, () => {
    // Engine time, moved by hand: Monday 5 January 2026, 09:00 in New York.
    const clock = { now: at('2026-01-05T14:00:00Z') };
    let platform: TestPlatform;
    let admin: Api;
    const tick = () => platform.running.ctx.exchange.tick();
    const session = async (api: Api, symbol: string) => (await api.get<{ instruments: Array<{ symbol: string; session: SessionView }> }>('/api/v1/instruments')).instruments.find((i) => i.symbol === symbol)!.session;

    beforeAll(async () => {
      if (backend === 'postgres' && pgProblem !== undefined) throw new Error(`PostgreSQL is required (CI=true) but ${redactedPgUrl()} is unreachable: ${pgProblem}`);
      // No idle tick: the test moves time and ticks by hand.
      platform = await TestPlatform.start({ backend, marketsFile: SESSION_MARKETS, clock: () => clock.now, exchangeTickMs: 0 });
      admin = await adminApi(platform.url);
    });
    afterAll(async () => {
      await platform?.dispose();
    });

    it('expires DAY orders at 16:00 New York with their holds released, keeps GTC orders, and ends a symbol without a session at midnight UTC', async () => {
      const trader = await newTrader(platform.url, { USD: '10000', D1: '10' });
      const day = await trader.api.placeOrder({ symbol: 'D1', side: 'buy', type: 'limit', qty: '2', price: '99', tif: 'day' });
      const daySell = await trader.api.placeOrder({ symbol: 'D1', side: 'sell', type: 'limit', qty: '3', price: '105', tif: 'day' });
      const gtc = await trader.api.placeOrder({ symbol: 'D1', side: 'buy', type: 'limit', qty: '1', price: '98' });
      const lateDay = await trader.api.placeOrder({ symbol: 'D3', side: 'buy', type: 'limit', qty: '1', price: '97', tif: 'day' });
      expect(await trader.api.balance('USD')).toMatchObject({ held: '393' });
      // A DAY order says when it expires: its symbol's next close. A GTC order never does.
      expect([day.expireAt, (await trader.api.order(day.id)).expireAt, lateDay.expireAt, gtc.expireAt]).toEqual([at('2026-01-05T21:00:00Z'), at('2026-01-05T21:00:00Z'), at('2026-01-06T00:00:00Z'), null]);
      expect(await session(trader.api, 'D1')).toEqual({ close: '16:00', timeZone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri'], nextClose: at('2026-01-05T21:00:00Z') });
      expect(await session(trader.api, 'D3')).toEqual({ close: '00:00', timeZone: 'UTC', days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], nextClose: at('2026-01-06T00:00:00Z') });

      clock.now = at('2026-01-05T20:59:59.999Z');
      await tick();
      expect((await trader.api.order(day.id)).status).toBe('open');

      clock.now = at('2026-01-05T21:00:00Z');
      await tick();
      expect(await trader.api.order(day.id)).toMatchObject({ status: 'expired', filledQty: '0', reason: 'EXPIRED_DAY', expireAt: at('2026-01-05T21:00:00Z') });
      expect(await trader.api.order(daySell.id)).toMatchObject({ status: 'expired', reason: 'EXPIRED_DAY' });
      expect((await trader.api.order(gtc.id)).status).toBe('open');
      expect((await trader.api.order(lateDay.id)).status).toBe('open');
      // Only the GTC bid and D3's bid still hold cash; the shares of the DAY ask are free again.
      expect(await trader.api.balance('USD')).toMatchObject({ held: '195', available: '9805' });
      expect(await trader.api.balance('D1')).toMatchObject({ held: '0', available: '10' });
      expect((await session(trader.api, 'D1')).nextClose).toBe(at('2026-01-06T21:00:00Z'));

      // D3's day ends at midnight UTC; the first command after it finds the DAY order gone, with no tick between.
      clock.now = at('2026-01-06T00:00:00.001Z');
      const next = await trader.api.placeOrder({ symbol: 'D3', side: 'buy', type: 'limit', qty: '1', price: '96', tif: 'day' });
      expect(next.status).toBe('open');
      expect(await trader.api.order(lateDay.id)).toMatchObject({ status: 'expired', reason: 'EXPIRED_DAY' });
      expect(next.id).toBeGreaterThan(lateDay.id);
      expect((await trader.api.order(gtc.id)).status).toBe('open');
      expect(platform.logs.lines().filter((line) => line.msg === 'the trading session of D1 closed: its day orders expired').at(-1)).toMatchObject({ symbol: 'D1', close: '2026-01-05T21:00:00.000Z', expired: 2 });
    });

    it('ends no session at the weekend: a DAY order placed on Saturday lives until Monday 16:00 New York', async () => {
      clock.now = at('2026-01-10T15:00:00Z');
      await tick();
      const trader = await newTrader(platform.url, { USD: '1000' });
      const day = await trader.api.placeOrder({ symbol: 'D2', side: 'buy', type: 'limit', qty: '1', price: '99', tif: 'day' });
      expect((await session(trader.api, 'D2')).nextClose).toBe(at('2026-01-12T21:00:00Z'));
      clock.now = at('2026-01-12T20:59:00Z');
      await tick();
      expect((await trader.api.order(day.id)).status).toBe('open');
      clock.now = at('2026-01-12T21:00:30Z');
      await tick();
      expect((await trader.api.order(day.id)).status).toBe('expired');
    });

    it('after a restart expires at once the DAY orders of a session that closed while it was down, and only once', async () => {
      clock.now = at('2026-01-13T15:00:00Z');
      const trader = await newTrader(platform.url, { USD: '1000' });
      const day = await trader.api.placeOrder({ symbol: 'D2', side: 'buy', type: 'limit', qty: '1', price: '99', tif: 'day' });
      const gtc = await trader.api.placeOrder({ symbol: 'D2', side: 'buy', type: 'limit', qty: '1', price: '98' });
      await platform.close();
      // Tuesday's close passes while the platform is down.
      clock.now = at('2026-01-14T14:00:00Z');
      await platform.open();
      const api = rebind(trader.api, platform.url);
      admin = await adminApi(platform.url);
      expect(await api.order(day.id)).toMatchObject({ status: 'expired', reason: 'EXPIRED_DAY' });
      expect((await api.order(gtc.id)).status).toBe('open');
      expect(await api.balance('USD')).toMatchObject({ held: '98' });

      // A DAY order placed after the start lives until today's close, across another restart.
      const today = await api.placeOrder({ symbol: 'D2', side: 'buy', type: 'limit', qty: '1', price: '97', tif: 'day' });
      await platform.running.ctx.exchange.settled();
      const seq = platform.running.ctx.exchange.committedSeq;
      await platform.restart();
      const again = rebind(trader.api, platform.url);
      admin = await adminApi(platform.url);
      expect((await again.order(today.id)).status).toBe('open');
      expect(platform.running.ctx.exchange.committedSeq).toBe(seq);
    });

    it('lets an admin end a symbol’s session by hand: its DAY orders expire, GTC orders and other symbols stay', async () => {
      const trader = await newTrader(platform.url, { USD: '1000' });
      const day = await trader.api.placeOrder({ symbol: 'D1', side: 'buy', type: 'limit', qty: '1', price: '99', tif: 'day' });
      const gtc = await trader.api.placeOrder({ symbol: 'D1', side: 'buy', type: 'limit', qty: '1', price: '98' });
      const other = await trader.api.placeOrder({ symbol: 'D3', side: 'buy', type: 'limit', qty: '1', price: '97', tif: 'day' });
      const ended = await admin.ok<SessionEnd>('POST', endPath('D1'));
      expect(ended).toEqual({ symbol: 'D1', expiredOrders: [day.id], ts: clock.now });
      expect(await trader.api.order(day.id)).toMatchObject({ status: 'expired', reason: 'EXPIRED_DAY' });
      expect((await trader.api.order(gtc.id)).status).toBe('open');
      expect((await trader.api.order(other.id)).status).toBe('open');
      expect(await trader.api.balance('USD')).toMatchObject({ held: '195' });
      expect(platform.logs.lines().filter((line) => line.audit === 'session ended').at(-1)).toMatchObject({ symbol: 'D1', expiredOrders: 1 });
      // Nothing left to expire: the session ends again with none.
      expect(await admin.ok<SessionEnd>('POST', endPath('D1'))).toMatchObject({ symbol: 'D1', expiredOrders: [] });
      // The scheduled close still comes.
      expect((await session(trader.api, 'D1')).nextClose).toBe(at('2026-01-14T21:00:00Z'));
    });

    it('is for admins only, and 404 for an unknown symbol', async () => {
      const trader = await newTrader(platform.url, { USD: '1000' });
      const day = await trader.api.placeOrder({ symbol: 'D2', side: 'buy', type: 'limit', qty: '1', price: '99', tif: 'day' });
      expectError(await trader.api.call('POST', endPath('D2')), 403, 'FORBIDDEN');
      expectError(await platform.api().call('POST', endPath('D2')), 401, 'UNAUTHENTICATED');
      const unknown = expectError(await admin.call('POST', endPath('NOPE')), 404, 'UNKNOWN_SYMBOL');
      expect(unknown.message).toContain('NOPE');
      expect((await trader.api.order(day.id)).status).toBe('open');
    });
  });
}
