// HTTP load: closed-loop order placement with keep-alive connections, and an open-loop steady rate.
import { Pool } from 'undici';
import { Latencies, now, sleep } from './stats.ts';
import { OrderStream, type Trader } from './traders.ts';

export interface LoadResult {
  readonly perSecond: number;
  readonly latencies: Latencies;
  readonly errors: number;
}

function placeOrder(pool: Pool, path: string, trader: Trader, body: string): Promise<number> {
  return pool
    .request({ method: 'POST', path, headers: { 'content-type': 'application/json', ...trader.headers }, body })
    .then(async (response) => {
      await response.body.dump();
      return response.statusCode;
    });
}

/** `concurrency` requests in flight at all times for `seconds`, after a warm-up of the same length / 5. */
export async function closedLoop(base: string, path: string, traders: readonly Trader[], concurrency: number, seconds: number, seed: number): Promise<LoadResult> {
  const pool = new Pool(base, { connections: concurrency, pipelining: 1 });
  const stream = new OrderStream(seed);
  const latencies = new Latencies();
  let errors = 0;
  let done = 0;
  let measuring = false;
  const warmUntil = now() + (seconds * 1000) / 5;
  const endAt = warmUntil + seconds * 1000;
  let i = 0;
  const worker = async (): Promise<void> => {
    while (now() < endAt) {
      const trader = traders[i++ % traders.length]!;
      const started = now();
      const status = await placeOrder(pool, path, trader, JSON.stringify(stream.next()));
      if (!measuring && now() >= warmUntil) measuring = true;
      if (!measuring) continue;
      latencies.add(now() - started);
      if (status >= 300) errors++;
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await pool.close();
  return { perSecond: done / seconds, latencies, errors };
}

/**
 * Orders sent on a fixed schedule; latency counts from the scheduled time, so stalls are not hidden.
 * The first `seconds / 5` run the same schedule unmeasured, as the closed loop warms up: the
 * connections open and both sides' code paths get compiled before the clock counts.
 */
export async function steadyRate(base: string, path: string, traders: readonly Trader[], rate: number, seconds: number, seed: number): Promise<LoadResult> {
  const pool = new Pool(base, { connections: 64, pipelining: 1 });
  const stream = new OrderStream(seed);
  const latencies = new Latencies();
  let errors = 0;
  const start = now();
  const warmup = Math.round((rate * seconds) / 5);
  const total = warmup + rate * seconds;
  const inFlight: Array<Promise<void>> = [];
  for (let sent = 0; sent < total; ) {
    const due = Math.min(total, Math.floor(((now() - start) / 1000) * rate));
    for (; sent < due; sent++) {
      const scheduled = start + (sent / rate) * 1000;
      const trader = traders[sent % traders.length]!;
      const measured = sent >= warmup;
      inFlight.push(
        placeOrder(pool, path, trader, JSON.stringify(stream.next())).then((status) => {
          if (!measured) return;
          latencies.add(now() - scheduled);
          if (status >= 300) errors++;
        }),
      );
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  await pool.close();
  return { perSecond: rate, latencies, errors };
}
