// What an optimization maximizes: a named metric, or any function of a run's metrics.
import type { BacktestMetrics } from '../metrics.ts';

export const OBJECTIVES = ['sharpe', 'return', 'calmar', 'sortino', 'cagr'] as const;
export type ObjectiveName = (typeof OBJECTIVES)[number];
export type Objective = ObjectiveName | ((metrics: BacktestMetrics) => number);

export function isObjectiveName(value: string): value is ObjectiveName {
  return (OBJECTIVES as readonly string[]).includes(value);
}

/** Higher is better; a metric a run cannot define (Sharpe of a flat curve) scores -Infinity. */
export function scoreOf(objective: Objective, metrics: BacktestMetrics): number {
  const value = typeof objective === 'function' ? objective(metrics) : named(objective, metrics);
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
