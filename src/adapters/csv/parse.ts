// Streaming parsers for historical data files: CSV or JSON lines into bars, trades or quotes, bad rows reported with their line.
import type { HistoryKind, HistoryRecords } from '../../core/market-history.ts';
import { DECODERS, objectValues, resolveHeader, type Decoded } from './columns.ts';
import { CsvSplitter } from './csv-records.ts';
import type { Field, TimeUnit } from './fields.ts';
import { JsonlSplitter } from './jsonl-records.ts';

export type HistoryFormat = 'csv' | 'jsonl';
export const HISTORY_FORMATS: readonly HistoryFormat[] = ['csv', 'jsonl'];

export interface ParseOptions {
  readonly format: HistoryFormat;
  /** How numeric timestamps are read. Default 'auto'. */
  readonly timeUnit?: TimeUnit;
}

/**
 * A good row, or a bad one with its line and reason. A `fatal` problem (a header without a
 * required column) ends the parse: no row after it can be read.
 */
export type ParsedRow<K extends HistoryKind> =
  | { readonly line: number; readonly record: HistoryRecords[K] }
  | { readonly line: number; readonly error: string; readonly fatal?: true };

/**
 * Parses one file fed in chunks. Rows must come in time order: bars strictly increasing, trades
 * and quotes never going back (several may share a millisecond; `seq` numbers them in file order).
 * A row out of order is reported and skipped, never reordered, so the good rows stay in order.
 */
export class HistoryParser<K extends HistoryKind> {
  private readonly csv: CsvSplitter | undefined;
  private readonly jsonl: JsonlSplitter | undefined;
  private readonly decode: (values: ReadonlyArray<string | undefined>) => Field<Decoded<K>>;
  private positions: ReadonlyArray<number | undefined> | undefined;
  /** Fields a data row needs: one past the last column used. */
  private width = 0;
  private done = false;
  private started = false;
  private lastTime = -1;
  private seq = 0;

  constructor(
    readonly kind: K,
    options: ParseOptions,
  ) {
    const unit = options.timeUnit ?? 'auto';
    const decoder = DECODERS[kind] as (values: ReadonlyArray<string | undefined>, unit: TimeUnit) => Field<Decoded<K>>;
    this.decode = (values) => decoder(values, unit);
    if (options.format === 'csv') this.csv = new CsvSplitter();
    else this.jsonl = new JsonlSplitter();
  }

  push(chunk: string): ParsedRow<K>[] {
    // A byte-order mark would otherwise become part of the first column's name.
    if (!this.started && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    if (chunk !== '') this.started = true;
    return this.rows(this.csv ? this.csv.push(chunk) : this.jsonl!.push(chunk));
  }

  end(): ParsedRow<K>[] {
    const rows = this.rows(this.csv ? this.csv.end() : this.jsonl!.end());
    if (this.csv && this.positions === undefined && !this.done) rows.push({ line: 1, error: 'the file is empty: expected a header row', fatal: true });
    return rows;
  }

  private rows(records: ReadonlyArray<{ line: number; fields?: unknown; error?: string }>): ParsedRow<K>[] {
    const out: ParsedRow<K>[] = [];
    for (const record of records) {
      if (this.done) break;
      if (record.error !== undefined) {
        // The header names the columns: without it no row can be read, so a broken one ends the parse (it was taken for a bad data row, and the next row for the header).
        const header = this.csv !== undefined && this.positions === undefined;
        if (header) this.done = true;
        out.push(header ? { line: record.line, error: `the header row is not valid CSV: ${record.error}`, fatal: true } : { line: record.line, error: record.error });
        continue;
      }
      let values: Field<ReadonlyArray<string | undefined>>;
      if (this.csv) {
        const fields = record.fields as string[];
        if (this.positions === undefined) {
          const header = resolveHeader(this.kind, fields);
          if ('error' in header) {
            this.done = true;
            out.push({ line: record.line, error: header.error, fatal: true });
          } else {
            this.positions = header.positions;
            this.width = header.positions.reduce<number>((most, at) => Math.max(most, (at ?? -1) + 1), 0);
          }
          continue;
        }
        values = this.csvValues(fields);
      } else {
        values = objectValues(this.kind, record.fields as Record<string, unknown>);
      }
      out.push(this.row(record.line, values));
    }
    return out;
  }

  private csvValues(fields: readonly string[]): Field<ReadonlyArray<string | undefined>> {
    const positions = this.positions!;
    const width = this.width;
    if (fields.length < width) return { ok: false, reason: `${fields.length} field${fields.length === 1 ? '' : 's'}, expected at least ${width}` };
    return { ok: true, value: positions.map((at) => (at === undefined ? undefined : fields[at])) };
  }

  private row(line: number, values: Field<ReadonlyArray<string | undefined>>): ParsedRow<K> {
    if (!values.ok) return { line, error: values.reason };
    const decoded = this.decode(values.value);
    if (!decoded.ok) return { line, error: decoded.reason };
    const value = decoded.value;
    const time = 'openTime' in value ? value.openTime : value.ts;
    const bars = this.kind === 'bars';
    if (time < this.lastTime || (bars && time === this.lastTime)) {
      return { line, error: `time ${new Date(time).toISOString()} is ${time === this.lastTime ? 'the same as' : 'before'} the previous row's: rows must be in time order` };
    }
    this.seq = time === this.lastTime ? this.seq + 1 : 0;
    this.lastTime = time;
    const record = (bars ? value : { ...value, seq: this.seq }) as unknown as HistoryRecords[K];
    return { line, record };
  }
}

/** Parses chunks of text as they arrive; yields each chunk's rows together, so callers can batch. */
export async function* parseHistory<K extends HistoryKind>(kind: K, chunks: AsyncIterable<string> | Iterable<string>, options: ParseOptions): AsyncGenerator<ParsedRow<K>[]> {
  const parser = new HistoryParser(kind, options);
  for await (const chunk of chunks) {
    const rows = parser.push(chunk);
    if (rows.length > 0) yield rows;
  }
  const rows = parser.end();
  if (rows.length > 0) yield rows;
}

/** Parses a whole text at once; for tests and small files. */
export function parseHistoryText<K extends HistoryKind>(kind: K, text: string, options: ParseOptions): ParsedRow<K>[] {
  const parser = new HistoryParser(kind, options);
  return [...parser.push(text), ...parser.end()];
}
