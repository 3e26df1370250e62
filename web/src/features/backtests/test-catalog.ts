// Shared fixtures for the backtest screen's tests: a data catalog and strategies shaped as GET /api/v1/backtests/data and /strategies serve them.
import { paramFields } from '../bots/param-form.ts';
import type { BacktestStrategy, DataCatalog } from './backtest-types.ts';

export const catalog: DataCatalog = {
  stored: [
    { symbol: 'MSFT', kind: 'bars', interval: '1m', rows: 600, first: Date.UTC(2024, 0, 1), last: Date.UTC(2024, 0, 1, 9, 59), backtestable: true },
    { symbol: 'MSFT', kind: 'trades', interval: null, rows: 1000, first: Date.UTC(2024, 0, 1), last: Date.UTC(2024, 0, 2), backtestable: true },
    { symbol: 'MSFT', kind: 'quotes', interval: null, rows: 10, first: 0, last: 1, backtestable: false },
  ],
  instruments: [
    { symbol: 'AAPL', base: 'AAPL', quote: 'USD', tickSize: '0.01', lotSize: '1', referencePrice: '190', makerFeeBps: 0, takerFeeBps: 1 },
    { symbol: 'MSFT', base: 'MSFT', quote: 'USD', tickSize: '0.01', lotSize: '1', referencePrice: '420', makerFeeBps: 2, takerFeeBps: 5 },
  ],
  synthetic: {
    kinds: ['bars', 'trades'],
    maxCount: 5_000_000,
    defaults: { kind: 'bars', interval: '1m', start: Date.UTC(2020, 0, 1), seed: 1, drift: 0.05, volatility: 0.2, meanTradeGapMs: 1000 },
    jumpDefaults: { mean: 0, stdDev: 0.05 },
    description: 'GBM',
  },
  fillModels: [
    { name: 'trade-through', kinds: ['trades', 'bars'], description: 'through' },
    { name: 'bar-path', kinds: ['bars'], description: 'path' },
    { name: 'book-replay', kinds: [], description: 'book' },
  ],
  maxRecords: 5_000_000,
};

export const sma: BacktestStrategy = {
  id: 'examples/sma-crossover',
  name: 'sma-crossover',
  source: 'example',
  description: 'SMA crossover',
  symbols: ['ACME'],
  bars: ['1m'],
  params: {
    type: 'object',
    properties: {
      fast: { type: 'integer', default: 10, minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
      slow: { type: 'integer', default: 30, minimum: 2, maximum: Number.MAX_SAFE_INTEGER },
      qty: { type: 'number', default: 1, exclusiveMinimum: 0 },
    },
  },
};

export const momentum: BacktestStrategy = {
  id: 'momentum',
  name: 'momentum',
  source: 'built-in',
  description: 'Momentum',
  symbols: [],
  bars: ['1m'],
  params: {
    type: 'object',
    properties: {
      fast: { type: 'integer', default: 10, minimum: 1 },
      average: { type: 'string', enum: ['ema', 'sma'], default: 'ema' },
      postOnly: { type: 'boolean', default: true },
      qty: { type: 'number', default: 1, exclusiveMinimum: 0 },
    },
  },
};

export const strategies = [momentum, sma];

export const fieldsOf = (id: string) => {
  const strategy = strategies.find((s) => s.id === id);
  return strategy ? paramFields(strategy) : [];
};
