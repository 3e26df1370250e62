// A SQLite transaction that reads, loses its snapshot to another connection's commit, then writes is run again instead of failing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './database.ts';
import { MetaRepo } from './meta.ts';
import { inTransaction } from './transaction.ts';

describe('inTransaction on a SQLite file shared with another writer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bourse-trx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the work again when another connection committed between its read and its write', async () => {
    const path = join(dir, 'shared.db');
    const store = await openStore({ sqlitePath: path });
    await store.meta.set('counter', 0);
    const other = new SQLite(path);
    let runs = 0;
    const result = await inTransaction(store.db, async (trx) => {
      runs++;
      const meta = new MetaRepo(trx);
      const seen = (await meta.get('counter')) as number;
      // The other writer commits while this transaction holds a read snapshot, once.
      if (runs === 1) other.prepare(`insert into meta (key, value) values ('other', '1')`).run();
      await meta.set('counter', seen + 1);
      return seen + 1;
    });
    expect(runs).toBe(2);
    expect(result).toBe(1);
    expect(await store.meta.get('counter')).toBe(1);
    other.close();
    await store.close();
  });
});
