// Where `bourse backtest` and `bourse optimize` read history from: the store (what `bourse import` filled) or a CSV / JSON-lines file, as backtest records.
import { InvalidArgumentError, type Command } from 'commander';
import { resolve } from 'node:path';
import { parseHistory } from '../adapters/csv/index.ts';
import { historyRecord, storedRecords, unlessOffGrid } from '../backtest/history-records.ts';
import { OffGridError } from '../backtest/records.ts';
import { historyInstrument } from '../backtest/history-instrument.ts';
import type { BacktestMarket, BarRecord, MarketRecord, TradeRecord } from '../backtest/types.ts';
import { storedWarmup, warmupSpanMs, WarmupTail, type WarmupNeeds } from '../backtest/warmup.ts';
import { intervalToMs } from '../core/market-history.ts';
import type { InstrumentSpec } from '../core/instrument.ts';
import { loadMarketsConfig } from '../platform/markets-config.ts';
import { fileText, sizeOfFile } from './history-io.ts';
import { checkRange, formatOf, isoTime, notStored, oneOf, openHistory, timeOption, type StoreChoice } from './history-options.ts';
import { checkCash, secretOption } from './options.ts';

/** A run whose strategy needs no history at the start. */
const NO_WARMUP: WarmupNeeds = { intervals: [], historySize: 0 };

export interface SourceChoice extends StoreChoice {
  /** "store", or the path of a CSV / JSON-lines file. */
  data: string;
  kind: 'bars' | 'trades';
  symbol: string;
  interval: string;
  from?: number;
  to?: number;
  markets?: string;
  /** The starting cash, checked against the quote currency's decimals once the markets file names it, before any data is opened. */
  cash?: string;
}

export interface OpenedSource {
  readonly market: BacktestMarket;
  readonly spec: InstrumentSpec;
  readonly records: AsyncIterable<TradeRecord | BarRecord>;
  /** Bad rows of a file, and stored rows off the grid, reported as they are skipped. */
  readonly skipped: () => number;
  /** How far the reading is, for a progress bar: rows of the store, or bytes of a file. */
  readonly progress: () => { readonly done: number; readonly total: number; readonly unit: 'rows' | 'bytes' };
  readonly close: () => Promise<void>;
  /**
   * With --from, the records just before it that the strategy's history starts from (runBacktest's
   * `warmup`): read from the store up front, or kept from a file's rows before --from as they are
   * skipped, so complete once the run has its first record.
   */
  readonly warmup: Iterable<MarketRecord>;
}

/** `symbol: 'optional'` leaves --symbol to the command to require (a replayed recording names its own symbols). */
export function sourceOptions(command: Command, symbol: 'required' | 'optional' = 'required'): Command {
  const what = 'the listed symbol to trade (its grid and fees come from the markets file)';
  return (symbol === 'required' ? command.requiredOption('--symbol <symbol>', what) : command.option('--symbol <symbol>', `${what}; with --replay, one of the recording's (default: all of them)`))
    .option('--data <source>', '"store" (what bourse import stored) or a CSV / JSON-lines file', 'store')
    .option('--kind <kind>', 'bars or trades', oneOf('kind', ['bars', 'trades'] as const), 'bars')
    .option('--interval <interval>', 'the bars\' interval, such as 1m, 4h or 1d', barInterval, '1m')
    .option('--from <time>', 'first time (epoch ms or ISO 8601)', timeOption)
    .option('--to <time>', 'end time, exclusive', timeOption)
    .option('--markets <file>', 'the markets file (default config/markets.json)')
    .option('--data-dir <dir>', 'the data directory whose SQLite store to read (env: BOURSE_DATA_DIR)', process.env.BOURSE_DATA_DIR ?? './data')
    .addOption(secretOption('--database-url <url>', 'PostgreSQL instead of SQLite', 'DATABASE_URL'))
    .hook('preAction', (self) => {
      // Trades make whatever bars the strategy asks for: an interval given with them would say nothing.
      if (self.getOptionValueSource('interval') === 'cli' && self.getOptionValue('kind') === 'trades') throw new InvalidArgumentError('--interval is for --kind bars; with trades, the strategy\'s bars are built from the trades at the intervals it asks for');
    });
}

function noRecords(path: string, choice: SourceChoice, skipped: number): string {
  const what = choice.kind === 'bars' ? `${choice.interval} bars` : 'trades';
  if (choice.from !== undefined || choice.to !== undefined) return `${path} has no usable ${what} in the range given by --from and --to`;
  return `${path} has no usable ${what}${skipped > 0 ? ` (every row was bad: ${skipped.toLocaleString('en-US')} skipped)` : ''}`;
}

function barInterval(text: string): string {
  if (intervalToMs(text) === undefined) throw new InvalidArgumentError('expected a number and a unit: s, m, h, d or w (such as 1m or 4h)');
  return text;
}

