// Table types of the market history tables (migration 0004-market-history): sources, bars, trades and quotes.
import type { Generated, Kysely } from 'kysely';
import type { Side } from '../core/orders.ts';
import type { Database } from './schema.ts';

// Prices and sizes are canonical decimal text; times are epoch ms. See migration-0004-market-history.ts.

export interface HistorySourcesTable {
  id: Generated<number>;
  /** Where rows came from: a file name, "synthetic seed 7", or whatever the importer was told. */
  name: string;
}

export interface HistoryBarsTable {
  symbol: string;
  interval: string;
  openTime: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  sourceId: number;
}

export interface HistoryTradesTable {
  symbol: string;
  ts: number;
  /** Orders trades sharing a millisecond: 0, 1, ... in the order the source listed them. */
  seq: number;
  price: string;
  qty: string;
  side: Side | null;
  sourceId: number;
}

export interface HistoryQuotesTable {
  symbol: string;
  ts: number;
  seq: number;
  bidPrice: string;
  bidQty: string;
  askPrice: string;
  askQty: string;
  sourceId: number;
}

/** A type alias, not an interface: `withTables` needs the implicit index signature only aliases get. */
export type HistoryTables = {
  historySources: HistorySourcesTable;
  historyBars: HistoryBarsTable;
  historyTrades: HistoryTradesTable;
  historyQuotes: HistoryQuotesTable;
};

export type HistoryDatabase = Database & HistoryTables;

export function historyDb(db: Kysely<Database>): Kysely<HistoryDatabase> {
  return db.withTables<HistoryTables>();
}
