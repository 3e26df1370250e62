// Risk limits per layer and per-account risk settings (strategy name, kill switch), both loaded whole at start-up.
import type { Kysely } from 'kysely';
import { riskDb, type RiskAccountRow, type RiskDatabase, type RiskLimitScope, type RiskLimitsRow } from './risk-schema.ts';
import type { Database } from './schema.ts';

/** The five limit values of one layer; null means the layer does not set that limit. */
export interface RiskLimitValues {
  readonly maxGrossExposure: number | null;
  readonly maxNetExposure: number | null;
  readonly maxDailyLoss: number | null;
  readonly maxDrawdownBps: number | null;
  readonly maxOrdersPerSecond: number | null;
}

/** A kill switch that is on: when it tripped and why (limit "manual", no value or threshold: turned on by hand). */
export interface StoredKill {
  readonly killedAt: number;
  readonly limit: string;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly source: RiskLimitScope;
}

export class RiskLimitsRepo {
  private readonly db: Kysely<RiskDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = riskDb(db);
  }

  /** Every layer's limits; a few rows per account or strategy at most, so start-up reads them all. */
  all(): Promise<RiskLimitsRow[]> {
    return this.db.selectFrom('riskLimits').selectAll().orderBy('scope').orderBy('key').execute();
  }

  get(scope: RiskLimitScope, key: string): Promise<RiskLimitsRow | undefined> {
    return this.db.selectFrom('riskLimits').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  }

  /** Replaces the layer's limits as a whole; a layer with every value null is deleted. */
  async put(scope: RiskLimitScope, key: string, values: RiskLimitValues, at: number): Promise<void> {
    if (Object.values(values).every((value) => value === null)) {
      await this.db.deleteFrom('riskLimits').where('scope', '=', scope).where('key', '=', key).execute();
      return;
    }
    const row = { scope, key, ...values, updatedAt: at };
    await this.db
      .insertInto('riskLimits')
      .values(row)
      .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet({ ...values, updatedAt: at }))
      .execute();
  }
}

export class RiskAccountsRepo {
  private readonly db: Kysely<RiskDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = riskDb(db);
  }

  /** Accounts with a strategy or a kill switch on; others have no row worth keeping. */
  all(): Promise<RiskAccountRow[]> {
    return this.db.selectFrom('riskAccounts').selectAll().orderBy('accountId').execute();
  }

  get(accountId: number): Promise<RiskAccountRow | undefined> {
    return this.db.selectFrom('riskAccounts').selectAll().where('accountId', '=', accountId).executeTakeFirst();
  }

  async setStrategy(accountId: number, strategy: string | null, at: number): Promise<void> {
    await this.db
      .insertInto('riskAccounts')
      .values({ ...NO_KILL, accountId, strategy, updatedAt: at })
      .onConflict((oc) => oc.column('accountId').doUpdateSet({ strategy, updatedAt: at }))
      .execute();
  }

  /** Turns the kill switch on with its reason, or off with null. */
  async setKill(accountId: number, kill: StoredKill | null, at: number): Promise<void> {
    const fields = kill === null ? NO_KILL : { killedAt: kill.killedAt, killLimit: kill.limit, killValue: kill.value, killThreshold: kill.threshold, killSource: kill.source };
    await this.db
      .insertInto('riskAccounts')
      .values({ ...fields, accountId, strategy: null, updatedAt: at })
      .onConflict((oc) => oc.column('accountId').doUpdateSet({ ...fields, updatedAt: at }))
      .execute();
  }
}

const NO_KILL = { killedAt: null, killLimit: null, killValue: null, killThreshold: null, killSource: null } as const;
