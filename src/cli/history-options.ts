// Options shared by `bourse import`, `export` and `generate`: the store to use, the kind of data, symbols, intervals and times.
import { InvalidArgumentError, type Command } from 'commander';
import { join, resolve } from 'node:path';
import { HISTORY_FORMATS, parseTime, type HistoryFormat } from '../adapters/csv/index.ts';
import { HISTORY_KINDS, intervalToMs, type HistoryKind } from '../core/market-history.ts';
import { MarketHistoryRepo, openStore, type HistorySeries, type Store } from '../store/index.ts';
import { secretOption } from './options.ts';

const env = process.env;

export interface StoreChoice {
  dataDir: string;
  databaseUrl?: string;
}

export interface SeriesChoice {
  kind: HistoryKind;
  symbol: string;
  interval?: string;
}

/** --data-dir and --database-url, with the same defaults and environment variables as `bourse start`. */
export function storeOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'the data directory whose SQLite store to use (env: BOURSE_DATA_DIR)', env.BOURSE_DATA_DIR ?? './data')
    .addOption(secretOption('--database-url <url>', 'PostgreSQL instead of SQLite', 'DATABASE_URL'));
}

/** --kind, --symbol and --interval. */
export function seriesOptions(command: Command, kinds: readonly HistoryKind[] = HISTORY_KINDS): Command {
  return command
    .requiredOption('--kind <kind>', kinds.join(', '), oneOf('kind', kinds))
    .requiredOption('--symbol <symbol>', 'the symbol the data is of, such as AAPL or BTC-USD', symbol)
    .option('--interval <interval>', 'bars only: their interval, such as 1m, 5m, 1h, 1d or 1w', interval);
}

/** The series named by the options; bars need an interval. */
export function seriesOf(choice: SeriesChoice): HistorySeries {
  if (choice.kind === 'bars' && choice.interval === undefined) throw new InvalidArgumentError('bars need --interval, such as --interval 1m');
  return choice.kind === 'bars' ? { symbol: choice.symbol, interval: choice.interval } : { symbol: choice.symbol };
}

/** Why there is nothing to read: "the store has no 1m bars of ACME", with where such data comes from. */
export function notStored(kind: HistoryKind, series: HistorySeries): string {
  return `the store has no ${kind === 'bars' ? `${series.interval} bars` : kind} of ${series.symbol}; bring some in with bourse import or bourse generate`;
}

/** Opens the store `bourse start` uses (the same SQLite file in the data directory), with the history repository. */
export async function openHistory(choice: StoreChoice): Promise<{ store: Store; history: MarketHistoryRepo }> {
  const store = await openStore(choice.databaseUrl ? { databaseUrl: choice.databaseUrl } : { sqlitePath: join(resolve(choice.dataDir), 'bourse.sqlite') });
  return { store, history: new MarketHistoryRepo(store.db, store.reader) };
}

/** The format named, or the one a file name suggests: .jsonl, .ndjson and .json are JSON lines, anything else CSV. */
export function formatOf(format: HistoryFormat | undefined, file: string | undefined): HistoryFormat {
  if (format !== undefined) return format;
  return file !== undefined && /\.(jsonl|ndjson|json)$/i.test(file) ? 'jsonl' : 'csv';
}

export const formatOption = oneOf('format', HISTORY_FORMATS);

export function oneOf<T extends string>(name: string, values: readonly T[]) {
  return (text: string): T => {
    if (!(values as readonly string[]).includes(text)) throw new InvalidArgumentError(`${name} must be one of ${values.join(', ')}`);
    return text as T;
  };
}

/** Letters, digits and . _ - / : = ^, up to 32: wider than listed symbols, since data may be of any market. */
function symbol(text: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._\-/:=^]{0,31}$/.test(text)) throw new InvalidArgumentError('expected a symbol of letters, digits and . _ - / : = ^ (at most 32)');
  return text;
}

function interval(text: string): string {
  if (intervalToMs(text) === undefined) throw new InvalidArgumentError('expected a number and a unit: s, m, h, d or w (such as 1m or 4h)');
  return text;
}

/** A time as epoch s, ms, us or ns, or ISO 8601 (UTC unless a zone is given). */
export function timeOption(text: string): number {
  const time = parseTime(text);
  if (!time.ok) throw new InvalidArgumentError(time.reason);
  return time.value;
}

/** A reversed or empty range is refused before anything is opened, as the REST API refuses it. */
export function checkRange(choice: { from?: number; to?: number }): void {
  if (choice.from !== undefined && choice.to !== undefined && choice.from >= choice.to) {
    throw new InvalidArgumentError(`--from must be before --to (--from ${isoTime(choice.from)}, --to ${isoTime(choice.to)})`);
  }
}

export function isoTime(ms: number | null): string {
  return ms === null ? 'unknown' : new Date(ms).toISOString();
}

/** A finite number from `min` to `max`, for the generator's rates: the bounds and words of the REST API's synthetic data. */
export function realNumber(option: string, min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) throw new InvalidArgumentError('expected a number');
    if (value < min) throw new InvalidArgumentError(`${option} must be at least ${min}`);
    if (value > max) throw new InvalidArgumentError(`${option} must be at most ${max}`);
    return value;
  };
}
