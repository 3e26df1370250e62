// Walk-forward analysis: optimize on each in-sample window, test the winner on the window after it, and measure how much of the edge survives.
import { rowRange } from '../columns.ts';
import { scoreOf } from './objective.ts';
import { optimize, runTrials, trialCount, type OptimizeOptions } from './optimize.ts';
import type { ParamPoint } from './space.ts';

export interface WalkForwardOptions extends OptimizeOptions {
  /** Consecutive windows the data is cut into (default 4). */
  readonly folds?: number;
  /** Share of each window used in sample (default 0.7); the rest is out of sample. */
  readonly inSampleShare?: number;
  /** Trials done of all folds' trials (each fold: its search in sample, then one run out of sample); `onProgress` counts folds. */
  readonly onTrials?: (done: number, total: number) => void;
}

export interface Fold {
  readonly inSample: { readonly from: number; readonly to: number };
  readonly outOfSample: { readonly from: number; readonly to: number };
  readonly best: ParamPoint | undefined;
  readonly inSampleScore: number;
  readonly outOfSampleScore: number;
}

export interface WalkForward {
  readonly folds: readonly Fold[];
  /**
   * Folds missing a score: no in-sample winner, or a winner with no out-of-sample score (its run
   * failed, or the window was too short for the objective, as Sharpe's 31 returns).
   */
  readonly failedFolds: number;
  /** Mean of the in-sample scores the folds have; null when none has one. */
  readonly meanInSample: number | null;
  /** Mean of the out-of-sample scores the folds have; null when none has one. */
  readonly meanOutOfSample: number | null;
  /**
   * Out-of-sample score over in-sample score (walk-forward efficiency): near 1 the best parameters
   * hold up on data they never saw; near 0 or below, the in-sample edge was mostly fitted noise.
   * Null when the in-sample mean is not positive (with no edge to keep there is nothing to
   * measure) or when a fold failed.
   */
  readonly efficiency: number | null;
}

export async function walkForward(options: WalkForwardOptions): Promise<WalkForward> {
  const { columns } = options;
  const folds = Math.max(1, Math.floor(options.folds ?? 4));
  const share = Math.min(0.95, Math.max(0.05, options.inSampleShare ?? 0.7));
  if (columns.length === 0) return { folds: [], failedFolds: 0, meanInSample: 0, meanOutOfSample: 0, efficiency: null };
  const start = columns.ts[0]!;
  const span = columns.ts[columns.length - 1]! + 1 - start;
  const results: Fold[] = [];
  const perFold = trialCount(options) + 1;
  const onTrials = options.onTrials;
  for (let k = 0; k < folds; k++) {
    const windowStart = start + (span * k) / folds;
    const split = windowStart + (span / folds) * share;
    const windowEnd = start + (span * (k + 1)) / folds;
    const inSample = rowRange(columns, windowStart, split);
    const outOfSample = rowRange(columns, split, windowEnd);
    const tuned = await optimize({ ...options, from: inSample.from, to: inSample.to, onProgress: onTrials && ((done) => onTrials(k * perFold + done, folds * perFold)) });
    const best = tuned.best;
    let outOfSampleScore = -Infinity;
    if (best) {
      const [outcome] = await runTrials(options, [{ id: 0, params: best.params, ...outOfSample }], 0);
      if (outcome?.metrics) outOfSampleScore = scoreOf(options.objective, outcome.metrics, best.params);
    }
    results.push({ inSample, outOfSample, best: best?.params, inSampleScore: best?.score ?? -Infinity, outOfSampleScore });
    onTrials?.((k + 1) * perFold, folds * perFold);
    options.onProgress?.(k + 1, folds);
  }
  // A fold whose winner has no score out of sample counts against the parameters: the efficiency
  // is only given when every fold could be scored. Each mean is of the scores there are: a mean of
  // none is no figure, not 0.
  const failedFolds = results.filter((f) => !Number.isFinite(f.inSampleScore) || !Number.isFinite(f.outOfSampleScore)).length;
  const meanInSample = meanOfFinite(results.map((f) => f.inSampleScore));
  const meanOutOfSample = meanOfFinite(results.map((f) => f.outOfSampleScore));
  // A ratio of two losses says nothing about overfitting, so efficiency needs an in-sample edge.
  const efficiency = failedFolds === 0 && meanInSample !== null && meanOutOfSample !== null && meanInSample > 0 ? meanOutOfSample / meanInSample : null;
  return { folds: results, failedFolds, meanInSample, meanOutOfSample, efficiency };
}

function meanOfFinite(values: readonly number[]): number | null {
  const scored = values.filter(Number.isFinite);
  return scored.length === 0 ? null : scored.reduce((a, b) => a + b, 0) / scored.length;
}
