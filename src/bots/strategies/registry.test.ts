// The registry lists every built-in bot with a JSON Schema of its params, and each runs with defaults alone.
import { describe, expect, it } from 'vitest';
import { parseParams, type AnyStrategyDefinition } from '../../strategy/index.ts';
import { BUILT_IN_STRATEGIES, isBuiltInStrategy, listBuiltInStrategies } from './registry.ts';

describe('built-in strategies', () => {
  it('are registered under their own names', () => {
    expect(Object.keys(BUILT_IN_STRATEGIES)).toEqual(['random-walk', 'market-maker', 'momentum', 'mean-reversion', 'noise']);
    for (const [name, definition] of Object.entries(BUILT_IN_STRATEGIES)) expect(definition.name).toBe(name);
    expect(isBuiltInStrategy('noise')).toBe(true);
    expect(isBuiltInStrategy('toString')).toBe(false);
  });

  it('all have defaults for every param', () => {
    const all: AnyStrategyDefinition[] = Object.values(BUILT_IN_STRATEGIES);
    for (const definition of all) expect(() => parseParams(definition, {})).not.toThrow();
  });

  it('describe their params as JSON Schema with defaults, for the UI and REST', () => {
    const list = listBuiltInStrategies();
    expect(list.map((s) => s.name)).toEqual(Object.keys(BUILT_IN_STRATEGIES));
    const mm = list.find((s) => s.name === 'market-maker')!;
    expect(mm.description).toMatch(/quotes/);
    expect(mm.params).toMatchObject({ type: 'object', properties: { spreadBps: { type: 'number', default: 20 }, postOnly: { type: 'boolean', default: true } } });
    expect(mm.params.required).toBeUndefined();
    expect(list.find((s) => s.name === 'momentum')!.params).toMatchObject({ properties: { average: { enum: ['ema', 'sma'], default: 'ema' } } });
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
  });
});
