// The algo_orders table: each algo order an API client started, with its spec, progress, child orders and end, so ids stay unique and ended ones stay readable across restarts.
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from './dialect.ts';

/** A key the database assigns and never hands out again: SQLite's AUTOINCREMENT, PostgreSQL's identity. */
function serial(dialect: StoreDialect) {
  return (col: ColumnDefinitionBuilder) => (dialect === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity());
}

export function algoOrdersMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('algo_orders')
        .addColumn('id', 'integer', serial(dialect))
        .addColumn('account_id', 'integer', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('symbol', 'text', (c) => c.notNull())
        // JSON text in both dialects, as the client's spec was accepted (decimal fields as strings).
        .addColumn('spec', 'text', (c) => c.notNull())
        // The run's random seed, so a resumed algorithm draws the same plan.
        .addColumn('seed', 'bigint', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('new', 'running', 'done', 'expired', 'cancelled', 'failed')`))
        .addColumn('total_lots', 'bigint', (c) => c.notNull())
        .addColumn('filled_lots', 'bigint', (c) => c.notNull())
        // Sum of price x qty over the fills, in tick-lots, as an order's filled_notional.
        .addColumn('filled_notional', 'bigint', (c) => c.notNull())
        .addColumn('orders_sent', 'integer', (c) => c.notNull())
        // JSON arrays of engine order ids: every child order sent, and those still working.
        .addColumn('child_order_ids', 'text', (c) => c.notNull())
        .addColumn('open_order_ids', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // An account's list, newest first, and the running ones a start resumes.
      await db.schema.createIndex('algo_orders_account').on('algo_orders').columns(['account_id', 'id']).execute();
      await db.schema.createIndex('algo_orders_running').on('algo_orders').columns(['state', 'id']).execute();
    },
  };
}
