// The risk tables: limits per layer, per-account settings and kill switch, risk events, daily rows and equity samples.
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from './dialect.ts';

/** A key the database assigns; SQLite makes `integer primary key` the rowid (as in 0001). */
function serial(dialect: StoreDialect) {
  return (col: ColumnDefinitionBuilder) => (dialect === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity());
}

const SCOPES = sql`('self', 'account', 'strategy')`;

export function riskMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('risk_limits')
        .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ${SCOPES}`))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('max_gross_exposure', 'bigint')
        .addColumn('max_net_exposure', 'bigint')
        .addColumn('max_daily_loss', 'bigint')
        .addColumn('max_drawdown_bps', 'integer')
        .addColumn('max_orders_per_second', 'integer')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('risk_limits_pk', ['scope', 'key'])
        .execute();

      await db.schema
        .createTable('risk_accounts')
        .addColumn('account_id', 'integer', (c) => c.primaryKey())
        .addColumn('strategy', 'text')
        .addColumn('killed_at', 'bigint')
        .addColumn('kill_limit', 'text')
        .addColumn('kill_value', 'bigint')
        .addColumn('kill_threshold', 'bigint')
        .addColumn('kill_source', 'text', (c) => c.check(sql`kill_source is null or kill_source in ${SCOPES}`))
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('risk_events')
        .addColumn('id', 'integer', serial(dialect))
        .addColumn('account_id', 'integer', (c) => c.notNull())
        .addColumn('ts', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('tripped', 'reset', 'limits')`))
        .addColumn('limit_name', 'text')
        .addColumn('value', 'bigint')
        .addColumn('threshold', 'bigint')
        .addColumn('source', 'text')
        .addColumn('actor_user_id', 'integer')
        .addColumn('message', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('risk_events_account').on('risk_events').columns(['account_id', 'id']).execute();

      await db.schema
        .createTable('risk_daily')
        .addColumn('account_id', 'integer', (c) => c.notNull())
        .addColumn('day', 'bigint', (c) => c.notNull())
        .addColumn('start_equity', 'bigint', (c) => c.notNull())
        .addColumn('end_equity', 'bigint', (c) => c.notNull())
        .addColumn('min_equity', 'bigint', (c) => c.notNull())
        .addColumn('max_equity', 'bigint', (c) => c.notNull())
        .addColumn('max_gross_exposure', 'bigint', (c) => c.notNull())
        .addColumn('max_net_exposure', 'bigint', (c) => c.notNull())
        .addColumn('max_drawdown_bps', 'integer', (c) => c.notNull())
        .addColumn('net_flows', 'bigint', (c) => c.notNull())
        .addColumn('high_water_mark', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('risk_daily_pk', ['account_id', 'day'])
        .execute();

      await db.schema
        .createTable('risk_samples')
        .addColumn('account_id', 'integer', (c) => c.notNull())
        .addColumn('ts', 'bigint', (c) => c.notNull())
        .addColumn('equity', 'bigint', (c) => c.notNull())
        .addColumn('drawdown_bps', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('risk_samples_pk', ['account_id', 'ts'])
        .execute();
    },
  };
}
