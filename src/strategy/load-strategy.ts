// Loads a strategy file (TypeScript under tsx, or JavaScript) and checks that its default export is a strategy definition.
//
// The only SDK module that touches node:*: everything else stays runnable wherever the ports are.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isStrategyDefinition, type AnyStrategyDefinition } from './define-strategy.ts';

export class StrategyLoadError extends Error {
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot load strategy ${file}: ${message}`, options);
    this.name = 'StrategyLoadError';
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object with keys ${Object.keys(value).slice(0, 8).join(', ') || '(none)'}`;
  return `a ${typeof value}`;
}

/**
 * Imports `path` (relative paths resolve against the working directory) and returns its default
 * export. Which ports it runs on (backtest, paper, live) is up to the caller, never the file.
 */
export async function loadStrategy(path: string): Promise<AnyStrategyDefinition> {
  const file = resolve(path);
  const found = await stat(file).catch(() => undefined);
  if (!found?.isFile()) throw new StrategyLoadError(file, 'no such file');
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StrategyLoadError(file, `importing it failed: ${reason}`, { cause: error });
  }
  if (!('default' in module) || module.default === undefined) {
    throw new StrategyLoadError(file, 'it has no default export; end it with `export default defineStrategy({ ... })`');
  }
  if (!isStrategyDefinition(module.default)) {
    throw new StrategyLoadError(file, `its default export is ${describe(module.default)}, not a strategy made with defineStrategy({ ... })`);
  }
  return module.default;
}
