// Embedded SQLite for the store: pragmas for one writing process, and a cache of prepared statements.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';

/** Prepared statements kept per connection; the projector's shapes alone need a few dozen. */
const STATEMENT_CACHE_SIZE = 512;

/** How long a writer waits for another process's lock before SQLITE_BUSY, in milliseconds. */
const BUSY_TIMEOUT_MS = 5_000;

export function sqliteDialect(path: string): SqliteDialect {
  if (path !== ':memory:' && path !== '' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const db = new SQLite(path);
  try {
    // WAL lets API readers run while the projector writes; NORMAL loses at most the last commits on
    // power loss, never consistency, and the journal can re-project whatever was lost.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteDialect({ database: withStatementCache(db) });
}

/**
 * Kysely prepares every query it runs. Preparing costs more than running a small statement, and
 * the projector and the API repeat the same few SQL texts, so prepared statements are kept in a
 * bounded least-recently-used map. Reusing one is safe: Kysely runs one query at a time on the
 * single SQLite connection, so a cached statement is never in use twice.
 */
function withStatementCache(db: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (statement !== undefined) {
        cache.delete(sql);
      } else {
        statement = db.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
