// What the server sends a backtest worker (the job, structured-cloneable, history in shared memory) and what the worker sends back.
import type { RecordColumns } from '../../backtest/columns.ts';
import type { ObjectiveName } from '../../backtest/optimizer/objective.ts';
import type { ParamSpace } from '../../backtest/optimizer/space.ts';
import type { BacktestSummary, SummaryLimits } from '../../backtest/result-summary.ts';
import type { RunSettings } from '../../backtest/run-backtest.ts';
import type { SyntheticSeries } from '../../backtest/synthetic-records.ts';
import type { BacktestMarket } from '../../backtest/types.ts';
import type { OptimizationSummary } from './optimization-summary.ts';

/** Stored history, read and packed by the server; or synthetic data, generated in the worker. */
/** `warmup`: stored history just before the range's `from`, for the strategy's history at its start (a backtest's; an optimization does not use it). */
export type JobData = { readonly source: 'columns'; readonly columns: RecordColumns; readonly warmup?: RecordColumns } | { readonly source: 'synthetic'; readonly series: SyntheticSeries };

interface JobBase {
  /** A strategy reference (see strategy-refs.ts), resolved in the worker. */
  readonly strategy: string;
  /** One instrument: the symbol the data is of. */
  readonly market: BacktestMarket;
  readonly data: JobData;
  readonly settings: RunSettings;
}

export interface BacktestJob extends JobBase {
  readonly type: 'backtest';
  readonly params: Readonly<Record<string, unknown>>;
  readonly limits: SummaryLimits;
}

export interface OptimizationJob extends JobBase {
  readonly type: 'optimization';
  readonly space: ParamSpace;
  readonly method: 'grid' | 'random';
  readonly samples: number;
  readonly seed: number;
  readonly objective: ObjectiveName;
  readonly walkForward: { readonly folds: number; readonly inSampleShare: number } | undefined;
  /** Trial threads the worker starts (0 runs the trials in the worker itself). */
  readonly workers: number;
}

export type Job = BacktestJob | OptimizationJob;

export type JobResult = BacktestSummary | OptimizationSummary;

export type JobMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly result: JobResult }
  | { readonly type: 'failed'; readonly error: string };
