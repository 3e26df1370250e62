// `bourse optimize strategy.ts`: grid or random search over parameter ranges on worker threads, optionally walk-forward, with a results table.
import { InvalidArgumentError, type Command } from 'commander';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { MAX_TRIALS } from '../api/backtests/backtest-spec.ts';
import { packRecords, type RecordColumns } from '../backtest/columns.ts';
import { isObjectiveName, OBJECTIVES, type Objective, type ObjectiveName } from '../backtest/optimizer/objective.ts';
import { loadObjective, ObjectiveFileError } from '../backtest/optimizer/objective-file.ts';
import { optimize, trialCount, type Optimization } from '../backtest/optimizer/optimize.ts';
import { walkForward, type WalkForward } from '../backtest/optimizer/walk-forward.ts';
import { outcomeText } from '../backtest/order-outcomes.ts';
import { windowTimes, type TimeWindow } from '../backtest/optimizer/window-times.ts';
import { fixedFigure, formatDuration, MISSING_FIGURE, percentFigure } from '../core/figures.ts';
import { loadStrategy } from '../strategy/load-strategy.ts';
import { runSettingsOf, type RunChoice } from '../backtest/run-settings.ts';
import { checkBarInterval, checkFillModel, runOptions } from './backtest-command.ts';
import { openSource, sourceOptions, type SourceChoice } from './backtest-source.ts';
import { oneOf } from './history-options.ts';
import { collect, strategySpace } from './param-options.ts';
import { wholeNumber } from './options.ts';
import { Progress } from './progress.ts';
import { formatTable } from './table.ts';

interface OptimizeChoice extends Omit<SourceChoice, 'cash'>, RunChoice {
  param: string[];
  method: 'grid' | 'random';
  samples: number;
  /** A named metric, or the path of a file exporting a scoring function. */
  objective: string;
  workers: number;
  walkForward?: number;
  inSample: number;
  top: number;
  json?: boolean;
}

export function optimizeCommand(program: Command): void {
  const command = program.command('optimize').argument('<strategy>', 'the strategy file (TypeScript or JavaScript)').description('search a strategy\'s parameters by backtesting them in parallel');
  sourceOptions(command);
  runOptions(command)
    .option('--param <name=range>', 'a parameter to search: from:to[:step], a,b,c, or one value (repeatable)', collect, [])
    .option('--method <method>', 'grid (every combination) or random', oneOf('method', ['grid', 'random'] as const), 'grid')
    .option('--samples <n>', 'random search: combinations to try', wholeNumber(1, 1_000_000), 50)
    .option('--objective <name|file>', `what to maximize: ${OBJECTIVES.join(', ')}, or a file exporting (metrics) => number`, 'sharpe')
    .option('--workers <n>', 'worker threads (0 runs on the main thread)', wholeNumber(0, 256), availableParallelism())
    .option('--walk-forward <folds>', 'cut the data into this many windows: tune in sample, test out of sample', wholeNumber(1, 100))
    .option('--in-sample <share>', 'walk-forward: share of each window used to tune', share, 0.7)
    .option('--top <n>', 'rows of the results table', wholeNumber(1, 10_000), 10)
    .option('--json', 'print the results as JSON')
    .action((path: string, options: OptimizeChoice, command: Command) => {
      if (command.getOptionValueSource('inSample') === 'cli' && options.walkForward === undefined) throw new InvalidArgumentError('--in-sample is the share of each walk-forward window used to tune; give --walk-forward too');
      if (command.getOptionValueSource('samples') === 'cli' && options.method !== 'random') throw new InvalidArgumentError('--samples is how many combinations a random search tries; give --method random too (a grid tries every one)');
      return run(path, options);
    });
}

