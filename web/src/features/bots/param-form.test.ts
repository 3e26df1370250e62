import { describe, expect, it } from 'vitest';
import type { StrategyInfo } from '../../lib/api.ts';
import { initialValues, labelOf, paramFields, problemsByParam, rangeOf, readParams } from './param-form.ts';

/** The shape GET /api/v1/bots/strategies serves (zod's JSON Schema, unbounded integers at the safe-integer limit). */
const strategy: StrategyInfo = {
  name: 'test',
  description: 'a test strategy',
  bars: [],
  params: {
    type: 'object',
    properties: {
      intervalMs: { type: 'integer', default: 1000, minimum: 10, maximum: Number.MAX_SAFE_INTEGER, description: 'Milliseconds between orders' },
      marketRatio: { type: 'number', default: 0.2, minimum: 0, maximum: 1 },
      size: { type: 'number', default: 1, exclusiveMinimum: 0 },
      postOnly: { type: 'boolean', default: true },
      average: { type: 'string', enum: ['ema', 'sma'], default: 'ema' },
      referencePrice: { type: 'number', exclusiveMinimum: 0 },
    },
  },
};

const fields = paramFields(strategy);
const field = (name: string) => fields.find((f) => f.name === name)!;

describe('paramFields', () => {
  it('reads each param kind, its default and its bounds, dropping the safe-integer non-bound', () => {
    expect(fields.map((f) => [f.name, f.kind])).toEqual([
      ['intervalMs', 'integer'],
      ['marketRatio', 'number'],
      ['size', 'number'],
      ['postOnly', 'boolean'],
      ['average', 'enum'],
      ['referencePrice', 'number'],
    ]);
    expect(field('intervalMs')).toMatchObject({ label: 'Interval ms', defaultValue: 1000, minimum: 10, maximum: undefined });
    expect(field('average').options).toEqual(['ema', 'sma']);
  });

  it('says the range in words', () => {
    expect(rangeOf(field('intervalMs'))).toBe('a whole number at least 10');
    expect(rangeOf(field('marketRatio'))).toBe('from 0 to 1');
    expect(rangeOf(field('size'))).toBe('above 0');
    expect(rangeOf(field('postOnly'))).toBeUndefined();
    expect(labelOf('maxOffsetBps')).toBe('Max offset bps');
  });
});

describe('initialValues and readParams', () => {
  it('shows defaults for params not given, and stored values over them', () => {
    expect(initialValues(fields)).toEqual({ intervalMs: '1000', marketRatio: '0.2', size: '1', postOnly: true, average: 'ema', referencePrice: '' });
    expect(initialValues(fields, { intervalMs: 250, postOnly: false })).toMatchObject({ intervalMs: '250', postOnly: false });
  });

  it('sends only what differs from the defaults, as numbers and booleans', () => {
    const values = { ...initialValues(fields), intervalMs: '250', postOnly: false, average: 'sma', referencePrice: '190.5' };
    expect(readParams(fields, values)).toEqual({ params: { intervalMs: 250, postOnly: false, average: 'sma', referencePrice: 190.5 }, errors: {} });
    expect(readParams(fields, initialValues(fields))).toEqual({ params: {}, errors: {} });
  });

  it('treats an emptied number as "use the default"', () => {
    expect(readParams(fields, { ...initialValues(fields, { intervalMs: 250 }), intervalMs: ' ' }).params).toEqual({});
  });

  it('refuses what the schema refuses, naming the field', () => {
    const bad = readParams(fields, { ...initialValues(fields), intervalMs: '12.5', marketRatio: '1.5', size: '0', referencePrice: 'abc', average: 'wma' });
    expect(bad.errors).toEqual({
      intervalMs: 'Enter a whole number.',
      marketRatio: 'Must be from 0 to 1.',
      size: 'Must be above 0.',
      referencePrice: 'Enter a number.',
      average: 'Choose one of ema, sma.',
    });
    expect(readParams(fields, { ...initialValues(fields), intervalMs: '5' }).errors.intervalMs).toBe('Must be a whole number at least 10.');
    expect(readParams(fields, { ...initialValues(fields), marketRatio: 'Infinity' }).errors.marketRatio).toBe('Enter a number.');
  });
});

describe('problemsByParam', () => {
  it("maps the server's INVALID_PARAMS details to params, the params as a whole to (params)", () => {
    const details = [
      { path: 'params.intervalMs', message: 'Too small: expected number to be >=10' },
      { path: 'params', message: 'fast must be shorter than slow' },
      { path: 'params.intervalMs', message: 'second' },
      { path: 'symbols', message: 'not a param' },
    ];
    expect(problemsByParam(details)).toEqual({ intervalMs: 'Too small: expected number to be >=10', '(params)': 'fast must be shorter than slow' });
    expect(problemsByParam(undefined)).toEqual({});
    expect(problemsByParam({ problems: ['x: y'] })).toEqual({});
    expect(problemsByParam([{ path: 'params.x' }, null, 'params.y: z'])).toEqual({});
  });
});
