// The strategies a backtest may name: a built-in bot strategy by its name, or an example file as examples/<name>. Imported by the job workers too.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
// The registry alone, not the bots' index: workers import this module, and the pool and manager would only slow their start.
import { BUILT_IN_STRATEGIES, isBuiltInStrategy } from '../../bots/strategies/registry.ts';
import type { AnyStrategyDefinition } from '../../strategy/index.ts';
import { loadStrategy } from '../../strategy/load-strategy.ts';

/** The examples shipped with Bourse. Only files here can be named: a request never names an arbitrary path. */
export const EXAMPLES_DIR = new URL('../../../examples/', import.meta.url);

const EXAMPLE_REF = /^examples\/([a-z0-9][a-z0-9_-]{0,63})$/;

/** This module as a worker imports it: the optimizer's trial threads resolve references through it. */
export const STRATEGY_RESOLVER = new URL(import.meta.url.endsWith('.ts') ? './strategy-refs.ts' : './strategy-refs.js', import.meta.url).href;

export class UnknownStrategyError extends Error {
  constructor(
    readonly ref: string,
    reason: string,
  ) {
    super(`unknown strategy ${JSON.stringify(ref)}: ${reason}`);
    this.name = 'UnknownStrategyError';
  }
}

/** The file of an example reference, or undefined when the reference is not one. */
export function exampleFile(ref: string): string | undefined {
  const name = EXAMPLE_REF.exec(ref)?.[1];
  return name === undefined ? undefined : fileURLToPath(new URL(`${name}.ts`, EXAMPLES_DIR));
}

/** The example references there are, in name order. */
export async function exampleRefs(): Promise<string[]> {
  const files = await readdir(EXAMPLES_DIR).catch(() => [] as string[]);
  return files
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
    .map((file) => `examples/${file.slice(0, -3)}`)
    .filter((ref) => EXAMPLE_REF.test(ref))
    .sort();
}

/** The definition a reference names; throws UnknownStrategyError when it names none that loads. */
export async function resolveStrategy(ref: string): Promise<AnyStrategyDefinition> {
  if (isBuiltInStrategy(ref)) return BUILT_IN_STRATEGIES[ref];
  const file = exampleFile(ref);
  if (file === undefined) throw new UnknownStrategyError(ref, `name a built-in strategy (${Object.keys(BUILT_IN_STRATEGIES).join(', ')}) or an example as examples/<name>`);
  try {
    return await loadStrategy(file);
  } catch (error) {
    throw new UnknownStrategyError(ref, error instanceof Error ? error.message : String(error));
  }
}
