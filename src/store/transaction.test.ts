// A SQLite transaction on the read-write connection takes the write lock at its start: another writer cannot commit between its read and its write.
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { suiteTempDir } from '../journal/test-support.ts';
import { openStore } from './database.ts';
import { MetaRepo } from './meta.ts';
import { inTransaction } from './transaction.ts';

describe('inTransaction on a SQLite file shared with another writer', () => {
  const dir = suiteTempDir('bourse-trx-');

  it('holds the write lock from its first statement, so no other writer commits between its read and its write', async () => {
    const path = join(dir, 'shared.db');
    const store = await openStore({ sqlitePath: path });
    await store.meta.set('counter', 0);
    // No waiting: the other writer learns at once that the lock is taken.
    const other = new SQLite(path, { timeout: 0 });
    const otherWrite = other.prepare(`insert into meta (key, value) values ('other', '1')`);
    let runs = 0;
    let refused: unknown;
    const result = await inTransaction(store.db, async (trx) => {
      runs++;
      const meta = new MetaRepo(trx);
      const seen = (await meta.get('counter')) as number;
      try {
        otherWrite.run();
      } catch (error) {
        refused = error;
      }
      await meta.set('counter', seen + 1);
      return seen + 1;
    });
    // Before, a plain BEGIN let the other commit here, and the whole transaction ran again.
    expect(refused).toMatchObject({ code: 'SQLITE_BUSY' });
    expect(runs).toBe(1);
    expect(result).toBe(1);
    otherWrite.run();
    expect(await store.meta.get('counter')).toBe(1);
    other.close();
    await store.close();
  });
});
