// Tests for opening stores: dialect choice, settings, migrations, integer parsing and schema isolation.
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { suiteTempDir } from '../journal/test-support.ts';
import { openStore } from './database.ts';
import { systemUserKey } from './meta.ts';
import { dialectFor, redact } from './dialect.ts';
import { MetaRepo } from './meta.ts';
import { describeEachDialect } from './test-support.ts';

describe('dialectFor', () => {
  it('picks PostgreSQL for postgres URLs only', () => {
    expect(dialectFor(undefined)).toBe('sqlite');
    expect(dialectFor('')).toBe('sqlite');
    expect(dialectFor('postgres://u@h/db')).toBe('postgres');
    expect(dialectFor('postgresql://u:p@h:5432/db')).toBe('postgres');
    expect(() => dialectFor('mysql://u:secret@h/db')).toThrow(/unsupported database URL "mysql:\/\/u:\*\*\*@h\/db"/);
  });

  it('redacts passwords', () => {
    expect(redact('postgres://bourse:hunter2@db:5432/x')).toBe('postgres://bourse:***@db:5432/x');
    expect(redact('postgres://bourse@db/x')).toBe('postgres://bourse@db/x');
  });
});

describe('SQLite file store', () => {
  const dir = suiteTempDir('bourse-store-');

  it('uses WAL, synchronous NORMAL, foreign keys and a busy timeout', async () => {
    const store = await openStore({ sqlitePath: join(dir, 'nested', 'settings.db') });
    const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(store.db)).rows[0] as object)[0] as unknown;
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(1);
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(5000);
    await store.close();
  });

  it('reports every query with its duration', async () => {
    const seen: Array<[string, number]> = [];
    const store = await openStore({ onQuery: (text, ms) => seen.push([text, ms]) });
    seen.length = 0;
    await store.meta.get('x');
    await expect(sql`select * from missing_table`.execute(store.db)).rejects.toThrow();
    expect(seen.map(([text]) => text)).toEqual([expect.stringMatching(/^select "value" from "meta"/), 'select * from missing_table']);
    expect(seen.every(([, ms]) => ms >= 0)).toBe(true);
    await store.close();
  });

  it('reads through a second connection that never waits for an open write transaction', async () => {
    const store = await openStore({ sqlitePath: join(dir, 'reader.db') });
    expect(store.reader).not.toBe(store.db);
    await store.meta.set('k', 1);
    await store.db.transaction().execute(async (trx) => {
      await new MetaRepo(trx).set('k', 2);
      expect(await new MetaRepo(store.reader).get('k')).toBe(1);
    });
    expect(await new MetaRepo(store.reader).get('k')).toBe(2);
    await expect(sql`insert into meta (key, value) values ('x', 1)`.execute(store.reader)).rejects.toThrow(/readonly/);
    await store.close();
    const memory = await openStore();
    expect(memory.reader).toBe(memory.db);
    await memory.close();
  });

  it('keeps data and migrates only once across reopenings', async () => {
    const path = join(dir, 'reopen.db');
    const first = await openStore({ sqlitePath: path });
    await first.meta.set('answer', 42);
    await first.close();
    const second = await openStore({ sqlitePath: path });
    expect(await second.meta.get('answer')).toBe(42);
    const migrations = await sql<{ name: string }>`select name from kysely_migration`.execute(second.db);
    expect(migrations.rows.map((row) => row.name)).toEqual(['0001-initial', '0002-risk', '0003-bots', '0004-market-history', '0005-capital-values', '0006-journal-binding', '0007-order-water-mark', '0008-user-status', '0009-algo-orders', '0010-order-placed-terms']);
    await second.close();
  });
});

describeEachDialect('store basics', (suite) => {
  it('returns 64-bit integers as exact numbers', async () => {
    const store = suite.store();
    await store.meta.set('big', Number.MAX_SAFE_INTEGER);
    await store.meta.set('negative', -(2 ** 52));
    expect(await store.meta.get('big')).toBe(Number.MAX_SAFE_INTEGER);
    expect(await store.meta.get('negative')).toBe(-(2 ** 52));
    const row = await store.db.selectFrom('meta').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('value').as('total')]).executeTakeFirstOrThrow();
    expect(row).toEqual({ n: 2, total: Number.MAX_SAFE_INTEGER - 2 ** 52 });
  });

  it('sets and overwrites meta keys, several at once', async () => {
    const store = suite.store();
    expect(await store.meta.get('missing')).toBeUndefined();
    await store.meta.setMany({ a: 1, b: 2 });
    await store.meta.setMany({ b: 3, c: 4 });
    expect([await store.meta.get('a'), await store.meta.get('b'), await store.meta.get('c')]).toEqual([1, 3, 4]);
    await expect(store.meta.set('bad', 1.5)).rejects.toThrow(/safe integer/);
  });

  it('lists the users the platform made for itself, by their meta keys only', async () => {
    const store = suite.store();
    await store.meta.setMany({ [systemUserKey('bourse-market')]: 7, [systemUserKey('other_market')]: 9, 'living-market-owner.x': 11, 'living-market.bot.7.walker': 12 });
    expect([...(await store.meta.systemUserIds())].sort()).toEqual([7, 9]);
  });

  it('enforces foreign keys', async () => {
    const store = suite.store();
    await expect(store.refreshTokens.insert({ id: 'orphan', userId: 999_999, familyId: 'f', tokenHash: 'h', expiresAt: 1 })).rejects.toThrow();
  });

  it('rejects a candle interval outside the known set', async () => {
    const store = suite.store();
    const candle = { symbol: 'X', interval: '2m' as '1m', openTime: 0, open: 1, high: 1, low: 1, close: 1, volume: 1, quoteVolume: 1, trades: 1 };
    await expect(store.candles.upsertCandles([candle])).rejects.toThrow();
  });

  it('keeps each PostgreSQL store in its own schema', async () => {
    const store = suite.store();
    if (store.dialect === 'sqlite') return expect(store.schema).toBeUndefined();
    const other = await suite.open();
    expect(other.schema).not.toBe(store.schema);
    await other.meta.set('only-here', 1);
    expect(await store.meta.get('only-here')).toBeUndefined();
    const tables = await sql<{ tableName: string }>`select table_name from information_schema.tables where table_schema = ${store.schema} order by table_name`.execute(store.db);
    expect(tables.rows.map((row) => row.tableName)).toEqual(
      expect.arrayContaining(['api_keys', 'candles', 'fills', 'kysely_migration', 'ledger', 'meta', 'orders', 'refresh_tokens', 'trades', 'users']),
    );
  });
});

describe('PostgreSQL options', () => {
  it('rejects schema names that would need quoting', async () => {
    await expect(openStore({ databaseUrl: 'postgres://nobody@127.0.0.1:1/x', schema: 'Robert"; drop' })).rejects.toThrow(/invalid schema name/);
  });
});
