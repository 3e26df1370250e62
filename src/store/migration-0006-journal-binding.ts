// The journal_binding table: which journal (by its id) this store's users, keys and read models belong to.
import type { Kysely, Migration } from 'kysely';

/** One row at most (slot 1): a store belongs to one journal. Stores from before this table adopt their journal's id on the next start. */
export function journalBindingMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('journal_binding')
        .addColumn('slot', 'integer', (c) => c.primaryKey())
        .addColumn('journal_id', 'text', (c) => c.notNull())
        // Epoch ms of the binding: when this store was first opened next to that journal.
        .addColumn('bound_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
