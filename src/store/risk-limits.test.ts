// Tests for the risk limits and per-account risk settings on both dialects: upserts, clearing, kill switch on and off.
import { expect, it } from 'vitest';
import { riskStore } from './risk-store.ts';
import { T0, describeEachDialect } from './test-support.ts';

const NONE = { maxGrossExposure: null, maxNetExposure: null, maxDailyLoss: null, maxDrawdownBps: null, maxOrdersPerSecond: null };

describeEachDialect('risk limits and settings', (suite) => {
  it('stores a layer, replaces it whole and deletes it when every value is null', async () => {
    const risk = riskStore(suite.store());
    await risk.limits.put('self', '7', { ...NONE, maxDailyLoss: 50_000, maxDrawdownBps: 1_000 }, T0);
    await risk.limits.put('strategy', 'mm-1', { ...NONE, maxGrossExposure: 9_007_199_254_740_991 }, T0 + 1);
    expect(await risk.limits.get('self', '7')).toEqual({ scope: 'self', key: '7', ...NONE, maxDailyLoss: 50_000, maxDrawdownBps: 1_000, updatedAt: T0 });

    await risk.limits.put('self', '7', { ...NONE, maxOrdersPerSecond: 5 }, T0 + 2);
    expect(await risk.limits.get('self', '7')).toEqual({ scope: 'self', key: '7', ...NONE, maxOrdersPerSecond: 5, updatedAt: T0 + 2 });
    // The same key in another scope is another row.
    await risk.limits.put('account', '7', { ...NONE, maxNetExposure: 1 }, T0 + 3);
    expect((await risk.limits.all()).map((row) => [row.scope, row.key])).toEqual([
      ['account', '7'],
      ['self', '7'],
      ['strategy', 'mm-1'],
    ]);
    // Big values survive exactly (PostgreSQL bigint comes back as a number).
    expect((await risk.limits.get('strategy', 'mm-1'))?.maxGrossExposure).toBe(9_007_199_254_740_991);

    await risk.limits.put('self', '7', NONE, T0 + 4);
    expect(await risk.limits.get('self', '7')).toBeUndefined();
    expect(await risk.limits.all()).toHaveLength(2);
  });

  it('keeps an account strategy and its kill switch independently', async () => {
    const risk = riskStore(suite.store());
    await risk.accounts.setStrategy(11, 'grid', T0);
    expect(await risk.accounts.get(11)).toEqual({ accountId: 11, strategy: 'grid', killedAt: null, killLimit: null, killValue: null, killThreshold: null, killSource: null, updatedAt: T0 });

    await risk.accounts.setKill(11, { killedAt: T0 + 5, limit: 'maxDrawdownBps', value: 1_250, threshold: 1_000, source: 'strategy' }, T0 + 5);
    expect(await risk.accounts.get(11)).toMatchObject({ strategy: 'grid', killedAt: T0 + 5, killLimit: 'maxDrawdownBps', killValue: 1_250, killThreshold: 1_000, killSource: 'strategy' });

    // A kill switch on an account without a strategy creates its row.
    await risk.accounts.setKill(12, { killedAt: T0, limit: 'maxOrdersPerSecond', value: 6, threshold: 5, source: 'self' }, T0);
    await risk.accounts.setStrategy(11, null, T0 + 6);
    await risk.accounts.setKill(11, null, T0 + 7);
    expect(await risk.accounts.get(11)).toEqual({ accountId: 11, strategy: null, killedAt: null, killLimit: null, killValue: null, killThreshold: null, killSource: null, updatedAt: T0 + 7 });
    expect((await risk.accounts.all()).map((row) => [row.accountId, row.killLimit])).toEqual([
      [11, null],
      [12, 'maxOrdersPerSecond'],
    ]);
  });

  it('refuses a scope the schema does not know', async () => {
    const risk = riskStore(suite.store());
    // @ts-expect-error: the check constraint is the last line of defence behind the type.
    await expect(risk.limits.put('global', 'x', { ...NONE, maxDailyLoss: 1 }, T0)).rejects.toThrow();
  });
});
