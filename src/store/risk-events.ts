// Risk events: kill switch trips and resets and limit changes, per account, listed newest first.
import type { Insertable, Kysely } from 'kysely';
import { pageLimit, toPage, type Cursor, type Page } from './cursor.ts';
import { riskDb, type RiskDatabase, type RiskEventRow, type RiskEventsTable } from './risk-schema.ts';
import type { Database } from './schema.ts';

export type NewRiskEvent = Omit<Insertable<RiskEventsTable>, 'id'>;

export interface RiskEventQuery {
  readonly limit?: number;
  readonly cursor?: Cursor;
}

export class RiskEventsRepo {
  private readonly db: Kysely<RiskDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = riskDb(db);
  }

  insert(event: NewRiskEvent): Promise<RiskEventRow> {
    return this.db.insertInto('riskEvents').values(event).returningAll().executeTakeFirstOrThrow();
  }

  /** The account's events, newest first; the cursor is the id of the last event seen. */
  async list(accountId: number, query: RiskEventQuery = {}): Promise<Page<RiskEventRow>> {
    const limit = pageLimit(query.limit);
    let select = this.db.selectFrom('riskEvents').selectAll().where('accountId', '=', accountId);
    if (query.cursor !== undefined) select = select.where('id', '<', query.cursor);
    return toPage(await select.orderBy('id', 'desc').limit(limit + 1).execute(), limit, (event) => event.id);
  }
}
