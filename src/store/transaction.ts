// Running repository work atomically whether or not the caller already holds a transaction.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Runs `work` in a transaction, joining the caller's when `db` is already one (Kysely does not nest them). */
export function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
