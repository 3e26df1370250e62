// A database and a data directory from different installs are refused at start-up, on SQLite and PostgreSQL: two servers on one database, or a database restored next to another install's data directory.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { dropSchema } from '../support/postgres.ts';
import { PASSWORD, uniqueName } from '../support/traders.ts';

const SQLITE_FILES = ['bourse.sqlite', 'bourse.sqlite-wal', 'bourse.sqlite-shm'];

/** Copies the SQLite store files that exist from one data directory to another (both platforms closed). */
async function copyStore(from: string, to: string): Promise<void> {
  for (const name of SQLITE_FILES) {
    await rm(join(to, name), { force: true });
    await copyFile(join(from, name), join(to, name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

describeEachBackend('store binding', ({ backend, platform }) => {
  it('refuses to start on the database of another install, and the install that owns it goes on', async ({ expect }) => {
    const name = uniqueName('own');
    await platform().api().register(name, PASSWORD);
    const otherDir = await mkdtemp(join(tmpdir(), 'bourse-other-'));
    try {
      if (backend === 'postgres') {
        // A second server with its own data directory, pointed at the running one's database.
        await expect(TestPlatform.start({ backend, marketsFile: TEST_MARKETS, dataDir: otherDir, schema: platform().schema })).rejects.toThrow(/the database belongs to journal [0-9a-f-]{36}, but the data directory \(.*\) holds no journal/);
        // Its own journal, used once, and then the shared database: two installs.
        const own = await TestPlatform.start({ backend, marketsFile: TEST_MARKETS, dataDir: otherDir });
        await own.close();
        await dropSchema(own.schema!);
        const again = TestPlatform.start({ backend, marketsFile: TEST_MARKETS, dataDir: otherDir, schema: platform().schema });
        await expect(again).rejects.toThrow(/the database belongs to journal [0-9a-f-]{36}, but the data directory's journal \(.*\) is [0-9a-f-]{36}: they come from different installs/);
      } else {
        // Another install's data directory with this install's database copied into it.
        const other = await TestPlatform.start({ backend, marketsFile: TEST_MARKETS, dataDir: otherDir });
        await other.close();
        await platform().close();
        const saved = await mkdtemp(join(tmpdir(), 'bourse-saved-'));
        try {
          await copyStore(otherDir, saved);
          await copyStore(platform().dataDir, otherDir);
          await expect(other.open()).rejects.toThrow(/they come from different installs/);
          await copyStore(saved, otherDir);
          await other.open();
          await other.close();
        } finally {
          await rm(saved, { recursive: true, force: true });
          await platform().open();
        }
      }
      // The owner never noticed: its users are there and sign in.
      expect((await platform().api().login(name, PASSWORD)).user.username).toBe(name);
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });
});
