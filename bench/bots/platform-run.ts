// Bots on the real platform, as a user runs them: registered users, BotPool worker threads, in-process ports, journaling on.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHistogram } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { startPlatform } from '../../src/api/app.ts';
import { InProcessMarketData } from '../../src/api/clients/in-process-client.ts';
import { BotPool } from '../../src/bots/pool/bot-pool.ts';
import { topics } from '../../src/platform/topics.ts';
import type { BotPorts, BotSpec, MarketDataPort } from '../../src/bots/pool/types.ts';
import type { MarketEvent } from '../../src/strategy/index.ts';
import { BotUsers } from '../../test/support/bot-users.ts';
import { FAST_HASHING, TEST_MARKETS } from '../../test/support/platform.ts';
import { sleep } from '../api/stats.ts';
import { CASH, SHARES } from './fleet.ts';
import { FlowCount, flowPerOrder } from './flow.ts';
import { profileFor, type ProfileSummary } from './profile.ts';

export interface RunOptions {
  readonly bots: readonly BotSpec[];
  readonly workers: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  /** Seconds of CPU profile taken after the measurement (0: none). */
  readonly profileSeconds: number;
}

export interface PlatformRun {
  readonly orders: number;
  readonly refused: number;
  readonly ordersPerSecond: number;
  /** Trades (taker fills) per placement, and the share of placements cancelled at once for want of liquidity. */
  readonly tradesPerOrder: number;
  readonly noLiquidityShare: number;
  /**
   * Feed events the host sent to the worker threads per placement: each bot's own order and fill
   * updates, and each market event once per worker (which hands it to every bot of the symbol there).
   */
  readonly eventsPerOrder: number;
  /** Per command, journal append included (what the exchange reports through `onApplied`), in ms. */
  readonly engineMs: { readonly p50: number; readonly p99: number; readonly max: number; readonly count: number };
  /** CPU time of the whole process (every thread: host, bot workers, journal and read models) per placement, in µs. */
  readonly cpuPerOrderUs: number;
  /** Share of the host thread's wall time its event loop was busy. */
  readonly hostBusy: number;
  /** Host thread time per second spent in engine apply and in read-model statements, from the platform's own metrics. */
  readonly applyShare: number;
  readonly storeShare: number;
  readonly commandsPerFsync: number;
  readonly profile: ProfileSummary | undefined;
}

/** Sum of a prom-client histogram's observations (seconds) and their count. */
async function totals(metric: { get(): Promise<{ values: ReadonlyArray<{ metricName?: string; value: number }> }> }): Promise<{ sum: number; count: number }> {
  const { values } = await metric.get();
  const pick = (suffix: string) => values.filter((v) => v.metricName?.endsWith(suffix)).reduce((n, v) => n + v.value, 0);
  return { sum: pick('_sum'), count: pick('_count') };
}

export async function runOnPlatform(options: RunOptions, progress: (line: string) => void): Promise<PlatformRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bourse-bench-bots-'));
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const platform = await startPlatform({ host: '127.0.0.1', port: 0, dataDir, marketsFile: TEST_MARKETS, passwordHashing: FAST_HASHING, logLevel: 'error', logStream: quiet });
  let pool: BotPool | undefined;
  try {
    const { ctx } = platform;
    // Exact per-command apply times, from the same observation the platform's histogram gets.
    const applied = createHistogram();
    const histogram = ctx.metrics.matchSeconds;
    const observe = histogram.observe.bind(histogram);
    histogram.observe = ((labels: Record<string, string>, seconds: number) => {
      applied.record(Math.max(1, Math.round(seconds * 1e9)));
      observe(labels, seconds);
    });

    const started = performance.now();
    const users = new BotUsers(ctx);
    for (let i = 0; i < options.bots.length; i += 50) {
      await Promise.all(options.bots.slice(i, i + 50).map((bot) => users.provision(bot.id, { USD: CASH, [bot.symbols![0]!]: SHARES })));
    }
    progress(`  ${options.bots.length} bot users registered, logged in and funded through deposits in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // Feed events sent to the workers (trades and quotes per worker, the bots' own order updates), counted at the host.
    let delivered = 0;
    const counted = (deliver: (event: MarketEvent) => void) => (event: MarketEvent) => (delivered++, deliver(event));
    const ports = (id: string): BotPorts => {
      const { trading, feed } = users.ports(id);
      return { trading, feed: { history: (...args) => feed.history(...args), subscribe: (symbols, intervals, deliver) => feed.subscribe(symbols, intervals, counted(deliver)) } };
    };
    const marketData = new InProcessMarketData(ctx);
    const market: MarketDataPort = { ticks: (symbol, deliver) => marketData.ticks(symbol, counted(deliver)), bars: (symbol, interval, deliver) => marketData.bars(symbol, interval, counted(deliver)) };
    const flow = new FlowCount();
    ctx.exchange.bus.subscribe(topics.committed, (message) => message.kind === 'committed' && flow.observe(message.events));
    const running = (pool = new BotPool({ workers: options.workers, ports, market, stallMs: 120_000, stopTimeoutMs: 30_000 }));
    for (const bot of options.bots) running.add(bot);
    await Promise.all(options.bots.map((bot) => running.start(bot.id)));
    progress(`  ${options.bots.length} bots started on ${options.workers} worker threads; warming up for ${options.warmupSeconds} s`);
    await sleep(options.warmupSeconds * 1000);

    const count = () => running.statuses().reduce((n, s) => ({ sent: n.sent + s.ordersSent, refused: n.refused + s.refusals.count }), { sent: 0, refused: 0 });
    const before = count();
    const deliveredBefore = delivered;
    const flowBefore = flow.snapshot();
    const [applyBefore, storeBefore, commitsBefore] = await Promise.all([totals(histogram), totals(ctx.metrics.storeSeconds), totals(ctx.metrics.commitRecords)]);
    applied.reset();
    const elu = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await sleep(options.seconds * 1000);
    const seconds = (performance.now() - t0) / 1000;
    const after = count();
    const flowAfter = flow.snapshot();
    const { user, system } = process.cpuUsage(cpu);
    const deliveredDuring = delivered - deliveredBefore;
    const busy = performance.eventLoopUtilization(elu);
    const [applyAfter, storeAfter, commitsAfter] = await Promise.all([totals(histogram), totals(ctx.metrics.storeSeconds), totals(ctx.metrics.commitRecords)]);
    const engineMs = { p50: applied.percentile(50) / 1e6, p99: applied.percentile(99) / 1e6, max: applied.max / 1e6, count: applied.count };

    const profile = options.profileSeconds > 0 ? await profileFor(options.profileSeconds) : undefined;
    const orders = after.sent - before.sent;
    return {
      orders,
      refused: after.refused - before.refused,
      ordersPerSecond: orders / seconds,
      ...flowPerOrder(flowBefore, flowAfter, orders),
      eventsPerOrder: deliveredDuring / Math.max(1, orders),
      engineMs,
      cpuPerOrderUs: (user + system) / Math.max(1, orders),
      hostBusy: busy.utilization,
      applyShare: (applyAfter.sum - applyBefore.sum) / seconds,
      storeShare: (storeAfter.sum - storeBefore.sum) / seconds,
      commandsPerFsync: (commitsAfter.sum - commitsBefore.sum) / Math.max(1, commitsAfter.count - commitsBefore.count),
      profile,
    };
  } finally {
    await pool?.close();
    await platform.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
