// Embedded SQLite for the store: pragmas for one writing process, a reader connection, and a statement cache.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteDialectConfig, type SqliteStatement } from 'kysely';

/** Prepared statements kept per connection; the projector's shapes alone need a few dozen. */
const STATEMENT_CACHE_SIZE = 512;

/** How long a connection waits for another's lock before SQLITE_BUSY, in milliseconds. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * WAL pages between automatic checkpoints (about 40 MB). Each checkpoint costs two fsyncs and
 * copies every page changed since the last; the projector rewrites the same index leaves in every
 * batch, so checkpointing less often copies each of them once instead of once per few batches.
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/** The WAL file is cut back to this size after a checkpoint, in bytes. */
const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

/** The read-write connection; it creates the file and its directory when missing. */
export function sqliteDialect(path: string): SqliteDialect {
  if (!inMemory(path) && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const db = new SQLite(path);
  try {
    // WAL lets readers run while the projector writes; NORMAL loses at most the last commits on
    // power loss, never consistency, and the journal re-projects whatever was lost.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return new WritingSqliteDialect({ database: withStatementCache(db) });
}

/**
 * The read-write connection's transactions begin IMMEDIATE: they take the write lock at once,
 * waiting for it (busy_timeout) while the other writer (the projection thread, or the main
 * thread's connection) holds it. A plain BEGIN starts as a reader, and a reader that then writes
 * after the other connection committed is refused outright (SQLITE_BUSY_SNAPSHOT): the whole
 * transaction, a projector batch of hundreds of orders, was rolled back and run again.
 */
class WritingSqliteDialect extends SqliteDialect {
  constructor(private readonly config: SqliteDialectConfig) {
    super(config);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * A read-only connection to the same file, or undefined for an in-memory database (a second
 * connection would open a different, empty one). Kysely runs one query at a time per SQLite
 * connection, so without it every API read would wait for the projector's whole transaction;
 * with it, reads see the last committed batch and run between the projector's statements.
 */
export function sqliteReaderDialect(path: string): SqliteDialect | undefined {
  if (inMemory(path)) return undefined;
  const db = new SQLite(path, { readonly: true, fileMustExist: true });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return new SqliteDialect({ database: withStatementCache(db) });
}

function inMemory(path: string): boolean {
  return path === ':memory:' || path === '' || /^file::memory:|[?&]mode=memory/.test(path);
}

/**
 * Kysely prepares every query it runs. Preparing costs more than running a small statement, and
 * the projector and the API repeat the same few SQL texts, so prepared statements are kept in a
 * bounded least-recently-used map. Reusing one is safe: Kysely runs one query at a time on a
 * SQLite connection, so a cached statement is never in use twice.
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
