// The public trade tape: recent trades per symbol and trades over a time range.
import type { Kysely } from 'kysely';
import { pageLimit, toPage, type Cursor, type Page } from './cursor.ts';
import type { Database, TradeRow } from './schema.ts';

export interface TradeRangeQuery {
  /** At or after (epoch ms). */
  readonly from?: number;
  /** Before (epoch ms). */
  readonly to?: number;
  readonly limit?: number;
  readonly cursor?: Cursor;
}

export class TradesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** The latest trades, newest first. */
  recent(symbol: string, limit?: number): Promise<TradeRow[]> {
    return this.db.selectFrom('trades').selectAll().where('symbol', '=', symbol).orderBy('tradeId', 'desc').limit(pageLimit(limit)).execute();
  }

  /** Every symbol's trades at or after `from` (epoch ms), oldest first, at most `limit` when given. */
  since(from: number, limit?: number): Promise<TradeRow[]> {
    const select = this.db.selectFrom('trades').selectAll().where('ts', '>=', from).orderBy('tradeId', 'asc');
    return (limit === undefined ? select : select.limit(limit)).execute();
  }

  /**
   * Trades in [from, to), oldest first, as history is replayed (building candles, charts). Trade ids
   * and times grow together, so the cursor is the last trade id seen.
   */
  async inRange(symbol: string, query: TradeRangeQuery = {}): Promise<Page<TradeRow>> {
    const limit = pageLimit(query.limit);
    let select = this.db.selectFrom('trades').selectAll().where('symbol', '=', symbol);
    if (query.from !== undefined) select = select.where('ts', '>=', query.from);
    if (query.to !== undefined) select = select.where('ts', '<', query.to);
    if (query.cursor !== undefined) select = select.where('tradeId', '>', query.cursor);
    return toPage(await select.orderBy('tradeId', 'asc').limit(limit + 1).execute(), limit, (trade) => trade.tradeId);
  }
}
