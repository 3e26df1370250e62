// Tests for risk events, daily rows and equity samples on both dialects: upserts, latest rows, ranges and paging.
import { expect, it } from 'vitest';
import { parseCursor } from './cursor.ts';
import { riskStore } from './risk-store.ts';
import type { RiskDailyRow } from './risk-schema.ts';
import { T0, describeEachDialect } from './test-support.ts';

const DAY = 86_400_000;
const D0 = Math.floor(T0 / DAY) * DAY;

function day(accountId: number, dayStart: number, equity: number): RiskDailyRow {
  return {
    accountId,
    day: dayStart,
    startEquity: equity,
    endEquity: equity,
    minEquity: equity,
    maxEquity: equity,
    maxGrossExposure: 0,
    maxNetExposure: 0,
    maxDrawdownBps: 0,
    netFlows: 0,
    highWaterMark: equity,
    updatedAt: dayStart,
  };
}

describeEachDialect('risk history and events', (suite) => {
  it('records events and lists them newest first, one account at a time', async () => {
    const risk = riskStore(suite.store());
    const base = { ts: T0, limitName: null, value: null, threshold: null, source: null, actorUserId: null } as const;
    const first = await risk.events.insert({ ...base, accountId: 3, kind: 'tripped', limitName: 'maxDailyLoss', value: 120, threshold: 100, source: 'self', message: 'daily loss' });
    expect(first).toMatchObject({ accountId: 3, kind: 'tripped', value: 120, threshold: 100, source: 'self' });
    await risk.events.insert({ ...base, accountId: 4, kind: 'limits', message: 'other account' });
    await risk.events.insert({ ...base, accountId: 3, kind: 'reset', actorUserId: 9, message: 'reset' });
    const page = await risk.events.list(3, { limit: 1 });
    expect(page.items.map((e) => e.kind)).toEqual(['reset']);
    const next = await risk.events.list(3, { limit: 1, cursor: parseCursor(page.nextCursor!) });
    expect(next.items.map((e) => e.id)).toEqual([first.id]);
    expect(next.nextCursor).toBeNull();
  });

  it('upserts daily rows and finds each account’s latest', async () => {
    const risk = riskStore(suite.store());
    await risk.history.upsertDays([day(21, D0, 1_000), day(21, D0 + DAY, 1_100), day(22, D0, 500)]);
    await risk.history.upsertDays([{ ...day(21, D0 + DAY, 1_100), endEquity: 900, minEquity: 900, maxDrawdownBps: 1_818, highWaterMark: 1_100, updatedAt: D0 + DAY + 5 }]);
    const latest = await risk.history.latestDays();
    expect(latest.map((row) => [row.accountId, row.day, row.endEquity])).toEqual([
      [21, D0 + DAY, 900],
      [22, D0, 500],
    ]);
    expect(latest[0]).toMatchObject({ maxDrawdownBps: 1_818, updatedAt: D0 + DAY + 5 });
    expect((await risk.history.days(21)).map((row) => row.day)).toEqual([D0, D0 + DAY]);
    expect((await risk.history.days(21, { from: D0 + 1 })).map((row) => row.day)).toEqual([D0 + DAY]);
    expect(await risk.history.days(21, { to: D0 })).toEqual([]);
  });

  it('stores samples once per account and time, and pages them oldest first within a range', async () => {
    const risk = riskStore(suite.store());
    const samples = Array.from({ length: 450 }, (_, i) => ({ accountId: 31, ts: T0 + i * 60_000, equity: 10_000 - i, drawdownBps: i }));
    await risk.history.insertSamples(samples);
    await risk.history.insertSamples([{ accountId: 31, ts: T0, equity: 1, drawdownBps: 9_999 }, { accountId: 32, ts: T0, equity: 5, drawdownBps: 0 }]);
    const first = await risk.history.samples(31, { limit: 200 });
    expect(first.items).toHaveLength(200);
    expect(first.items[0]).toEqual({ accountId: 31, ts: T0, equity: 10_000, drawdownBps: 0 });
    const second = await risk.history.samples(31, { limit: 300, cursor: parseCursor(first.nextCursor!) });
    expect(second.items).toHaveLength(250);
    expect(second.items[0]!.ts).toBe(T0 + 200 * 60_000);
    expect(second.nextCursor).toBeNull();
    const ranged = await risk.history.samples(31, { from: T0 + 60_000, to: T0 + 3 * 60_000 });
    expect(ranged.items.map((s) => s.drawdownBps)).toEqual([1, 2]);
    expect((await risk.history.samples(32)).items).toHaveLength(1);
  });
});
