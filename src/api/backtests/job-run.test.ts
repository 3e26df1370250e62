// Backtest jobs as a worker runs them: an optimization of a built-in strategy gives the same trials on trial threads (which resolve it by name) as inline.
import { describe, expect, it } from 'vitest';
import type { BacktestMarket } from '../../backtest/types.ts';
import type { OptimizationJob } from './job-protocol.ts';
import { runJob } from './job-run.ts';
import type { OptimizationSummary } from './optimization-summary.ts';

const ACME = { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 5, takerFeeBps: 10, referencePrice: '100', bandBps: 10_000 };
const MARKET: BacktestMarket = { assets: [{ code: 'USD', scale: 2 }, { code: 'ACME', scale: 0 }], instruments: [ACME] };

const job = (workers: number): OptimizationJob => ({
  type: 'optimization',
  strategy: 'momentum',
  market: MARKET,
  data: { source: 'synthetic', series: { kind: 'bars', interval: '1m', count: 1_500, model: { seed: 4, startTime: Date.UTC(2024, 0, 1), drift: 0, volatility: 0.8 } } },
  settings: { deposits: { USD: '10000' }, seed: 1 },
  space: { fast: [3, 6], slow: [15, 25], average: ['sma'] },
  method: 'grid',
  samples: 50,
  seed: 1,
  objective: 'return',
  walkForward: undefined,
  workers,
});

describe('optimization jobs', () => {
  it('resolve a built-in strategy on trial threads and rank the same trials as inline', async () => {
    const seen: number[] = [];
    const inline = (await runJob(job(0), (done) => seen.push(done))) as OptimizationSummary;
    const threaded = (await runJob(job(2), () => undefined)) as OptimizationSummary;
    expect(inline.trials).toHaveLength(4);
    expect(inline.trials.every((t) => t.error === null && t.metrics !== null && t.metrics.fills > 0)).toBe(true);
    expect(threaded.trials).toEqual(inline.trials);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(inline.records).toBe(1_500);
  }, 60_000);
});
