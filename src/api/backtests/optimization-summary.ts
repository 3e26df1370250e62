// An optimization's results as the API gives them: every trial ranked best first with its params and metrics, and the walk-forward folds when used.
import { recordTime, type RecordColumns } from '../../backtest/columns.ts';
import type { BacktestMetrics } from '../../backtest/metrics.ts';
import type { ObjectiveName } from '../../backtest/optimizer/objective.ts';
import type { Optimization, Trial } from '../../backtest/optimizer/optimize.ts';
import type { ParamPoint } from '../../backtest/optimizer/space.ts';
import type { WalkForward } from '../../backtest/optimizer/walk-forward.ts';
import { windowTimes, type TimeWindow } from '../../backtest/optimizer/window-times.ts';

export interface TrialView {
  /** 1 for the best; trials that failed rank last. */
  readonly rank: number;
  readonly params: ParamPoint;
  /** The objective's value; null when the run failed or the metric is undefined for it (Sharpe of a flat curve). */
  readonly score: number | null;
  readonly metrics: BacktestMetrics | null;
  readonly error: string | null;
  /** The run's orders the venue refused, by reason; empty when none were (a run that traded nothing says why). */
  readonly refused: Readonly<Record<string, number>>;
}

export interface FoldView {
  readonly inSample: TimeWindow;
  readonly outOfSample: TimeWindow;
  readonly best: ParamPoint | null;
  readonly inSampleScore: number | null;
  readonly outOfSampleScore: number | null;
}

export interface WalkForwardView {
  readonly folds: readonly FoldView[];
  readonly failedFolds: number;
  /** Means of the scores the folds have; null when none has one. */
  readonly meanInSample: number | null;
  readonly meanOutOfSample: number | null;
  /** Mean out-of-sample score over mean in-sample score; null when undefined (no in-sample edge, or a fold has no score). */
  readonly efficiency: number | null;
}

export interface OptimizationSummary {
  readonly objective: ObjectiveName;
  readonly method: 'grid' | 'random';
  readonly records: number;
  readonly startTs: number | null;
  readonly endTs: number | null;
  /** Best first (the search over all the data); empty with walk-forward, whose folds hold the results. */
  readonly trials: readonly TrialView[];
  readonly best: TrialView | null;
  readonly elapsedMs: number;
  readonly walkForward: WalkForwardView | null;
}

/** JSON has no infinities: a score of -Infinity (no score) is null. */
const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

function trialView(trial: Trial, index: number): TrialView {
  return { rank: index + 1, params: trial.params, score: trial.error === undefined ? finite(trial.score) : null, metrics: trial.metrics ?? null, error: trial.error ?? null, refused: trial.refused ?? {} };
}

interface SummaryBase {
  readonly objective: ObjectiveName;
  readonly method: 'grid' | 'random';
  readonly columns: RecordColumns;
  readonly elapsedMs: number;
}

/** The first and last record times, a bar's at its close as a backtest reports them, so both say the same for the same data. */
function span(columns: RecordColumns): Pick<OptimizationSummary, 'records' | 'startTs' | 'endTs'> {
  return { records: columns.length, startTs: columns.length > 0 ? recordTime(columns, 0) : null, endTs: columns.length > 0 ? recordTime(columns, columns.length - 1) : null };
}

export function optimizationSummary(base: SummaryBase, result: Optimization): OptimizationSummary {
  const trials = result.trials.map(trialView);
  return { objective: base.objective, method: base.method, ...span(base.columns), trials, best: trials.find((t) => t.error === null) ?? null, elapsedMs: base.elapsedMs, walkForward: null };
}

export function walkForwardSummary(base: SummaryBase, result: WalkForward): OptimizationSummary {
  const { columns } = base;
  const folds = result.folds.map((fold): FoldView => ({ inSample: windowTimes(columns, fold.inSample), outOfSample: windowTimes(columns, fold.outOfSample), best: fold.best ?? null, inSampleScore: finite(fold.inSampleScore), outOfSampleScore: finite(fold.outOfSampleScore) }));
  return {
    objective: base.objective,
    method: base.method,
    ...span(columns),
    trials: [],
    best: null,
    elapsedMs: base.elapsedMs,
    walkForward: { folds, failedFolds: result.failedFolds, meanInSample: result.meanInSample, meanOutOfSample: result.meanOutOfSample, efficiency: result.efficiency },
  };
}
