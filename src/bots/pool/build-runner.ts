// From a bot's spec to a StrategyRunner: resolve the strategy (built-in name or module), check symbols and params, pick the seed.
//
// Shared by the inline slot and the worker thread, so a bot is built the same way wherever it runs.
import { fileURLToPath } from 'node:url';
import { fnv1a32 } from '../../core/hash.ts';
import { parseParams, StrategyRunner, type AnyStrategyDefinition, type ClockPort, type FailureInfo, type LogSink } from '../../strategy/index.ts';
import { formatFixed } from '../../strategy/exact.ts';
import { loadStrategy } from '../../strategy/load-strategy.ts';
import { BUILT_IN_STRATEGIES, isBuiltInStrategy } from '../strategies/registry.ts';
import type { RunReport } from './protocol.ts';
import type { BotPorts, BotSpec } from './types.ts';

/** The bot cannot be built as specified (unknown strategy, no symbols, invalid params): retrying will not help. */
export class BotBuildError extends Error {
  constructor(
    readonly botId: string,
    message: string,
  ) {
    super(`bot ${botId}: ${message}`);
    this.name = 'BotBuildError';
  }
}

export type BotRunner = StrategyRunner<Record<string, unknown>, unknown>;

/** A strategy module rather than a built-in name: a file URL, a path, or a script file name. */
export function isModuleRef(strategy: string): boolean {
  return strategy.startsWith('file:') || /[\\/]/.test(strategy) || /\.(ts|mts|js|mjs)$/.test(strategy);
}

/** A stable 32-bit seed from the bot's id (FNV-1a), for bots that name none. */
export function seedOf(bot: BotSpec): number {
  return bot.seed ?? fnv1a32(bot.id);
}

/**
 * What the host can check without loading code: a built-in's symbols and params (throws
 * BotBuildError). A module strategy is checked where it runs, when it starts.
 */
export function checkSpec(bot: BotSpec): void {
  if (isBuiltInStrategy(bot.strategy)) return void check(bot, BUILT_IN_STRATEGIES[bot.strategy]);
  if (!isModuleRef(bot.strategy)) throw new BotBuildError(bot.id, `unknown strategy ${JSON.stringify(bot.strategy)}: not one of ${Object.keys(BUILT_IN_STRATEGIES).join(', ')}, nor a strategy file`);
}

function check(bot: BotSpec, definition: AnyStrategyDefinition): void {
  if ((bot.symbols ?? definition.symbols).length === 0) throw new BotBuildError(bot.id, `strategy ${definition.name} has no default symbols; name the symbols to trade`);
  try {
    parseParams(definition, bot.params);
  } catch (error) {
    throw new BotBuildError(bot.id, errorText(error));
  }
}

const loaded = new Map<string, Promise<AnyStrategyDefinition>>();

async function resolve(bot: BotSpec): Promise<AnyStrategyDefinition> {
  if (isBuiltInStrategy(bot.strategy)) return BUILT_IN_STRATEGIES[bot.strategy];
  checkSpec(bot);
  const path = bot.strategy.startsWith('file:') ? fileURLToPath(bot.strategy) : bot.strategy;
  // A module is imported once per thread anyway; caching the promise also shares a failed load.
  let definition = loaded.get(path);
  if (!definition) loaded.set(path, (definition = loadStrategy(path)));
  try {
    return await definition;
  } catch (error) {
    loaded.delete(path);
    throw new BotBuildError(bot.id, errorText(error));
  }
}

export interface RunnerWiring {
  readonly ports: BotPorts;
  readonly clock: ClockPort;
  readonly log: LogSink;
  readonly onError: (error: unknown, info: FailureInfo) => void;
}

/** Builds (does not start) the bot's runner; throws BotBuildError when it cannot be built. */
export async function buildRunner(bot: BotSpec, wiring: RunnerWiring): Promise<BotRunner> {
  const definition = await resolve(bot);
  check(bot, definition);
  try {
    return new StrategyRunner(definition, { trading: wiring.ports.trading, feed: wiring.ports.feed, clock: wiring.clock, seed: seedOf(bot), params: bot.params, symbols: bot.symbols, log: wiring.log, onError: wiring.onError });
  } catch (error) {
    // The params were checked above, so this is the strategy's own state factory failing.
    throw new BotBuildError(bot.id, `building its state failed: ${errorText(error)}`);
  }
}

/** An error's message, for statuses and the wire (an Error does not survive postMessage as itself). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The runner's health and exact P&L as decimal strings. */
export function runReport(run: number, runner: BotRunner): RunReport {
  const { realized, unrealized, fees } = runner.exactPnl();
  return { run, status: runner.status(), pnl: { realized: formatFixed(realized), unrealized: formatFixed(unrealized), fees: formatFixed(fees) } };
}
