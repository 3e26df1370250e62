// Historical bars, trades and quotes: idempotent bulk inserts in transactions, and range reads as pages from an async iterator.
import type { Kysely } from 'kysely';
import type { HistoryBar, HistoryKind, HistoryQuote, HistoryRecords, HistoryTrade } from '../core/market-history.ts';
import { bulkInsert, type BulkStatement } from './bulk.ts';
import { historyDb, type HistoryDatabase } from './history-schema.ts';
import type { Database } from './schema.ts';
import { inTransaction } from './transaction.ts';

/** Which series: a symbol, and for bars an interval such as "1m". */
export interface HistorySeries {
  readonly symbol: string;
  readonly interval?: string;
}

export interface HistoryRange {
  /** At or after, epoch ms. */
  readonly from?: number;
  /** Before, epoch ms. */
  readonly to?: number;
  /** Rows per page. Default 10,000. */
  readonly pageSize?: number;
}

export const DEFAULT_HISTORY_PAGE = 10_000;
const MAX_HISTORY_PAGE = 100_000;

/** The stored extent of one series. */
export interface HistoryExtent {
  readonly rows: number;
  readonly first: number | null;
  readonly last: number | null;
}

export class MarketHistoryRepo {
  private readonly db: Kysely<HistoryDatabase>;
  private readonly reader: Kysely<HistoryDatabase>;
  private readonly statements: Readonly<Record<HistoryKind, BulkStatement>>;
  private readonly sources = new Map<string, number>();

  /** Writes go through `db`, range reads through `reader`. */
  constructor(
    private readonly raw: Kysely<Database>,
    reader: Kysely<Database> = raw,
  ) {
    this.db = historyDb(raw);
    this.reader = historyDb(reader);
    // Rows already stored (same key) are left as they are: importing a file again changes nothing.
    this.statements = {
      bars: bulkInsert(this.db, 'historyBars', ['symbol', 'interval', 'openTime', 'open', 'high', 'low', 'close', 'volume', 'sourceId']),
      trades: bulkInsert(this.db, 'historyTrades', ['symbol', 'ts', 'seq', 'price', 'qty', 'side', 'sourceId']),
      quotes: bulkInsert(this.db, 'historyQuotes', ['symbol', 'ts', 'seq', 'bidPrice', 'bidQty', 'askPrice', 'askQty', 'sourceId']),
    };
  }

  /**
   * Inserts records of one series in one transaction, skipping those whose key is already stored;
   * returns how many were new. Callers stream a large file through in batches of a few thousand.
   */
  async insert<K extends HistoryKind>(kind: K, series: HistorySeries, records: readonly HistoryRecords[K][], source: string): Promise<number> {
    if (records.length === 0) return 0;
    const symbol = series.symbol;
    const interval = kind === 'bars' ? requireInterval(series) : undefined;
    try {
      return await inTransaction(this.raw, async (trx) => {
        const sourceId = await this.sourceId(historyDb(trx), source);
        const rows = (records as readonly HistoryRecords[HistoryKind][]).map((record) => ROW[kind](symbol, interval ?? '', record as never, sourceId));
        return this.statements[kind].run(trx, rows);
      });
    } catch (error) {
      // The source row may have been created by the transaction that just rolled back.
      this.sources.delete(source);
      throw error;
    }
  }

  /** The series oldest first, `pageSize` rows at a time; only one page is in memory at once. */
  async *read<K extends HistoryKind>(kind: K, series: HistorySeries, range: HistoryRange = {}): AsyncGenerator<HistoryRecords[K][]> {
    const size = Math.max(1, Math.min(MAX_HISTORY_PAGE, Math.floor(range.pageSize ?? DEFAULT_HISTORY_PAGE)));
    const pages = kind === 'bars' ? this.barPages(series, range, size) : this.tickPages(kind === 'trades' ? 'historyTrades' : 'historyQuotes', series.symbol, range, size);
    yield* pages as AsyncGenerator<HistoryRecords[K][]>;
  }

  /** Deletes a series' rows in the range (all of them without one), so corrected data can be imported over it; returns how many. */
  async delete(kind: HistoryKind, series: HistorySeries, range: Pick<HistoryRange, 'from' | 'to'> = {}): Promise<number> {
    let result;
    if (kind === 'bars') {
      let query = this.db.deleteFrom('historyBars').where('symbol', '=', series.symbol).where('interval', '=', requireInterval(series));
      if (range.from !== undefined) query = query.where('openTime', '>=', range.from);
      if (range.to !== undefined) query = query.where('openTime', '<', range.to);
      result = await query.executeTakeFirst();
    } else {
      let query = this.db.deleteFrom(kind === 'trades' ? 'historyTrades' : 'historyQuotes').where('symbol', '=', series.symbol);
      if (range.from !== undefined) query = query.where('ts', '>=', range.from);
      if (range.to !== undefined) query = query.where('ts', '<', range.to);
      result = await query.executeTakeFirst();
    }
    return Number(result.numDeletedRows);
  }

