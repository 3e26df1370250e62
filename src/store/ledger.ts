// Ledger read model queries: every balance change of one account, and the capital moves performance is measured against.
import type { Kysely } from 'kysely';
import { pageLimit, toPage, type Cursor, type Page } from './cursor.ts';
import type { Database, LedgerRow } from './schema.ts';

export interface LedgerQuery {
  readonly asset?: string;
  readonly limit?: number;
  readonly cursor?: Cursor;
}

/** One deposit (positive) or withdrawal (negative), at its event seq. */
export interface CapitalMove {
  readonly seq: number;
  readonly accountId: number;
  readonly asset: string;
  readonly amount: number;
}

/** Ledger entries priced per query: the statement stays well under every driver's parameter limit. */
const PRICE_CHUNK = 500;

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

  /** Every deposit and withdrawal, oldest first: each valued at its own time rebuilds capital after a restart. */
  async capitalMoves(): Promise<CapitalMove[]> {
    const rows = await this.db
      .selectFrom('ledger')
      .select(['seq', 'accountId', 'asset', 'deltaAvailable'])
      .where('reason', 'in', ['deposit', 'withdrawal'])
      .orderBy('seq', 'asc')
      .execute();
    return rows.map((row) => ({ seq: row.seq, accountId: row.accountId, asset: row.asset, amount: row.deltaAvailable }));
  }

  /**
   * The price of `symbol`'s last trade before each of the ledger entries `seqs`, as the engine had it
   * when the entry happened; entries before its first trade are left out. Two index lookups per entry,
   * however long the tape: the fills' primary key (event seq) gives the last fill before the entry and
   * its trade id, and trades_symbol gives the symbol's last trade at or below that id. Trade ids and
   * event seqs come from the one engine and grow together, so that is exactly its last trade before
   * the entry.
   */
  async lastPricesBefore(symbol: string, seqs: readonly number[]): Promise<Map<number, number>> {
    const prices = new Map<number, number>();
    for (let i = 0; i < seqs.length; i += PRICE_CHUNK) {
      const rows = await this.db
        .selectFrom('ledger')
        .where('ledger.seq', 'in', seqs.slice(i, i + PRICE_CHUNK))
        .select((eb) => [
          'ledger.seq',
          eb
            .selectFrom('trades')
            .select('trades.price')
            .where('trades.symbol', '=', symbol)
            .where('trades.tradeId', '<=', eb.selectFrom('fills').select('fills.tradeId').whereRef('fills.id', '<', 'ledger.seq').orderBy('fills.id', 'desc').limit(1))
            .orderBy('trades.tradeId', 'desc')
            .limit(1)
            .as('price'),
        ])
        .execute();
      for (const row of rows) if (row.price !== null) prices.set(row.seq, row.price);
    }
    return prices;
  }
}
