// The bots table: each managed bot with its owner, its own user and account, strategy, params, symbols, seed and desired state.
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from './dialect.ts';

/** A key the database assigns; SQLite makes `integer primary key` the rowid (as in 0001). */
function serial(dialect: StoreDialect) {
  return (col: ColumnDefinitionBuilder) => (dialect === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity());
}

export function botsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('bots')
        .addColumn('id', 'integer', serial(dialect))
        .addColumn('owner_user_id', 'integer', (c) => c.notNull())
        // The bot trades as a user of its own; that user and its account outlive the bot (the leaderboard keeps them).
        .addColumn('user_id', 'integer', (c) => c.notNull().unique())
        .addColumn('account_id', 'integer', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('strategy', 'text', (c) => c.notNull())
        // JSON text in both dialects, so the two stores read back the same values.
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('symbols', 'text', (c) => c.notNull())
        .addColumn('seed', 'bigint', (c) => c.notNull())
        .addColumn('desired_state', 'text', (c) => c.notNull().check(sql`desired_state in ('running', 'stopped')`))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('bots_owner_name', ['owner_user_id', 'name'])
        .execute();
    },
  };
}
