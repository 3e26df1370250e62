// The capital_values table: each deposit's and withdrawal's value in a valuation currency, recorded when the engine applied it.
import type { Kysely, Migration } from 'kysely';

/** Rows stored before this table existed have no value here; readers value those moves from the price history. */
export function capitalValuesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('capital_values')
        // The engine sequence number of the move's LedgerEntry event (ledger.seq).
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('account_id', 'integer', (c) => c.notNull())
        // Minor units of `currency`: positive for a deposit, negative for a withdrawal.
        .addColumn('value', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('capital_values_pk', ['seq', 'currency'])
        .execute();
    },
  };
}
