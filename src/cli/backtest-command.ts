// `bourse backtest strategy.ts`: one backtest over stored or file history, with a metrics summary, JSON results and an HTML report.
import { InvalidArgumentError, type Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gapsWarning } from '../backtest/data-gaps.ts';
import { readRecording } from '../backtest/paper/recording.ts';
import { renderReport } from '../backtest/report-html.ts';
import { outcomeText } from '../backtest/order-outcomes.ts';
import { tradeCountText } from '../backtest/round-trips.ts';
import { runBacktest, type BacktestResult } from '../backtest/run-backtest.ts';
import { runSettingsOf, type RunChoice } from '../backtest/run-settings.ts';
import { fixedFigure, formatDuration, MISSING_FIGURE, moneyFigure, percentFigure } from '../core/figures.ts';
import { loadStrategy } from '../strategy/load-strategy.ts';
import type { LogSink } from '../strategy/types.ts';
import { oneOf } from './history-options.ts';
import { collect, strategyParams } from './param-options.ts';
import { checkCash, positiveDecimal, wholeNumber } from './options.ts';
import { checkOutputPaths } from './output-paths.ts';
import { Progress } from './progress.ts';
import { barIntervalProblem } from '../backtest/bar-intervals.ts';
import { openSource, sourceOptions, type SourceChoice } from './backtest-source.ts';
import { formatTable } from './table.ts';

interface BacktestChoice extends Omit<SourceChoice, 'symbol' | 'cash'>, RunChoice {
  /** Required, except with --replay. */
  symbol?: string;
  param: string[];
  replay?: string;
  out?: string;
  report?: string;
  json?: boolean;
  log?: boolean;
}

/** The options a single run and an optimization share: fills, latency, cash, seed. */
export function runOptions(command: Command): Command {
  return command
    .option('--fill-model <model>', 'trade-through or bar-path (default: bar-path for bars, trade-through for trades)', oneOf('fill model', ['trade-through', 'bar-path'] as const))
    .option('--slippage-ticks <n>', 'ticks market orders fill away from the last price', wholeNumber(0, 1_000_000), 0)
    .option('--slippage-bps <n>', 'basis points of the price added as slippage', wholeNumber(0, 10_000), 0)
    .option('--fill-on-touch', 'a limit fills when the market reaches its price, not only when it trades through')
    .option('--latency-ms <ms>', 'delay of every order on its way to the market', wholeNumber(0, 86_400_000), 0)
    .option('--jitter-ms <ms>', 'extra random delay, up to this much', wholeNumber(0, 86_400_000), 0)
    .option('--cash <amount>', 'starting cash in the quote currency', positiveDecimal('--cash'), '10000')
    .option('--seed <n>', 'seeds the strategy\'s random numbers and the latency jitter', wholeNumber(0, 2 ** 32 - 1), 1);
}

/** A fill model the data cannot drive is refused, as the REST API refuses it, rather than run on what it lacks. */
export function checkFillModel(choice: { readonly kind: 'bars' | 'trades'; readonly fillModel?: string }): void {
  if (choice.fillModel === 'bar-path' && choice.kind !== 'bars') throw new InvalidArgumentError('the bar-path fill model needs bars: use trade-through for trades (the default for --kind trades)');
}

/** Bars of an interval the strategy does not listen to would run it to the end with no onBar, and a summary of nothing. */
export function checkBarInterval(strategy: { readonly name: string; readonly bars: readonly string[] }, choice: { readonly kind: 'bars' | 'trades'; readonly interval: string }): void {
  const problem = choice.kind === 'bars' ? barIntervalProblem(strategy, choice.interval, (interval) => `give --interval ${interval}`) : undefined;
  if (problem !== undefined) throw new InvalidArgumentError(problem);
}

/** Options a replay does not use: the recording brings its data, its markets and its model (book-replay). */
const NOT_FOR_REPLAY: ReadonlyArray<readonly [key: string, flag: string]> = [
  ['data', '--data'],
  ['kind', '--kind'],
  ['interval', '--interval'],
  ['from', '--from'],
  ['to', '--to'],
  ['markets', '--markets'],
  ['fillModel', '--fill-model'],
];

/** The options given on the command line that a replay would ignore; a user who gave them meant something by them. */
function ignoredByReplay(command: Command): string[] {
  return NOT_FOR_REPLAY.filter(([key]) => command.getOptionValueSource(key) === 'cli').map(([, flag]) => flag);
}

export function backtestCommand(program: Command): void {
  const command = program.command('backtest').argument('<strategy>', 'the strategy file (TypeScript or JavaScript)').description('backtest a strategy over history through the exchange engine');
  sourceOptions(command, 'optional');
  runOptions(command)
    .option('--param <name=value>', 'a strategy parameter (repeatable)', collect, [])
    .option('--replay <recording>', 'replay a market recording from bourse run --paper --record, with the book-replay model (the data options are then not used)')
    .option('--out <file>', 'write the full results (metrics, equity, fills, trades) as JSON')
    .option('--report <file>', 'write a self-contained HTML report')
    .option('--json', 'print the results as JSON instead of a summary')
    .option('--log', 'print the strategy\'s log lines on stderr, one JSON line each with its simulated time (ts), as run --paper prints them')
    .action((path: string, options: BacktestChoice, command: Command) => {
      const ignored = options.replay === undefined ? [] : ignoredByReplay(command);
      if (ignored.length > 0) throw new InvalidArgumentError(`--replay replays the recording as it was recorded (its data and markets, with the book-replay model), so ${ignored.join(', ')} cannot be used with it`);
      return backtest(path, options);
    });
}

