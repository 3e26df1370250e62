// Ledger read model queries for the API: every balance change of one account.
import type { Kysely } from 'kysely';
import { pageLimit, toPage, type Cursor, type Page } from './cursor.ts';
import type { Database, LedgerRow } from './schema.ts';

export interface LedgerQuery {
  readonly asset?: string;
  readonly limit?: number;
  readonly cursor?: Cursor;
}

export class LedgerRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Newest first, by event seq. */
  async list(accountId: number, query: LedgerQuery = {}): Promise<Page<LedgerRow>> {
    const limit = pageLimit(query.limit);
    let select = this.db.selectFrom('ledger').selectAll().where('accountId', '=', accountId);
    if (query.asset !== undefined) select = select.where('asset', '=', query.asset);
    if (query.cursor !== undefined) select = select.where('seq', '<', query.cursor);
    return toPage(await select.orderBy('seq', 'desc').limit(limit + 1).execute(), limit, (entry) => entry.seq);
  }
}
