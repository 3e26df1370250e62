// Candles: batch upserts from market data, and newest-first pages per symbol and interval.
import type { Kysely } from 'kysely';
import { pageLimit, toPage, type Cursor, type Page } from './cursor.ts';
import type { CandleInterval, CandleRow, Database } from './schema.ts';
import { inTransaction } from './transaction.ts';

export interface CandleQuery {
  /** Opened at or after (epoch ms). */
  readonly from?: number;
  /** Opened before (epoch ms). */
  readonly to?: number;
  readonly limit?: number;
  readonly cursor?: Cursor;
}

/** Rows per statement: 10 columns each keeps a statement far below every dialect's parameter limit. */
const UPSERT_CHUNK = 500;

export class CandlesRepo {
  /** Upserts go through `db`; the queries through `reader` (the same connection unless told otherwise). */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly reader: Kysely<Database> = db,
  ) {}

  /**
   * Writes whole candles: a row replaces any stored candle with the same symbol, interval and open
   * time, so the writer sends the candle's full state so far, not a delta. Within one call the last
   * row for a key wins (PostgreSQL refuses to update one row twice in a statement).
   */
  async upsertCandles(rows: readonly CandleRow[]): Promise<void> {
    const latest = new Map<string, CandleRow>();
    for (const row of rows) latest.set(`${row.symbol}\u0000${row.interval}\u0000${row.openTime}`, row);
    const unique = [...latest.values()];
    // One transaction, so readers never see half of a batch of candles.
    await inTransaction(this.db, async (trx) => {
      for (let i = 0; i < unique.length; i += UPSERT_CHUNK) await upsertChunk(trx, unique.slice(i, i + UPSERT_CHUNK));
    });
  }

  /** The same as upsertCandles. */
  upsert(rows: readonly CandleRow[]): Promise<void> {
    return this.upsertCandles(rows);
  }

  /**
   * The newest stored candle of every symbol and interval, so candle building resumes after a
   * restart. It reads the whole primary key once, which is fine at start-up and nowhere else.
   */
  latest(): Promise<CandleRow[]> {
    return this.reader
      .selectFrom('candles')
      .innerJoin(
        (eb) => eb.selectFrom('candles').select((inner) => ['symbol', 'interval', inner.fn.max('openTime').as('openTime')]).groupBy(['symbol', 'interval']).as('newest'),
        (join) => join.onRef('newest.symbol', '=', 'candles.symbol').onRef('newest.interval', '=', 'candles.interval').onRef('newest.openTime', '=', 'candles.openTime'),
      )
      .selectAll('candles')
      .orderBy('candles.symbol')
      .orderBy('candles.interval')
      .execute();
  }

  /** Newest first; the cursor is the open time of the last candle seen. */
  async candles(symbol: string, interval: CandleInterval, query: CandleQuery = {}): Promise<Page<CandleRow>> {
    const limit = pageLimit(query.limit);
    let select = this.reader.selectFrom('candles').selectAll().where('symbol', '=', symbol).where('interval', '=', interval);
    if (query.from !== undefined) select = select.where('openTime', '>=', query.from);
    if (query.to !== undefined) select = select.where('openTime', '<', query.to);
    if (query.cursor !== undefined) select = select.where('openTime', '<', query.cursor);
    return toPage(await select.orderBy('openTime', 'desc').limit(limit + 1).execute(), limit, (candle) => candle.openTime);
  }
}

async function upsertChunk(db: Kysely<Database>, rows: readonly CandleRow[]): Promise<void> {
  await db
    .insertInto('candles')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['symbol', 'interval', 'openTime']).doUpdateSet((eb) => ({
        open: eb.ref('excluded.open'),
        high: eb.ref('excluded.high'),
        low: eb.ref('excluded.low'),
        close: eb.ref('excluded.close'),
        volume: eb.ref('excluded.volume'),
        quoteVolume: eb.ref('excluded.quoteVolume'),
        trades: eb.ref('excluded.trades'),
      })),
    )
    .execute();
}
