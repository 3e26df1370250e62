// One trial of an optimization: a backtest of one parameter point over a window of the shared columns, the same inline or in a worker.
import type { AnyStrategyDefinition } from '../../strategy/index.ts';
import { unpackRecords, type RecordColumns } from '../columns.ts';
import type { BacktestMetrics } from '../metrics.ts';
import { runBacktest, type RunSettings } from '../run-backtest.ts';
import type { BacktestMarket } from '../types.ts';
import type { ParamPoint } from './space.ts';

/** What every trial of one optimization shares; structured-cloneable, the columns in shared memory. */
export interface TrialSetup {
  /** The strategy file: each worker loads it itself. */
  readonly strategyPath: string;
  readonly market: BacktestMarket;
  readonly columns: RecordColumns;
  readonly settings: RunSettings;
}

export interface TrialTask {
  readonly id: number;
  readonly params: ParamPoint;
  /** Rows [from, to) of the columns. */
  readonly from: number;
  readonly to: number;
}

export interface TrialOutcome {
  readonly id: number;
  readonly metrics?: BacktestMetrics;
  /** Why the trial has no metrics: invalid params, or the strategy failed. */
  readonly error?: string;
}

export async function runTrial(strategy: AnyStrategyDefinition, setup: TrialSetup, task: TrialTask): Promise<TrialOutcome> {
  try {
    const result = await runBacktest({ ...setup.settings, strategy, market: setup.market, params: task.params, data: unpackRecords(setup.columns, task.from, task.to) });
    return result.error === undefined ? { id: task.id, metrics: result.metrics } : { id: task.id, error: result.error };
  } catch (error) {
    return { id: task.id, error: error instanceof Error ? error.message : String(error) };
  }
}
