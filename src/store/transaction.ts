// Running repository work atomically whether or not the caller already holds a transaction.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Attempts of a SQLite transaction that lost its snapshot to another connection's commit. */
const SNAPSHOT_ATTEMPTS = 5;

/**
 * Runs `work` in a transaction, joining the caller's when `db` is already one (Kysely does not nest them).
 *
 * SQLite opens a transaction as a reader; when it then writes after another connection (the
 * projection thread) committed, SQLite refuses at once with SQLITE_BUSY_SNAPSHOT, which no busy
 * timeout waits out. The transaction has been rolled back by then, so it is run again from the start.
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
