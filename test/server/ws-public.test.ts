// WebSocket public channels: trades, ticker and candles after trades; a book snapshot whose deltas chain without gaps; heartbeats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Api } from '../support/http-client.ts';
import { Counterparties } from '../support/market.ts';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import type { BookView, CandleView, LevelView, TickerView } from '../support/views.ts';
import { dataOf, tradesOf, type WsClient, WsClients, type WsMessage } from '../support/ws-client.ts';

const HEARTBEAT_MS = 250;
let platform: TestPlatform;
let cp: Counterparties;
const clients = new WsClients(() => platform.wsUrl);
const { connect } = clients;

beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, ws: { heartbeatMs: HEARTBEAT_MS } });
  cp = await Counterparties.create(platform.url, ['S01', 'S02', 'S03', 'S04']);
});
afterAll(async () => {
  await clients.closeAll();
  await platform.dispose();
});

describe('public channels', () => {
  it('welcomes, then sends heartbeats (and pings the client answers) while the connection stays open', async () => {
    const ws = await connect();
    expect(ws.messages[0]).toEqual({ type: 'welcome', authenticated: false, heartbeatMs: HEARTBEAT_MS });
    let pings = 0;
    ws.socket.on('ping', () => pings++);
    const first = await ws.waitFor((m) => m.type === 'heartbeat', 2_000);
    const third = await ws.waitFor((m) => m.type === 'heartbeat' && m !== first && ws.messages.filter((x) => x.type === 'heartbeat').length >= 3, 3_000);
    expect(Number(third.ts)).toBeGreaterThan(Number(first.ts));
    expect(pings).toBeGreaterThanOrEqual(2);
    expect(ws.open).toBe(true);
    const sent = Date.now();
    const pong = await ws.request({ op: 'ping' });
    expect(pong.type).toBe('pong');
    // The server's clock in epoch ms, as the docs say (server and test share this machine's clock).
    expect(Number(pong.ts)).toBeGreaterThanOrEqual(sent);
    expect(Number(pong.ts)).toBeLessThanOrEqual(Date.now());
    expect(Math.abs(Number(first.ts) - sent)).toBeLessThan(10_000);
  });

  it('cuts off a client that does not answer a ping by the next heartbeat: no close frame, so the client sees code 1006', async () => {
    const socket = new WebSocket(platform.wsUrl, { autoPong: false, perMessageDeflate: false });
    const heard: string[] = [];
    socket.on('message', (data: Buffer) => heard.push((JSON.parse(data.toString('utf8')) as { type: string }).type));
    const opened = Date.now();
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
    expect(closed).toEqual({ code: 1006, reason: '' });
    // Pinged at the first heartbeat after connecting, unanswered, cut at the next one: within two heartbeats.
    expect(Date.now() - opened).toBeLessThan(2 * HEARTBEAT_MS + 1_000);
    expect(heard.slice(0, 2)).toEqual(['welcome', 'heartbeat']);
  });

  it('trades, ticker and candles channels receive updates after a trade; unsubscribe stops them', async () => {
    const ws = await connect();
    const channels = ['trades:S01', 'ticker:S01', 'candles:S01:1m', 'candles:S01:1s'];
    const subscribed = await ws.request({ op: 'subscribe', channels });
    expect(subscribed).toEqual({ type: 'subscribed', id: subscribed.id, channels });
    await cp.trade('S01', '101', '3');
    const trades = await ws.waitFor((m) => m.channel === 'trades:S01');
    expect(trades.type).toBe('trades');
    expect(tradesOf(trades)).toEqual([expect.objectContaining({ symbol: 'S01', price: '101', qty: '3', takerSide: 'buy' })]);
    expect(dataOf<TickerView>(await ws.waitFor((m) => m.channel === 'ticker:S01'))).toMatchObject({ lastPrice: '101', volume: '3', trades: 1 });
    for (const channel of ['candles:S01:1m', 'candles:S01:1s']) {
      const candle = await ws.waitFor((m) => m.channel === channel);
      expect(candle).toMatchObject({ type: 'candle', closed: false });
      expect(dataOf<CandleView>(candle)).toMatchObject({ close: '101', volume: '3', trades: 1 });
    }

    // A channel that is not one is refused, and nothing is unsubscribed; one not subscribed is no error.
    expect(await ws.request({ op: 'unsubscribe', channels: ['trades:S01', 'nope:S01'] })).toMatchObject({ type: 'error', code: 'INVALID_CHANNEL', details: [{ path: 'channels.1' }] });
    expect(await ws.request({ op: 'unsubscribe', channels: ['trades:S01', 'trades:S02'] })).toMatchObject({ type: 'unsubscribed', channels: ['trades:S01'] });
    const mark = ws.messages.length;
    await cp.trade('S01', '102');
    // The ticker still arrives, and the trade that caused it did not.
    await ws.waitFor((m) => m.channel === 'ticker:S01' && dataOf<TickerView>(m).lastPrice === '102', 5_000, mark);
    expect(ws.messages.slice(mark).filter((m) => m.channel === 'trades:S01')).toEqual([]);
  });

  it('sends a candle with closed: false while its interval is open, then once more with closed: true and its final values when it ends, and never again', async () => {
    const ws = await connect();
    await ws.request({ op: 'subscribe', channels: ['candles:S04:1s'] });
    await cp.trade('S04', '100', '2');
    const open = await ws.waitFor((m) => m.channel === 'candles:S04:1s');
    expect(open).toMatchObject({ type: 'candle', closed: false, data: { close: '100', volume: '2' } });
    const { openTime } = dataOf<CandleView>(open);
    // No trade ends it: the interval's end does, within about a second.
    const closed = await ws.waitFor((m) => m.channel === 'candles:S04:1s' && m.closed === true, 5_000);
    expect(closed).toEqual({ ...open, closed: true });
    const mark = ws.messages.length;
    await cp.trade('S04', '101');
    const next = await ws.waitFor((m) => m.channel === 'candles:S04:1s', 5_000, mark);
    expect(dataOf<CandleView>(next).openTime).toBeGreaterThan(openTime);
    expect(ws.messages.filter((m) => m.channel === 'candles:S04:1s' && dataOf<CandleView>(m).openTime === openTime)).toHaveLength(2);
  });

  it('refuses unknown channels, unlisted symbols and private channels without auth, and stays open', async () => {
    const ws = await connect();
    for (const channels of ['trades:S01', [], [42]]) {
      const reply = await ws.request({ op: 'subscribe', channels });
      expect(reply).toMatchObject({ type: 'error', code: 'INVALID_REQUEST', message: expect.stringMatching(/^channels must be a list/) as unknown });
      expect(reply.details).toEqual([{ path: 'channels', message: reply.message }]);
    }
    for (const channel of ['nope:S01', 'candles:S01', 'candles:S01:2m', 'trades:S01:x', 'trades:', 'x'.repeat(61)]) {
      const reply = await ws.request({ op: 'subscribe', channels: ['ticker:S01', channel] });
      expect(reply).toMatchObject({ type: 'error', code: 'INVALID_CHANNEL' });
      expect(String(reply.message).length).toBeGreaterThan(0);
      // The refusal points at the bad name's place in the list, as a body refusal points at its field.
      expect(reply.details).toEqual([{ path: 'channels.1', message: reply.message }]);
    }
    expect(await ws.request({ op: 'subscribe', channels: ['fills'] })).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
    expect(ws.open).toBe(true);
    expect(await ws.request({ op: 'subscribe', channels: ['book:S01'] })).toMatchObject({ type: 'subscribed', channels: ['book:S01'] });
  });

  it('names a symbol that is not listed UNKNOWN_SYMBOL in the words REST uses, and a private channel given a symbol INVALID_CHANNEL, before any sign-in', async () => {
    const ws = await connect();
    const rest = await new Api(platform.url).call('GET', '/api/v1/markets/NOPE/book');
    expect(rest.body).toMatchObject({ code: 'UNKNOWN_SYMBOL', message: 'NOPE is not listed; GET /api/v1/instruments lists the symbols.' });
    const { code, message } = rest.body as { code: string; message: string };
    for (const channel of ['trades:NOPE', 'book:NOPE', 'ticker:NOPE', 'candles:NOPE:1m', 'status:NOPE']) {
      expect(await ws.request({ op: 'subscribe', channels: ['ticker:S01', channel] })).toEqual({ type: 'error', id: expect.any(String) as unknown, code, message, details: [{ path: 'channels.1', message }] });
    }
    for (const channel of ['orders:S01', 'fills:S01', 'balances:USD']) {
      const [kind] = channel.split(':');
      const message = `${kind} is a private channel of your own account and takes no symbol: subscribe to "${kind}".`;
      expect(await ws.request({ op: 'subscribe', channels: [channel] })).toMatchObject({ type: 'error', code: 'INVALID_CHANNEL', message, details: [{ path: 'channels.0', message }] });
    }
    // Unsubscribing names channels the same way.
    expect(await ws.request({ op: 'unsubscribe', channels: ['orders:S01'] })).toMatchObject({ type: 'error', code: 'INVALID_CHANNEL' });
    expect(await ws.request({ op: 'unsubscribe', channels: ['trades:NOPE'] })).toMatchObject({ type: 'error', code: 'UNKNOWN_SYMBOL' });
    // A refused subscribe subscribed to none of its channels.
    expect(await ws.request({ op: 'unsubscribe', channels: ['ticker:S01'] })).toMatchObject({ type: 'unsubscribed', channels: [] });
  });

  it('takes a message of up to 64 KiB, and closes on a longer one with an error message, code 1009 and a reason', async () => {
    const ws = await connect();
    const limit = 64 * 1024;
    // Padded in its id, which any message may carry at any length.
    const bigId = (bytes: number) => `big${'x'.repeat(bytes - JSON.stringify({ op: 'ping', id: 'big' }).length)}`;
    const padded = (bytes: number) => JSON.stringify({ op: 'ping', id: bigId(bytes) });
    ws.sendRaw(padded(limit));
    expect(await ws.waitFor((m) => m.id === bigId(limit))).toMatchObject({ type: 'pong' });

    ws.sendRaw(padded(200_000));
    expect(await ws.closed).toEqual({ code: 1009, reason: `message over ${limit} bytes` });
    expect(ws.messages.at(-1)).toEqual({ type: 'error', code: 'PAYLOAD_TOO_LARGE', message: `A message may be at most ${limit} bytes; this connection is closed.`, details: { maxBytes: limit } });
  });
});

