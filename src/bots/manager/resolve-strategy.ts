// Checking a bot before it is stored: its strategy resolved (built-in or module, loaded now), its params and symbols validated.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDeclaredParams, StrategyParamsError, type AnyStrategyDefinition } from '../../strategy/index.ts';
import { loadStrategy } from '../../strategy/load-strategy.ts';
import { errorText, isModuleRef } from '../pool/build-runner.ts';
import { BUILT_IN_STRATEGIES, isBuiltInStrategy } from '../strategies/registry.ts';
import { BotManagerError } from './types.ts';

export interface ResolvedStrategy {
  /** What is stored: the built-in name, or the module's absolute path (so a later start does not depend on the working directory). */
  readonly ref: string;
  readonly definition: AnyStrategyDefinition;
}

/** The strategy a bot names; a module is imported here, so a bad file is refused at once rather than failing on start. */
export async function resolveStrategy(strategy: string): Promise<ResolvedStrategy> {
  if (isBuiltInStrategy(strategy)) return { ref: strategy, definition: BUILT_IN_STRATEGIES[strategy] };
  if (!isModuleRef(strategy)) {
    throw new BotManagerError('UNKNOWN_STRATEGY', `Unknown strategy ${JSON.stringify(strategy)}: name one of ${Object.keys(BUILT_IN_STRATEGIES).join(', ')}, or the path of a strategy file.`, {
      builtIn: Object.keys(BUILT_IN_STRATEGIES),
    });
  }
  const path = strategy.startsWith('file:') ? fileURLToPath(strategy) : resolve(strategy);
  try {
    return { ref: path, definition: await loadStrategy(path) };
  } catch (error) {
    throw new BotManagerError('UNKNOWN_STRATEGY', errorText(error));
  }
}

/** The symbols a bot trades (its own, else the strategy's); throws when there are none or some repeat. */
export function symbolsOf(definition: AnyStrategyDefinition, symbols: readonly string[] | undefined): readonly string[] {
  const chosen = symbols ?? definition.symbols;
  if (chosen.length === 0) throw new BotManagerError('INVALID_SYMBOLS', `Strategy ${definition.name} has no default symbols: name the symbols to trade.`);
  if (new Set(chosen).size !== chosen.length) throw new BotManagerError('INVALID_SYMBOLS', 'The symbols must not repeat.');
  return chosen;
}

/** Validates params with the strategy's zod schema, a name it does not declare included; every problem is listed as `path: message`. */
export function checkParams(definition: AnyStrategyDefinition, params: unknown): void {
  try {
    parseDeclaredParams(definition, params);
  } catch (error) {
    if (error instanceof StrategyParamsError) {
      throw new BotManagerError('INVALID_PARAMS', error.summary, error.issuesUnder('params'));
    }
    throw error;
  }
}
