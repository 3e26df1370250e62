// One trial of an optimization: a backtest of one parameter point over a window of the shared columns, the same inline or in a worker.
import { StrategyParamsError, type AnyStrategyDefinition } from '../../strategy/index.ts';
import { loadStrategy } from '../../strategy/load-strategy.ts';
import { unpackRecords, type RecordColumns } from '../columns.ts';
import type { BacktestMetrics } from '../metrics.ts';
import { runBacktest, type RunSettings } from '../run-backtest.ts';
import type { BacktestMarket } from '../types.ts';
import { warmupStartRow } from '../warmup.ts';
import type { ParamPoint } from './space.ts';

/** What every trial of one optimization shares; structured-cloneable, the columns in shared memory. */
export interface TrialSetup {
  /** The strategy file: each worker loads it itself. With `strategyResolver`, a reference that module resolves instead. */
  readonly strategyPath: string;
  /**
   * A module (its file URL) exporting `resolveStrategy(ref)`, for strategies that are not files of
   * their own, such as a host's built-in ones; every thread imports it and resolves `strategyPath`.
   */
  readonly strategyResolver?: string;
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
  /** The strategy refused the params before anything ran (a point such as fast >= slow): not a run, for throughput. */
  readonly invalid?: true;
  /** The strategy's orders refused in the run, by reason, when there were any: a run that traded nothing says why. */
  readonly refused?: Readonly<Record<string, number>>;
}

/** The trial's strategy: the file loaded, or the reference resolved by the setup's resolver module. */
export async function loadTrialStrategy(setup: Pick<TrialSetup, 'strategyPath' | 'strategyResolver'>): Promise<AnyStrategyDefinition> {
  if (setup.strategyResolver === undefined) return loadStrategy(setup.strategyPath);
  const resolver = (await import(setup.strategyResolver)) as { resolveStrategy?: unknown };
  if (typeof resolver.resolveStrategy !== 'function') throw new Error(`${setup.strategyResolver} exports no resolveStrategy function`);
  return (resolver.resolveStrategy as (ref: string) => Promise<AnyStrategyDefinition>)(setup.strategyPath);
}

export async function runTrial(strategy: AnyStrategyDefinition, setup: TrialSetup, task: TrialTask): Promise<TrialOutcome> {
  try {
    // A window after the first starts with the history before it, as a backtest from that time does.
    const warmupFrom = warmupStartRow(setup.columns, task.from, { intervals: strategy.bars, historySize: strategy.historySize });
    const warmup = warmupFrom < task.from ? unpackRecords(setup.columns, warmupFrom, task.from) : undefined;
    const result = await runBacktest({ ...setup.settings, strategy, market: setup.market, params: task.params, data: unpackRecords(setup.columns, task.from, task.to), warmup });
    const refused = Object.keys(result.orders.refused).length > 0 ? { refused: result.orders.refused } : {};
    return result.error === undefined ? { id: task.id, metrics: result.metrics, ...refused } : { id: task.id, error: result.error, ...refused };
  } catch (error) {
    if (error instanceof StrategyParamsError) return { id: task.id, error: error.message, invalid: true };
    return { id: task.id, error: error instanceof Error ? error.message : String(error) };
  }
}
