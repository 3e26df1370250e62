// Test-only: starts a strategy on an EngineHarness and collects its errors and log lines.
import type { StrategyDefinition } from './define-strategy.ts';
import { memorySink } from './log.ts';
import { StrategyRunner, type FailureInfo } from './runtime.ts';
import { EngineHarness, type EngineLike, type HarnessOptions } from './test-support.ts';
import type { LogEntry } from './types.ts';

export interface Started<P, S> {
  readonly harness: EngineHarness;
  readonly runner: StrategyRunner<P, S>;
  readonly errors: Array<{ readonly error: unknown; readonly info: FailureInfo }>;
  readonly logs: LogEntry[];
}

export interface StartOptions {
  readonly params?: unknown;
  readonly seed?: number;
  readonly symbols?: readonly string[];
  readonly harness?: HarnessOptions;
  /** Runs on the harness before the strategy starts (seed bars, first prints). */
  readonly before?: (harness: EngineHarness) => Promise<void> | void;
}

/** A harness over `engine`, a runner attached to it, started. */
export async function startOn<P, S>(engine: EngineLike, definition: StrategyDefinition<P, S>, options: StartOptions = {}): Promise<Started<P, S>> {
  const harness = new EngineHarness(engine, options.harness);
  await options.before?.(harness);
  const errors: Array<{ error: unknown; info: FailureInfo }> = [];
  const { sink, entries } = memorySink();
  const runner = new StrategyRunner(definition, {
    trading: harness,
    feed: harness,
    clock: harness,
    seed: options.seed ?? 42,
    params: options.params,
    symbols: options.symbols,
    log: sink,
    onError: (error, info) => errors.push({ error, info }),
  });
  harness.attach(runner);
  await runner.start();
  await runner.idle();
  return { harness, runner, errors, logs: entries };
}