async function run(path: string, options: OptimizeChoice): Promise<void> {
  checkFillModel(options);
  const strategyPath = resolve(path);
  // Load it here once: a file that does not load, or a param it does not have or a value it cannot take, should fail before any data is read.
  const strategy = await loadStrategy(strategyPath);
  checkBarInterval(strategy, options);
  const objective = await objectiveOf(options.objective);
  const space = strategySpace(strategy, options.param);
  const runs = trialCount({ space, method: options.method, samples: options.samples });
  // The REST API's cap, in its words: a grid that size is a typo in a step more often than a plan.
  if (runs > MAX_TRIALS) {
    const most = MAX_TRIALS.toLocaleString('en-US');
    throw new InvalidArgumentError(
      options.method === 'random' ? `--samples ${runs.toLocaleString('en-US')} is more runs than the ${most} allowed; sample at most ${most}` : `the space has ${runs.toLocaleString('en-US')} points; search at most ${most} (use --method random with --samples, or coarser steps)`,
    );
  }
  const source = await openSource(options, (problem) => process.stderr.write(`skipped ${problem}\n`));
  const loading = new Progress('loading data', source.progress().total, { unit: source.progress().unit });
  const timer = setInterval(() => loading.update(source.progress().done), 200);
  const columns = await packRecords(source.records).finally(async () => {
    clearInterval(timer);
    loading.done();
    await source.close();
  });
  if (columns.length === 0) throw new InvalidArgumentError('no records in the chosen range');
  const setup = { strategyPath, market: source.market, columns, settings: { ...runSettingsOf(options, source.spec.quote), symbols: [options.symbol] }, space, method: options.method, samples: options.samples, seed: options.seed, objective, workers: options.workers };
  if (options.walkForward !== undefined) {
    // Counted in runs (each fold: its search, then one run out of sample), so the ETA moves within a fold too.
    const folds = options.walkForward;
    const progress = new Progress(`walk-forward ${folds} folds`, folds * (runs + 1), { unit: 'runs' });
    let fold = 1;
    const result = await walkForward({
      ...setup,
      folds,
      inSampleShare: options.inSample,
      onTrials: (done) => progress.update(done, `fold ${fold} of ${folds}`),
      onProgress: (done) => (fold = Math.min(folds, done + 1)),
    });
    progress.done();
    process.stdout.write(options.json ? `${JSON.stringify(walkForwardInTimes(result, columns))}\n` : walkForwardTable(result, columns, options.objective));
    return;
  }
  const progress = new Progress(`optimize ${runs} runs`, runs, { unit: 'runs' });
  const result = await optimize({ ...setup, onProgress: (done) => progress.update(done, `${done}/${runs} runs`) });
  progress.done();
  process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : resultsTable(result, rankedColumn(options.objective), options.top));
}

type Trial = Optimization['trials'][number];

interface Column {
  readonly header: string;
  readonly cell: (trial: Trial) => string;
}

const percent = (v: number | null | undefined) => (v === null || v === undefined ? MISSING_FIGURE : `${percentFigure(v)}%`);
const ratio = (v: number | null | undefined) => (v === null || v === undefined ? MISSING_FIGURE : fixedFigure(v, 2));

/** A column for each named objective; return and Sharpe are in every table, the others only when they rank it. */
const METRIC_COLUMNS: Record<ObjectiveName, Column> = {
  return: { header: 'return', cell: (t) => percent(t.metrics?.totalReturn) },
  sharpe: { header: 'Sharpe', cell: (t) => ratio(t.metrics?.sharpe) },
  calmar: { header: 'Calmar', cell: (t) => ratio(t.metrics?.calmar) },
  sortino: { header: 'Sortino', cell: (t) => ratio(t.metrics?.sortino) },
  cagr: { header: 'CAGR', cell: (t) => percent(t.metrics?.cagr) },
};

/** The column of what ranks the runs: a named metric's own, or a file objective's score. */
function rankedColumn(objective: string): Column {
  return isObjectiveName(objective) ? METRIC_COLUMNS[objective] : { header: 'objective', cell: (t) => (Number.isFinite(t.score) ? fixedFigure(t.score, 3) : MISSING_FIGURE) };
}

/** Why a run failed, else which of its orders were refused (a run that traded nothing says why), else nothing. */
function trialProblem(trial: Trial): string {
  const refused = trial.refused ? `orders refused: ${outcomeText(trial.refused)}` : '';
  return trial.error === undefined ? refused : refused === '' ? trial.error : `${trial.error}; ${refused}`;
}