/** `onSkip` hears each skipped row, with where it is: `line 12: …` of a file, or `stored bar: …`. */
export async function openSource(choice: SourceChoice, onSkip: (problem: string) => void, needs: WarmupNeeds = NO_WARMUP): Promise<OpenedSource> {
  checkRange(choice);
  const config = await loadMarketsConfig(choice.markets ?? undefined);
  const listed = config.instruments.find((i) => i.symbol === choice.symbol);
  if (!listed) throw new InvalidArgumentError(`${choice.symbol} is not listed in the markets file; list it there to give it a tick size, lot size and fees`);
  const spec = historyInstrument(listed);
  const session = config.sessionCloses?.[spec.symbol];
  const market: BacktestMarket = { assets: config.assets, instruments: [spec], ...(session && { sessions: { [spec.symbol]: session } }) };
  if (choice.cash !== undefined) checkCash(choice.cash, config.assets, spec.quote);
  const inRange = (ts: number) => (choice.from === undefined || ts >= choice.from) && (choice.to === undefined || ts < choice.to);
  let skipped = 0;
  const convert = historyRecord(spec, choice.interval);
  if (choice.data !== 'store') {
    // The rows before --from are read before the first record in range: the warm-up is complete once the run has that record.
    const span = choice.from === undefined ? 0 : warmupSpanMs(choice.kind, choice.interval, needs);
    const tail = new WarmupTail(choice.kind, needs);
    const warmup: Iterable<MarketRecord> = { [Symbol.iterator]: () => tail.records[Symbol.iterator]() };
    const beforeStart = (ts: number) => span > 0 && ts < choice.from! && ts >= choice.from! - span;
    const path = resolve(choice.data);
    const total = await sizeOfFile(path, '--data');
    let bytes = 0;
    const rows = parseHistory(choice.kind, fileText(path, (read) => (bytes = read)), { format: formatOf(undefined, path) });
    const records = (async function* () {
      let used = 0;
      for await (const batch of rows) {
        for (const row of batch) {
          if ('record' in row) {
            const at = 'openTime' in row.record ? row.record.openTime : row.record.ts;
            if (!inRange(at)) {
              if (beforeStart(at)) {
                const record = unlessOffGrid(() => convert(row.record));
                if (!(record instanceof OffGridError)) tail.push(record);
              }
              continue;
            }
            // A value off the instrument's grid makes its row bad, as a malformed value does; not the whole run.
            const record = unlessOffGrid(() => convert(row.record));
            if (record instanceof OffGridError) {
              skipped++;
              onSkip(`line ${row.line}: ${record.message}`);
              continue;
            }
            used++;
            yield record;
            continue;
          }
          // A header without a required column or an empty file is wrong as a whole, not one bad row: as in bourse import.
          if (row.fatal) throw new InvalidArgumentError(`${path} line ${row.line}: ${row.error}`);
          skipped++;
          onSkip(`line ${row.line}: ${row.error}`);
        }
      }
      // Running over nothing would print a summary of nothing (period 1970) and exit 0.
      if (used === 0) throw new InvalidArgumentError(noRecords(path, choice, skipped));
    })();
    return { market, spec, records, skipped: () => skipped, progress: () => ({ done: bytes, total, unit: 'bytes' }), close: () => Promise.resolve(), warmup };
  }
  const { store, history } = await openHistory(choice);
  const series = choice.kind === 'bars' ? { symbol: choice.symbol, interval: choice.interval } : { symbol: choice.symbol };
  const extent = await history.extent(choice.kind, series);
  if (extent.rows === 0) {
    await store.close();
    throw new InvalidArgumentError(notStored(choice.kind, series));
  }
  // The series exists but may hold nothing in the range: that is an error, as it is for a file, not a summary of nothing.
  const inWindow = choice.from === undefined && choice.to === undefined ? extent : await history.extent(choice.kind, series, { from: choice.from, to: choice.to });
  if (inWindow.rows === 0) {
    await store.close();
    const what = choice.kind === 'bars' ? `${choice.interval} bars` : 'trades';
    throw new InvalidArgumentError(`the store has no ${what} of ${choice.symbol} in the range given by --from and --to; it holds them from ${isoTime(extent.first)} to ${isoTime(extent.last)}`);
  }
  const stored = choice.kind === 'bars' ? 'stored bar' : 'stored trade';
  const { records: all, read } = storedRecords(history, spec, choice, (error) => {
    skipped++;
    onSkip(`${stored}: ${error.message}`);
  });
  const records = (async function* () {
    let used = 0;
    for await (const record of all) {
      used++;
      yield record;
    }
    if (used === 0) throw new InvalidArgumentError(noRecords('the store', choice, skipped));
  })();
  return { market, spec, records, skipped: () => skipped, progress: () => ({ done: read(), total: inWindow.rows, unit: 'rows' }), close: () => store.close(), warmup: await storedWarmup(history, spec, choice, needs) };
}
