// The strategies a user can backtest, each with its params as JSON Schema and as a flat list of fields a form can render.
import { readFile } from 'node:fs/promises';
import { listBuiltInStrategies, type JsonSchema } from '../../bots/index.ts';
import { z, type AnyStrategyDefinition } from '../../strategy/index.ts';
import { exampleFile, exampleRefs, resolveStrategy } from './strategy-refs.ts';

/** One param as a form field: what JSON Schema says of it, flattened. */
export interface ParamField {
  readonly name: string;
  /** JSON Schema's type: integer, number, string, boolean, ... (null when the schema gives none, such as a union). */
  readonly type: string | null;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  /** Strict bounds, as `positive()` declares (exclusiveMinimum 0). */
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly enum?: readonly unknown[];
  readonly description?: string;
  readonly required: boolean;
}

export interface BacktestStrategyInfo {
  /** What a backtest request names as `strategy`. */
  readonly id: string;
  readonly name: string;
  readonly source: 'built-in' | 'example';
  readonly description: string;
  /** Symbols the strategy trades by default (a backtest trades the symbol of its data). */
  readonly symbols: readonly string[];
  /** Bar intervals the strategy listens to. */
  readonly bars: readonly string[];
  readonly params: JsonSchema;
  readonly fields: readonly ParamField[];
}

/** The params a client may send, as JSON Schema (draft 2020-12, input side: defaulted fields optional). */
export function paramSchema(definition: AnyStrategyDefinition): JsonSchema {
  return z.toJSONSchema(definition.params, { io: 'input' });
}

export function paramFields(schema: JsonSchema): ParamField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const p: JsonSchema = typeof property === 'object' ? property : {};
    const field: Record<string, unknown> = { name, type: typeof p.type === 'string' ? p.type : null, required: required.has(name) };
    for (const key of ['default', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'enum', 'description'] as const) {
      if (p[key] !== undefined) field[key] = p[key];
    }
    return field as unknown as ParamField;
  });
}

/** The built-in strategies, then the examples (an example that does not load is left out). */
export async function listBacktestStrategies(): Promise<BacktestStrategyInfo[]> {
  const builtIn = listBuiltInStrategies().map((info): BacktestStrategyInfo => ({ id: info.name, name: info.name, source: 'built-in', description: info.description, symbols: [], bars: info.bars, params: info.params, fields: paramFields(info.params) }));
  const examples: BacktestStrategyInfo[] = [];
  for (const ref of await exampleRefs()) {
    const definition = await resolveStrategy(ref).catch(() => undefined);
    if (!definition) continue;
    const params = paramSchema(definition);
    examples.push({ id: ref, name: definition.name, source: 'example', description: await headline(exampleFile(ref)!), symbols: definition.symbols, bars: definition.bars, params, fields: paramFields(params) });
  }
  return [...builtIn, ...examples];
}

/** An example's own one-line summary: its opening comment, without a leading "Example strategy:". */
async function headline(file: string): Promise<string> {
  const first = (await readFile(file, 'utf8').catch(() => '')).split('\n', 1)[0] ?? '';
  return first.startsWith('//') ? first.replace(/^\/\/\s*(Example strategy:\s*)?/i, '').trim() : '';
}
