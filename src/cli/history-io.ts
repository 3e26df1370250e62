// Moving historical data between files and the store: a streamed, batched import with a summary of bad rows, and streamed writing.
import { InvalidArgumentError } from 'commander';
import { once } from 'node:events';
import { constants, createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { HistoryWriter, ParsedRow } from '../adapters/csv/index.ts';
import type { HistoryKind, HistoryRecords } from '../core/market-history.ts';
import type { HistorySeries, MarketHistoryRepo } from '../store/index.ts';

/** Rows per transaction: large enough that commits cost little, small enough to stay a few MB. */
export const IMPORT_BATCH = 10_000;

export interface BadRow {
  readonly line: number;
  readonly error: string;
}

export interface ImportSummary {
  /** Good rows read. */
  readonly rows: number;
  /** Of those, rows that were not stored already. */
  readonly inserted: number;
  /** Rows refused, and the first few of them. */
  readonly bad: number;
  readonly badRows: readonly BadRow[];
  /** A problem that stopped the import (such as a missing column); rows before it are stored. */
  readonly fatal?: BadRow;
}

export interface ImportOptions {
  /** Bad rows kept for the summary. Default 20. */
  readonly keepBad?: number;
  /** Called after each stored batch with the good rows read so far. */
  readonly onBatch?: (rows: number) => void;
  /** Why a parsed row must not be stored (such as a price off the instrument's grid), or undefined; such a row counts as bad. */
  readonly refuse?: (record: HistoryRecords[HistoryKind]) => string | undefined;
}

/** Stores parsed rows in batches as they arrive; only one batch is ever held. */
export async function importRows<K extends HistoryKind>(
  history: MarketHistoryRepo,
  kind: K,
  series: HistorySeries,
  source: string,
  batches: AsyncIterable<ReadonlyArray<ParsedRow<K>>> | Iterable<ReadonlyArray<ParsedRow<K>>>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const keepBad = options.keepBad ?? 20;
  const badRows: BadRow[] = [];
  let batch: Array<Extract<ParsedRow<K>, { record: unknown }>['record']> = [];
  let rows = 0;
  let inserted = 0;
  let bad = 0;
  let fatal: BadRow | undefined;
  const flush = async () => {
    inserted += await history.insert(kind, series, batch, source);
    rows += batch.length;
    batch = [];
    options.onBatch?.(rows);
  };
  for await (const parsed of batches) {
    for (const row of parsed) {
      let error: string;
      if ('record' in row) {
        const refused = options.refuse?.(row.record);
        if (refused === undefined) {
          batch.push(row.record);
          continue;
        }
        error = refused;
      } else if (row.fatal) {
        fatal = { line: row.line, error: row.error };
        continue;
      } else {
        error = row.error;
      }
      if (bad++ < keepBad) badRows.push({ line: row.line, error });
    }
    if (batch.length >= IMPORT_BATCH) await flush();
  }
  await flush();
  return { rows, inserted, bad, badRows, ...(fatal === undefined ? {} : { fatal }) };
}

/**
 * The size of a history file about to be read, or a one-line refusal saying why it cannot be: no such file, permission denied,
 * or a directory. `option` names where the path was given (such as --data), for a path that came with one.
 */
export async function sizeOfFile(path: string, option?: string): Promise<number> {
  const named = option === undefined ? path : `${option} ${path}`;
  const found = await stat(path).catch((error: unknown) => {
    throw unreadable(named, error);
  });
  if (found.isDirectory()) throw new InvalidArgumentError(`${named} is a directory; give a CSV or JSON-lines file`);
  if (!found.isFile()) throw new InvalidArgumentError(`cannot read ${named}: not a regular file`);
  await access(path, constants.R_OK).catch((error: unknown) => {
    throw unreadable(named, error);
  });
  return found.size;
}

const READ_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ELOOP: 'too many symbolic links',
};

/** "cannot read <path>: <why>", with the reason in words for the usual file-system errors; anything else passes through. */
export function unreadable(path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const problem = code === undefined ? undefined : READ_PROBLEMS[code];
  return problem === undefined ? error : new InvalidArgumentError(`cannot read ${path}: ${problem}`);
}

/** A file's text in chunks of about 1 MiB, reporting the bytes read so far; multi-byte characters split between chunks stay whole. */
export async function* fileText(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      onBytes?.(bytes);
      yield decoder.decode(chunk, { stream: true });
    }
  } catch (error) {
    // Checked by sizeOfFile first; this is for a file removed or changed between that check and the reading.
    throw unreadable(path, error);
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** Writes pages of records to `out` (the header first), waiting whenever the stream is full; returns the records written. */
export async function writeRecords<K extends HistoryKind>(
  writer: HistoryWriter<K>,
  pages: AsyncIterable<readonly HistoryRecords[K][]> | Iterable<readonly HistoryRecords[K][]>,
  out: Writable,
  onPage?: (written: number) => void,
): Promise<number> {
  let written = 0;
  await write(out, writer.header());
  for await (const page of pages) {
    await write(out, writer.lines(page));
    written += page.length;
    onPage?.(written);
  }
  return written;
}

/** Items in arrays of `size`, the last one shorter. */
export function* chunked<T>(items: Iterable<T>, size = IMPORT_BATCH): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

async function write(out: Writable, text: string): Promise<void> {
  if (text !== '' && !out.write(text)) await once(out, 'drain');
}

/** The summary as lines for the terminal; rows read count the bad ones too, so the parts add up to the whole. */
export function describeImport(summary: ImportSummary): string[] {
  const count = (n: number) => n.toLocaleString('en-US');
  const bad = summary.bad > 0 ? `, ${count(summary.bad)} bad (skipped)` : '';
  const lines = [`${count(summary.rows + summary.bad)} rows read: ${count(summary.inserted)} imported, ${count(summary.rows - summary.inserted)} already stored${bad}`];
  if (summary.bad > 0) {
    lines.push(`${summary.bad.toLocaleString('en-US')} bad row${summary.bad === 1 ? '' : 's'} not imported${summary.bad > summary.badRows.length ? ` (first ${summary.badRows.length} shown)` : ''}:`);
    for (const row of summary.badRows) lines.push(`  line ${row.line}: ${row.error}`);
  }
  // A problem that stopped the import (summary.fatal) is not a line here: the command reports it once, as its error.
  return lines;
}
