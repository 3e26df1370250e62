// Runs one backtest or optimization job to its summary, reporting progress; the body of a backtest worker thread.
import { packRecords, unpackRecords, type RecordColumns } from '../../backtest/columns.ts';
import { optimize } from '../../backtest/optimizer/optimize.ts';
import { walkForward } from '../../backtest/optimizer/walk-forward.ts';
import { PriceBars } from '../../backtest/price-bars.ts';
import { mapRecords } from '../../backtest/records.ts';
import { summarizeResult } from '../../backtest/result-summary.ts';
import { runBacktest } from '../../backtest/run-backtest.ts';
import { syntheticRecords } from '../../backtest/synthetic-records.ts';
import type { BarRecord, TradeRecord } from '../../backtest/types.ts';
import type { BacktestJob, Job, JobData, JobResult, OptimizationJob } from './job-protocol.ts';
import { optimizationSummary, walkForwardSummary } from './optimization-summary.ts';
import { resolveStrategy, STRATEGY_RESOLVER } from './strategy-refs.ts';

export type ProgressSink = (done: number, total: number) => void;

export function runJob(job: Job, progress: ProgressSink): Promise<JobResult> {
  return job.type === 'backtest' ? runBacktestJob(job, progress) : runOptimizationJob(job, progress);
}

function instrumentOf(job: Job) {
  const spec = job.market.instruments[0];
  if (!spec) throw new Error('the job names no instrument');
  return spec;
}

function records(job: Job): { records: Iterable<TradeRecord | BarRecord>; total: number } {
  const data: JobData = job.data;
  if (data.source === 'columns') return { records: unpackRecords(data.columns), total: data.columns.length };
  return { records: syntheticRecords(instrumentOf(job), data.series), total: data.series.count };
}

async function runBacktestJob(job: BacktestJob, progress: ProgressSink): Promise<JobResult> {
  const spec = instrumentOf(job);
  const strategy = await resolveStrategy(job.strategy);
  const { records: source, total } = records(job);
  // The chart's price bars are folded from the records as they go by, so no second pass is needed.
  const prices = new PriceBars(spec.symbol, job.limits.maxPoints);
  const data = mapRecords(source, (record) => {
    prices.add(record);
    return record;
  });
  const result = await runBacktest({
    ...job.settings,
    strategy,
    params: job.params,
    symbols: [spec.symbol],
    market: job.market,
    data,
    ...(job.data.source === 'columns' && job.data.warmup ? { warmup: unpackRecords(job.data.warmup) } : {}),
    onProgress: (done) => progress(done, total),
    progressEvery: Math.max(1_000, Math.floor(total / 200)),
  });
  return summarizeResult(result, prices.series(Number(spec.tickSize), Number(spec.lotSize)), job.limits);
}

async function runOptimizationJob(job: OptimizationJob, progress: ProgressSink): Promise<JobResult> {
  const started = performance.now();
  const columns: RecordColumns = job.data.source === 'columns' ? job.data.columns : await packRecords(records(job).records);
  if (columns.length === 0) throw new Error('no records to test on');
  const setup = {
    strategyPath: job.strategy,
    strategyResolver: STRATEGY_RESOLVER,
    market: job.market,
    columns,
    settings: { ...job.settings, symbols: [instrumentOf(job).symbol] },
    space: job.space,
    method: job.method,
    samples: job.samples,
    seed: job.seed,
    objective: job.objective,
    workers: job.workers,
  };
  const base = { objective: job.objective, method: job.method, columns };
  if (job.walkForward) {
    const result = await walkForward({ ...setup, folds: job.walkForward.folds, inSampleShare: job.walkForward.inSampleShare, onTrials: progress });
    return walkForwardSummary({ ...base, elapsedMs: performance.now() - started }, result);
  }
  const result = await optimize({ ...setup, onProgress: progress });
  return optimizationSummary({ ...base, elapsedMs: performance.now() - started }, result);
}
