// defineStrategy: one typed object per strategy (name, zod params, symbols, handlers), and params validation.
import { z } from 'zod';
import { fieldIssues, joinProblems } from '../core/field-issues.ts';
import type { Bar, FillView, OrderView, QuoteEvent, StrategyContext, TradeEvent } from './types.ts';

type Awaitable<T> = T | Promise<T>;

/**
 * The handlers a strategy may define. Each gets the context and one event and may be async: the
 * runtime waits for it before delivering the next event, so a strategy never sees two at once.
 * (Method syntax on purpose: a definition for specific params is usable where any params are.)
 */
export interface StrategyHandlers<P, S> {
  onStart?(ctx: StrategyContext<P, S>): Awaitable<void>;
  onStop?(ctx: StrategyContext<P, S>): Awaitable<void>;
  onTrade?(ctx: StrategyContext<P, S>, trade: TradeEvent): Awaitable<void>;
  onQuote?(ctx: StrategyContext<P, S>, quote: QuoteEvent): Awaitable<void>;
  onBar?(ctx: StrategyContext<P, S>, bar: Bar): Awaitable<void>;
  onTimer?(ctx: StrategyContext<P, S>, name: string): Awaitable<void>;
  onOrder?(ctx: StrategyContext<P, S>, order: OrderView): Awaitable<void>;
  onFill?(ctx: StrategyContext<P, S>, fill: FillView): Awaitable<void>;
}

/** What a strategy file writes. */
export type StrategySpec<Schema extends z.ZodObject, S> = StrategyHandlers<z.output<Schema>, S> & {
  readonly name: string;
  /** A zod object; give every field a default so the strategy runs with `{}`. */
  readonly params?: Schema;
  /**
   * Makes the per-run state (indicators, counters) handlers find in ctx.state: a definition is
   * shared, a run is not. Write it before the handlers: TypeScript infers S from it left to right.
   */
  state?(params: z.output<Schema>): S;
  /** Symbols to trade unless whoever runs the strategy names others. */
  readonly symbols?: readonly string[];
  /** Bar intervals to receive in onBar, e.g. ['1m']. */
  readonly bars?: readonly string[];
  /** Closed bars per symbol and interval to preload and keep for ctx.history (default 500). */
  readonly historySize?: number;
};

/** Marks a value as made by defineStrategy, also across separately loaded copies of this module. */
export const STRATEGY_KIND = 'bourse.strategy/v1';

export interface StrategyDefinition<P, S = unknown> extends StrategyHandlers<P, S> {
  readonly kind: typeof STRATEGY_KIND;
  readonly name: string;
  readonly params: z.ZodType<P>;
  state?(params: P): S;
  readonly symbols: readonly string[];
  readonly bars: readonly string[];
  readonly historySize: number;
}

/** Any definition, whatever its params. */
export type AnyStrategyDefinition = StrategyDefinition<Record<string, unknown>, unknown>;

const HANDLERS = ['state', 'onStart', 'onStop', 'onTrade', 'onQuote', 'onBar', 'onTimer', 'onOrder', 'onFill'] as const;
const NAME = /^[\w.-]{1,64}$/;

/** Defines a strategy; ctx.params is typed from the zod schema and ctx.state from the state factory. */
export function defineStrategy<Schema extends z.ZodObject = z.ZodObject<Record<never, never>>, S = undefined>(spec: StrategySpec<Schema, S>): StrategyDefinition<z.output<Schema>, S> {
  if (typeof spec.name !== 'string' || !NAME.test(spec.name)) throw new Error(`strategy name ${JSON.stringify(spec.name)} must be 1-64 letters, digits, '_', '-' or '.'`);
  for (const key of HANDLERS) {
    if (spec[key] !== undefined && typeof spec[key] !== 'function') throw new Error(`strategy ${spec.name}: ${key} must be a function`);
  }
  const historySize = spec.historySize ?? 500;
  if (!Number.isSafeInteger(historySize) || historySize < 0) throw new Error(`strategy ${spec.name}: historySize must be a non-negative integer`);
  // TypeScript cannot see that a Schema parses to z.output<Schema>; it does by zod's definition.
  // Without a schema, Schema defaults to the empty object schema, which is what we substitute.
  const params = (spec.params ?? z.object({})) as unknown as z.ZodType<z.output<Schema>>;
  return Object.freeze({ ...spec, kind: STRATEGY_KIND, params, symbols: [...(spec.symbols ?? [])], bars: [...(spec.bars ?? [])], historySize });
}

