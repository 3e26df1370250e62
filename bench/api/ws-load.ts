// WebSocket load: order entry with a window of orders in flight per connection, and market-data fan-out to many subscribers.
import WebSocket from 'ws';
import { Latencies, now, sleep } from './stats.ts';
import { OrderStream, type Trader } from './traders.ts';
import type { LoadResult } from './http-load.ts';

/**
 * The load generator shares the machine with the server, so its own costs are kept low: a zero
 * frame mask (servers accept any mask; ws then skips masking) and no UTF-8 check of what it reads.
 */
const CLIENT_OPTIONS: WebSocket.ClientOptions = { perMessageDeflate: false, skipUTF8Validation: true, generateMask: (mask: Buffer) => void mask.fill(0) };

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, CLIENT_OPTIONS);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Waits for the first message of a type (welcome, authenticated, subscribed). */
function nextOfType(socket: WebSocket, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const listener = (data: WebSocket.RawData): void => {
      const message = JSON.parse((data as Buffer).toString()) as Record<string, unknown>;
      if (message.type !== type) return;
      socket.off('message', listener);
      resolve(message);
    };
    socket.on('message', listener);
  });
}

async function authed(wsUrl: string, trader: Trader): Promise<WebSocket> {
  const socket = await open(wsUrl);
  const done = nextOfType(socket, 'authenticated');
  socket.send(JSON.stringify({ op: 'auth', keyId: trader.keyId, secret: trader.secret }));
  await done;
  return socket;
}

const ACK = Buffer.from('{"type":"ack","id":');
const ERROR = Buffer.from('{"type":"error","id":');

/**
 * The id of an ack or error reply, read from the bytes without parsing the whole message (both
 * servers put `type` and then `id` first); undefined for any other message.
 */
function replyOf(data: Buffer): { id: number; error: boolean } | undefined {
  const error = !data.subarray(0, ACK.length).equals(ACK);
  if (error && !data.subarray(0, ERROR.length).equals(ERROR)) return undefined;
  let at = error ? ERROR.length : ACK.length;
  let id = 0;
  for (let c = data[at]!; c >= 48 && c <= 57; c = data[++at]!) id = id * 10 + (c - 48);
  return { id, error };
}

/**
 * Sends made in one turn of the event loop (the replies to one read) leave in one write: the
 * socket is corked on the first and uncorked on the next tick, as a real trading client would batch.
 */
function corking(socket: WebSocket): { send(text: string): void } {
  // ws keeps the TCP socket private; corking it changes nothing but how many writes carry the frames.
  const tcp = (socket as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
  let corked = false;
  const uncork = (): void => {
    corked = false;
    tcp.uncork();
  };
  return {
    send(text: string): void {
      if (!corked) {
        corked = true;
        tcp.cork();
        process.nextTick(uncork);
      }
      socket.send(text);
    },
  };
}

/** Each connection keeps `window` orders in flight; acks are matched to sends by id. */
export async function wsOrderEntry(wsUrl: string, traders: readonly Trader[], connections: number, window: number, seconds: number, seed: number): Promise<LoadResult> {
  const sockets = await Promise.all(Array.from({ length: connections }, (_, i) => authed(wsUrl, traders[i % traders.length]!)));
  const stream = new OrderStream(seed);
  const latencies = new Latencies();
  let errors = 0;
  let done = 0;
  const warmUntil = now() + (seconds * 1000) / 5;
  const endAt = warmUntil + seconds * 1000;
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          const sentAt = new Map<number, number>();
          const batch = corking(socket);
          let id = 0;
          const send = (): void => {
            sentAt.set(++id, now());
            batch.send(JSON.stringify({ op: 'place', id, order: stream.next() }));
          };
          socket.on('message', (data: Buffer) => {
            const reply = replyOf(data);
            if (!reply) return;
            const started = sentAt.get(reply.id);
            sentAt.delete(reply.id);
            const t = now();
            if (started !== undefined && t >= warmUntil) {
              latencies.add(t - started);
              done++;
              if (reply.error) errors++;
            }
            if (t < endAt) send();
            else if (sentAt.size === 0) resolve();
          });
          for (let i = 0; i < window; i++) send();
        }),
    ),
  );
  for (const socket of sockets) socket.close();
  return { perSecond: done / seconds, latencies, errors };
}

export interface FanoutResult {
  readonly delivered: number;
  readonly perSecond: number;
  readonly delays: Latencies;
  readonly published: number;
}

/**
 * `subscribers` connections read the trades channel while one trader makes trades at `tradesPerSecond`.
 * Every delivered frame is counted; one in `sampleEvery` is parsed to measure delivery delay
 * from the trade's engine time (parsing every frame would make the reader the bottleneck).
 */
export async function fanout(wsUrl: string, traders: readonly Trader[], subscribers: number, tradesPerSecond: number, seconds: number): Promise<FanoutResult> {
  const channel = 'trades:MSFT';
  const readers: WebSocket[] = [];
  for (let i = 0; i < subscribers; i += 50) {
    readers.push(...(await Promise.all(Array.from({ length: Math.min(50, subscribers - i) }, () => open(wsUrl)))));
  }
  await Promise.all(
    readers.map((socket) => {
      const ready = nextOfType(socket, 'subscribed');
      socket.send(JSON.stringify({ op: 'subscribe', channels: [channel] }));
      return ready;
    }),
  );
  const delays = new Latencies();
  let delivered = 0;
  let counting = false;
  let frame = 0;
  const marker = Buffer.from('"tradeId"');
  for (const socket of readers) {
    socket.on('message', (data: Buffer) => {
      if (!counting) return;
      // A frame carries the trades of one commit; each trade is one delivered message.
      for (let at = data.indexOf(marker); at !== -1; at = data.indexOf(marker, at + marker.length)) delivered++;
      if (++frame % 97 !== 0) return;
      const message = JSON.parse(data.toString()) as { data?: Array<{ ts?: number }> };
      const last = message.data?.at(-1)?.ts;
      if (typeof last === 'number') delays.add(Date.now() - last);
    });
  }
  const [seller, buyer] = [await authed(wsUrl, traders[0]!), await authed(wsUrl, traders[1]!)];
  let published = 0;
  const trade = (n: number): void => {
    // A resting sell and a buy that takes it: exactly one trade each.
    seller.send(JSON.stringify({ op: 'place', id: n, order: { symbol: 'MSFT', side: 'sell', type: 'limit', qty: '1', price: '420' } }));
    buyer.send(JSON.stringify({ op: 'place', id: n, order: { symbol: 'MSFT', side: 'buy', type: 'limit', qty: '1', price: '420' } }));
  };
  const run = async (ms: number, count: boolean): Promise<void> => {
    counting = count;
    const start = now();
    for (let n = 0; now() - start < ms; ) {
      const due = Math.floor(((now() - start) / 1000) * tradesPerSecond);
      for (; n < due; n++) {
        trade(n);
        if (count) published++;
      }
      await sleep(2);
    }
  };
  await run(1000, false);
  const started = now();
  await run(seconds * 1000, true);
  await sleep(500);
  counting = false;
  const elapsed = (now() - started) / 1000;
  for (const socket of [...readers, seller, buyer]) socket.terminate();
  return { delivered, perSecond: delivered / elapsed, delays, published };
}
