// A WebSocket client that stops reading is closed with 4008 once its send buffer fills; nothing more is queued for it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { newTrader, type Trader } from '../support/traders.ts';
import type { TradeView } from '../support/views.ts';
import { tradesOf, WsClient } from '../support/ws-client.ts';

const SYMBOLS = ['S01', 'S02', 'S03', 'S04'];
const MAX_BUFFERED = 64 * 1024;

let platform: TestPlatform;
let buyer: Trader;
let seller: Trader;
beforeAll(async () => {
  // A long heartbeat: the stalled client must be cut for its buffer, not for a missed pong.
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, ws: { maxBufferedBytes: MAX_BUFFERED, heartbeatMs: 60_000 } });
  buyer = await newTrader(platform.url, { USD: '10000000' });
  seller = await newTrader(platform.url, Object.fromEntries(SYMBOLS.map((s) => [s, '1000000'])));
});
afterAll(async () => {
  await platform.dispose();
});

const metric = async (name: 'wsDropped' | 'wsClients'): Promise<number> => (await platform.running.ctx.metrics[name].get()).values[0]?.value ?? 0;

it('closes a stalled reader with 4008, drops its subscriptions and keeps serving the others', async () => {
  const healthy = await WsClient.connect(platform.wsUrl);
  await healthy.request({ op: 'subscribe', channels: ['trades:S01'] });
  const slow = await WsClient.connect(platform.wsUrl);
  const channels = SYMBOLS.flatMap((s) => [`trades:${s}`, `book:${s}`, `ticker:${s}`, ...['1s', '1m', '5m', '15m', '1h', '1d'].map((i) => `candles:${s}:${i}`)]);
  await slow.request({ op: 'subscribe', channels });
  expect(await metric('wsClients')).toBe(2);
  slow.pauseReading();

  // Publish through the exchange itself: many small committed batches, each fanned out on every channel.
  const exchange = platform.running.ctx.exchange;
  const place = (accountId: number, symbol: string, side: 'buy' | 'sell', price: number) => exchange.execute({ type: 'placeOrder', ts: exchange.now(), order: { accountId, symbol, side, type: 'limit', qty: 1, price } });
  let rounds = 0;
  const deadline = Date.now() + 30_000;
  while ((await metric('wsDropped')) === 0) {
    if (Date.now() > deadline) throw new Error(`the stalled client was never dropped after ${rounds} rounds`);
    const price = 9_900 + (rounds % 200);
    await Promise.all(SYMBOLS.flatMap((symbol) => [place(seller.user.accountId, symbol, 'sell', price), place(buyer.user.accountId, symbol, 'buy', price)]));
    rounds++;
  }
  expect(await metric('wsDropped')).toBe(1);
  // Only the stalled client read these channels: their bus subscriptions are gone with it.
  for (const topic of ['ticker.S02', 'book.S03', 'candles.S04.1d']) expect(exchange.bus.hasListeners(topic)).toBe(false);
  let lastTradeAtDrop = 0;
  for (const symbol of SYMBOLS) {
    const { trades } = await platform.api().get<{ trades: TradeView[] }>(`/api/v1/markets/${symbol}/trades`, { limit: 1 });
    lastTradeAtDrop = Math.max(lastTradeAtDrop, trades[0]!.tradeId);
  }

  // More trading after the drop reaches the healthy client and nothing is queued for the stalled one.
  await Promise.all([place(seller.user.accountId, 'S01', 'sell', 10_000), place(buyer.user.accountId, 'S01', 'buy', 10_000)]);
  await healthy.waitFor((m) => m.channel === 'trades:S01' && tradesOf(m).some((t) => t.tradeId > lastTradeAtDrop));
  expect(healthy.open).toBe(true);

  // Reading again, the stalled client drains what was already sent and then sees why it was closed.
  slow.resumeReading();
  expect(await slow.closed).toEqual({ code: 4008, reason: 'slow consumer: send buffer full' });
  const seen = slow.messages.flatMap((m) => tradesOf(m).map((t) => t.tradeId));
  expect(seen.length).toBeGreaterThan(0);
  expect(Math.max(...seen)).toBeLessThanOrEqual(lastTradeAtDrop);
  // The server forgets the connection once the close completes (or its 2 s grace ends).
  for (let i = 0; i < 50 && (await metric('wsClients')) !== 1; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await metric('wsClients')).toBe(1);
  await healthy.close();
});
