// A custom objective from a file: a module whose default export (or export named `objective`) scores a run's metrics.
import { pathToFileURL } from 'node:url';
import type { BacktestMetrics } from '../metrics.ts';
import type { ParamPoint } from './space.ts';

/** The file's function sees only the metrics; the params are for the message if it throws. */
export type ObjectiveFunction = (metrics: BacktestMetrics, params: ParamPoint) => number;

export class ObjectiveFileError extends Error {
  override name = 'ObjectiveFileError';
}

/** The objective threw while scoring a run: a bug in it, which stops the optimization. */
export class ObjectiveThrewError extends Error {
  override name = 'ObjectiveThrewError';
}

/**
 * Loads `path` (TypeScript or JavaScript) and returns its scoring function: higher is better, and
 * a result that is not a finite number ranks the run last. For example:
 * `export default (m) => m.totalReturn - 2 * m.maxDrawdown;`
 *
 * A function that throws is not ranked last like a non-finite result: that would hide a bug (a
 * misspelt metric) behind a table of runs that all look equally bad. It stops the optimization
 * with an ObjectiveThrewError naming the file and the run's params, so the user can reproduce it.
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
  return (metrics, params) => {
    let value: unknown;
    try {
      value = score(metrics);
    } catch (error) {
      // The cause keeps an Error's stack; a thrown non-Error is only quoted (the CLI would print it a second time as a cause).
      const reason = error instanceof Error ? error.message : String(error);
      throw new ObjectiveThrewError(`the objective ${path} threw on ${JSON.stringify(params)}: ${reason}`, error instanceof Error ? { cause: error } : undefined);
    }
    return typeof value === 'number' ? value : Number.NaN;
  };
}
