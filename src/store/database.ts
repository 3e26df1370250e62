// Opening the read-model store: the dialect chosen by configuration, migrations on open, and close.
import { CamelCasePlugin, Kysely, type Dialect, type LogEvent } from 'kysely';
import { ApiKeysRepo } from './api-keys.ts';
import { CandlesRepo } from './candles.ts';
import { dialectFor, type StoreDialect } from './dialect.ts';
import { FillsRepo } from './fills.ts';
import { LedgerRepo } from './ledger.ts';
import { MetaRepo } from './meta.ts';
import { migrateToLatest } from './migrations.ts';
import { OrdersRepo } from './orders.ts';
import { postgresDialect } from './postgres-connection.ts';
import { ProjectionThread } from './projection-thread.ts';
import { EventProjector, type Projector } from './projector.ts';
import { RefreshTokensRepo } from './refresh-tokens.ts';
import type { Database } from './schema.ts';
import { sqliteDialect, sqliteReaderDialect } from './sqlite-connection.ts';
import { TradesRepo } from './trades.ts';
import { UsersRepo } from './users.ts';

export interface StoreOptions {
  /** A postgres:// or postgresql:// URL selects PostgreSQL; when absent, SQLite at sqlitePath is used. */
  readonly databaseUrl?: string;
  /** SQLite database file (its directory is created), or ':memory:'. Default ':memory:'. */
  readonly sqlitePath?: string;
  /** PostgreSQL only: keep every table in this schema (created when missing), e.g. one per test. */
  readonly schema?: string;
  /** PostgreSQL only: most connections the pool opens. Default 10. */
  readonly poolSize?: number;
  /** Clock for the times the auth repositories stamp (epoch ms). Default Date.now. */
  readonly now?: () => number;
  /**
   * Called after every query, failed ones included, with its SQL and duration (for metrics). For
   * the projection thread's statements the SQL is cut to its first 120 characters.
   */
  readonly onQuery?: (sql: string, ms: number) => void;
  /**
   * SQLite file only: the projector runs in a worker thread with its own connection, so writing the
   * read models costs the caller's event loop nothing. Elsewhere it runs in-process.
   */
  readonly projectInWorker?: boolean;
}

export interface Store {
  /** Reads and writes. */
  readonly db: Kysely<Database>;
  /**
   * For queries that only read. On a SQLite file it is a second, read-only connection, so reads
   * never queue behind the projector's transaction; elsewhere it is `db`.
   */
  readonly reader: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** PostgreSQL: the schema holding the tables. SQLite: undefined. */
  readonly schema: string | undefined;
  readonly users: UsersRepo;
  readonly refreshTokens: RefreshTokensRepo;
  readonly apiKeys: ApiKeysRepo;
  readonly orders: OrdersRepo;
  readonly fills: FillsRepo;
  readonly ledger: LedgerRepo;
  readonly trades: TradesRepo;
  readonly candles: CandlesRepo;
  readonly meta: MetaRepo;
  /** The projector over the default watermark key. */
  readonly projector: Projector;
  /** Closes the SQLite file or ends the PostgreSQL pool. */
  close(): Promise<void>;
}

/** Opens (creating when needed) and migrates the store. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const dialect = dialectFor(options.databaseUrl);
  const sqlitePath = options.sqlitePath ?? ':memory:';
  let driver: Dialect;
  let schema: string | undefined;
  if (dialect === 'postgres') {
    ({ dialect: driver, schema } = await postgresDialect({ url: options.databaseUrl!, schema: options.schema, poolSize: options.poolSize }));
  } else {
    driver = sqliteDialect(sqlitePath);
  }
  const db = kyselyOver(driver, options.onQuery);
  let reader = db;
  try {
    await migrateToLatest(db, dialect, schema);
    // PostgreSQL's pool already lets reads and writes run side by side.
    const readerDriver = dialect === 'sqlite' ? sqliteReaderDialect(sqlitePath) : undefined;
    if (readerDriver !== undefined) reader = kyselyOver(readerDriver, options.onQuery);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const now = options.now ?? Date.now;
  const thread = options.projectInWorker && reader !== db ? new ProjectionThread(sqlitePath, options.onQuery) : undefined;
  return {
    db,
    reader,
    dialect,
    schema,
    users: new UsersRepo(db, now),
    refreshTokens: new RefreshTokensRepo(db, now),
    apiKeys: new ApiKeysRepo(db, now),
    orders: new OrdersRepo(reader),
    fills: new FillsRepo(reader),
    ledger: new LedgerRepo(reader),
    trades: new TradesRepo(reader),
    candles: new CandlesRepo(db, reader),
    meta: new MetaRepo(db),
    projector: thread ?? new EventProjector(db),
    close: async () => {
      await thread?.close();
      if (reader !== db) await reader.destroy();
      await db.destroy();
    },
  };
}

/** Tables and columns are snake_case in SQL and camelCase in TypeScript. */
export function kyselyOver(dialect: Dialect, onQuery: StoreOptions['onQuery']): Kysely<Database> {
  return new Kysely<Database>({
    dialect,
    plugins: [new CamelCasePlugin()],
    ...(onQuery === undefined ? {} : { log: (event: LogEvent) => onQuery(event.query.sql, event.queryDurationMillis) }),
  });
}
