// A bot's risk is its owner's to see and manage: status, limits, the kill switch and its events, for the owner's bots only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../support/expect-error.ts';
import type { Api } from '../support/http-client.ts';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { adminApi, newTrader, type Trader } from '../support/traders.ts';

interface StatusView {
  readonly accountId: number;
  readonly equity: string;
  readonly killSwitch: { readonly active: boolean; readonly limit?: string; readonly source?: string };
}

let platform: TestPlatform;
let alice: Trader;
let bob: Trader;
let admin: Api;
let botAccount: number;

beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
  alice = await newTrader(platform.url);
  bob = await newTrader(platform.url);
  admin = await adminApi(platform.url);
  const bot = await alice.api.ok<{ accountId: number }>('POST', '/api/v1/bots', { json: { name: 'careful', strategy: 'random-walk', symbols: ['S09'], params: { referencePrice: 100 }, cash: '5000' } });
  botAccount = bot.accountId;
}, 60_000);
afterAll(async () => {
  await platform?.dispose();
});

describe("a bot's risk", () => {
  it('its owner reads the status, sets limits, turns the kill switch on and resets it, and sees the events', async () => {
    const status = await alice.api.get<StatusView>(`/api/v1/risk/status?accountId=${botAccount}`);
    expect(status).toMatchObject({ accountId: botAccount, equity: '5000', killSwitch: { active: false } });

    const limits = await alice.api.ok<{ self: Record<string, string> }>('PUT', `/api/v1/risk/limits?accountId=${botAccount}`, { json: { maxDrawdownPct: '20', maxOrdersPerSecond: '50' } });
    expect(limits.self).toEqual({ maxDrawdownPct: '20', maxOrdersPerSecond: '50' });
    // The owner's own account keeps its own limits.
    expect((await alice.api.get<{ self: Record<string, string> }>('/api/v1/risk/limits')).self).toEqual({});

    const on = await alice.api.ok<{ turnedOn: boolean; status: StatusView }>('POST', '/api/v1/risk/kill-switch', { json: { accountId: botAccount, note: 'pausing the bot' } });
    expect(on).toMatchObject({ turnedOn: true, status: { accountId: botAccount, killSwitch: { active: true, limit: 'manual', source: 'self' } } });
    // The owner turned it on as the bot account's owner, so the owner may turn it off.
    const off = await alice.api.ok<{ reset: boolean; status: StatusView }>('POST', '/api/v1/risk/reset', { json: { accountId: botAccount } });
    expect(off).toMatchObject({ reset: true, status: { killSwitch: { active: false } } });

    const events = await alice.api.get<{ items: Array<{ kind: string; message: string }> }>(`/api/v1/risk/events?accountId=${botAccount}`);
    expect(events.items.map((e) => e.kind)).toEqual(['reset', 'tripped', 'limits']);
    expect(events.items[1]?.message).toContain('pausing the bot');
  });

  it('a switch an admin turned on for the bot stays the admin’s to turn off', async () => {
    await admin.ok('POST', '/api/v1/risk/kill-switch', { json: { accountId: botAccount } });
    expectError(await alice.api.call('POST', '/api/v1/risk/reset', { json: { accountId: botAccount } }), 403, 'FORBIDDEN');
    await admin.ok('POST', '/api/v1/risk/reset', { json: { accountId: botAccount } });
  });

  it("is nobody else's: another trader gets 404 as for a missing account, and an admin sets it through the admin layer", async () => {
    expectError(await bob.api.call('GET', `/api/v1/risk/status?accountId=${botAccount}`), 404, 'NOT_FOUND');
    expectError(await bob.api.call('GET', `/api/v1/risk/limits?accountId=${botAccount}`), 404, 'NOT_FOUND');
    expectError(await bob.api.call('PUT', `/api/v1/risk/limits?accountId=${botAccount}`, { json: { maxOrdersPerSecond: '1' } }), 404, 'NOT_FOUND');
    expectError(await bob.api.call('POST', '/api/v1/risk/kill-switch', { json: { accountId: botAccount } }), 404, 'NOT_FOUND');
    expectError(await bob.api.call('POST', '/api/v1/risk/reset', { json: { accountId: botAccount } }), 404, 'NOT_FOUND');
    expectError(await bob.api.call('GET', `/api/v1/risk/events?accountId=${botAccount}`), 404, 'NOT_FOUND');
    // Nor may one trader reach another's own account through the query.
    expectError(await bob.api.call('PUT', `/api/v1/risk/limits?accountId=${alice.user.accountId}`, { json: { maxOrdersPerSecond: '1' } }), 404, 'NOT_FOUND');
    // An admin reads any account, but the owner's layer is the owner's: the admin's is /admin/risk/limits/account/{id}.
    expect((await admin.get<StatusView>(`/api/v1/risk/status?accountId=${botAccount}`)).accountId).toBe(botAccount);
    expectError(await admin.call('PUT', `/api/v1/risk/limits?accountId=${botAccount}`, { json: { maxOrdersPerSecond: '1' } }), 404, 'NOT_FOUND');
    expect((await alice.api.get<{ self: Record<string, string> }>(`/api/v1/risk/limits?accountId=${botAccount}`)).self).toEqual({ maxDrawdownPct: '20', maxOrdersPerSecond: '50' });
  });
});