type Book = Map<string, string>;

/** Applies a side of a delta: qty "0" removes the level. */
function applySide(side: Book, levels: readonly LevelView[]): void {
  for (const [price, qty] of levels) {
    if (qty === '0') side.delete(price);
    else side.set(price, qty);
  }
}

function sorted(side: Book, descending: boolean): LevelView[] {
  return [...side].sort((a, b) => (Number(a[0]) - Number(b[0])) * (descending ? -1 : 1));
}

/** Rebuilds the book from the snapshot and every delta after it, checking that each delta continues the last seq. */
function replayBook(messages: readonly WsMessage[], channel: string): BookView {
  const own = messages.filter((m) => m.channel === channel);
  expect(own[0]?.type).toBe('snapshot');
  const snapshot = dataOf<BookView>(own[0]!);
  const bids: Book = new Map(snapshot.bids);
  const asks: Book = new Map(snapshot.asks);
  let seq = snapshot.seq;
  for (const message of own.slice(1)) {
    expect(message.type).toBe('delta');
    const delta = dataOf<BookView & { prevSeq: number }>(message);
    expect(delta.prevSeq).toBe(seq);
    expect(delta.seq).toBe(seq + 1);
    applySide(bids, delta.bids);
    applySide(asks, delta.asks);
    seq = delta.seq;
  }
  return { symbol: snapshot.symbol, seq, bids: sorted(bids, true), asks: sorted(asks, false) };
}

