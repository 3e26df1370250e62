// Running repository work atomically whether or not the caller already holds a transaction.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Attempts of a SQLite transaction that lost its snapshot to another connection's commit. */
const SNAPSHOT_ATTEMPTS = 5;

/**
 * Runs `work` in a transaction, joining the caller's when `db` is already one (Kysely does not nest them).
 *
 * The read-write SQLite connection begins its transactions IMMEDIATE (sqlite-connection.ts), so
 * another writer cannot commit between a transaction's read and its write. Should a transaction
 * still lose its snapshot or find the lock busy past the timeout (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY),
 * it has been rolled back by then, and it is run again from the start.
 */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= SNAPSHOT_ATTEMPTS || !lostSnapshot(error)) throw error;
    }
  }
}

function lostSnapshot(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_BUSY';
}