/** True for what defineStrategy returns (checked structurally, for files loaded at run time). */
export function isStrategyDefinition(value: unknown): value is AnyStrategyDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<string, unknown>>;
  return (
    candidate.kind === STRATEGY_KIND &&
    typeof candidate.name === 'string' &&
    candidate.params instanceof Object &&
    typeof (candidate.params as { safeParse?: unknown }).safeParse === 'function' &&
    Array.isArray(candidate.symbols) &&
    Array.isArray(candidate.bars) &&
    HANDLERS.every((key) => candidate[key] === undefined || typeof candidate[key] === 'function')
  );
}

/** One problem with the params: the param's path ("fast", "" for the params as a whole) and what is wrong. */
export interface ParamIssue {
  readonly path: string;
  readonly message: string;
}

/** Invalid params: the message lists every problem, one per line, as `path: message`. */
export class StrategyParamsError extends Error {
  /** Each problem as a line: its message when that names the param, else `path: message` ("(params)" for the params as a whole). */
  readonly problems: readonly string[];

  constructor(
    readonly strategy: string,
    readonly issues: readonly ParamIssue[],
  ) {
    const problems = issues.map((issue) => (issue.path && issue.message.startsWith(`${issue.path} `) ? issue.message : `${issue.path || '(params)'}: ${issue.message}`));
    super(`invalid params for strategy ${strategy}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'StrategyParamsError';
    this.problems = problems;
  }

  /** The problems in one line, as an API refusal says them: "Invalid params for strategy x: fast must be shorter than slow; qty: ...". */
  get summary(): string {
    return `Invalid params for strategy ${this.strategy}: ${joinProblems(this.problems)}`;
  }

  /** The issues with paths as a request names them, under the field that holds the params: "params.fast". */
  issuesUnder(field: string): ParamIssue[] {
    return this.issues.map((issue) => ({ path: issue.path ? `${field}.${issue.path}` : field, message: issue.message }));
  }
}

/** The param names a strategy declares (the input side of its schema: defaulted ones included). */
export function paramNames(definition: AnyStrategyDefinition): string[] {
  return Object.keys(z.toJSONSchema(definition.params, { io: 'input' }).properties ?? {});
}

/**
 * Throws StrategyParamsError naming every one of `names` the strategy does not declare. A zod object
 * drops keys it does not know, so without this a misspelt param would run with its default unnoticed.
 */
export function checkParamNames(definition: AnyStrategyDefinition, names: readonly string[]): void {
  const known = paramNames(definition);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  throw new StrategyParamsError(
    definition.name,
    unknown.map((name) => ({ path: name, message: `not a param of ${definition.name} (it has ${known.join(', ') || 'none'})` })),
  );
}

/**
 * Throws StrategyParamsError naming each value of `choices` that its param's own schema refuses (`fast: "abc"` where fast is a
 * number): no combination holding it could run. A rule across params (fast below slow) is left to each combination. A schema
 * that is not a plain object of fields (one wrapped in a transform) has no fields to check one by one, and passes.
 */
export function checkParamChoices(definition: AnyStrategyDefinition, choices: Readonly<Record<string, readonly unknown[]>>): void {
  const shape = (definition.params as { shape?: Readonly<Record<string, z.ZodType | undefined>> }).shape;
  if (shape === undefined) return;
  const issues: ParamIssue[] = [];
  for (const [name, values] of Object.entries(choices)) {
    const field = shape[name];
    if (field === undefined) continue;
    for (const value of values) {
      const result = field.safeParse(value);
      if (result.success) continue;
      const underName = result.error.issues.map((issue) => ({ ...issue, path: [name, ...issue.path] }));
      for (const issue of fieldIssues(underName, { [name]: value }, 'params')) issues.push({ path: issue.path, message: `${issue.message} (given ${JSON.stringify(value)})` });
    }
  }
  if (issues.length > 0) throw new StrategyParamsError(definition.name, issues);
}

/** parseParams for params a caller sent: a name the strategy does not declare is a problem too. */
export function parseDeclaredParams<P, S>(definition: StrategyDefinition<P, S>, input: unknown): P {
  // Anything but a plain object is left to the schema, which says what it expected.
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) checkParamNames(definition as AnyStrategyDefinition, Object.keys(input));
  return parseParams(definition, input);
}

/** Validates raw params (undefined means `{}`) and fills in defaults; throws StrategyParamsError. */
export function parseParams<P, S>(definition: StrategyDefinition<P, S>, input: unknown): P {
  const result = definition.params.safeParse(input ?? {});
  if (result.success) return result.data;
  // One issue per param, in the words the API uses for every field ("intervalMs must be at least 10").
  throw new StrategyParamsError(definition.name, fieldIssues(result.error.issues, input ?? {}, 'params'));
}
