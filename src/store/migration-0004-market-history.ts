// Historical market data for backtests: imported bars, trades and top-of-book quotes, keyed by symbol and time, and their sources.
import { sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from './dialect.ts';

/**
 * Values are decimal text exactly as imported (canonical: no leading or trailing zeros), not
 * scaled integers: a series may be of a symbol the exchange does not list, so there is no tick or
 * lot size to scale by, and data with 18 decimals would not fit 2^53 once scaled. Times are epoch ms.
 * Each primary key is also the (symbol, time) index range reads walk; on SQLite the tables are
 * WITHOUT ROWID, so the rows live in that index instead of a second copy beside it.
 */
export function marketHistoryMigration(dialect: StoreDialect): Migration {
  const clustered = <T extends string, C extends string>(table: CreateTableBuilder<T, C>) => (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('history_sources')
        .addColumn('id', 'integer', (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity()))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .execute();

      await clustered(
        db.schema
          .createTable('history_bars')
          .addColumn('symbol', 'text', (c) => c.notNull())
          .addColumn('interval', 'text', (c) => c.notNull())
          .addColumn('open_time', 'bigint', (c) => c.notNull())
          .addColumn('open', 'text', (c) => c.notNull())
          .addColumn('high', 'text', (c) => c.notNull())
          .addColumn('low', 'text', (c) => c.notNull())
          .addColumn('close', 'text', (c) => c.notNull())
          .addColumn('volume', 'text', (c) => c.notNull())
          .addColumn('source_id', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('history_bars_pk', ['symbol', 'interval', 'open_time']),
      ).execute();

      await clustered(
        db.schema
          .createTable('history_trades')
          .addColumn('symbol', 'text', (c) => c.notNull())
          .addColumn('ts', 'bigint', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('price', 'text', (c) => c.notNull())
          .addColumn('qty', 'text', (c) => c.notNull())
          .addColumn('side', 'text', (c) => c.check(sql`side is null or side in ('buy', 'sell')`))
          .addColumn('source_id', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('history_trades_pk', ['symbol', 'ts', 'seq']),
      ).execute();

      await clustered(
        db.schema
          .createTable('history_quotes')
          .addColumn('symbol', 'text', (c) => c.notNull())
          .addColumn('ts', 'bigint', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('bid_price', 'text', (c) => c.notNull())
          .addColumn('bid_qty', 'text', (c) => c.notNull())
          .addColumn('ask_price', 'text', (c) => c.notNull())
          .addColumn('ask_qty', 'text', (c) => c.notNull())
          .addColumn('source_id', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('history_quotes_pk', ['symbol', 'ts', 'seq']),
      ).execute();
    },
  };
}
