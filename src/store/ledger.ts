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

  /** Net deposits minus withdrawals of every account and asset, for performance baselines after a restart. */
  async capitalByAccount(): Promise<Array<{ accountId: number; asset: string; amount: number }>> {
    const rows = await this.db
      .selectFrom('ledger')
      .select(['accountId', 'asset', (eb) => eb.fn.sum<number | string>('deltaAvailable').as('amount')])
      .where('reason', 'in', ['deposit', 'withdrawal'])
      .groupBy(['accountId', 'asset'])
      .execute();
    return rows.map((row) => ({ accountId: row.accountId, asset: row.asset, amount: Number(row.amount) }));
  }
}
