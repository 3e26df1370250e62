// Fills read model queries for the API; every query is scoped to one account.
import type { Kysely } from 'kysely';
import { pageLimit, toPage, type Cursor, type Page } from './cursor.ts';
import type { Database, FillRow } from './schema.ts';

export interface FillQuery {
  readonly symbol?: string;
  readonly orderId?: number;
  readonly limit?: number;
  readonly cursor?: Cursor;
}

export class FillsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Newest first; a fill's id is its event seq, so ids order fills in time. */
  async list(accountId: number, query: FillQuery = {}): Promise<Page<FillRow>> {
    const limit = pageLimit(query.limit);
    let select = this.db.selectFrom('fills').selectAll().where('accountId', '=', accountId);
    if (query.symbol !== undefined) select = select.where('symbol', '=', query.symbol);
    if (query.orderId !== undefined) select = select.where('orderId', '=', query.orderId);
    if (query.cursor !== undefined) select = select.where('id', '<', query.cursor);
    return toPage(await select.orderBy('id', 'desc').limit(limit + 1).execute(), limit, (fill) => fill.id);
  }

  /** Oldest first after the fill `afterId` (0: from the start), at most `limit`: an account's whole history, page by page. */
  async ascending(accountId: number, afterId: number, limit: number): Promise<FillRow[]> {
    return this.db.selectFrom('fills').selectAll().where('accountId', '=', accountId).where('id', '>', afterId).orderBy('id', 'asc').limit(limit).execute();
  }

  /** Fills per account, for trade counts after a restart. */
  async countByAccount(): Promise<Map<number, number>> {
    const rows = await this.db.selectFrom('fills').select(['accountId', (eb) => eb.fn.countAll<number | string>().as('count')]).groupBy('accountId').execute();
    return new Map(rows.map((row) => [row.accountId, Number(row.count)]));
  }
}
