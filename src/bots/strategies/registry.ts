// The built-in bot strategies by name, and their descriptions with param schemas as JSON Schema for the UI and REST.
import { z, type AnyStrategyDefinition } from '../../strategy/index.ts';
import { marketMaker } from './market-maker.ts';
import { meanReversion } from './mean-reversion.ts';
import { momentum } from './momentum.ts';
import { noise } from './noise.ts';
import { randomWalk } from './random-walk.ts';

/** Name -> definition. A bot names one of these (or a strategy file) as its strategy. */
export const BUILT_IN_STRATEGIES = {
  'random-walk': randomWalk,
  'market-maker': marketMaker,
  momentum,
  'mean-reversion': meanReversion,
  noise,
} as const satisfies Readonly<Record<string, AnyStrategyDefinition>>;

export type BuiltInStrategyName = keyof typeof BUILT_IN_STRATEGIES;

const DESCRIPTIONS: Readonly<Record<BuiltInStrategyName, string>> = {
  'random-walk': 'Random buy or sell orders, limit or market, around the last price on a timer: a price that wanders.',
  'market-maker': 'Two-sided post-only quotes around the fair price with a spread, skewed against inventory; never sells more than it holds.',
  momentum: 'Trend follower: buys when the fast moving average crosses above the slow one, sells out when it crosses below.',
  'mean-reversion': 'Bollinger bands: buys below the lower band up to a maximum position, sells out above the upper band.',
  noise: 'Small random market orders at random times: liquidity takers.',
};

export type JsonSchema = z.core.JSONSchema.BaseSchema;

export interface StrategyInfo {
  readonly name: BuiltInStrategyName;
  readonly description: string;
  /** Bar intervals the strategy subscribes to. */
  readonly bars: readonly string[];
  /** The params a client may send (every field optional: each has a default), as JSON Schema (draft 2020-12). */
  readonly params: JsonSchema;
}

export function isBuiltInStrategy(name: string): name is BuiltInStrategyName {
  return Object.hasOwn(BUILT_IN_STRATEGIES, name);
}

/** Every built-in strategy with its description and param schema, in registry order. */
export function listBuiltInStrategies(): StrategyInfo[] {
  return (Object.keys(BUILT_IN_STRATEGIES) as BuiltInStrategyName[]).map((name) => {
    const definition: AnyStrategyDefinition = BUILT_IN_STRATEGIES[name];
    // The input side: what a client sends, where defaulted fields may be left out.
    return { name, description: DESCRIPTIONS[name], bars: definition.bars, params: z.toJSONSchema(definition.params, { io: 'input' }) };
  });
}
