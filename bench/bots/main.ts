// `npm run bench:bots`: 1,000 bots on worker threads trading on the real platform, against the same bots on a bare engine in the same run.
import { BotPool } from '../../src/bots/pool/bot-pool.ts';
import { loadMarketsConfig } from '../../src/platform/markets-config.ts';
import { TEST_MARKETS } from '../../test/support/platform.ts';
import { fmt, sleep } from '../api/stats.ts';
import { EngineVenue } from './engine-venue.ts';
import { CASH, fleet, SHARES } from './fleet.ts';
import { flowPerOrder } from './flow.ts';
import { runOnPlatform } from './platform-run.ts';

const BOTS = Number(process.env.BENCH_BOTS ?? 1_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 20);
const WARMUP_SECONDS = 3;
const PROFILE_SECONDS = Number(process.env.BENCH_PROFILE_SECONDS ?? 3);
const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;

const markets = await loadMarketsConfig(TEST_MARKETS);
const symbols = markets.instruments.map((i) => i.symbol);
const bots = fleet(BOTS, symbols, INTERVAL_MS);
console.log(`bench:bots — ${fmt(BOTS)} bots (7 in 10 random walkers every ${INTERVAL_MS} ms, the rest noise takers) on ${symbols.length} symbols, ${WORKERS} worker thread${WORKERS === 1 ? '' : 's'}, ${SECONDS} s measured after ${WARMUP_SECONDS} s of warm-up\n`);

console.log('platform: each bot a registered user, trading through the in-process client with its own principal; journaling on (acks after fdatasync), SQLite read models');
const run = await runOnPlatform({ bots, workers: WORKERS, warmupSeconds: WARMUP_SECONDS, seconds: SECONDS, profileSeconds: PROFILE_SECONDS }, (line) => console.log(line));
console.log(`  ${fmt(run.ordersPerSecond)} bot orders/s (${fmt(run.orders)} placements, ${fmt(run.refused)} refused by the venue); ${run.eventsPerOrder.toFixed(1)} feed events sent to the workers per order`);
console.log(`  what they did: ${run.tradesPerOrder.toFixed(2)} trades per order; ${pct(run.noLiquidityShare)} of the orders were market orders cancelled at once for want of liquidity`);
console.log(`  engine apply per command (journal append included): p50 ${(run.engineMs.p50 * 1000).toFixed(1)} µs, p99 ${(run.engineMs.p99 * 1000).toFixed(1)} µs, max ${run.engineMs.max.toFixed(2)} ms over ${fmt(run.engineMs.count)} commands`);
console.log(`  CPU per order, every thread of the process: ${run.cpuPerOrderUs.toFixed(0)} µs (${((run.cpuPerOrderUs * run.ordersPerSecond) / 1e6).toFixed(2)} cores)`);
console.log(`  host thread busy ${pct(run.hostBusy)} of wall time, engine apply ${pct(run.applyShare)}; read-model statements ${run.storeShare.toFixed(2)} s per s on the projection thread; ${run.commandsPerFsync.toFixed(1)} commands per fsync`);
if (run.profile) {
  console.log(`  where the host thread's time goes (${PROFILE_SECONDS} s CPU profile after the measurement, self time):`);
  for (const { area, share } of run.profile.areas) console.log(`    ${pct(share).padStart(6)}  ${area}`);
  console.log('  hottest functions:');
  for (const { fn, share } of run.profile.top.slice(0, 8)) console.log(`    ${pct(share).padStart(6)}  ${fn}`);
}

console.log('\npeer: the same bots, pool and worker threads over a bare engine in memory (no journal, read models, risk or feed pipeline; quotes coalesced per event-loop turn)');
const venue = new EngineVenue(markets);
const ports = new Map(bots.map((bot) => [bot.id, venue.open({ USD: CASH, [bot.symbols![0]!]: SHARES })]));
const pool = new BotPool({ workers: WORKERS, ports: (id) => ports.get(id)!, market: venue.market, stallMs: 120_000 });
for (const bot of bots) pool.add(bot);
await Promise.all(bots.map((bot) => pool.start(bot.id)));
await sleep(WARMUP_SECONDS * 1000);
const sent = () => pool.statuses().reduce((n, s) => n + s.ordersSent, 0);
const before = sent();
const flowBefore = venue.flow.snapshot();
const cpu = process.cpuUsage();
const t0 = performance.now();
await sleep(SECONDS * 1000);
const peerOrders = sent() - before;
const peerOrdersPerSecond = peerOrders / ((performance.now() - t0) / 1000);
const peerCpu = process.cpuUsage(cpu);
const peerFlow = flowPerOrder(flowBefore, venue.flow.snapshot(), peerOrders);
await pool.close();
console.log(`  ${fmt(peerOrdersPerSecond)} bot orders/s with nothing but the engine behind the ports (platform / peer: ${(run.ordersPerSecond / peerOrdersPerSecond).toFixed(2)}); CPU per order ${((peerCpu.user + peerCpu.system) / Math.max(1, peerOrders)).toFixed(0)} µs; ${peerFlow.tradesPerOrder.toFixed(2)} trades per order, ${pct(peerFlow.noLiquidityShare)} cancelled for want of liquidity\n`);

console.log(
  JSON.stringify({
    bots: BOTS,
    bot_orders_s: Math.round(run.ordersPerSecond),
    p99_engine_ms: Number(run.engineMs.p99.toFixed(4)),
    peer_bare_engine_bot_orders_s: Math.round(peerOrdersPerSecond),
  }),
);
