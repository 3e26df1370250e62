import { describe, expect, it } from 'vitest';
import type { OptimizationRequest } from './backtest-types.ts';
import { defaultOptimizer, defaultRange, optimizerFromRequest, rangeCount, readOptimization, readSpace, trialCount, type OptimizerForm } from './optimizer-form.ts';
import { defaultForm } from './run-form.ts';
import { catalog, fieldsOf, strategies } from './test-catalog.ts';

const smaFields = fieldsOf('examples/sma-crossover');
const momentumFields = fieldsOf('momentum');
const field = (name: string, fields = smaFields) => fields.find((f) => f.name === name)!;
const form = defaultForm(catalog, strategies, fieldsOf);

/** The SMA optimizer with fast 5..10 by 5 and slow 20..30 by 10 searched. */
const tiny = (patch: Partial<OptimizerForm> = {}): OptimizerForm => {
  const base = defaultOptimizer(smaFields);
  return {
    ...base,
    ranges: { ...base.ranges, fast: { ...base.ranges.fast!, search: true, from: '5', to: '10', step: '5' }, slow: { ...base.ranges.slow!, search: true, from: '20', to: '30', step: '10' } },
    ...patch,
  };
};

describe('defaultRange and defaultOptimizer', () => {
  it('spans three quarters of the default to 1.75 times it in four values, within the bounds; searches the first two whole-number params', () => {
    expect(defaultRange(field('fast'))).toMatchObject({ from: '7', to: '16', step: '3' });
    expect(defaultRange(field('slow'))).toMatchObject({ from: '22', to: '46', step: '8' });
    expect(defaultRange(field('qty'))).toMatchObject({ from: '0.75', to: '1.5', step: '0.25' });
    const optimizer = defaultOptimizer(smaFields);
    expect(Object.entries(optimizer.ranges).map(([name, r]) => [name, r.search])).toEqual([
      ['fast', true],
      ['slow', true],
      ['qty', false],
    ]);
    expect(optimizer).toMatchObject({ method: 'grid', objective: 'sharpe', walkForward: false });
    expect(defaultRange(field('average', momentumFields)).choices).toEqual(['ema', 'sma']);
    expect(defaultRange(field('postOnly', momentumFields)).choices).toEqual(['true', 'false']);
  });
});

describe('the default search of the example strategy', () => {
  it('keeps every fast value below every slow value, so no point is refused', () => {
    const { ranges } = defaultOptimizer(smaFields);
    const read = readSpace(smaFields, { ...defaultOptimizer(smaFields), ranges }, { fast: '10', slow: '30', qty: '1' });
    expect(read.errors).toEqual({});
    expect(Number(ranges.fast!.to)).toBeLessThan(Number(ranges.slow!.from));
    expect(read.size).toBe(16);
  });
});

describe('rangeCount and trialCount', () => {
  it('counts inclusive ranges with float slack, and random searches as the samples up to the grid', () => {
    expect(rangeCount(5, 30, 5)).toBe(6);
    expect(rangeCount(0.1, 0.3, 0.1)).toBe(3);
    expect(rangeCount(1, 1, 1)).toBe(1);
    expect(trialCount(16, { method: 'grid', samples: '5' })).toBe(16);
    expect(trialCount(16, { method: 'random', samples: '5' })).toBe(5);
    expect(trialCount(16, { method: 'random', samples: '50' })).toBe(16);
  });
});

