// Writing historical records back out as CSV or JSON lines, in the columns the parsers read first.
import type { HistoryBar, HistoryKind, HistoryQuote, HistoryRecords, HistoryTrade } from '../../core/market-history.ts';
import { csvLine } from './csv-records.ts';
import type { HistoryFormat } from './parse.ts';

/** Times as epoch milliseconds (exact, the default) or ISO 8601 in UTC. */
export type TimeFormat = 'ms' | 'iso';

/** Each kind's exported columns; trades sharing a time keep their order by line, which is how seq reads back. */
export const EXPORT_COLUMNS: Readonly<Record<HistoryKind, readonly string[]>> = {
  bars: ['time', 'open', 'high', 'low', 'close', 'volume'],
  trades: ['time', 'price', 'qty', 'side'],
  quotes: ['time', 'bid_price', 'bid_qty', 'ask_price', 'ask_qty'],
};

const VALUES: { readonly [K in HistoryKind]: (record: HistoryRecords[K]) => string[] } = {
  bars: (bar: HistoryBar) => [bar.open, bar.high, bar.low, bar.close, bar.volume],
  trades: (trade: HistoryTrade) => [trade.price, trade.qty, trade.side ?? ''],
  quotes: (quote: HistoryQuote) => [quote.bidPrice, quote.bidQty, quote.askPrice, quote.askQty],
};

/** Formats records of one kind; `header()` comes first for CSV and is empty for JSON lines. */
export class HistoryWriter<K extends HistoryKind> {
  constructor(
    private readonly kind: K,
    private readonly format: HistoryFormat,
    private readonly timeFormat: TimeFormat = 'ms',
  ) {}

  header(): string {
    return this.format === 'csv' ? csvLine(EXPORT_COLUMNS[this.kind]) : '';
  }

  /** Records as text, one line each. Decimals are JSON strings in JSON lines, so no reader rounds them to a double. */
  lines(records: readonly HistoryRecords[K][]): string {
    const columns = EXPORT_COLUMNS[this.kind];
    const values = VALUES[this.kind] as (record: HistoryRecords[K]) => string[];
    let out = '';
    for (const record of records) {
      const time = 'openTime' in record ? record.openTime : record.ts;
      const cells = values(record);
      if (this.format === 'csv') {
        out += csvLine([this.timeFormat === 'iso' ? new Date(time).toISOString() : String(time), ...cells]);
      } else {
        const object: Record<string, string | number | null> = { time: this.timeFormat === 'iso' ? new Date(time).toISOString() : time };
        cells.forEach((cell, i) => (object[columns[i + 1]!] = cell === '' ? null : cell));
        out += `${JSON.stringify(object)}\n`;
      }
    }
    return out;
  }
}
