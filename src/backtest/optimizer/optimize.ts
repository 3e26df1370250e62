// The optimizer: backtests every point of a parameter grid (or a random sample of it) on worker threads, ranked by an objective.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { spawnModuleWorker } from '../../threads/module-worker.ts';
import type { BacktestMetrics } from '../metrics.ts';
import { scoreOf, type Objective } from './objective.ts';
import { gridPoints, randomPoints, spaceSize, type ParamPoint, type ParamSpace } from './space.ts';
import { loadTrialStrategy, runTrial, type TrialOutcome, type TrialSetup, type TrialTask } from './trial.ts';

export interface OptimizeOptions extends TrialSetup {
  readonly space: ParamSpace;
  readonly method?: 'grid' | 'random';
  /** Points drawn by random search (default 50). */
  readonly samples?: number;
  /** Seeds random search. */
  readonly seed?: number;
  readonly objective: Objective;
  /** Worker threads (default: the machine's parallelism); 0 runs every trial on this thread. */
  readonly workers?: number;
  /** Rows [from, to) of the columns to test on (default all). */
  readonly from?: number;
  readonly to?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface Trial {
  readonly params: ParamPoint;
  readonly score: number;
  readonly metrics: BacktestMetrics | undefined;
  readonly error: string | undefined;
  /** The strategy refused these params before the run: nothing ran for this point. */
  readonly invalid?: true;
  /** Orders of the run the venue refused, by reason (INVALID_QUANTITY, INSUFFICIENT_FUNDS), when any were. */
  readonly refused?: Readonly<Record<string, number>>;
}

export interface Optimization {
  /** Best first; trials that failed come last, in the order they were drawn. */
  readonly trials: readonly Trial[];
  readonly best: Trial | undefined;
  readonly elapsedMs: number;
  /** Trials that ran (invalid points, refused before running, are not counted) per second. */
  readonly runsPerSecond: number;
}

/** How many trials an optimization runs: every point of the grid, or the random sample (the whole space when it is smaller). */
export function trialCount(options: Pick<OptimizeOptions, 'space' | 'method' | 'samples'>): number {
  const size = spaceSize(options.space);
  return options.method === 'random' ? Math.min(options.samples ?? 50, size) : size;
}

export async function optimize(options: OptimizeOptions): Promise<Optimization> {
  const started = performance.now();
  const points = options.method === 'random' ? randomPoints(options.space, options.samples ?? 50, options.seed ?? 1) : [...gridPoints(options.space)];
  const from = options.from ?? 0;
  const to = options.to ?? options.columns.length;
  const tasks = points.map((params, id): TrialTask => ({ id, params, from, to }));
  const outcomes = await runTrials(options, tasks, options.workers ?? availableParallelism(), options.onProgress);
  const trials = tasks.map((task): Trial => {
    const outcome = outcomes[task.id]!;
    const metrics = outcome.metrics;
    return { params: task.params, metrics, error: outcome.error, score: metrics ? scoreOf(options.objective, metrics, task.params) : -Infinity, ...(outcome.invalid ? { invalid: true as const } : {}), ...(outcome.refused ? { refused: outcome.refused } : {}) };
  });
  const ranked = [...trials].sort((a, b) => Number(a.error !== undefined) - Number(b.error !== undefined) || b.score - a.score);
  const elapsedMs = performance.now() - started;
  const ran = trials.filter((t) => !t.invalid).length;
  return { trials: ranked, best: ranked.find((t) => t.error === undefined), elapsedMs, runsPerSecond: ran / (elapsedMs / 1000) };
}

/** Runs the tasks, in parallel on `workers` threads (or inline), and returns the outcomes by task id. */
export async function runTrials(setup: TrialSetup, tasks: readonly TrialTask[], workers: number, onProgress?: (done: number, total: number) => void): Promise<TrialOutcome[]> {
  const outcomes: TrialOutcome[] = [];
  let done = 0;
  const record = (outcome: TrialOutcome) => {
    outcomes[outcome.id] = outcome;
    onProgress?.(++done, tasks.length);
  };
  if (workers <= 0 || tasks.length === 0) {
    const strategy = await loadTrialStrategy(setup);
    for (const task of tasks) record(await runTrial(strategy, setup, task));
    return outcomes;
  }
  // Only the shared part crosses: options may carry callbacks, which cannot.
  const workerData: TrialSetup = { strategyPath: setup.strategyPath, strategyResolver: setup.strategyResolver, market: setup.market, columns: setup.columns, settings: setup.settings };
  const pool = Array.from({ length: Math.min(workers, tasks.length) }, () => spawnModuleWorker(new URL('./worker-main.ts', import.meta.url), { workerData }));
  try {
    let next = 0;
    await Promise.all(pool.map((worker) => feed(worker, () => tasks[next++], record)));
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return outcomes;
}

/** Gives one worker task after task until none are left; rejects if the worker dies. */
function feed(worker: Worker, take: () => TrialTask | undefined, record: (outcome: TrialOutcome) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const sendNext = () => {
      const task = take();
      if (task) worker.postMessage(task);
      else resolve();
    };
    worker.on('message', (message: TrialOutcome | { ready: true }) => {
      if ('ready' in message) return sendNext();
      record(message);
      sendNext();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`optimizer worker exited with code ${code}`)));
  });
}
