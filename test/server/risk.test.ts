// Central risk over real HTTP on SQLite and PostgreSQL: limits that trip the kill switch, its gate, runtime changes, who may do what, and a restart.
import { beforeAll, it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import type { Api } from '../support/http-client.ts';
import { Counterparties } from '../support/market.ts';
import { rebind } from '../support/state.ts';
import { adminApi, newTrader, type Trader } from '../support/traders.ts';
import type { OrderView } from '../support/views.ts';

interface KillSwitchView {
  readonly active: boolean;
  readonly limit?: string;
  readonly value?: string;
  readonly threshold?: string;
  readonly source?: string;
}
interface StatusView {
  readonly equity: string;
  readonly grossExposure: string;
  readonly dailyPnl: string;
  readonly drawdownPct: string;
  readonly killSwitch: KillSwitchView;
}
interface EventView {
  readonly kind: string;
  readonly limit: string | null;
  readonly value: string | null;
  readonly threshold: string | null;
  readonly source: string;
  readonly actorUserId: number | null;
  readonly message: string;
}
interface LimitsView {
  readonly self: Record<string, string>;
  readonly account: Record<string, string>;
  readonly strategy: { name: string; limits: Record<string, string> } | null;
  readonly effective: Record<string, { value: string; source: string }>;
}

const limit = (symbol: string, side: 'buy' | 'sell', qty: string, price: string) => ({ symbol, side, type: 'limit', qty, price }) as const;

/** Polls the status until the kill switch is on (price moves are marked on the risk tick). */
async function tripped(api: Api, timeoutMs = 5_000): Promise<StatusView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await api.get<StatusView>('/api/v1/risk/status');
    if (status.killSwitch.active) return status;
    if (Date.now() > deadline) throw new Error(`the kill switch is still off: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeEachBackend(
  'central risk over REST',
  ({ platform }) => {
    let cp: Counterparties;
    let admin: Api;
    /** Tripped by the drawdown test; the restart test checks it stays tripped. */
    let dd: Trader;
    let resting: OrderView;
    /** Its switch was turned on by an admin; the restart test checks it stays on. */
    let held: Trader;
    beforeAll(async () => {
      cp = await Counterparties.create(platform().url, ['S20', 'S21', 'S23']);
      admin = await adminApi(platform().url);
    });

    it('a drawdown limit that is hit cancels open orders and blocks buys, while sells of held shares still work', async ({ expect }) => {
      dd = await newTrader(platform().url, { USD: '10000' });
      await cp.quote('S20', 'sell', '100', '50');
      expect((await dd.api.placeOrder(limit('S20', 'buy', '50', '100'))).status).toBe('filled');
      resting = await dd.api.placeOrder(limit('S20', 'sell', '5', '105'));
      const limits = await dd.api.ok<LimitsView>('PUT', '/api/v1/risk/limits', { json: { maxDrawdownPct: '3' } });
      expect(limits.effective).toEqual({ maxDrawdownPct: { value: '3', source: 'self' } });
      expect((await dd.api.get<StatusView>('/api/v1/risk/status')).killSwitch).toEqual({ active: false });

      // Others trade at 90: 50 shares lose 500 of the 10,000 high-water mark.
      await cp.trade('S20', '90');
      const status = await tripped(dd.api);
      expect(status).toMatchObject({ drawdownPct: '5.05', killSwitch: { active: true, limit: 'maxDrawdownPct', value: '5.05', threshold: '3', source: 'self' } });
      await expect.poll(async () => (await dd.api.order(resting.id)).status).toBe('cancelled');
      // Cancelled for the kill switch, not as if the owner had asked.
      expect((await dd.api.order(resting.id)).reason).toBe('RISK_KILL_SWITCH');

      const refused = expectErrorWith(expect, await dd.api.placeOrderReply(limit('S20', 'buy', '1', '90')), 422, 'KILL_SWITCH_ACTIVE');
      expect(refused.details).toMatchObject({ limit: 'maxDrawdownPct', value: '5.05', threshold: '3', source: 'self' });
      expectErrorWith(expect, await dd.api.call('POST', '/api/v1/orders/oco', { json: { legs: [limit('S20', 'sell', '1', '99'), limit('S20', 'buy', '1', '89')] } }), 422, 'KILL_SWITCH_ACTIVE');
      expectErrorWith(expect, await dd.api.placeOrderReply(limit('S20', 'sell', '51', '95')), 422, 'KILL_SWITCH_ACTIVE');
      const sell = await dd.api.placeOrder(limit('S20', 'sell', '10', '95'));
      expect(sell.status).toBe('open');
      // Lowering a sell is fine; raising it past the holding is not.
      expect((await dd.api.replace(sell.id, { qty: '8' })).qty).toBe('8');
      expectErrorWith(expect, await dd.api.call('PATCH', `/api/v1/orders/${sell.id}`, { json: { qty: '60' } }), 422, 'KILL_SWITCH_ACTIVE');
      expect((await dd.api.cancel(sell.id)).status).toBe('cancelled');

      const events = await dd.api.get<{ items: EventView[] }>('/api/v1/risk/events');
      // The machine-readable fields name the API's limit; the message says it in words, with units.
      expect(events.items[0]).toMatchObject({ kind: 'tripped', limit: 'maxDrawdownPct', value: '5.05', threshold: '3', message: "Kill switch on: drawdown 5.05% is above this account's limit of 3%." });
      expect(events.items[1]).toMatchObject({ kind: 'limits', message: 'Limits replaced by the account owner: gross exposure none; net exposure none; daily loss none; drawdown 3%; order rate none.' });
      expect(refused.message).toMatch(/It tripped because drawdown 5\.05% is above this account's limit of 3%\.$/);
      // Still breached: the owner cannot reset, but may loosen the limit they set; only an admin may move the high-water mark.
      const stillOn = expectErrorWith(expect, await dd.api.call('POST', '/api/v1/risk/reset', { json: {} }), 422, 'RISK_LIMIT_BREACHED');
      expect(stillOn.message).toBe(
        "A limit is still breached; the kill switch stays on until it is not: the account's owner may loosen their own limit (PUT /api/v1/risk/limits); an admin may move the high-water mark (rebaseHighWaterMark).",
      );
      expectErrorWith(expect, await dd.api.call('POST', '/api/v1/risk/reset', { json: { rebaseHighWaterMark: true } }), 403, 'FORBIDDEN');
    });

    it('a daily loss limit counts trading losses, not deposits', async ({ expect }) => {
      const t = await newTrader(platform().url, { USD: '11000' });
      await t.api.ok('PUT', '/api/v1/risk/limits', { json: { maxDailyLoss: '500' } });
      await cp.quote('S21', 'sell', '100', '100');
      await t.api.placeOrder(limit('S21', 'buy', '100', '100'));
      await cp.trade('S21', '96');
      await t.api.deposit('USD', '1000');
      // 400 down on the shares and 10 in fees; the deposit is not a gain.
      await expect.poll(async () => (await t.api.get<StatusView>('/api/v1/risk/status')).dailyPnl).toBe('-410');
      expect((await t.api.get<StatusView>('/api/v1/risk/status')).killSwitch.active).toBe(false);
      await cp.trade('S21', '94');
      expect((await tripped(t.api)).killSwitch).toMatchObject({ limit: 'maxDailyLoss', value: '610', threshold: '500' });
    });

    it('more orders per second than the limit trips the switch at the gateway', async ({ expect }) => {
      const t = await newTrader(platform().url, { USD: '10000' });
      await t.api.ok('PUT', '/api/v1/risk/limits', { json: { maxOrdersPerSecond: 3 } });
      const replies = await Promise.all(Array.from({ length: 5 }, () => t.api.placeOrderReply(limit('S22', 'buy', '1', '95'))));
      expect(replies.map((r) => r.status).sort()).toEqual([201, 201, 201, 422, 422]);
      for (const reply of replies.filter((r) => r.status === 422)) expectErrorWith(expect, reply, 422, 'KILL_SWITCH_ACTIVE');
      expect((await t.api.get<StatusView>('/api/v1/risk/status')).killSwitch).toMatchObject({ active: true, limit: 'maxOrdersPerSecond', threshold: '3' });
      await expect.poll(async () => (await t.api.orders({ status: 'open' })).items.length).toBe(0);
      // Nothing is breached once the second has passed, so the owner may reset.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await t.api.post('/api/v1/risk/reset', {})).toMatchObject({ reset: true, status: { killSwitch: { active: false } } });
      expect((await t.api.placeOrderReply(limit('S22', 'buy', '1', '95'))).status).toBe(201);
    });

    it('limits changed at runtime take effect at once', async ({ expect }) => {
      const t = await newTrader(platform().url, { USD: '10000' });
      await cp.quote('S23', 'sell', '100', '40');
      await t.api.placeOrder(limit('S23', 'buy', '40', '100'));
      await t.api.ok('PUT', '/api/v1/risk/limits', { json: { maxGrossExposure: '5000', maxNetExposure: '5000' } });
      expect((await t.api.placeOrderReply(limit('S23', 'buy', '1', '95'))).status).toBe(201);
      await t.api.ok('PUT', '/api/v1/risk/limits', { json: { maxGrossExposure: '3000' } });
      const status = await t.api.get<StatusView>('/api/v1/risk/status');
      expect(status).toMatchObject({ grossExposure: '4000', killSwitch: { active: true, limit: 'maxGrossExposure', value: '4000', threshold: '3000' } });
      expectErrorWith(expect, await t.api.placeOrderReply(limit('S23', 'buy', '1', '95')), 422, 'KILL_SWITCH_ACTIVE');
      // Loosening the limit lets the owner reset.
      await t.api.ok('PUT', '/api/v1/risk/limits', { json: {} });
      await t.api.post('/api/v1/risk/reset', {});
      expect((await t.api.placeOrderReply(limit('S23', 'buy', '1', '95'))).status).toBe(201);
      expectErrorWith(expect, await t.api.call('PUT', '/api/v1/risk/limits', { json: { maxDailyLoss: '1.001' } }), 400, 'INVALID_AMOUNT');
      expectErrorWith(expect, await t.api.call('PUT', '/api/v1/risk/limits', { json: { maxDrawdownPct: '120' } }), 400, 'INVALID_REQUEST');
      expectErrorWith(expect, await t.api.call('PUT', '/api/v1/risk/limits', { json: { maxLeverage: '2' } }), 400, 'INVALID_REQUEST');
    });

    it('a trader cannot read or change another account’s limits; an admin can, for accounts and strategies', async ({ expect }) => {
      const a = await newTrader(platform().url, { USD: '1000' });
      const b = await newTrader(platform().url, { USD: '1000' });
      const other = b.user.accountId;
      expectErrorWith(expect, await a.api.call('GET', '/api/v1/risk/limits', { query: { accountId: other } }), 404, 'NOT_FOUND');
      expectErrorWith(expect, await a.api.call('GET', '/api/v1/risk/status', { query: { accountId: other } }), 404, 'NOT_FOUND');
      expectErrorWith(expect, await a.api.call('GET', '/api/v1/risk/events', { query: { accountId: other } }), 404, 'NOT_FOUND');
      expectErrorWith(expect, await a.api.call('POST', '/api/v1/risk/reset', { json: { accountId: other } }), 404, 'NOT_FOUND');
      expectErrorWith(expect, await a.api.call('PUT', `/api/v1/admin/risk/limits/account/${other}`, { json: { maxDailyLoss: '1' } }), 403, 'FORBIDDEN');
      expectErrorWith(expect, await a.api.call('PUT', '/api/v1/admin/risk/limits/strategy/grid', { json: { maxDailyLoss: '1' } }), 403, 'FORBIDDEN');
      expectErrorWith(expect, await a.api.call('GET', `/api/v1/admin/risk/limits/account/${other}`), 403, 'FORBIDDEN');

      await admin.ok('PUT', '/api/v1/admin/risk/limits/strategy/grid', { json: { maxDailyLoss: '100', maxDrawdownPct: '20' } });
      await admin.ok('PUT', `/api/v1/admin/risk/accounts/${other}/strategy`, { json: { strategy: 'grid' } });
      await admin.ok('PUT', `/api/v1/admin/risk/limits/account/${other}`, { json: { maxDailyLoss: '250' } });
      // The owner's own, looser limit does not lift the admin's.
      await b.api.ok('PUT', '/api/v1/risk/limits', { json: { maxDailyLoss: '900', maxOrdersPerSecond: '50' } });
      const seen = await admin.get<LimitsView>('/api/v1/risk/limits', { accountId: other });
      expect(seen).toEqual(await b.api.get<LimitsView>('/api/v1/risk/limits'));
      expect(seen).toMatchObject({
        self: { maxDailyLoss: '900', maxOrdersPerSecond: '50' },
        account: { maxDailyLoss: '250' },
        strategy: { name: 'grid', limits: { maxDailyLoss: '100', maxDrawdownPct: '20' } },
        effective: { maxDailyLoss: { value: '250', source: 'account' }, maxDrawdownPct: { value: '20', source: 'strategy' }, maxOrdersPerSecond: { value: '50', source: 'self' } },
      });
      expect(await admin.get(`/api/v1/admin/risk/limits/account/${other}`)).toEqual(seen);
      expectErrorWith(expect, await admin.call('GET', '/api/v1/admin/risk/limits/account/999999'), 404, 'NOT_FOUND');
      expectErrorWith(expect, await admin.call('PUT', '/api/v1/admin/risk/limits/strategy/bad%20name', { json: {} }), 400, 'INVALID_REQUEST');
    });

    it('the owner turns the kill switch on by hand: orders are cancelled, buys blocked, sells of held shares pass, and the owner turns it off', async ({ expect }) => {
      const t = await newTrader(platform().url, { USD: '10000', S24: '20' });
      const buy = await t.api.placeOrder(limit('S24', 'buy', '5', '90'));
      const sell = await t.api.placeOrder(limit('S24', 'sell', '5', '110'));
      const on = await t.api.post<{ turnedOn: boolean; status: StatusView }>('/api/v1/risk/kill-switch', { note: 'stepping away' });
      expect(on).toMatchObject({ turnedOn: true, status: { killSwitch: { active: true, limit: 'manual', value: null, threshold: null, source: 'self' } } });
      await expect.poll(async () => [(await t.api.order(buy.id)).status, (await t.api.order(sell.id)).status]).toEqual(['cancelled', 'cancelled']);
      expect([(await t.api.order(buy.id)).reason, (await t.api.order(sell.id)).reason]).toEqual(['RISK_KILL_SWITCH', 'RISK_KILL_SWITCH']);
      const refused = expectErrorWith(expect, await t.api.placeOrderReply(limit('S24', 'buy', '1', '90')), 422, 'KILL_SWITCH_ACTIVE');
      expect(refused.message).toContain('turned on by the account owner');
      expect(refused.details).toMatchObject({ limit: 'manual', value: null, threshold: null, source: 'self' });
      expect((await t.api.placeOrder(limit('S24', 'sell', '3', '110'))).status).toBe('open');
      // Turning it on again changes nothing.
      expect((await t.api.post<{ turnedOn: boolean }>('/api/v1/risk/kill-switch', {})).turnedOn).toBe(false);
      const [event] = (await t.api.get<{ items: EventView[] }>('/api/v1/risk/events')).items;
      expect(event).toMatchObject({ kind: 'tripped', limit: 'manual', value: null, threshold: null, source: 'self', actorUserId: t.user.id, message: 'Kill switch turned on by the account owner: stepping away' });

      expect(await t.api.post('/api/v1/risk/reset', {})).toMatchObject({ reset: true, status: { killSwitch: { active: false } } });
      expect((await t.api.placeOrder(limit('S24', 'buy', '1', '90'))).status).toBe('open');
    });

    it('a switch an admin turns on for an account only an admin turns off; nobody else can turn it on', async ({ expect }) => {
      held = await newTrader(platform().url, { USD: '1000' });
      const other = await newTrader(platform().url, { USD: '1000' });
      expectErrorWith(expect, await other.api.call('POST', '/api/v1/risk/kill-switch', { json: { accountId: held.user.accountId } }), 404, 'NOT_FOUND');
      expectErrorWith(expect, await other.api.call('POST', '/api/v1/risk/kill-switch', { json: { note: 'x\u0000' } }), 400, 'INVALID_REQUEST');
      const on = await admin.post<{ turnedOn: boolean; status: StatusView }>('/api/v1/risk/kill-switch', { accountId: held.user.accountId, note: 'compliance review' });
      expect(on).toMatchObject({ turnedOn: true, status: { killSwitch: { active: true, limit: 'manual', source: 'account' } } });
      expectErrorWith(expect, await held.api.placeOrderReply(limit('S24', 'buy', '1', '90')), 422, 'KILL_SWITCH_ACTIVE');
      expectErrorWith(expect, await held.api.call('POST', '/api/v1/risk/reset', { json: {} }), 403, 'FORBIDDEN');
      expect((await held.api.get<StatusView>('/api/v1/risk/status')).killSwitch).toMatchObject({ active: true, source: 'account' });
    });

    it('the kill switch, limits and history survive a restart; an admin may then reset with a new high-water mark', async ({ expect }) => {
      await expect.poll(async () => (await dd.api.get<{ items: unknown[] }>('/api/v1/risk/history/samples')).items.length, { timeout: 5_000 }).toBeGreaterThan(0);
      await platform().restart();
      const api = rebind(dd.api, platform().url);
      const boss = rebind(admin, platform().url);
      expect((await api.get<StatusView>('/api/v1/risk/status')).killSwitch).toMatchObject({ active: true, limit: 'maxDrawdownPct', threshold: '3' });
      expect((await api.get<LimitsView>('/api/v1/risk/limits')).self).toEqual({ maxDrawdownPct: '3' });
      const heldApi = rebind(held.api, platform().url);
      expect((await heldApi.get<StatusView>('/api/v1/risk/status')).killSwitch).toMatchObject({ active: true, limit: 'manual', source: 'account' });
      expectErrorWith(expect, await heldApi.call('POST', '/api/v1/risk/reset', { json: {} }), 403, 'FORBIDDEN');
      expect(await boss.post('/api/v1/risk/reset', { accountId: held.user.accountId })).toMatchObject({ reset: true, status: { killSwitch: { active: false } } });
      expectErrorWith(expect, await api.placeOrderReply(limit('S20', 'buy', '1', '90')), 422, 'KILL_SWITCH_ACTIVE');

      const history = await api.get<{ days: Array<{ date: string; startEquity: string; maxDrawdownPct: string; maxGrossExposure: string }> }>('/api/v1/risk/history');
      // The account's first day starts from nothing; a run across midnight UTC adds a second row.
      expect(history.days[0]).toMatchObject({ startEquity: '0', maxDrawdownPct: '5.05', maxGrossExposure: '5000' });
      expect(history.days.at(-1)!.date).toBe(new Date().toISOString().slice(0, 10));
      const samples = await api.get<{ items: Array<{ equity: string; drawdownPct: string }> }>('/api/v1/risk/history/samples');
      expect(samples.items.at(-1)).toEqual(expect.objectContaining({ drawdownPct: '5.05' }));

      const reset = await boss.post<{ reset: boolean; status: StatusView }>('/api/v1/risk/reset', { accountId: dd.user.accountId, rebaseHighWaterMark: true });
      expect(reset).toMatchObject({ reset: true, status: { drawdownPct: '0', killSwitch: { active: false } } });
      expect((await api.placeOrderReply(limit('S20', 'buy', '1', '90'))).status).toBe(201);
      const kinds = (await api.get<{ items: EventView[] }>('/api/v1/risk/events')).items.map((e) => e.kind);
      expect(kinds).toEqual(['reset', 'tripped', 'limits']);
    });
  },
  { risk: { tickMs: 50, sampleMs: 200 } },
);
