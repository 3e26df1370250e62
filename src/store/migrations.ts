// Schema migrations: an in-code list run by Kysely's Migrator, so compiled builds need no migration files.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { StoreDialect } from './dialect.ts';
import { initialMigration } from './migration-0001-initial.ts';
import { riskMigration } from './migration-0002-risk.ts';
import { botsMigration } from './migration-0003-bots.ts';
import { marketHistoryMigration } from './migration-0004-market-history.ts';
import { capitalValuesMigration } from './migration-0005-capital-values.ts';
import { journalBindingMigration } from './migration-0006-journal-binding.ts';
import { orderWaterMarkMigration } from './migration-0007-order-water-mark.ts';
import { userStatusMigration } from './migration-0008-user-status.ts';
import { algoOrdersMigration } from './migration-0009-algo-orders.ts';
import { orderPlacedTermsMigration } from './migration-0010-order-placed-terms.ts';
import type { Database } from './schema.ts';

/** Every migration, keyed by a name that sorts in the order they must run. Never rename or edit one. */
function allMigrations(dialect: StoreDialect): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(dialect),
    '0002-risk': riskMigration(dialect),
    '0003-bots': botsMigration(dialect),
    '0004-market-history': marketHistoryMigration(dialect),
    '0005-capital-values': capitalValuesMigration(),
    '0006-journal-binding': journalBindingMigration(),
    '0007-order-water-mark': orderWaterMarkMigration(),
    '0008-user-status': userStatusMigration(),
    '0009-algo-orders': algoOrdersMigration(dialect),
    '0010-order-placed-terms': orderPlacedTermsMigration(),
  };
}

class InCodeProvider implements MigrationProvider {
  constructor(private readonly dialect: StoreDialect) {}

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(allMigrations(this.dialect));
  }
}

/**
 * Brings the schema up to date. `schema` (PostgreSQL) pins Kysely's bookkeeping tables to the store's
 * own schema: left unset, the Migrator looks for them in every schema and can mistake another
 * store's tables for its own.
 */
export async function migrateToLatest(db: Kysely<Database>, dialect: StoreDialect, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: new InCodeProvider(dialect), ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`store migration ${failed} failed: ${error instanceof Error ? error.message : 'unknown error'}`, { cause: error });
  }
}
