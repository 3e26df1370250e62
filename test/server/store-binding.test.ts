// A database and a data directory that do not belong together are refused at start-up, on SQLite and PostgreSQL: two servers on one database, another install's database, or an empty database next to a used journal.
import { copyFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { dropSchema, uniqueSchema } from '../support/postgres.ts';
import { PASSWORD, uniqueName } from '../support/traders.ts';

/** These tests start and stop several platforms. */
const STARTS_TIMEOUT = 240_000;

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
  }, STARTS_TIMEOUT);

  it('refuses an empty database next to a journal with accounts; the database restored starts, and --accept-empty-database starts without its users', async ({ expect }) => {
    const name = uniqueName('kept');
    const kept = await platform().api().register(name, PASSWORD);
    // A copy of the whole install, taken while it is stopped.
    const copyDir = await mkdtemp(join(tmpdir(), 'bourse-copy-'));
    await platform().close();
    try {
      await cp(platform().dataDir, copyDir, { recursive: true });
    } finally {
      await platform().open();
    }
    const backupDir = await mkdtemp(join(tmpdir(), 'bourse-db-backup-'));
    const schema = backend === 'postgres' ? uniqueSchema('empty') : undefined;
    try {
      // The database is lost: SQLite's file is gone, or DATABASE_URL names a new, empty PostgreSQL database.
      if (backend === 'sqlite') {
        await copyStore(copyDir, backupDir);
        for (const file of SQLITE_FILES) await rm(join(copyDir, file), { force: true });
      }
      const options = { backend, marketsFile: TEST_MARKETS, dataDir: copyDir, ...(schema === undefined ? {} : { schema }) };
      await expect(TestPlatform.start(options)).rejects.toThrow(/the database has no users, but the journal in .* has opened \d+ accounts .*: the database was lost or replaced\. Users, API keys, sessions, risk limits and bots live only in the database/);
      if (backend === 'sqlite') {
        // The database restored from its backup: everything is back.
        await copyStore(backupDir, copyDir);
        const restored = await TestPlatform.start(options);
        expect((await restored.api().login(name, PASSWORD)).user.accountId).toBe(kept.accountId);
        await restored.close();
        for (const file of SQLITE_FILES) await rm(join(copyDir, file), { force: true });
      }
      // No backup: started anyway, the old users are gone and new ones get new accounts.
      const accepted = await TestPlatform.start({ ...options, acceptEmptyDatabase: true });
      expect((await accepted.api().call('POST', '/api/v1/auth/login', { json: { username: name, password: PASSWORD } })).status).toBe(401);
      const again = await accepted.api().register(name, PASSWORD);
      expect(again.accountId).toBeGreaterThan(kept.accountId);
      // Bound now: later starts need no flag.
      await accepted.restart({ acceptEmptyDatabase: false });
      expect((await accepted.api().login(name, PASSWORD)).user.accountId).toBe(again.accountId);
      await accepted.close();
    } finally {
      await rm(copyDir, { recursive: true, force: true });
      await rm(backupDir, { recursive: true, force: true });
      if (schema !== undefined) await dropSchema(schema);
    }
    // The original install is untouched.
    expect((await platform().api().login(name, PASSWORD)).user.accountId).toBe(kept.accountId);
  }, STARTS_TIMEOUT);
});
