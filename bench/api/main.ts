// `npm run bench:api`: order entry over HTTP and WebSocket, steady-rate latency and fan-out, against trivial peers in the same run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedLoop, steadyRate } from './http-load.ts';
import { startBourse, startPeer } from './processes.ts';
import { fmt, ms } from './stats.ts';
import { createTraders, settle } from './traders.ts';
import { fanout, wsOrderEntry } from './ws-load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/**
 * Requests in flight for the closed loop. An order's answer waits for a journal fdatasync, so with
 * few in flight the figure measures the sync latency, not the server: throughput is at most
 * in-flight / latency (64 / 8 ms = 8k/s). 256 keeps group commits full, as many clients would.
 */
const CONCURRENCY = 256;

console.log('bench:api — the server runs in its own process with journaling on (acks after fdatasync); this process generates the load\n');
const dataDir = await mkdtemp(join(tmpdir(), 'bourse-bench-api-'));
const peer = await startPeer();
const bourse = await startBourse(dataDir);
try {
  const wsUrl = `${bourse.url.replace('http', 'ws')}/ws`;
  const traders = await createTraders(bourse.url, 40, 'bench');

  const peerHttp = await closedLoop(peer.url, '/echo', traders, CONCURRENCY, SECONDS, 1);
  const peerDurable = await closedLoop(peer.url, '/durable-echo', traders, CONCURRENCY, SECONDS, 1);
  const http = await closedLoop(bourse.url, '/api/v1/orders', traders, CONCURRENCY, SECONDS, 2);
  console.log(`HTTP order placement, keep-alive, ${CONCURRENCY} in flight: ${fmt(http.perSecond)} orders/s, p50 ${ms(http.latencies.percentile(50))}, p99 ${ms(http.latencies.percentile(99))} (${http.errors} refused)`);
  console.log(`  peer: Fastify echoing a trivial POST on the same load: ${fmt(peerHttp.perSecond)} requests/s; Bourse reaches ${((100 * http.perSecond) / peerHttp.perSecond).toFixed(0)}% of it`);
  console.log(`  peer: the same echo answered after its body is appended and fdatasync'ed (group commit): ${fmt(peerDurable.perSecond)} requests/s, p99 ${ms(peerDurable.latencies.percentile(99))}; Bourse reaches ${((100 * http.perSecond) / peerDurable.perSecond).toFixed(0)}% of it\n`);

  const peerWs = await wsOrderEntry(`${peer.url.replace('http', 'ws')}/ws`, traders, 8, 64, SECONDS, 3);
  const ws = await wsOrderEntry(wsUrl, traders, 8, 64, SECONDS, 4);
  console.log(`WebSocket order entry, 8 connections x 64 in flight: ${fmt(ws.perSecond)} orders/s, p50 ${ms(ws.latencies.percentile(50))}, p99 ${ms(ws.latencies.percentile(99))} (${ws.errors} refused)`);
  console.log(`  peer: a ws server acking every message: ${fmt(peerWs.perSecond)} messages/s; Bourse reaches ${((100 * ws.perSecond) / peerWs.perSecond).toFixed(0)}% of it\n`);

  // Steady means steady: the read models first take in the WebSocket phase's backlog (a GET waits for them).
  await settle(bourse.url, traders[0]!);
  const steady = await steadyRate(bourse.url, '/api/v1/orders', traders, 5_000, SECONDS, 5);
  const peerSteady = await steadyRate(peer.url, '/durable-echo', traders, 5_000, SECONDS, 5);
  console.log(`steady 5,000 orders/s over HTTP: p50 ${ms(steady.latencies.percentile(50))}, p99 ${ms(steady.latencies.percentile(99))} from the scheduled send time (${steady.errors} refused)`);
  console.log(`  peer: the fdatasync'ed echo at the same steady rate: p50 ${ms(peerSteady.latencies.percentile(50))}, p99 ${ms(peerSteady.latencies.percentile(99))}; Bourse's p99 is ${(steady.latencies.percentile(99) / peerSteady.latencies.percentile(99)).toFixed(1)}x the peer's\n`);

  // Two traders of its own: the earlier phases' resting buys hold the others' cash, more of it the
  // faster the server took their orders, and a buyer with none left would make no trades to fan out.
  const fan = await fanout(wsUrl, await createTraders(bourse.url, 2, 'fanout'), 1_000, 1_000, SECONDS);
  console.log(`fan-out of trades to 1,000 WebSocket subscribers: ${fmt(fan.perSecond)} messages/s delivered (${fmt(fan.delivered)} for ${fmt(fan.published)} trades), p99 delivery delay ${ms(fan.delays.percentile(99))}\n`);

  console.log(
    JSON.stringify({
      http_orders_s: Math.round(http.perSecond),
      ws_orders_s: Math.round(ws.perSecond),
      p99_ack_ms_at_5k: Number(steady.latencies.percentile(99).toFixed(2)),
      fanout_msgs_s: Math.round(fan.perSecond),
      peer_http_req_s: Math.round(peerHttp.perSecond),
      peer_durable_http_req_s: Math.round(peerDurable.perSecond),
      peer_ws_msgs_s: Math.round(peerWs.perSecond),
      peer_p99_ack_ms_at_5k: Number(peerSteady.latencies.percentile(99).toFixed(2)),
    }),
  );
} finally {
  await bourse.stop();
  await peer.stop();
  await rm(dataDir, { recursive: true, force: true });
}
