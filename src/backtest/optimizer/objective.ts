// What an optimization maximizes: a named metric, or any function of a run's metrics.
import type { BacktestMetrics } from '../metrics.ts';
import type { ParamPoint } from './space.ts';

export const OBJECTIVES = ['sharpe', 'return', 'calmar', 'sortino', 'cagr'] as const;
export type ObjectiveName = (typeof OBJECTIVES)[number];
/** A function is also given the run's params, so that one that fails can say on which run (a file's objective does). */
export type Objective = ObjectiveName | ((metrics: BacktestMetrics, params: ParamPoint) => number);

export function isObjectiveName(value: string): value is ObjectiveName {
  return (OBJECTIVES as readonly string[]).includes(value);
}

/** Higher is better; a metric a run cannot define (Sharpe of a flat curve) scores -Infinity. */
export function scoreOf(objective: Objective, metrics: BacktestMetrics, params: ParamPoint): number {
  const value = typeof objective === 'function' ? objective(metrics, params) : named(objective, metrics);
  return value === null || Number.isNaN(value) ? -Infinity : value;
}

function named(objective: ObjectiveName, metrics: BacktestMetrics): number | null {
  switch (objective) {
    case 'sharpe':
      return metrics.sharpe;
    case 'return':
      return metrics.totalReturn;
    case 'calmar':
      return metrics.calmar;
    case 'sortino':
      return metrics.sortino;
    case 'cagr':
      return metrics.cagr;
  }
}
