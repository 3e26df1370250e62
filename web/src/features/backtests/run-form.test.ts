import { describe, expect, it } from 'vitest';
import type { BacktestRequest } from './backtest-types.ts';
import { fromLocalInput, readNumber, toLocalInput } from './number-input.ts';
import { dataKind, defaultForm, formFromRequest, intervalToMs, paramsText, readBacktest, readRunFields, syntheticSpanMs, withSymbol, type RunForm } from './run-form.ts';
import { catalog, fieldsOf, strategies } from './test-catalog.ts';

const fresh = (): RunForm => defaultForm(catalog, strategies, fieldsOf);
const smaFields = fieldsOf('examples/sma-crossover');

describe('readNumber', () => {
  it('treats empty as not set, and checks format, whole numbers and range', () => {
    expect(readNumber('')).toEqual({ value: undefined });
    expect(readNumber('  ', { required: true })).toEqual({ error: 'Enter a number.' });
    expect(readNumber('1e3')).toEqual({ value: 1000 });
    expect(readNumber('12abc')).toEqual({ error: 'Enter a number.' });
    expect(readNumber('1.5', { integer: true })).toEqual({ error: 'Enter a whole number.' });
    expect(readNumber('-1', { min: 0, max: 10 })).toEqual({ error: 'Must be from 0 to 10.' });
    expect(readNumber('0', { min: 0, aboveMin: true })).toEqual({ error: 'Must be above 0.' });
    expect(readNumber('10', { min: 0, max: 10 })).toEqual({ value: 10 });
  });
});

describe('local date-time inputs', () => {
  it('round-trips epoch ms through the local-time text at minute precision', () => {
    const ms = Date.UTC(2024, 2, 5, 13, 7);
    expect(fromLocalInput(toLocalInput(ms))).toBe(ms);
    expect(toLocalInput(ms)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('yesterday')).toBeUndefined();
  });
});

describe('defaultForm', () => {
  it('starts with the SMA crossover on the first symbol, synthetic bars at the catalog defaults, the instrument fees ready', () => {
    const form = fresh();
    expect(form).toMatchObject({ strategy: 'examples/sma-crossover', symbol: 'AAPL', source: 'synthetic', kind: 'bars', interval: '1m', count: '50000', drift: '0.05', volatility: '0.2', cash: '10000', makerBps: '0', takerBps: '1', series: '' });
    expect(form.params).toEqual({ fast: '10', slow: '30', qty: '1' });
    expect(fromLocalInput(form.start)).toBe(Date.UTC(2020, 0, 1));
  });

  it('takes the first strategy when the SMA example is missing', () => {
    expect(defaultForm(catalog, [{ id: 'momentum' }], fieldsOf).strategy).toBe('momentum');
  });
});

describe('withSymbol', () => {
  it("picks the symbol's first stored series and its fees, unless fees are overridden", () => {
    const form = withSymbol(fresh(), catalog, 'MSFT');
    expect(form).toMatchObject({ symbol: 'MSFT', series: 'bars:1m', makerBps: '2', takerBps: '5' });
    const own = withSymbol({ ...fresh(), overrideFees: true, makerBps: '7', takerBps: '9' }, catalog, 'MSFT');
    expect(own).toMatchObject({ makerBps: '7', takerBps: '9' });
    expect(withSymbol(form, catalog, 'AAPL').series).toBe('');
  });
});

describe('readRunFields', () => {
  it('sends what the form says: synthetic data, the defaults left to the server, no latency or fees unless set', () => {
    const { fields, errors } = readRunFields(fresh(), catalog);
    expect(errors).toEqual({});
    expect(fields).toEqual({
      strategy: 'examples/sma-crossover',
      symbol: 'AAPL',
      data: { source: 'synthetic', kind: 'bars', interval: '1m', count: 50000, start: Date.UTC(2020, 0, 1), seed: 1, drift: 0.05, volatility: 0.2 },
      slippageTicks: 0,
      slippageBps: 0,
      fillOnTouch: false,
      cash: '10000',
      seed: 1,
    });
  });

  it('adds jumps, a start price, latency with jitter and own fees; trades carry their gap and no interval', () => {
    const form: RunForm = { ...fresh(), kind: 'trades', meanTradeGapMs: '250', jumps: true, jumpsPerYear: '24', jumpMean: '-0.01', jumpStdDev: '0.1', startPrice: '191.5', latencyMs: '50', jitterMs: '20', overrideFees: true, makerBps: '0', takerBps: '5', fillModel: 'trade-through', fillOnTouch: true };
    const { fields } = readRunFields(form, catalog);
    expect(fields?.data).toEqual({ source: 'synthetic', kind: 'trades', count: 50000, start: Date.UTC(2020, 0, 1), seed: 1, drift: 0.05, volatility: 0.2, jumps: { perYear: 24, mean: -0.01, stdDev: 0.1 }, startPrice: '191.5', meanTradeGapMs: 250 });
    expect(fields).toMatchObject({ latency: { ms: 50, jitterMs: 20 }, fees: { makerBps: 0, takerBps: 5 }, fillModel: 'trade-through', fillOnTouch: true });
  });

  it('marks every problem under the path the server uses', () => {
    const form: RunForm = { ...fresh(), count: '0', dataSeed: '-1', volatility: 'x', startPrice: '0', slippageBps: '1.5', latencyMs: '-3', cash: '10,000', overrideFees: true, makerBps: '', takerBps: '20000', jumps: true, jumpsPerYear: '' };
    const { fields, errors } = readRunFields(form, catalog);
    expect(fields).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(['cash', 'data.count', 'data.jumps.perYear', 'data.seed', 'data.startPrice', 'data.volatility', 'fees.makerBps', 'fees.takerBps', 'latency.ms', 'slippageBps'].sort());
    expect(errors['data.count']).toBe('Must be a whole number from 1 to 5,000,000.');
  });

  it('refuses a fill model the data cannot use', () => {
    expect(readRunFields({ ...fresh(), fillModel: 'book-replay' }, catalog).errors.fillModel).toBe('book-replay needs recorded order book data.');
    expect(readRunFields({ ...fresh(), kind: 'trades', fillModel: 'bar-path' }, catalog).errors.fillModel).toBe('bar-path cannot fill against trades.');
    expect(readRunFields({ ...fresh(), fillModel: 'bar-path' }, catalog).errors).toEqual({});
  });

  it('reads a stored series with an optional range, and refuses a range that ends before it starts or no series at all', () => {
    const stored: RunForm = { ...withSymbol(fresh(), catalog, 'MSFT'), source: 'stored', from: toLocalInput(Date.UTC(2024, 0, 1, 1)), to: '' };
    expect(readRunFields(stored, catalog).fields?.data).toEqual({ source: 'stored', kind: 'bars', interval: '1m', from: Date.UTC(2024, 0, 1, 1) });
    const trades: RunForm = { ...stored, series: 'trades:', from: '' };
    expect(readRunFields(trades, catalog).fields?.data).toEqual({ source: 'stored', kind: 'trades' });
    expect(dataKind(trades, catalog)).toBe('trades');
    const backwards: RunForm = { ...stored, to: toLocalInput(Date.UTC(2024, 0, 1, 0, 30)) };
    expect(readRunFields(backwards, catalog).errors['data.to']).toBe('Must be after the start.');
    expect(readRunFields({ ...fresh(), source: 'stored' }, catalog).errors['data.source']).toMatch(/Nothing of AAPL is stored/);
  });
});