describe('book channel', () => {
  it('answers subscribe first, then the snapshot; a request with a bad channel subscribes to none', async () => {
    const ws = await connect();
    const reply = await ws.request({ op: 'subscribe', channels: ['book:S03', 'trades:S03', 'book:S03'] });
    expect(reply).toEqual({ type: 'subscribed', id: reply.id, channels: ['book:S03', 'trades:S03'] });
    await ws.waitFor((m) => m.channel === 'book:S03');
    const at = ws.messages.indexOf(reply);
    expect(ws.messages[at + 1]).toMatchObject({ channel: 'book:S03', type: 'snapshot', data: { symbol: 'S03' } });
    expect(ws.onChannel('book:S03')).toHaveLength(1);

    expect(await ws.request({ op: 'subscribe', channels: ['book:S01', 'nope:S01'] })).toMatchObject({ type: 'error', code: 'INVALID_CHANNEL', details: [{ path: 'channels.1' }] });
    expect(await ws.request({ op: 'unsubscribe', channels: ['book:S01'] })).toMatchObject({ type: 'unsubscribed', channels: [] });
    expect(ws.onChannel('book:S01')).toEqual([]);
  });

  it('a snapshot, then deltas whose prevSeq chain has no gaps and that rebuild the REST book', async () => {
    const early = await connect();
    await early.request({ op: 'subscribe', channels: ['book:S02'] });
    let late: WsClient | undefined;
    const live: Array<{ id: number; side: 'buy' | 'sell' }> = [];
    // A seeded walk of quotes, cancels and market orders on both sides.
    let state = 7;
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let i = 0; i < 40; i++) {
      const roll = next() % 10;
      if (roll < 6) {
        const side = roll % 2 === 0 ? 'buy' : 'sell';
        const price = side === 'buy' ? 95 + (next() % 5) : 101 + (next() % 5);
        live.push({ id: (await cp.quote('S02', side, String(price), String(1 + (next() % 4)))).id, side });
      } else if (roll < 8 && live.length > 0) {
        const [order] = live.splice(next() % live.length, 1);
        // It may have traded already; then there is nothing to cancel.
        await (order!.side === 'buy' ? cp.buyer : cp.seller).api.call('DELETE', `/api/v1/orders/${order!.id}`);
      } else {
        await cp.buyer.api.call('POST', '/api/v1/orders', { json: { symbol: 'S02', side: roll === 8 ? 'buy' : 'sell', type: 'market', qty: '1' } });
      }
      // Someone joining mid-stream gets a snapshot that the later deltas continue.
      if (i === 20) {
        late = await connect();
        await late.request({ op: 'subscribe', channels: ['book:S02'] });
      }
    }
    // A client that lost its place subscribes again, without unsubscribing, and starts over from a fresh snapshot.
    const resynced = await connect();
    await resynced.request({ op: 'subscribe', channels: ['book:S02'] });
    await cp.quote('S02', 'buy', '90', '1');
    const first = dataOf<BookView>(resynced.onChannel('book:S02')[0]!);
    await resynced.waitFor((m) => m.channel === 'book:S02' && m.type === 'delta');
    const again = await resynced.request({ op: 'subscribe', channels: ['book:S02'] });
    expect(again).toEqual({ type: 'subscribed', id: again.id, channels: ['book:S02'] });
    const fresh = resynced.messages[resynced.messages.indexOf(again) + 1]!;
    expect(fresh).toMatchObject({ channel: 'book:S02', type: 'snapshot' });
    expect(dataOf<BookView>(fresh).seq).toBeGreaterThan(first.seq);

    const rest = await platform.api().book('S02');
    await resynced.waitFor((m) => m.channel === 'book:S02' && dataOf<BookView>(m).seq === rest.seq);
    expect(replayBook(resynced.messages.slice(resynced.messages.indexOf(fresh)), 'book:S02')).toEqual(rest);
    for (const ws of [early, late!]) {
      await ws.waitFor((m) => m.channel === 'book:S02' && dataOf<BookView>(m).seq === rest.seq);
      expect(replayBook(ws.messages, 'book:S02')).toEqual(rest);
    }
    expect(early.onChannel('book:S02').length).toBeGreaterThan(25);
    expect(rest.bids.length + rest.asks.length).toBeGreaterThan(0);
  });
});