/** The ranking metric is one column, named once below the table, rather than a score column beside its own column. */
function resultsTable(result: Optimization, ranked: Column, top: number): string {
  const shown = [METRIC_COLUMNS.return, METRIC_COLUMNS.sharpe];
  const columns = [...(shown.includes(ranked) ? [] : [ranked]), ...shown, { header: 'max DD', cell: (t: Trial) => percent(t.metrics?.maxDrawdown) }, { header: 'trades', cell: (t: Trial) => String(t.metrics?.trades ?? MISSING_FIGURE) }];
  const rows = result.trials.slice(0, top).map((t, i) => [String(i + 1), JSON.stringify(t.params), ...columns.map((c) => c.cell(t)), trialProblem(t)]);
  const lines = formatTable(['#', 'params', ...columns.map((c) => c.header), 'error'], rows, [1, columns.length + 2]);
  const invalid = result.trials.filter((t) => t.invalid).length;
  const skipped = invalid > 0 ? `; ${invalid.toLocaleString('en-US')} point${invalid === 1 ? '' : 's'} skipped as invalid params` : '';
  return `${lines.join('\n')}\nranked by ${ranked.header}, best first; ${(result.trials.length - invalid).toLocaleString('en-US')} run${result.trials.length - invalid === 1 ? '' : 's'} in ${formatDuration(result.elapsedMs)} (${result.runsPerSecond.toFixed(2)} runs/s)${skipped}\n`;
}

/**
 * The result with each fold's windows as epoch-ms times rather than rows of the columns, which mean
 * nothing outside this process: the same times the REST API gives (`windowTimes`).
 */
function walkForwardInTimes(result: WalkForward, columns: RecordColumns) {
  return { ...result, folds: result.folds.map((fold) => ({ ...fold, inSample: windowTimes(columns, fold.inSample), outOfSample: windowTimes(columns, fold.outOfSample) })) };
}

function walkForwardTable(result: WalkForward, columns: RecordColumns, objective: string): string {
  const label = rankedColumn(objective).header;
  // The dates of the times --json gives, so the table and the JSON agree on where a window starts and ends.
  const { folds } = walkForwardInTimes(result, columns);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const days = (window: TimeWindow) => `${day(window.from)}..${day(window.to)}`;
  const score = (v: number | null) => (v === null || !Number.isFinite(v) ? MISSING_FIGURE : objectiveFigure(objective, v));
  const rows = folds.map((f, i) => [String(i + 1), days(f.inSample), days(f.outOfSample), JSON.stringify(f.best ?? null), score(f.inSampleScore), score(f.outOfSampleScore)]);
  const lines = formatTable(['fold', 'in sample', 'out of sample', 'best params', 'in', 'out'], rows, [1, 2, 3]);
  return `${lines.join('\n')}\n${label}, mean in sample ${score(result.meanInSample)}, out of sample ${score(result.meanOutOfSample)}; walk-forward efficiency ${efficiencyText(result)}\n`;
}

/** The efficiency with how to read it, or MISSING_FIGURE with why there is none: "85% (near 100%: …)", "— (no in-sample edge)", "— (2 fold(s) without a score)". */
export function efficiencyText(result: Pick<WalkForward, 'efficiency' | 'failedFolds'>): string {
  if (result.efficiency !== null) return `${percentFigure(result.efficiency, 0)}% (near 100%: the edge holds out of sample; near 0 or below: overfit)`;
  if (result.failedFolds === 0) return `${MISSING_FIGURE} (no in-sample edge)`;
  return `${MISSING_FIGURE} (${result.failedFolds} fold(s) without a score: a failed run, or a window too short for the objective)`;
}

/** A score as its metric reads: return and CAGR in percent, ratios and a file objective's score as numbers. */
function objectiveFigure(objective: string, value: number): string {
  return objective === 'return' || objective === 'cagr' ? percent(value) : fixedFigure(value, 3);
}

/** A metric's name, or a file: anything with a path separator or a script extension is read as one. */
async function objectiveOf(text: string): Promise<Objective> {
  if (isObjectiveName(text)) return text;
  if (!/[\\/]|\.(ts|mts|js|mjs)$/.test(text)) throw new InvalidArgumentError(`objective must be one of ${OBJECTIVES.join(', ')}, or a file exporting (metrics) => number`);
  try {
    return await loadObjective(resolve(text));
  } catch (error) {
    if (error instanceof ObjectiveFileError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

function share(text: string): number {
  const value = Number(text);
  if (!(value > 0 && value < 1)) throw new InvalidArgumentError('expected a share between 0 and 1, such as 0.7');
  return value;
}
