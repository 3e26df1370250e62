// Table types of the risk tables (migration 0002-risk): limits, per-account settings, events, daily rows, equity samples.
import type { Generated, Kysely, Selectable } from 'kysely';
import type { Database } from './schema.ts';

// Units: money in the risk currency's minor units, drawdown in basis points, times in epoch ms.
// Every value is an integer no larger than 2^53.

/** Who set a set of limits: the account's owner, an admin for one account, or an admin for a strategy. */
export type RiskLimitScope = 'self' | 'account' | 'strategy';
export const RISK_LIMIT_SCOPES: readonly RiskLimitScope[] = ['self', 'account', 'strategy'];

/** What a risk event records. */
export type RiskEventKind = 'tripped' | 'reset' | 'limits';

export interface RiskLimitsTable {
  scope: RiskLimitScope;
  /** The account id as decimal text for 'self' and 'account', the strategy name for 'strategy'. */
  key: string;
  maxGrossExposure: number | null;
  maxNetExposure: number | null;
  maxDailyLoss: number | null;
  maxDrawdownBps: number | null;
  maxOrdersPerSecond: number | null;
  updatedAt: number;
}

export interface RiskAccountsTable {
  accountId: number;
  /** The strategy the account trades, whose limits apply to it; null for none. */
  strategy: string | null;
  /** Set while the kill switch is on: when it tripped and on which limit. */
  killedAt: number | null;
  killLimit: string | null;
  killValue: number | null;
  killThreshold: number | null;
  killSource: RiskLimitScope | null;
  updatedAt: number;
}

export interface RiskEventsTable {
  id: Generated<number>;
  accountId: number;
  ts: number;
  kind: RiskEventKind;
  /** For 'tripped': the limit, its measured value, its threshold and the layer it came from. */
  limitName: string | null;
  value: number | null;
  threshold: number | null;
  source: RiskLimitScope | null;
  /** The user who reset or changed limits; null for the service itself. */
  actorUserId: number | null;
  message: string;
}

export interface RiskDailyTable {
  accountId: number;
  /** Midnight UTC of the day, epoch ms. */
  day: number;
  startEquity: number;
  endEquity: number;
  minEquity: number;
  maxEquity: number;
  maxGrossExposure: number;
  maxNetExposure: number;
  maxDrawdownBps: number;
  /** Deposits less withdrawals during the day, valued when they happened. */
  netFlows: number;
  /** The high-water mark at the last update, carried into the next day. */
  highWaterMark: number;
  updatedAt: number;
}

export interface RiskSamplesTable {
  accountId: number;
  ts: number;
  equity: number;
  drawdownBps: number;
}

/** A type alias, not an interface: `withTables` needs the implicit index signature only aliases get. */
export type RiskTables = {
  riskLimits: RiskLimitsTable;
  riskAccounts: RiskAccountsTable;
  riskEvents: RiskEventsTable;
  riskDaily: RiskDailyTable;
  riskSamples: RiskSamplesTable;
};

/** The store's database with the risk tables; a Kysely over `Database` sees them through `withTables`. */
export type RiskDatabase = Database & RiskTables;

export function riskDb(db: Kysely<Database>): Kysely<RiskDatabase> {
  return db.withTables<RiskTables>();
}

export type RiskLimitsRow = Readonly<Selectable<RiskLimitsTable>>;
export type RiskAccountRow = Readonly<Selectable<RiskAccountsTable>>;
export type RiskEventRow = Readonly<Selectable<RiskEventsTable>>;
export type RiskDailyRow = Readonly<Selectable<RiskDailyTable>>;
export type RiskSampleRow = Readonly<Selectable<RiskSamplesTable>>;