  /** How many rows a series has (within the range, when one is given) and the times of its first and last. */
  async extent(kind: HistoryKind, series: HistorySeries, range: Pick<HistoryRange, 'from' | 'to'> = {}): Promise<HistoryExtent> {
    let row;
    if (kind === 'bars') {
      let query = this.reader.selectFrom('historyBars').where('symbol', '=', series.symbol).where('interval', '=', requireInterval(series));
      if (range.from !== undefined) query = query.where('openTime', '>=', range.from);
      if (range.to !== undefined) query = query.where('openTime', '<', range.to);
      row = await query.select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.min('openTime').as('first'), eb.fn.max('openTime').as('last')]).executeTakeFirstOrThrow();
    } else {
      let query = this.reader.selectFrom(kind === 'trades' ? 'historyTrades' : 'historyQuotes').where('symbol', '=', series.symbol);
      if (range.from !== undefined) query = query.where('ts', '>=', range.from);
      if (range.to !== undefined) query = query.where('ts', '<', range.to);
      row = await query.select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.min('ts').as('first'), eb.fn.max('ts').as('last')]).executeTakeFirstOrThrow();
    }
    return { rows: Number(row.rows), first: row.first === null ? null : Number(row.first), last: row.last === null ? null : Number(row.last) };
  }

  /**
   * Every stored series of a kind with its extent, by symbol (and interval). It counts every row,
   * so it costs a pass over the table: for a catalog, not for a hot path.
   */
  async series(kind: HistoryKind): Promise<Array<HistorySeries & HistoryExtent>> {
    if (kind === 'bars') {
      const rows = await this.reader
        .selectFrom('historyBars')
        .select((eb) => ['symbol', 'interval', eb.fn.countAll<number>().as('rows'), eb.fn.min('openTime').as('first'), eb.fn.max('openTime').as('last')])
        .groupBy(['symbol', 'interval'])
        .orderBy('symbol')
        .orderBy('interval')
        .execute();
      return rows.map((row) => ({ symbol: row.symbol, interval: row.interval, rows: Number(row.rows), first: Number(row.first), last: Number(row.last) }));
    }
    const rows = await this.reader
      .selectFrom(kind === 'trades' ? 'historyTrades' : 'historyQuotes')
      .select((eb) => ['symbol', eb.fn.countAll<number>().as('rows'), eb.fn.min('ts').as('first'), eb.fn.max('ts').as('last')])
      .groupBy('symbol')
      .orderBy('symbol')
      .execute();
    return rows.map((row) => ({ symbol: row.symbol, rows: Number(row.rows), first: Number(row.first), last: Number(row.last) }));
  }

  private async *barPages(series: HistorySeries, range: HistoryRange, size: number): AsyncGenerator<HistoryBar[]> {
    const interval = requireInterval(series);
    let after: number | undefined;
    for (;;) {
      let query = this.reader
        .selectFrom('historyBars')
        .select(['openTime', 'open', 'high', 'low', 'close', 'volume'])
        .where('symbol', '=', series.symbol)
        .where('interval', '=', interval);
      if (range.from !== undefined) query = query.where('openTime', '>=', range.from);
      if (range.to !== undefined) query = query.where('openTime', '<', range.to);
      if (after !== undefined) query = query.where('openTime', '>', after);
      const page = await query.orderBy('openTime').limit(size).execute();
      if (page.length > 0) yield page;
      if (page.length < size) return;
      after = page[page.length - 1]!.openTime;
    }
  }

  /** Trades and quotes share a shape of key: (symbol, ts, seq), walked by keyset so each page starts where the last ended. */
  private async *tickPages(table: 'historyTrades' | 'historyQuotes', symbol: string, range: HistoryRange, size: number): AsyncGenerator<Array<HistoryTrade | HistoryQuote>> {
    let after: { ts: number; seq: number } | undefined;
    for (;;) {
      let query = this.reader.selectFrom(table).selectAll().where('symbol', '=', symbol);
      if (range.from !== undefined) query = query.where('ts', '>=', range.from);
      if (range.to !== undefined) query = query.where('ts', '<', range.to);
      if (after !== undefined) {
        const { ts, seq } = after;
        query = query.where((eb) => eb(eb.refTuple('ts', 'seq'), '>', eb.tuple(ts, seq)));
      }
      const rows = await query.orderBy('ts').orderBy('seq').limit(size).execute();
      const page: Array<HistoryTrade | HistoryQuote> = table === 'historyTrades' ? rows.map(toTrade) : rows.map(toQuote);
      if (page.length > 0) yield page;
      if (page.length < size) return;
      const last = page[page.length - 1]!;
      after = { ts: last.ts, seq: last.seq };
    }
  }

  private async sourceId(db: Kysely<HistoryDatabase>, name: string): Promise<number> {
    const known = this.sources.get(name);
    if (known !== undefined) return known;
    await db.insertInto('historySources').values({ name }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const { id } = await db.selectFrom('historySources').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    this.sources.set(name, id);
    return id;
  }
}

function requireInterval(series: HistorySeries): string {
  if (series.interval === undefined) throw new Error(`bars of ${series.symbol} need an interval`);
  return series.interval;
}

/** Each kind's record as the parameters of one row, in the statement's column order. */
const ROW: { readonly [K in HistoryKind]: (symbol: string, interval: string, record: HistoryRecords[K], sourceId: number) => unknown[] } = {
  bars: (symbol, interval, b, sourceId) => [symbol, interval, b.openTime, b.open, b.high, b.low, b.close, b.volume, sourceId],
  trades: (symbol, _interval, t, sourceId) => [symbol, t.ts, t.seq, t.price, t.qty, t.side, sourceId],
  quotes: (symbol, _interval, q, sourceId) => [symbol, q.ts, q.seq, q.bidPrice, q.bidQty, q.askPrice, q.askQty, sourceId],
};

function toTrade(row: { ts: number; seq: number; price: string; qty: string; side: HistoryTrade['side'] }): HistoryTrade {
  return { ts: Number(row.ts), seq: row.seq, price: row.price, qty: row.qty, side: row.side };
}

function toQuote(row: { ts: number; seq: number; bidPrice: string; bidQty: string; askPrice: string; askQty: string }): HistoryQuote {
  return { ts: Number(row.ts), seq: row.seq, bidPrice: row.bidPrice, bidQty: row.bidQty, askPrice: row.askPrice, askQty: row.askQty };
}
