// `bourse generate`: seeded synthetic trades or bars (GBM with optional jumps) into a file or straight into the store.
import { InvalidArgumentError, type Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { HistoryWriter, type HistoryFormat } from '../adapters/csv/index.ts';
import { syntheticBars, syntheticProblem, syntheticTrades, type SyntheticOptions } from '../backtest/synthetic.ts';
import { toUnits } from '../core/decimal.ts';
import type { InstrumentSpec } from '../core/instrument.ts';
import { intervalToMs, type HistoryKind, type HistoryRecords } from '../core/market-history.ts';
import { loadMarketsConfig } from '../platform/markets-config.ts';
import { chunked, describeImport, importRows, writeRecords } from './history-io.ts';
import { formatOf, formatOption, openHistory, realNumber, seriesOf, seriesOptions, storeOptions, timeOption, type SeriesChoice, type StoreChoice } from './history-options.ts';
import { positiveDecimal, wholeNumber } from './options.ts';
import { checkOutputPaths } from './output-paths.ts';
import { Progress } from './progress.ts';

interface GenerateOptions extends SeriesChoice, StoreChoice {
  count: number;
  seed: number;
  start: number;
  price?: string;
  tickSize?: string;
  lotSize?: string;
  drift: number;
  volatility: number;
  jumpsPerYear: number;
  jumpMean: number;
  jumpStd: number;
  meanGapMs: number;
  markets?: string;
  format?: HistoryFormat;
  out?: string;
}

export function generateCommand(program: Command): void {
  const command = program.command('generate').description('generate seeded synthetic trades or bars (geometric Brownian motion with optional jumps) on the symbol\'s tick grid');
  seriesOptions(command, ['trades', 'bars']);
  storeOptions(command)
    .requiredOption('--count <n>', 'trades or bars to generate', wholeNumber(1, 1_000_000_000))
    .requiredOption('--seed <n>', 'the seed: the same seed and options give the same series', wholeNumber(0, 2 ** 32 - 1))
    .option('--start <time>', 'time of the first trade or bar', timeOption, Date.UTC(2020, 0, 1))
    .option('--price <decimal>', 'first price (default: the listed reference price, else 100)', positiveDecimal('--price', '100 or 190.25'))
    .option('--tick-size <decimal>', 'price grid (default: the listed tick size, else 0.01)', positiveDecimal('--tick-size', '0.01'))
    .option('--lot-size <decimal>', 'size grid (default: the listed lot size, else 1)', positiveDecimal('--lot-size', '1 or 0.0001'))
    .option('--drift <rate>', 'annual drift of the log price, -10 to 10', realNumber('--drift', -10, 10), 0.05)
    .option('--volatility <rate>', 'annual volatility, 0 to 10', realNumber('--volatility', 0, 10), 0.2)
    .option('--jumps-per-year <n>', 'mean number of price jumps a year (0 for none)', realNumber('--jumps-per-year', 0, 100_000), 0)
    .option('--jump-mean <x>', 'mean jump in log price, -5 to 5', realNumber('--jump-mean', -5, 5), 0)
    .option('--jump-std <x>', 'standard deviation of a jump in log price, 0 to 5', realNumber('--jump-std', 0, 5), 0.05)
    .option('--mean-gap-ms <ms>', 'trades: mean milliseconds between trades, 1 to 86400000', realNumber('--mean-gap-ms', 1, 86_400_000), 1_000)
    .option('--markets <file>', 'the markets file the symbol\'s grid is read from (default config/markets.json)')
    .option('--format <format>', 'with --out: csv or jsonl (default: from the file name)', formatOption)
    .option('--out <file>', 'write to this file ("-" for standard output) instead of importing into the store')
    .action((options: GenerateOptions) => generate(options));
}

async function generate(options: GenerateOptions): Promise<void> {
  const series = seriesOf(options);
  if (options.out !== undefined && options.out !== '-') checkOutputPaths({ '--out': options.out });
  const listed = (await loadMarketsConfig(options.markets)).instruments.find((instrument) => instrument.symbol === options.symbol);
  const synthetic = syntheticOptions(options, listed);
  // Every option is checked before a file is made: a bad one must not leave a header-only file behind.
  const problem = syntheticProblem(synthetic);
  if (problem !== undefined) throw new InvalidArgumentError(problem.replace(/^start price /, options.price === undefined ? 'the start price ' : '--price '));
  if (options.out === undefined && listed) checkListedGrid(options, listed);
  const intervalMs = series.interval === undefined ? 0 : intervalToMs(series.interval)!;
  const records = (): Iterable<HistoryRecords[HistoryKind]> => (options.kind === 'bars' ? syntheticBars(synthetic, options.count, intervalMs) : syntheticTrades(synthetic, options.count));
  const progress = new Progress(`generating ${options.symbol} ${options.kind}`, options.count, { unit: 'rows' });
  try {
    if (options.out !== undefined) {
      await writeFile(options, records(), progress);
      return;
    }
    const { store, history } = await openHistory(options);
    try {
      // Shaped like parsed rows, the line being the record's place in its batch (synthetic rows are never bad).
      const batches = (function* () {
        for (const chunk of chunked(records())) yield chunk.map((record, i) => ({ line: i + 1, record }));
      })();
      const summary = await importRows(history, options.kind, series, `synthetic seed ${options.seed}`, batches, { onBatch: (rows) => progress.update(rows) });
      progress.done();
      for (const line of describeImport(summary)) console.log(line);
    } finally {
      await store.close();
    }
  } finally {
    progress.done();
  }
}

/**
 * The store holds a listed symbol's history on its grid, as `bourse import` requires and a backtest
 * needs (off-grid rows would be skipped there): a --tick-size or --lot-size must be a whole multiple
 * of the listed one. A file (--out) may take any grid.
 */
function checkListedGrid(options: GenerateOptions, listed: InstrumentSpec): void {
  for (const [flag, given, grid, name] of [
    ['--tick-size', options.tickSize, listed.tickSize, 'tick size'],
    ['--lot-size', options.lotSize, listed.lotSize, 'lot size'],
  ] as const) {
    if (given !== undefined && toUnits(given, grid) === undefined) {
      throw new InvalidArgumentError(`${flag} ${given} is not a multiple of ${options.symbol}'s listed ${name} ${grid}: the stored history of a listed symbol must fit its grid (use --out to write any grid to a file)`);
    }
  }
}

/** The grid and start price: from the options, else the listed instrument, else 0.01, 1 and 100. */
function syntheticOptions(options: GenerateOptions, listed: InstrumentSpec | undefined): SyntheticOptions {
  return {
    seed: options.seed,
    startTime: options.start,
    startPrice: options.price ?? listed?.referencePrice ?? '100',
    tickSize: options.tickSize ?? listed?.tickSize ?? '0.01',
    lotSize: options.lotSize ?? listed?.lotSize ?? '1',
    drift: options.drift,
    volatility: options.volatility,
    ...(options.jumpsPerYear > 0 ? { jumps: { perYear: options.jumpsPerYear, mean: options.jumpMean, stdDev: options.jumpStd } } : {}),
    meanTradeGapMs: options.meanGapMs,
  };
}

async function writeFile(options: GenerateOptions, records: Iterable<HistoryRecords[HistoryKind]>, progress: Progress): Promise<void> {
  const toStdout = options.out === '-';
  const out = toStdout ? process.stdout : createWriteStream(options.out!);
  const writer = new HistoryWriter(options.kind, formatOf(options.format, toStdout ? undefined : options.out));
  const count = await writeRecords(writer, chunked(records), out, (written) => progress.update(written));
  progress.done();
  if (!toStdout) {
    out.end();
    await finished(out);
  }
  // "1 bar", "2 bars": the kind names the plural.
  const what = count === 1 ? options.kind.replace(/s$/, '') : options.kind;
  console.error(`wrote ${count.toLocaleString('en-US')} ${what}${toStdout ? '' : ` to ${options.out}`}`);
}