async function backtest(path: string, options: BacktestChoice): Promise<void> {
  const strategy = await loadStrategy(resolve(path));
  // Checked against the strategy's schema here, before any data is read: a bad value should not wait for a long load.
  const params = strategyParams(strategy, options.param);
  checkOutputPaths({ '--out': options.out, '--report': options.report });
  if (options.replay) {
    const recording = await readRecording(resolve(options.replay));
    const currency = recording.market.instruments[0]?.quote ?? 'USD';
    checkCash(options.cash, recording.market.assets, currency);
    const symbols = replaySymbols(recording.market.instruments.map((i) => i.symbol), options.symbol, options.replay);
    const result = await runBacktest({ strategy, params, market: recording.market, warmup: recording.warmup, data: recording.records, ...runSettingsOf(options, currency), symbols, fillModel: 'book-replay', ...logOf(options) });
    return report(result, options);
  }
  const { symbol } = options;
  if (symbol === undefined) throw new InvalidArgumentError('name the symbol to trade with --symbol (only --replay takes its symbols from the recording)');
  checkFillModel(options);
  checkBarInterval(strategy, options);
  const source = await openSource({ ...options, symbol }, (problem) => process.stderr.write(`skipped ${problem}\n`), { intervals: strategy.bars, historySize: strategy.historySize });
  const progress = new Progress(`backtest ${strategy.name}`, source.progress().total, { unit: source.progress().unit });
  let result: BacktestResult;
  try {
    result = await runBacktest({
      strategy,
      params,
      symbols: [symbol],
      market: source.market,
      data: source.records,
      warmup: source.warmup,
      ...runSettingsOf(options, source.spec.quote),
      ...logOf(options),
      onProgress: (records) => progress.update(source.progress().done, `${records.toLocaleString('en-US')} records`),
      progressEvery: 10_000,
    });
  } finally {
    progress.done();
    await source.close();
  }
  await report(result, options);
}

/** With --log, the strategy's log lines on stderr, so stdout keeps only the summary or the JSON; without it they go nowhere. */
function logOf(options: { log?: boolean }): { log?: LogSink } {
  return options.log ? { log: stderrSink } : {};
}

/** A strategy's log lines, one JSON line each, on stderr: stdout keeps only a command's summary or its JSON. */
export const stderrSink: LogSink = (entry) => void process.stderr.write(`${JSON.stringify(entry)}\n`);

/** The recording's symbols, or the one --symbol names, which must be among them. */
function replaySymbols(recorded: readonly string[], symbol: string | undefined, file: string): readonly string[] {
  if (symbol === undefined) return recorded;
  if (!recorded.includes(symbol)) throw new InvalidArgumentError(`${symbol} is not in the recording ${file}, which has ${recorded.join(', ') || 'no symbols'}`);
  return [symbol];
}

/**
 * Prints the summary (or the JSON), then writes the results where the options say. The paths are checked before a run, but
 * a write may still fail (a full disk): the summary is out first, so the run is not lost, and the failure still exits 1.
 */
export async function report(result: BacktestResult, options: { out?: string; report?: string; json?: boolean }): Promise<void> {
  process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : summary(result));
  // On stderr, so --json output stays clean; the results (--out, the report) list the largest gaps.
  const gaps = gapsWarning(result.dataGaps);
  if (gaps !== undefined) process.stderr.write(`${gaps}\n`);
  if (result.error) process.exitCode = 1;
  const writes = [
    { option: '--out', path: options.out, text: () => JSON.stringify(result, null, 2) },
    { option: '--report', path: options.report, text: () => renderReport(result) },
  ];
  let failure: Error | undefined;
  for (const { option, path, text } of writes) {
    if (path === undefined) continue;
    try {
      await writeFile(resolve(path), text());
      if (option === '--report' && !options.json) process.stdout.write(`report: ${resolve(path)}\n`);
    } catch (error) {
      failure ??= new Error(`cannot write ${option} ${path}`, { cause: error });
    }
  }
  if (failure) throw failure;
}

function summary(result: BacktestResult): string {
  const m = result.metrics;
  const pct = (v: number | null) => (v === null ? MISSING_FIGURE : `${percentFigure(v)}%`);
  const num = (v: number | null) => (v === null ? MISSING_FIGURE : fixedFigure(v, 2));
  const rows = [
    ['records', result.records.toLocaleString('en-US')],
    ['period', `${new Date(result.startTs).toISOString()} to ${new Date(result.endTs).toISOString()}`],
    ['equity', `${moneyFigure(m.startEquity)} -> ${moneyFigure(m.endEquity)} ${result.currency}`],
    ['total return', pct(m.totalReturn)],
    ['CAGR', pct(m.cagr)],
    ['volatility', pct(m.volatility)],
    ['Sharpe / Sortino / Calmar', `${num(m.sharpe)} / ${num(m.sortino)} / ${num(m.calmar)}`],
    ['max drawdown', `${pct(m.maxDrawdown)} over ${formatDuration(m.maxDrawdownDurationMs)}`],
    ['trades / win rate / profit factor', `${tradeCountText(m.trades, result.trades)} / ${pct(m.winRate)} / ${num(m.profitFactor)}`],
    ['exposure / turnover', `${pct(m.exposure)} / ${num(m.turnover)}x`],
    ['fills / fees', `${m.fills.toLocaleString('en-US')} / ${moneyFigure(m.fees)} ${result.currency}`],
    ['orders accepted', result.orders.accepted.toLocaleString('en-US')],
    ['orders refused', outcomeText(result.orders.refused)],
    ['ended unfilled by the exchange', outcomeText(result.orders.endedByExchange)],
  ];
  const head = `${result.strategy} on ${result.symbols.join(', ')} ${JSON.stringify(result.params)}\n`;
  return `${head}${formatTable(['metric', 'value'], rows, [0, 1]).join('\n')}\n${result.error ? `strategy stopped: ${result.error}\n` : ''}`;
}
