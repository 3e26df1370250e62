// `bourse import`: a CSV or JSON-lines file of bars, trades or quotes into the store, with progress and a summary of bad rows.
import type { Command } from 'commander';
import { basename } from 'node:path';
import { TIME_UNITS, parseHistory, type HistoryFormat, type TimeUnit } from '../adapters/csv/index.ts';
import { formatDuration } from '../core/figures.ts';
import { offGridReason } from '../backtest/history-records.ts';
import { loadMarketsConfig } from '../platform/markets-config.ts';
import { describeImport, fileText, importRows, sizeOfFile } from './history-io.ts';
import { formatOf, formatOption, oneOf, openHistory, seriesOf, seriesOptions, storeOptions, type SeriesChoice, type StoreChoice } from './history-options.ts';
import { wholeNumber } from './options.ts';
import { Progress } from './progress.ts';

interface ImportOptions extends SeriesChoice, StoreChoice {
  markets?: string;
  format?: HistoryFormat;
  timeUnit: TimeUnit;
  source?: string;
  showErrors: number;
}

/** Exit code when some rows were bad but the rest were stored. */
export const SOME_ROWS_BAD = 2;

export function importCommand(program: Command): void {
  const command = program
    .command('import')
    .description('import historical bars, trades or quotes from a CSV or JSON-lines file (see docs/data.md); importing a file again changes nothing')
    .argument('<file>', 'the file to read');
  seriesOptions(command);
  storeOptions(command)
    .option('--format <format>', 'csv or jsonl (default: from the file name, .jsonl/.ndjson/.json are JSON lines)', formatOption)
    .option('--time-unit <unit>', `how numeric times are read: ${TIME_UNITS.join(', ')} (auto decides by size)`, oneOf('time unit', TIME_UNITS), 'auto')
    .option('--source <name>', 'where the data came from, stored with it (default: the file name)')
    .option('--show-errors <n>', 'bad rows listed in the summary', wholeNumber(0, 1_000_000), 20)
    .option('--markets <file>', 'the markets file whose tick and lot sizes a listed symbol\'s rows must fit (default config/markets.json)')
    .action((file: string, options: ImportOptions) => importFile(file, options));
}

async function importFile(file: string, options: ImportOptions): Promise<void> {
  const series = seriesOf(options);
  const size = await sizeOfFile(file);
  const format = formatOf(options.format, file);
  // A listed symbol's rows must fit its grid, or every later backtest of them would stop at the row; data of an unlisted one is stored as is.
  const spec = (await loadMarketsConfig(options.markets ?? undefined)).instruments.find((i) => i.symbol === options.symbol);
  const refuse = spec === undefined ? undefined : offGridReason(spec, options.kind, options.interval ?? '');
  const { store, history } = await openHistory(options);
  const progress = new Progress(`importing ${basename(file)}`, size, { unit: 'bytes' });
  let bytes = 0;
  try {
    const started = Date.now();
    const chunks = fileText(file, (read) => (bytes = read));
    const summary = await importRows(history, options.kind, series, options.source ?? basename(file), parseHistory(options.kind, chunks, { format, timeUnit: options.timeUnit }), {
      keepBad: options.showErrors,
      refuse,
      onBatch: (rows) => progress.update(bytes, `${rows.toLocaleString('en-US')} rows`),
    });
    progress.done();
    const where = `${options.symbol}${series.interval === undefined ? '' : ` ${series.interval}`} ${options.kind}`;
    console.log(`${file} -> ${where} in ${formatDuration(Date.now() - started)}`);
    for (const line of describeImport(summary)) console.log(line);
    if (summary.fatal !== undefined) throw new Error(`${file} line ${summary.fatal.line}: ${summary.fatal.error}`);
    // A header and nothing under it is as empty as no file: say so, as a backtest of it does.
    if (summary.rows + summary.bad === 0) throw new Error(`${file} has no data rows: nothing was imported`);
    if (summary.bad > 0) process.exitCode = SOME_ROWS_BAD;
  } finally {
    progress.done();
    await store.close();
  }
}
