// The in-process client's feeds on a real platform: an account's own updates (also for orders gone before their batch is published) and the shared market data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessMarketData } from '../../src/api/clients/in-process-client.ts';
import type { MarketEvent, PortOrderState } from '../../src/strategy/index.ts';
import { BotUsers } from '../support/bot-users.ts';
import { FAST_HASHING, TEST_MARKETS, TestPlatform } from '../support/platform.ts';

let platform: TestPlatform;
let users: BotUsers;

beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, passwordHashing: FAST_HASHING });
  users = new BotUsers(platform.running.ctx);
  await users.provision('maker', { USD: '100000', S01: '100' });
  await users.provision('taker', { USD: '100000' });
});

afterAll(async () => {
  await platform.dispose();
});

const settled = () => platform.running.ctx.exchange.settled();

describe('the in-process feeds', () => {
  it('report an order that traded at once to its end, though the engine no longer has it when its batch is published', async () => {
    const maker = users.ports('maker');
    const taker = users.ports('taker');
    const own: MarketEvent[] = [];
    // No symbols: only the account's own order and fill updates.
    const stop = taker.feed.subscribe([], [], (event) => own.push(event));
    const ask = await maker.trading.place({ symbol: 'S01', side: 'sell', type: 'limit', qty: '5', price: '101' });
    expect(ask.ok).toBe(true);
    const buy = await taker.trading.place({ symbol: 'S01', side: 'buy', type: 'market', qty: '2' });
    if (!buy.ok) throw new Error(buy.message);
    const id = buy.orders[0]!.id;
    await settled();
    stop();
    const updates = own.flatMap((e) => (e.kind === 'order' && e.order.id === id ? [e.order] : [])) satisfies PortOrderState[];
    expect(updates.map((o) => [o.status, o.filledQty, o.leavesQty])).toEqual([
      ['open', '0', '2'],
      ['filled', '2', '0'],
    ]);
    expect(updates[0]).toMatchObject({ symbol: 'S01', side: 'buy', type: 'market', qty: '2', price: null });
    expect(own.filter((e) => e.kind === 'fill').map((e) => e.kind === 'fill' && [e.fill.orderId, e.fill.price, e.fill.qty])).toEqual([[id, '101', '2']]);
    // Nothing but this account's own updates.
    expect(own.every((e) => e.kind === 'order' || e.kind === 'fill')).toBe(true);
  });

  it('report a trailing stop\'s stop price as it moves, in updates and in its state', async () => {
    await users.provision('s03-seller', { S03: '10' });
    await users.provision('s03-buyer', { USD: '100000' });
    const taker = users.ports('taker');
    const own: MarketEvent[] = [];
    const stop = taker.feed.subscribe([], [], (event) => own.push(event));
    const placed = await taker.trading.place({ symbol: 'S03', side: 'buy', type: 'trailing_stop', qty: '1', trailAmount: '0.5' });
    if (!placed.ok) throw new Error(placed.message);
    const id = placed.orders[0]!.id;
    for (const price of ['99', '99.2', '98.8']) {
      expect((await users.ports('s03-seller').trading.place({ symbol: 'S03', side: 'sell', type: 'limit', qty: '1', price })).ok).toBe(true);
      expect((await users.ports('s03-buyer').trading.place({ symbol: 'S03', side: 'buy', type: 'market', qty: '1' })).ok).toBe(true);
    }
    await settled();
    stop();
    const stops = own.flatMap((e) => (e.kind === 'order' && e.order.id === id ? [e.order.stopPrice] : []));
    // Accepted at 100 + 0.5; moved by 99 and 98.8, not by 99.2.
    expect(stops).toEqual(['100.5', '99.5', '99.3']);
    expect((await taker.trading.openOrders()).find((o) => o.id === id)).toMatchObject({ status: 'untriggered', stopPrice: '99.3' });
  });

  it('shares trades and quotes of a symbol with no account behind them, and a market order that leaves a rest ends cancelled', async () => {
    const market = new InProcessMarketData(platform.running.ctx);
    const heard: MarketEvent[] = [];
    const stop = market.ticks('S01', (event) => heard.push(event));
    const taker = users.ports('taker');
    const own: MarketEvent[] = [];
    const stopOwn = taker.feed.subscribe([], [], (event) => own.push(event));
    // 3 left on the ask at 101; a market buy of 5 takes them and its rest is cancelled.
    const buy = await taker.trading.place({ symbol: 'S01', side: 'buy', type: 'market', qty: '5' });
    if (!buy.ok) throw new Error(buy.message);
    await settled();
    stop();
    stopOwn();
    expect(heard.filter((e) => e.kind === 'trade').map((e) => e.kind === 'trade' && [e.trade.price, e.trade.qty, e.trade.takerSide])).toEqual([['101', '3', 'buy']]);
    expect(heard.some((e) => e.kind === 'quote' && e.quote.symbol === 'S01' && e.quote.askPrice === null)).toBe(true);
    expect(heard.every((e) => e.kind === 'trade' || e.kind === 'quote')).toBe(true);
    const last = own.filter((e) => e.kind === 'order' && e.order.id === buy.orders[0]!.id).at(-1);
    expect(last?.kind === 'order' && [last.order.status, last.order.filledQty]).toEqual(['cancelled', '3']);
  });
});
