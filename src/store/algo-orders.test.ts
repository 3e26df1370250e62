// Tests for the algo orders repository on both dialects: ids never reused, progress round trips, per-account pages newest first, the unended ones.
import { expect, it } from 'vitest';
import { AlgoOrdersRepo, type NewAlgoOrderRow } from './algo-orders.ts';
import { parseCursor } from './cursor.ts';
import { T0, describeEachDialect } from './test-support.ts';

const algo = (over: Partial<NewAlgoOrderRow> = {}): NewAlgoOrderRow => ({
  accountId: 7,
  userId: 3,
  type: 'twap',
  symbol: 'AAPL',
  spec: { type: 'twap', symbol: 'AAPL', side: 'buy', qty: '10', durationMs: 60_000, slices: 4 },
  seed: 2_147_483_647,
  state: 'running',
  totalLots: 10,
  filledLots: 0,
  filledNotional: 0,
  ordersSent: 0,
  childOrderIds: [],
  openOrderIds: [],
  lastError: null,
  createdAt: T0,
  endedAt: null,
  ...over,
});

describeEachDialect(
  'algo orders repository',
  (suite) => {
    it('inserts an algo order, writes its progress and end, and reads it back exactly', async () => {
      const repo = new AlgoOrdersRepo(suite.store().db, () => suite.clock.now);
      const created = await repo.insert(algo());
      expect(created).toEqual({ id: expect.any(Number) as number, ...algo(), updatedAt: T0 });
      suite.clock.now = T0 + 9;
      // Notional beyond 32 bits: a large order's price x qty in tick-lots.
      const ended = { state: 'done', filledLots: 10, filledNotional: 98_765_432_109_876, ordersSent: 4, childOrderIds: [11, 12, 13, 14], openOrderIds: [], lastError: null, endedAt: T0 + 8 } as const;
      expect(await repo.update(created.id, ended)).toBe(true);
      expect(await repo.byId(7, created.id)).toEqual({ ...created, ...ended, updatedAt: T0 + 9 });
      expect(await repo.update(created.id + 1000, ended)).toBe(false);
      // Another account's algo order reads as none.
      expect(await repo.byId(8, created.id)).toBeUndefined();
    });

    it('never hands out an id again, a deleted one included', async () => {
      const repo = new AlgoOrdersRepo(suite.store().db);
      const first = await repo.insert(algo());
      const second = await repo.insert(algo());
      await repo.delete(second.id);
      const third = await repo.insert(algo());
      expect(second.id).toBeGreaterThan(first.id);
      expect(third.id).toBeGreaterThan(second.id);
    });

    it("pages an account's algo orders newest first and lists the unended ones oldest first", async () => {
      const repo = new AlgoOrdersRepo(suite.store().db);
      const ids: number[] = [];
      for (const state of ['done', 'running', 'cancelled', 'new', 'failed'] as const) ids.push((await repo.insert(algo({ state }))).id);
      await repo.insert(algo({ accountId: 8 }));
      const first = await repo.list(7, { limit: 2 });
      expect(first.items.map((row) => row.id)).toEqual([ids[4], ids[3]]);
      const second = await repo.list(7, { limit: 2, cursor: parseCursor(first.nextCursor!)! });
      expect(second.items.map((row) => row.id)).toEqual([ids[2], ids[1]]);
      const last = await repo.list(7, { limit: 2, cursor: parseCursor(second.nextCursor!)! });
      expect(last).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
      expect((await repo.unended()).map((row) => [row.accountId, row.state])).toEqual([
        [7, 'running'],
        [7, 'new'],
        [8, 'running'],
      ]);
    });

    it('refuses a state the schema does not know', async () => {
      const repo = new AlgoOrdersRepo(suite.store().db);
      // @ts-expect-error: the check constraint is the last line of defence behind the type.
      await expect(repo.insert(algo({ state: 'paused' }))).rejects.toThrow();
    });
  },
  { perTest: true },
);
