// Risk history for trend analysis: one row per account per UTC day, and the sampled equity and drawdown curve.
import type { Kysely } from 'kysely';
import { pageLimit, toPage, type Cursor, type Page } from './cursor.ts';
import { riskDb, type RiskDailyRow, type RiskDatabase, type RiskSampleRow } from './risk-schema.ts';
import type { Database } from './schema.ts';

/** Rows per statement: well below both dialects' parameter limits for these widths. */
const CHUNK = 200;
/** Most daily rows one query returns: more than a year. */
export const MAX_HISTORY_DAYS = 400;

export interface RiskRangeQuery {
  /** At or after, epoch ms. */
  readonly from?: number;
  /** Before, epoch ms. */
  readonly to?: number;
}

export interface RiskSampleQuery extends RiskRangeQuery {
  readonly limit?: number;
  readonly cursor?: Cursor;
}

export class RiskHistoryRepo {
  private readonly db: Kysely<RiskDatabase>;
  private readonly reader: Kysely<RiskDatabase>;

  constructor(db: Kysely<Database>, reader: Kysely<Database> = db) {
    this.db = riskDb(db);
    this.reader = riskDb(reader);
  }

  /** Inserts or overwrites daily rows (the latest state of a day wins). */
  async upsertDays(rows: readonly RiskDailyRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += CHUNK) {
      await this.db
        .insertInto('riskDaily')
        .values(rows.slice(start, start + CHUNK))
        .onConflict((oc) =>
          oc.columns(['accountId', 'day']).doUpdateSet((eb) => ({
            startEquity: eb.ref('excluded.startEquity'),
            endEquity: eb.ref('excluded.endEquity'),
            minEquity: eb.ref('excluded.minEquity'),
            maxEquity: eb.ref('excluded.maxEquity'),
            maxGrossExposure: eb.ref('excluded.maxGrossExposure'),
            maxNetExposure: eb.ref('excluded.maxNetExposure'),
            maxDrawdownBps: eb.ref('excluded.maxDrawdownBps'),
            netFlows: eb.ref('excluded.netFlows'),
            highWaterMark: eb.ref('excluded.highWaterMark'),
            updatedAt: eb.ref('excluded.updatedAt'),
          })),
        )
        .execute();
    }
  }

  /** Each account's most recent daily row: where its high-water mark and today's figures resume after a restart. */
  latestDays(): Promise<RiskDailyRow[]> {
    return this.db
      .selectFrom('riskDaily as d')
      .innerJoin(
        (eb) => eb.selectFrom('riskDaily').select((s) => ['accountId', s.fn.max('day').as('lastDay')]).groupBy('accountId').as('m'),
        (join) => join.onRef('m.accountId', '=', 'd.accountId').onRef('m.lastDay', '=', 'd.day'),
      )
      .selectAll('d')
      .orderBy('d.accountId')
      .execute();
  }

  /** Daily rows of one account in a range, oldest first, at most MAX_HISTORY_DAYS (the newest ones when more match). */
  async days(accountId: number, range: RiskRangeQuery = {}): Promise<RiskDailyRow[]> {
    let select = this.reader.selectFrom('riskDaily').selectAll().where('accountId', '=', accountId);
    if (range.from !== undefined) select = select.where('day', '>=', range.from);
    if (range.to !== undefined) select = select.where('day', '<', range.to);
    const newest = await select.orderBy('day', 'desc').limit(MAX_HISTORY_DAYS).execute();
    return newest.reverse();
  }

  /** Adds samples; a sample already stored for the same account and time is kept. */
  async insertSamples(rows: readonly RiskSampleRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += CHUNK) {
      await this.db
        .insertInto('riskSamples')
        .values(rows.slice(start, start + CHUNK))
        .onConflict((oc) => oc.columns(['accountId', 'ts']).doNothing())
        .execute();
    }
  }

  /** The equity and drawdown curve of one account, oldest first; the cursor is the time of the last sample seen. */
  async samples(accountId: number, query: RiskSampleQuery = {}): Promise<Page<RiskSampleRow>> {
    const limit = pageLimit(query.limit);
    let select = this.reader.selectFrom('riskSamples').selectAll().where('accountId', '=', accountId);
    if (query.from !== undefined) select = select.where('ts', '>=', query.from);
    if (query.to !== undefined) select = select.where('ts', '<', query.to);
    if (query.cursor !== undefined) select = select.where('ts', '>', query.cursor);
    return toPage(await select.orderBy('ts', 'asc').limit(limit + 1).execute(), limit, (sample) => sample.ts);
  }
}
