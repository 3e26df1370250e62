import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ColumnBuilder, type RecordColumns } from '../columns.ts';
import type { BacktestMarket } from '../types.ts';
import { optimize } from './optimize.ts';
import { gridPoints, parseParamSpec, ParamSpecError, randomPoints, spaceSize } from './space.ts';
import { walkForward } from './walk-forward.ts';

const STRATEGY = fileURLToPath(new URL('../../../examples/sma-crossover.ts', import.meta.url));
const ACME = { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 5, takerFeeBps: 10, referencePrice: '100', bandBps: 10_000 };
const MARKET: BacktestMarket = { assets: [{ code: 'USD', scale: 2 }, { code: 'ACME', scale: 0 }], instruments: [ACME] };

function bars(count: number): RecordColumns {
  const builder = new ColumnBuilder();
  let price = 10_000;
  for (let i = 0; i < count; i++) {
    const open = price;
    price += Math.round(Math.sin(i / 40) * 30 + (((i * 7919) % 13) - 6) * 4);
    const t = 1_700_000_000_000 + i * 60_000;
    builder.add({ kind: 'bar', symbol: 'ACME', interval: '1m', openTime: t, ts: t + 60_000, open, high: Math.max(open, price) + 5, low: Math.min(open, price) - 5, close: price, volume: 100 });
  }
  return builder.finish();
}

const setup = { strategyPath: STRATEGY, market: MARKET, columns: bars(3_000), settings: { deposits: { USD: '100000' } } };

describe('parameter spaces', () => {
  it('parses ranges, lists and single values, typed', () => {
    expect(parseParamSpec('fast=5:20:5')).toEqual(['fast', [5, 10, 15, 20]]);
    expect(parseParamSpec('x=0.1:0.3:0.1')).toEqual(['x', [0.1, 0.2, 0.3]]);
    expect(parseParamSpec('mode=ema,sma')).toEqual(['mode', ['ema', 'sma']]);
    expect(parseParamSpec('flag=true')).toEqual(['flag', [true]]);
    expect(() => parseParamSpec('fast')).toThrow(ParamSpecError);
    expect(() => parseParamSpec('fast=9:1')).toThrow(ParamSpecError);
    expect(() => parseParamSpec('fast=1:1e9:1')).toThrow(ParamSpecError);
  });

  it('walks every combination once and samples distinct points repeatably', () => {
    const space = { a: [1, 2, 3], b: ['x', 'y'] };
    const grid = [...gridPoints(space)];
    expect(grid).toHaveLength(spaceSize(space));
    expect(new Set(grid.map((p) => JSON.stringify(p))).size).toBe(6);
    const sample = randomPoints({ a: [1, 2, 3, 4, 5, 6, 7, 8], b: [1, 2, 3, 4] }, 10, 7);
    expect(new Set(sample.map((p) => JSON.stringify(p))).size).toBe(10);
    expect(randomPoints({ a: [1, 2, 3, 4, 5, 6, 7, 8], b: [1, 2, 3, 4] }, 10, 7)).toEqual(sample);
  });
});

describe('optimize', () => {
  const space = { fast: [5, 10, 40], slow: [20, 30] };

  it('ranks every valid point by the objective and reports invalid ones', async () => {
    const result = await optimize({ ...setup, space, objective: 'return', workers: 0 });
    expect(result.trials).toHaveLength(6);
    const valid = result.trials.filter((t) => t.error === undefined);
    expect(valid).toHaveLength(4);
    expect(valid.map((t) => t.score)).toEqual([...valid.map((t) => t.score)].sort((a, b) => b - a));
    expect(result.best).toBe(valid[0]);
    expect(result.trials.filter((t) => t.error !== undefined).every((t) => /fast must be shorter than slow/.test(t.error!))).toBe(true);
  });

  it('gives the same results on worker threads as inline', async () => {
    const inline = await optimize({ ...setup, space, objective: 'sharpe', workers: 0 });
    const threaded = await optimize({ ...setup, space, objective: 'sharpe', workers: 2 });
    expect(threaded.trials).toEqual(inline.trials);
  }, 60_000);

  it('walks forward: tunes in sample, scores out of sample, and reports the efficiency', async () => {
    const result = await walkForward({ ...setup, space, objective: 'return', workers: 0, folds: 3 });
    expect(result.folds).toHaveLength(3);
    for (const fold of result.folds) {
      expect(fold.inSample.to).toBe(fold.outOfSample.from);
      expect(fold.best).toBeDefined();
      expect(Number.isFinite(fold.outOfSampleScore)).toBe(true);
    }
    expect(result.folds[1]!.inSample.from).toBe(result.folds[0]!.outOfSample.to);
    const { meanInSample, meanOutOfSample } = result;
    expect(meanInSample).toBeCloseTo(result.folds.reduce((sum, f) => sum + f.inSampleScore, 0) / 3, 12);
    if (meanInSample! > 0) expect(result.efficiency).toBeCloseTo(meanOutOfSample! / meanInSample!, 12);
    else expect(result.efficiency).toBeNull();
  });

  it('averages the scores the folds have: windows too short for Sharpe out of sample leave that mean null, not 0', async () => {
    // 300 bars in 3 folds: 70 in sample, 30 out, short of the 31 returns a Sharpe ratio needs.
    const result = await walkForward({ ...setup, columns: bars(300), space: { fast: [2, 3], slow: [5], qty: [1] }, objective: 'sharpe', workers: 0, folds: 3 });
    const inSample = result.folds.map((f) => f.inSampleScore);
    expect(inSample.every(Number.isFinite)).toBe(true);
    expect(result.folds.every((f) => f.outOfSampleScore === -Infinity)).toBe(true);
    expect(result.meanInSample).toBeCloseTo(inSample.reduce((a, b) => a + b, 0) / 3, 12);
    expect(result.meanOutOfSample).toBeNull();
    expect(result).toMatchObject({ failedFolds: 3, efficiency: null });
  });
});