describe('readBacktest', () => {
  it('sends only params that differ from their defaults, and puts param problems under params.<name>', () => {
    const form = fresh();
    expect(readBacktest({ ...form, params: { fast: '5', slow: '30', qty: '' } }, catalog, smaFields).request?.params).toEqual({ fast: 5 });
    const bad = readBacktest({ ...form, params: { fast: '0', slow: 'x', qty: '1' } }, catalog, smaFields);
    expect(bad.request).toBeUndefined();
    expect(bad.errors).toEqual({ 'params.fast': 'Must be a whole number at least 1.', 'params.slow': 'Enter a number.' });
  });
});

describe('formFromRequest', () => {
  it('fills the form from an earlier request, and back to the same request', () => {
    const request: BacktestRequest = {
      strategy: 'examples/sma-crossover',
      symbol: 'MSFT',
      params: { fast: 5, slow: 20 },
      data: { source: 'synthetic', kind: 'bars', interval: '5m', count: 1234, start: Date.UTC(2021, 5, 1), seed: 9, drift: 0.1, volatility: 0.3, jumps: { perYear: 3, mean: 0, stdDev: 0.02 }, startPrice: '400' },
      fillModel: 'bar-path',
      slippageTicks: 2,
      slippageBps: 1,
      fillOnTouch: true,
      latency: { ms: 10, jitterMs: 5 },
      fees: { makerBps: 1, takerBps: 3 },
      cash: '5000',
      seed: 4,
    };
    const form = formFromRequest(fresh(), request, smaFields);
    expect(form).toMatchObject({ symbol: 'MSFT', interval: '5m', count: '1234', jumps: true, overrideFees: true, makerBps: '1', cash: '5000', seed: '4' });
    expect(readBacktest(form, catalog, smaFields).request).toEqual(request);
  });

  it("takes a trial's params over the request's, and reads a stored request", () => {
    const request: BacktestRequest = { strategy: 'examples/sma-crossover', symbol: 'MSFT', data: { source: 'stored', kind: 'bars', interval: '1m', from: Date.UTC(2024, 0, 1, 2) } };
    const form = formFromRequest(fresh(), request, smaFields, { fast: 7, slow: 21 });
    expect(form.params).toEqual({ fast: '7', slow: '21', qty: '1' });
    expect(form).toMatchObject({ source: 'stored', series: 'bars:1m', to: '' });
    expect(fromLocalInput(form.from)).toBe(Date.UTC(2024, 0, 1, 2));
  });
});

describe('small helpers', () => {
  it('reads intervals, the span of synthetic data and params as text', () => {
    expect(intervalToMs('15m')).toBe(900_000);
    expect(intervalToMs('2h')).toBe(7_200_000);
    expect(intervalToMs('m')).toBeUndefined();
    expect(syntheticSpanMs({ kind: 'bars', interval: '1m', count: '1440', meanTradeGapMs: '1000' })).toBe(86_400_000);
    expect(syntheticSpanMs({ kind: 'trades', interval: '1m', count: '10', meanTradeGapMs: '500' })).toBe(5_000);
    expect(syntheticSpanMs({ kind: 'bars', interval: '1m', count: '', meanTradeGapMs: '1000' })).toBeUndefined();
    expect(paramsText({ fast: 5, average: 'sma' })).toBe('fast 5 · average sma');
    expect(paramsText({})).toBe('defaults');
  });
});
