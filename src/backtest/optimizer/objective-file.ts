// A custom objective from a file: a module whose default export (or export named `objective`) scores a run's metrics.
import { pathToFileURL } from 'node:url';
import type { BacktestMetrics } from '../metrics.ts';

export type ObjectiveFunction = (metrics: BacktestMetrics) => number;

export class ObjectiveFileError extends Error {
  override name = 'ObjectiveFileError';
}

/**
 * Loads `path` (TypeScript or JavaScript) and returns its scoring function: higher is better, and
 * a result that is not a finite number ranks the run last. For example:
 * `export default (m) => m.totalReturn - 2 * m.maxDrawdown;`
 */
export async function loadObjective(path: string): Promise<ObjectiveFunction> {
  let module: { default?: unknown; objective?: unknown };
  try {
    module = (await import(pathToFileURL(path).href)) as typeof module;
  } catch (error) {
    throw new ObjectiveFileError(`cannot load the objective ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const candidate = module.objective ?? module.default;
  if (typeof candidate !== 'function') throw new ObjectiveFileError(`${path} must export a function (metrics) => number, as its default export or as "objective"`);
  const score = candidate as (metrics: BacktestMetrics) => unknown;
  return (metrics) => {
    const value = score(metrics);
    return typeof value === 'number' ? value : Number.NaN;
  };
}
