// The first schema: auth tables, the order/fill/trade/ledger read models, candles and watermarks.
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from './dialect.ts';

/**
 * Column types that differ by dialect. In SQLite only a column declared exactly `integer primary key`
 * is the rowid, which saves a separate index per table; every other integer type name there means
 * the same 64-bit storage, so `bigint` is used for values in both dialects.
 */
function columnTypes(dialect: StoreDialect) {
  const sqlite = dialect === 'sqlite';
  return {
    /** A primary key that the engine assigns (order id, event seq, trade id). */
    key: sqlite ? 'integer' : 'bigint',
    /** A key the database assigns. */
    serial: (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity()),
  } as const;
}

export function initialMigration(dialect: StoreDialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('id', 'integer', t.serial)
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'trader')`))
        .addColumn('account_id', 'integer', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('password_changed_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('refresh_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('family_id', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('rotated_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('refresh_tokens_user').on('refresh_tokens').column('user_id').execute();
      await db.schema.createIndex('refresh_tokens_family').on('refresh_tokens').column('family_id').execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('last_used_at', 'bigint')
        .execute();
      await db.schema.createIndex('api_keys_user').on('api_keys').column('user_id').execute();

      await db.schema
        .createTable('orders')
        .addColumn('id', t.key, (c) => c.primaryKey())
        .addColumn('account_id', 'integer', (c) => c.notNull())
        .addColumn('client_order_id', 'text')
        .addColumn('symbol', 'text', (c) => c.notNull())
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('order_type', 'text', (c) => c.notNull())
        .addColumn('tif', 'text', (c) => c.notNull())
        .addColumn('qty', 'bigint', (c) => c.notNull())
        .addColumn('price', 'bigint')
        .addColumn('stop_price', 'bigint')
        .addColumn('trail_amount', 'bigint')
        .addColumn('trail_bps', 'integer')
        .addColumn('expire_at', 'bigint')
        .addColumn('post_only', 'integer', (c) => c.notNull())
        .addColumn('stp', 'text', (c) => c.notNull())
        .addColumn('group_id', 'bigint')
        .addColumn('parent_id', 'bigint')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('filled_qty', 'bigint', (c) => c.notNull())
        .addColumn('leaves_qty', 'bigint', (c) => c.notNull())
        .addColumn('filled_notional', 'bigint', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('orders_account').on('orders').columns(['account_id', 'id']).execute();
      await db.schema.createIndex('orders_account_symbol').on('orders').columns(['account_id', 'symbol', 'id']).execute();
      // The engine never reuses a client order id within an account, so this cannot reject a projected order.
      await db.schema
        .createIndex('orders_account_client_order_id')
        .unique()
        .on('orders')
        .columns(['account_id', 'client_order_id'])
        .where(sql.ref('client_order_id'), 'is not', null)
        .execute();

      await db.schema
        .createTable('fills')
        .addColumn('id', t.key, (c) => c.primaryKey())
        .addColumn('trade_id', 'bigint', (c) => c.notNull())
        .addColumn('order_id', 'bigint', (c) => c.notNull())
        .addColumn('account_id', 'integer', (c) => c.notNull())
        .addColumn('symbol', 'text', (c) => c.notNull())
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('liquidity', 'text', (c) => c.notNull())
        .addColumn('price', 'bigint', (c) => c.notNull())
        .addColumn('qty', 'bigint', (c) => c.notNull())
        .addColumn('fee', 'bigint', (c) => c.notNull())
        .addColumn('counter_order_id', 'bigint', (c) => c.notNull())
        .addColumn('ts', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('fills_account').on('fills').columns(['account_id', 'id']).execute();
      await db.schema.createIndex('fills_order').on('fills').column('order_id').execute();

      await db.schema
        .createTable('trades')
        .addColumn('trade_id', t.key, (c) => c.primaryKey())
        .addColumn('symbol', 'text', (c) => c.notNull())
        .addColumn('price', 'bigint', (c) => c.notNull())
        .addColumn('qty', 'bigint', (c) => c.notNull())
        .addColumn('taker_side', 'text', (c) => c.notNull())
        .addColumn('ts', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('trades_symbol').on('trades').columns(['symbol', 'trade_id']).execute();
      await db.schema.createIndex('trades_symbol_ts').on('trades').columns(['symbol', 'ts']).execute();
      await db.schema.createIndex('trades_ts').on('trades').column('ts').execute();

      await db.schema
        .createTable('ledger')
        .addColumn('seq', t.key, (c) => c.primaryKey())
        .addColumn('account_id', 'integer', (c) => c.notNull())
        .addColumn('asset', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('ref_id', 'bigint', (c) => c.notNull())
        .addColumn('delta_available', 'bigint', (c) => c.notNull())
        .addColumn('delta_held', 'bigint', (c) => c.notNull())
        .addColumn('available', 'bigint', (c) => c.notNull())
        .addColumn('held', 'bigint', (c) => c.notNull())
        .addColumn('memo', 'text')
        .addColumn('ts', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ledger_account').on('ledger').columns(['account_id', 'seq']).execute();

      await db.schema
        .createTable('candles')
        .addColumn('symbol', 'text', (c) => c.notNull())
        .addColumn('interval', 'text', (c) => c.notNull().check(sql`${sql.ref('interval')} in ('1s', '1m', '5m', '15m', '1h', '1d')`))
        .addColumn('open_time', 'bigint', (c) => c.notNull())
        .addColumn('open', 'bigint', (c) => c.notNull())
        .addColumn('high', 'bigint', (c) => c.notNull())
        .addColumn('low', 'bigint', (c) => c.notNull())
        .addColumn('close', 'bigint', (c) => c.notNull())
        .addColumn('volume', 'bigint', (c) => c.notNull())
        .addColumn('quote_volume', 'bigint', (c) => c.notNull())
        .addColumn('trades', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('candles_pk', ['symbol', 'interval', 'open_time'])
        .execute();

      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
