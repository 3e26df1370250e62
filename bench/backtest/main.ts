// `npm run bench:backtest`: an SMA crossover over 5M synthetic ticks and 2.6M one-minute bars, memory, and the peer loop, in one run.
import { fileURLToPath } from 'node:url';
import { optimize } from '../../src/backtest/optimizer/optimize.ts';
import { runBacktest } from '../../src/backtest/run-backtest.ts';
import type { BacktestMarket } from '../../src/backtest/types.ts';
import type { InstrumentSpec } from '../../src/core/instrument.ts';
import { loadStrategy } from '../../src/strategy/load-strategy.ts';
import { ColumnBuilder, unpackRecords, type RecordColumns } from '../../src/backtest/columns.ts';
import { barRecord, tradeRecord } from '../../src/backtest/records.ts';
import { syntheticBars, syntheticTrades } from '../../src/backtest/synthetic.ts';
import { naiveCrossover } from './naive-peer.ts';

const TICKS = Number(process.env.BENCH_TICKS ?? 5_000_000);
const BARS = Number(process.env.BENCH_BARS ?? 2_600_000);
const PARAMS = { fast: 10, slow: 30, qty: 10 };
const ACME: InstrumentSpec = { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '1000000', makerFeeBps: 5, takerFeeBps: 10, referencePrice: '100', bandBps: 10_000 };
const MARKET: BacktestMarket = { assets: [{ code: 'USD', scale: 2 }, { code: 'ACME', scale: 0 }], instruments: [ACME] };
const SYNTHETIC = { seed: 42, startTime: Date.UTC(2015, 0, 1), startPrice: '100', tickSize: ACME.tickSize, lotSize: ACME.lotSize, drift: 0.05, volatility: 0.25 };

/** The data is generated and packed before timing: the figures are the backtest's, not the generator's. */
function pack<T>(source: Iterable<T>, convert: (item: T) => Parameters<ColumnBuilder['add']>[0]): RecordColumns {
  const builder = new ColumnBuilder();
  for (const item of source) builder.add(convert(item));
  return builder.finish();
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const STRATEGY_PATH = fileURLToPath(new URL('../../examples/sma-crossover.ts', import.meta.url));
const strategy = await loadStrategy(STRATEGY_PATH);

console.log('bench:backtest — examples/sma-crossover.ts through the full engine (risk holds, matching, clearing) on a simulated clock\n');

console.log(`ticks: generating ${fmt(TICKS)} synthetic trades (GBM, seed 42) into memory...`);
const ticks = pack(syntheticTrades({ ...SYNTHETIC, meanTradeGapMs: 1_000 }, TICKS), (trade) => tradeRecord(ACME, trade));
globalThis.gc?.();
let started = performance.now();
const onTicks = await runBacktest({ strategy, params: PARAMS, market: MARKET, data: unpackRecords(ticks), deposits: { USD: '100000' } });
const tickSeconds = (performance.now() - started) / 1000;
const tickEventsS = onTicks.records / tickSeconds;
console.log(`  ${fmt(tickEventsS)} events/s (${tickSeconds.toFixed(2)} s; 1m bars built from the ticks; ${fmt(onTicks.fills.length)} fills, return ${(onTicks.metrics.totalReturn * 100).toFixed(2)}%)`);
const heapAfterTicks = process.memoryUsage();

console.log(`\nbars: generating ${fmt(BARS)} one-minute bars (${(BARS / 525_960).toFixed(1)} years around the clock)...`);
const bars = pack(syntheticBars(SYNTHETIC, BARS, 60_000), (bar) => barRecord(ACME, '1m', bar));
globalThis.gc?.();
started = performance.now();
const onBars = await runBacktest({ strategy, params: PARAMS, market: MARKET, data: unpackRecords(bars), deposits: { USD: '100000' }, fillModel: 'bar-path' });
const barSeconds = (performance.now() - started) / 1000;
const barsS = onBars.records / barSeconds;
console.log(`  ${fmt(barsS)} bars/s, ${barSeconds.toFixed(2)} s in total (${fmt(onBars.fills.length)} fills, CAGR ${((onBars.metrics.cagr ?? 0) * 100).toFixed(2)}%, max drawdown ${(onBars.metrics.maxDrawdown * 100).toFixed(1)}%)`);

started = performance.now();
const peerTrades = naiveCrossover(bars, PARAMS.fast, PARAMS.slow);
const peerSeconds = (performance.now() - started) / 1000;
const peerBarsS = BARS / peerSeconds;
console.log(`  peer: the same crossover as a bare loop (no engine, orders or accounting): ${fmt(peerBarsS)} bars/s, ${fmt(peerTrades)} crosses; Bourse is ${(peerBarsS / barsS).toFixed(1)}x slower than the floor`);

const memory = process.memoryUsage();
console.log(`\nmemory: heap ${mb(heapAfterTicks.heapUsed)} after the tick run, ${mb(memory.heapUsed)} after the bar run (rss ${mb(memory.rss)}, data columns included)`);

const OPT_BARS = Math.min(BARS, 100_000);
console.log(`\noptimizer: a 4 x 3 grid (fast x slow) over the first ${fmt(OPT_BARS)} bars on 2 worker threads...`);
const optimized = await optimize({
  strategyPath: STRATEGY_PATH,
  market: MARKET,
  columns: bars,
  to: OPT_BARS,
  settings: { deposits: { USD: '100000' }, fillModel: 'bar-path' },
  space: { fast: [5, 10, 15, 20], slow: [30, 45, 60], qty: [10] },
  objective: 'sharpe',
  workers: 2,
});
const optimizerRunsS = optimized.runsPerSecond;
console.log(`  ${optimizerRunsS.toFixed(2)} backtests/s (${optimized.trials.length} runs in ${(optimized.elapsedMs / 1000).toFixed(1)} s, worker start-up included); best ${JSON.stringify(optimized.best?.params)} Sharpe ${optimized.best?.score.toFixed(2)}`);
console.log(JSON.stringify({ tick_events_s: Math.round(tickEventsS), bars_s: Math.round(barsS), optimizer_runs_s: Number(optimizerRunsS.toFixed(2)), peer_bars_s: Math.round(peerBarsS), heap_mb: Math.round(memory.heapUsed / 2 ** 20) }));
