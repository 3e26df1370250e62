// Tests for defineStrategy: inferred params and state types, defaults, validation errors, and the definition check.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { checkParamChoices, checkParamNames, defineStrategy, isStrategyDefinition, paramNames, parseDeclaredParams, parseParams, StrategyParamsError } from './define-strategy.ts';
import type { StrategyContext } from './types.ts';

const crossover = defineStrategy({
  name: 'typed',
  params: z.object({ fast: z.number().int().default(10), slow: z.number().int().default(30), symbol: z.string().default('ACME') }),
  state: () => ({ crossings: 0 }),
  onBar(ctx) {
    expectTypeOf(ctx.params).toEqualTypeOf<Readonly<{ fast: number; slow: number; symbol: string }>>();
    expectTypeOf(ctx.state).toEqualTypeOf<{ crossings: number }>();
    ctx.state.crossings++;
  },
});

describe('defineStrategy', () => {
  it('infers params from the schema and fills in defaults, so {} runs', () => {
    expect(parseParams(crossover, {})).toEqual({ fast: 10, slow: 30, symbol: 'ACME' });
    expect(parseParams(crossover, undefined)).toEqual({ fast: 10, slow: 30, symbol: 'ACME' });
    expect(parseParams(crossover, { fast: 5 })).toEqual({ fast: 5, slow: 30, symbol: 'ACME' });
  });

  it('without a schema the params are {} and the state undefined', () => {
    const bare = defineStrategy({
      name: 'bare',
      onStart(ctx) {
        expectTypeOf(ctx.state).toEqualTypeOf<undefined>();
        expectTypeOf(ctx).toExtend<StrategyContext<object, undefined>>();
      },
    });
    expect(parseParams(bare, {})).toEqual({});
    expect(bare.symbols).toEqual([]);
    expect(bare.bars).toEqual([]);
    expect(bare.historySize).toBe(500);
  });

  it('lists every problem with invalid params, by path', () => {
    let caught: unknown;
    try {
      parseParams(crossover, { fast: 'ten', slow: 2.5 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StrategyParamsError);
    const error = caught as StrategyParamsError;
    expect(error.problems).toHaveLength(2);
    expect(error.problems[0]).toMatch(/^fast must be a number/);
    expect(error.problems[1]).toMatch(/^slow must be /);
    expect(error.issuesUnder('params').map((issue) => issue.path)).toEqual(['params.fast', 'params.slow']);
    expect(error.message).toContain('invalid params for strategy typed');
  });

  it('refuses a param name the strategy does not declare, which the schema alone would drop', () => {
    expect(paramNames(crossover)).toEqual(['fast', 'slow', 'symbol']);
    expect(parseParams(crossover, { fats: 5 })).toEqual({ fast: 10, slow: 30, symbol: 'ACME' });
    expect(() => parseDeclaredParams(crossover, { fats: 5 })).toThrow(StrategyParamsError);
    expect(() => checkParamNames(crossover, ['fast', 'fats', 'bogus'])).toThrow('fats: not a param of typed (it has fast, slow, symbol)');
    expect(() => checkParamNames(crossover, ['fast', 'slow'])).not.toThrow();
    expect(parseDeclaredParams(crossover, { fast: 5 })).toEqual({ fast: 5, slow: 30, symbol: 'ACME' });
    expect(parseDeclaredParams(crossover, undefined)).toEqual({ fast: 10, slow: 30, symbol: 'ACME' });
  });

  it('checks each value to search on its own param, naming the value, and leaves rules across params to each combination', () => {
    const ordered = defineStrategy({
      name: 'ordered',
      params: z
        .object({ fast: z.number().int().min(1).default(10), slow: z.number().int().default(30) })
        .refine((p) => p.fast < p.slow, { message: 'fast must be shorter than slow', path: ['fast'] }),
    });
    expect(() => checkParamChoices(ordered, { fast: [5, 40], slow: [20, 30] })).not.toThrow();
    let caught: unknown;
    try {
      checkParamChoices(ordered, { fast: ['abc', 0, 5], slow: [20] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StrategyParamsError);
    expect((caught as StrategyParamsError).problems).toEqual(['fast must be a number (given "abc")', 'fast must be at least 1 (given 0)']);
    // A schema that is no plain object of fields cannot be checked field by field: its runs check it.
    const wrapped = defineStrategy({ name: 'wrapped', params: z.object({ n: z.number().default(1) }) });
    const piped = { ...wrapped, params: wrapped.params.transform((p) => p) } as unknown as typeof wrapped;
    expect(() => checkParamChoices(piped, { n: ['abc'] })).not.toThrow();
  });

  it('checks the definition itself', () => {
    expect(() => defineStrategy({ name: 'has space' })).toThrow(/name/);
    expect(() => defineStrategy({ name: 'x', historySize: -1 })).toThrow(/historySize/);
    // A handler that is not a function (possible from JavaScript) is caught at definition time.
    expect(() => defineStrategy({ name: 'x', onBar: 'nope' } as unknown as Parameters<typeof defineStrategy>[0])).toThrow(/onBar/);
  });

  it('recognises definitions and nothing else', () => {
    expect(isStrategyDefinition(crossover)).toBe(true);
    expect(isStrategyDefinition({ name: 'x', onBar() {} })).toBe(false);
    expect(isStrategyDefinition(null)).toBe(false);
    expect(isStrategyDefinition({ ...crossover, onBar: 1 })).toBe(false);
    expect(Object.isFrozen(crossover)).toBe(true);
  });
});
