// Stored history as backtest records: bars or trades of one symbol, read page by page and converted to its instrument's ticks and lots.
import type { InstrumentSpec } from '../core/instrument.ts';
import type { HistoryBar, HistoryKind, HistoryRecords, HistoryTrade } from '../core/market-history.ts';
import { barRecord, OffGridError, quoteRecord, tradeRecord } from './records.ts';
import type { BarRecord, TradeRecord } from './types.ts';

export type ReplayKind = 'bars' | 'trades';

/** What the store's market history offers (MarketHistoryRepo): a series read oldest first, in pages. */
export interface HistoryReader {
  read<K extends ReplayKind>(kind: K, series: { readonly symbol: string; readonly interval?: string }, range: { readonly from?: number; readonly to?: number }): AsyncIterable<HistoryRecords[K][]>;
}

export interface StoredSeries {
  readonly kind: ReplayKind;
  /** The bars' interval, such as 1m (unused for trades). */
  readonly interval: string;
  /** At or after, and before, epoch ms. */
  readonly from?: number;
  readonly to?: number;
}

/** One stored bar or trade as a record; throws OffGridError for a value off the instrument's grid. */
export function historyRecord(spec: InstrumentSpec, interval: string): (row: HistoryBar | HistoryTrade) => TradeRecord | BarRecord {
  return (row) => ('openTime' in row ? barRecord(spec, interval, row) : tradeRecord(spec, row));
}

/**
 * Why a history row of `kind` cannot trade on the instrument's grid (the OffGridError a backtest would
 * meet), or undefined when it can: so an import refuses what a backtest could not replay.
 */
export function offGridReason<K extends HistoryKind>(spec: InstrumentSpec, kind: K, interval: string): (row: HistoryRecords[K]) => string | undefined {
  const record = historyRecord(spec, interval);
  const convert = (row: HistoryRecords[K]) => (kind === 'quotes' ? quoteRecord(spec, row as HistoryRecords['quotes']) : record(row as HistoryBar | HistoryTrade));
  return (row) => {
    const converted = unlessOffGrid(() => convert(row));
    return converted instanceof OffGridError ? converted.message : undefined;
  };
}

/** What `convert` returns, or the OffGridError it throws (any other error goes on): a row off the grid is a bad row, not a failed run. */
export function unlessOffGrid<R>(convert: () => R): R | OffGridError {
  try {
    return convert();
  } catch (error) {
    if (error instanceof OffGridError) return error;
    throw error;
  }
}

/**
 * The series as records, streamed; `read()` counts the rows read so far, for progress. A stored row
 * off the grid (stored before imports checked it, or under other sizes) throws OffGridError, unless
 * `onOffGrid` is given: then it is skipped and reported there.
 */
export function storedRecords(
  reader: HistoryReader,
  spec: InstrumentSpec,
  series: StoredSeries,
  onOffGrid?: (error: OffGridError) => void,
): { readonly records: AsyncIterable<TradeRecord | BarRecord>; readonly read: () => number } {
  const convert = historyRecord(spec, series.interval);
  const key = series.kind === 'bars' ? { symbol: spec.symbol, interval: series.interval } : { symbol: spec.symbol };
  let read = 0;
  const records = (async function* () {
    for await (const page of reader.read(series.kind, key, { from: series.from, to: series.to })) {
      for (const row of page) {
        const record = unlessOffGrid(() => convert(row));
        if (record instanceof OffGridError) {
          if (!onOffGrid) throw record;
          onOffGrid(record);
          continue;
        }
        yield record;
      }
      read += page.length;
    }
  })();
  return { records, read: () => read };
}
