// Tests for the bots repository on both dialects: insert, unique names per owner, updates, JSON round trips, delete.
import { expect, it } from 'vitest';
import { BotsRepo, type NewBotRow } from './bots.ts';
import { T0, describeEachDialect } from './test-support.ts';

const bot = (over: Partial<NewBotRow> = {}): NewBotRow => ({
  ownerUserId: 1,
  userId: 10,
  accountId: 100,
  name: 'mm-1',
  strategy: 'market-maker',
  params: { spreadBps: 25, nested: { a: [1, 'x'] } },
  symbols: ['AAPL', 'BTC-USD'],
  seed: 4_294_967_295,
  desiredState: 'running',
  ...over,
});

describeEachDialect(
  'bots repository',
  (suite) => {
    it('inserts a bot and reads it back exactly', async () => {
      const repo = new BotsRepo(suite.store().db, () => suite.clock.now);
      const created = await repo.insert(bot());
      expect(created).toEqual({ id: expect.any(Number) as number, ...bot(), createdAt: T0, updatedAt: T0 });
      expect(await repo.get(created!.id)).toEqual(created);
      expect(await repo.list()).toEqual([created]);
    });

    it('keeps names unique per owner, not across owners', async () => {
      const repo = new BotsRepo(suite.store().db, () => suite.clock.now);
      expect(await repo.insert(bot())).toBeDefined();
      expect(await repo.insert(bot({ userId: 11, accountId: 101 }))).toBeUndefined();
      expect(await repo.insert(bot({ ownerUserId: 2, userId: 12, accountId: 102 }))).toBeDefined();
      // A bot's user and account are its own.
      expect(await repo.insert(bot({ name: 'other', accountId: 103 }))).toBeUndefined();
      expect((await repo.list()).map((b) => [b.ownerUserId, b.name])).toEqual([
        [1, 'mm-1'],
        [2, 'mm-1'],
      ]);
    });

    it('updates only the given fields and stamps the time; deletes', async () => {
      const repo = new BotsRepo(suite.store().db, () => suite.clock.now);
      const created = (await repo.insert(bot()))!;
      suite.clock.now = T0 + 5;
      const updated = await repo.update(created.id, { params: {}, desiredState: 'stopped' });
      expect(updated).toEqual({ ...created, params: {}, desiredState: 'stopped', updatedAt: T0 + 5 });
      expect(await repo.update(created.id, { symbols: ['ETH-USD'] })).toMatchObject({ params: {}, symbols: ['ETH-USD'], desiredState: 'stopped' });
      expect(await repo.update(created.id + 1000, { desiredState: 'running' })).toBeUndefined();
      expect(await repo.delete(created.id)).toBe(true);
      expect(await repo.delete(created.id)).toBe(false);
      expect(await repo.list()).toEqual([]);
    });

    it('refuses a desired state the schema does not know', async () => {
      const repo = new BotsRepo(suite.store().db);
      // @ts-expect-error: the check constraint is the last line of defence behind the type.
      await expect(repo.insert(bot({ desiredState: 'paused' }))).rejects.toThrow();
    });
  },
  { perTest: true },
);