describe('readSpace', () => {
  it('turns searched params into ranges and lists, and keeps a changed fixed param', () => {
    const base = defaultOptimizer(momentumFields);
    const optimizer: OptimizerForm = {
      ...base,
      ranges: { ...base.ranges, fast: { ...base.ranges.fast!, search: true, from: '4', to: '8', step: '2' }, average: { ...base.ranges.average!, search: true, choices: ['sma'] }, postOnly: { ...base.ranges.postOnly!, search: true } },
    };
    const read = readSpace(momentumFields, optimizer, { fast: '10', average: 'ema', postOnly: true, qty: '2' });
    expect(read.errors).toEqual({});
    expect(read.space).toEqual({ fast: { from: 4, to: 8, step: 2 }, average: ['sma'], postOnly: [true, false], qty: 2 });
    expect(read.size).toBe(3 * 1 * 2);
  });

  it('marks a backwards range, a value out of bounds, a non-whole step, an empty choice and nothing searched', () => {
    const base = defaultOptimizer(momentumFields);
    const bad: OptimizerForm = { ...base, ranges: { ...base.ranges, fast: { ...base.ranges.fast!, search: true, from: '9', to: '3', step: '1.5' }, average: { ...base.ranges.average!, search: true, choices: [] } } };
    const read = readSpace(momentumFields, bad, { fast: '10', average: 'ema', postOnly: true, qty: '1' });
    expect(read.errors).toEqual({ 'space.fast.step': 'Enter a whole number.', 'space.average': 'Pick at least one value.' });
    expect(read.size).toBeUndefined();
    const backwards = readSpace(smaFields, tiny({ ranges: { ...tiny().ranges, fast: { ...tiny().ranges.fast!, from: '10', to: '5' } } }), form.params);
    expect(backwards.errors['space.fast.to']).toBe('Must be at least the start.');
    const below = readSpace(smaFields, tiny({ ranges: { ...tiny().ranges, fast: { ...tiny().ranges.fast!, from: '0' } } }), form.params);
    expect(below.errors['space.fast']).toBe("0 is outside the param's range.");
    const none = readSpace(smaFields, { ...tiny(), ranges: Object.fromEntries(Object.entries(tiny().ranges).map(([k, r]) => [k, { ...r, search: false }])) }, form.params);
    expect(none.errors.space).toBe('Choose at least one param to search.');
  });
});

describe('readOptimization', () => {
  it('builds the request with the run fields, the space, method, objective and walk-forward, and counts the backtests', () => {
    const read = readOptimization(form, tiny({ objective: 'return', walkForward: true, folds: '3', inSampleShare: '0.6' }), catalog, smaFields);
    expect(read.errors).toEqual({});
    expect(read.trials).toBe(4);
    expect(read.runs).toBe(3 * (4 + 1));
    const request: OptimizationRequest = read.request!;
    expect(request).toMatchObject({ strategy: 'examples/sma-crossover', symbol: 'AAPL', space: { fast: { from: 5, to: 10, step: 5 }, slow: { from: 20, to: 30, step: 10 } }, method: 'grid', objective: 'return', walkForward: { folds: 3, inSampleShare: 0.6 } });
    expect(request).not.toHaveProperty('samples');
    expect(request).not.toHaveProperty('params');
  });

  it('sends the samples of a random search and refuses a search past the trial cap or bad folds', () => {
    expect(readOptimization(form, tiny({ method: 'random', samples: '3' }), catalog, smaFields).request).toMatchObject({ method: 'random', samples: 3 });
    const huge = tiny({ ranges: { ...tiny().ranges, fast: { ...tiny().ranges.fast!, from: '1', to: '200', step: '1' }, slow: { ...tiny().ranges.slow!, from: '2', to: '200', step: '1' } } });
    const read = readOptimization(form, huge, catalog, smaFields);
    expect(read.request).toBeUndefined();
    expect(read.trials).toBe(200 * 199);
    expect(read.errors.space).toMatch(/39,800 trials; at most 10,000/);
    expect(readOptimization(form, { ...huge, method: 'random', samples: '100' }, catalog, smaFields).errors).toEqual({});
    expect(readOptimization(form, tiny({ walkForward: true, folds: '0' }), catalog, smaFields).errors['walkForward.folds']).toBe('Must be a whole number from 1 to 20.');
  });
});

describe('optimizerFromRequest', () => {
  it('reads ranges, lists and fixed values back into the settings', () => {
    const request: OptimizationRequest = {
      strategy: 'momentum',
      symbol: 'AAPL',
      data: { source: 'synthetic', count: 100 },
      space: { fast: [4, 8, 12], average: ['sma', 'ema'], qty: 2 },
      method: 'random',
      samples: 7,
      objective: 'calmar',
      walkForward: { folds: 2, inSampleShare: 0.8 },
    };
    const settings = optimizerFromRequest(defaultOptimizer(momentumFields), request, momentumFields);
    expect(settings.ranges.fast).toMatchObject({ search: true, from: '4', to: '12', step: '4' });
    expect(settings.ranges.average).toMatchObject({ search: true, choices: ['sma', 'ema'] });
    expect(settings.ranges.qty?.search).toBe(false);
    expect(settings.ranges.postOnly?.search).toBe(false);
    expect(settings).toMatchObject({ method: 'random', samples: '7', objective: 'calmar', walkForward: true, folds: '2', inSampleShare: '0.8' });
  });
});
