// `bourse export`: a stored series of bars, trades or quotes written out as CSV or JSON lines, page by page.
import { InvalidArgumentError, type Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { HistoryWriter, type HistoryFormat, type TimeFormat } from '../adapters/csv/index.ts';
import { writeRecords } from './history-io.ts';
import { checkOutputPaths } from './output-paths.ts';
import { checkRange, formatOf, formatOption, notStored, oneOf, openHistory, seriesOf, seriesOptions, storeOptions, timeOption, type SeriesChoice, type StoreChoice } from './history-options.ts';

interface ExportOptions extends SeriesChoice, StoreChoice {
  from?: number;
  to?: number;
  format?: HistoryFormat;
  time: TimeFormat;
  out?: string;
}

export function exportCommand(program: Command): void {
  const command = program.command('export').description('write a stored series of bars, trades or quotes as CSV or JSON lines, oldest first');
  seriesOptions(command);
  storeOptions(command)
    .option('--from <time>', 'from this time on (epoch or ISO 8601, UTC unless zoned)', timeOption)
    .option('--to <time>', 'before this time', timeOption)
    .option('--format <format>', 'csv or jsonl (default: from --out, else csv)', formatOption)
    .option('--time <format>', 'times as epoch ms or iso', oneOf('time', ['ms', 'iso'] as const), 'ms')
    .option('--out <file>', 'the file to write (default: standard output)')
    .action((options: ExportOptions) => exportFile(options));
}

async function exportFile(options: ExportOptions): Promise<void> {
  const series = seriesOf(options);
  checkRange(options);
  checkOutputPaths({ '--out': options.out });
  const writer = new HistoryWriter(options.kind, formatOf(options.format, options.out), options.time);
  const { store, history } = await openHistory(options);
  try {
    // Checked before the output file is made: a misspelt symbol or interval must not look like an empty series.
    if ((await history.extent(options.kind, series)).rows === 0) throw new InvalidArgumentError(notStored(options.kind, series));
    const out = options.out === undefined ? process.stdout : createWriteStream(options.out);
    const rows = await writeRecords(writer, history.read(options.kind, series, { from: options.from, to: options.to }), out);
    if (out !== process.stdout) {
      out.end();
      await finished(out);
    }
    console.error(`wrote ${rows.toLocaleString('en-US')} ${rows === 1 ? 'row' : 'rows'}${options.out === undefined ? '' : ` to ${options.out}`}`);
  } finally {
    await store.close();
  }
}
