// Tests for the event projector on both dialects: order lifecycles, batching, idempotence, agreement with the engine.
import { expect, it } from 'vitest';
import type { EngineEvent } from '../core/events.ts';
import type { OrderRequest, TimeInForce } from '../core/orders.ts';
import { SeededRandom } from '../core/rng.ts';
import { Engine } from '../engine/engine.ts';
import { A, ACME, B, C, D, acceptedId, oneOf, setupMarket, type MarketHarness } from '../engine/test-support.ts';
import type { Store } from './database.ts';
import { acceptedOrders } from './projection-batch.ts';
import { EventProjector } from './projector.ts';
import type { OrderStatus } from './schema.ts';
import { T0, describeEachDialect, dumpReadModel, expectMatchesEngine } from './test-support.ts';

/** Projects `events` in batches of `size` (default: all at once). */
async function project(store: Store, events: readonly EngineEvent[], size = events.length || 1): Promise<void> {
  for (let i = 0; i < events.length; i += size) await store.projector.apply(events.slice(i, i + size));
}

/** Projects `events` in batches of random sizes from 1 to `max`. */
async function projectRandomly(store: Store, events: readonly EngineEvent[], rng: SeededRandom, max: number): Promise<void> {
  for (let i = 0; i < events.length; ) {
    const size = rng.int(1, max);
    await store.projector.apply(events.slice(i, i + size));
    i += size;
  }
}

async function statusOf(store: Store, accountId: number, orderId: number): Promise<OrderStatus | undefined> {
  return (await store.orders.byId(accountId, orderId))?.status;
}

/** Every event the market has produced since `from`, advancing `from`. */
function since(m: MarketHarness, mark: { at: number }): EngineEvent[] {
  const events = m.events.slice(mark.at);
  mark.at = m.events.length;
  return events;
}

/**
 * A seeded session of every kind of order on ACME among accounts A to D: limits of every time in
 * force, markets, stops, OCOs and brackets, with cancels and replaces of live orders and session ends.
 */
function randomSession(seed: number, commands: number): MarketHarness {
  const m = setupMarket(new Engine());
  const rng = new SeededRandom(seed);
  const tifs: readonly TimeInForce[] = ['gtc', 'gtc', 'day', 'ioc', 'fok', 'gtd'];
  for (let i = 0; i < commands; i++) {
    const accountId = rng.int(A, D);
    const side = rng.next() < 0.5 ? 'buy' : 'sell';
    const sign = side === 'buy' ? 1 : -1;
    const last = m.engine.lastPrice(ACME)!;
    const qty = rng.int(1, 8);
    const live = m.engine.liveOrders(accountId);
    const roll = rng.next();
    if (roll < 0.1 && live.length > 0) {
      m.cancel(accountId, rng.pick(live).id);
    } else if (roll < 0.18 && live.length > 0) {
      m.replace(accountId, rng.pick(live).id, rng.next() < 0.5 ? { qty: rng.int(1, 8) } : { price: last + rng.int(-20, 20) });
    } else if (roll < 0.26) {
      const kind = rng.pick(['stop', 'stop_limit', 'trailing_stop'] as const);
      const stopPrice = last - sign * rng.int(1, 15);
      const order: OrderRequest =
        kind === 'trailing_stop'
          ? { accountId, symbol: ACME, side, type: kind, qty, trailAmount: rng.int(2, 15) }
          : { accountId, symbol: ACME, side, type: kind, qty, stopPrice, ...(kind === 'stop_limit' ? { price: stopPrice - sign * 5 } : {}) };
      m.place(order);
    } else if (roll < 0.31) {
      m.apply({
        type: 'placeOco',
        legs: [
          { accountId, symbol: ACME, side, type: 'limit', qty, price: last - sign * rng.int(1, 20) },
          { accountId, symbol: ACME, side, type: 'stop', qty, stopPrice: last + sign * rng.int(1, 20) },
        ],
      });
    } else if (roll < 0.36) {
      const entry: OrderRequest = { accountId, symbol: ACME, side, type: 'limit', qty, price: last + rng.int(-10, 10) };
      m.apply({ type: 'placeBracket', entry, takeProfitPrice: last + sign * rng.int(15, 30), stopLossPrice: last - sign * rng.int(15, 30) });
    } else if (roll < 0.38) {
      m.apply({ type: 'endSession' });
    } else if (roll < 0.45) {
      m.place({ accountId, side, type: 'market', qty });
    } else {
      const tif = rng.pick(tifs);
      m.place({ accountId, side, type: 'limit', qty, price: last + rng.int(-15, 15), tif, ...(tif === 'gtd' ? { expireAt: m.now + rng.int(2, 40) } : {}) });
    }
  }
  return m;
}

describeEachDialect(
  'event projector',
  (suite) => {
    it('follows an order from resting through partial to full fill, with its notional', async () => {
      const store = suite.store();
      const m = setupMarket(new Engine());
      const mark = { at: 0 };
      const ask1 = m.limit(A, 'sell', 3, 10000);
      const ask2 = m.limit(A, 'sell', 3, 10010);
      const bid = m.limit(B, 'buy', 10, 10010);
      await project(store, since(m, mark));
      expect(await store.orders.byId(B, bid)).toMatchObject({ status: 'partially_filled', filledQty: 6, leavesQty: 4, filledNotional: 3 * 10000 + 3 * 10010 });
      expect(await statusOf(store, A, ask1)).toBe('filled');
      expect(await statusOf(store, A, ask2)).toBe('filled');
      m.limit(C, 'sell', 4, 10010);
      await project(store, since(m, mark));
      expect(await store.orders.byId(B, bid)).toMatchObject({ status: 'filled', filledQty: 10, leavesQty: 0, filledNotional: 3 * 10000 + 7 * 10010, updatedAt: m.now });
      const tape = await store.trades.recent(ACME, 10);
      expect(tape.map((trade) => [trade.price, trade.qty, trade.takerSide])).toEqual([
        [10010, 4, 'sell'],
        [10010, 3, 'buy'],
        [10000, 3, 'buy'],
      ]);
      const fills = (await store.fills.list(B, { orderId: bid })).items;
      expect(fills.map((fill) => [fill.price, fill.qty, fill.liquidity])).toEqual([
        [10010, 4, 'maker'],
        [10010, 3, 'taker'],
        [10000, 3, 'taker'],
      ]);
      await expectMatchesEngine(store, m.engine, [A, B, C, D]);
    });

    it('moves a trailing stop\'s stop price and water mark with each StopMoved, in the batch of its acceptance or a later one, and keeps the last after it fills', async () => {
      const store = suite.store();
      const m = setupMarket(new Engine());
      const mark = { at: 0 };
      const sell = m.placeId({ accountId: D, side: 'sell', type: 'trailing_stop', qty: 2, trailAmount: 100 });
      // Placed at the last price of 10000: that is its water mark until a trade moves it.
      expect(acceptedOrders(m.events.slice(mark.at))).toMatchObject([{ id: sell, stopPrice: 9900, waterMark: 10000 }]);
      m.trade(A, B, 1, 10050);
      // Accepted and moved in one batch: the inserted row carries the move.
      await project(store, since(m, mark));
      expect(await store.orders.byId(D, sell)).toMatchObject({ status: 'untriggered', stopPrice: 9950, waterMark: 10050 });
      const movedAt = oneOf(m.trade(A, B, 1, 10200), 'StopMoved').ts;
      m.trade(A, B, 1, 10150);
      await project(store, since(m, mark));
      expect(await store.orders.byId(D, sell)).toMatchObject({ status: 'untriggered', stopPrice: 10100, waterMark: 10200, updatedAt: movedAt });
      await expectMatchesEngine(store, m.engine, [A, B, C, D]);

      const buy = m.placeId({ accountId: C, side: 'buy', type: 'trailing_stop', qty: 1, trailAmount: 100 });
      // Accepted in a batch of its own, it shows the last price it starts from.
      await project(store, since(m, mark));
      expect(await store.orders.byId(C, buy)).toMatchObject({ stopPrice: 10250, waterMark: 10150 });
      m.trade(A, B, 1, 10120);
      await project(store, since(m, mark));
      expect(await store.orders.byId(C, buy)).toMatchObject({ stopPrice: 10220, waterMark: 10120 });
      expect(await store.orders.byId(D, sell)).toMatchObject({ stopPrice: 10100, waterMark: 10200 });

      // The sell triggers and fills; its row still shows the stop it triggered at.
      m.limit(A, 'buy', 2, 10000);
      m.trade(A, B, 1, 10100);
      await project(store, since(m, mark));
      expect(await store.orders.byId(D, sell)).toMatchObject({ status: 'filled', stopPrice: 10100, waterMark: 10200 });
      // The sell's fill at the bid of 10000 is a new low for the buy.
      expect(await store.orders.byId(C, buy)).toMatchObject({ status: 'untriggered', stopPrice: 10100, waterMark: 10000 });
      // Other orders have none.
      expect((await store.db.selectFrom('orders').select('waterMark').where('orderType', '!=', 'trailing_stop').execute()).every((row) => row.waterMark === null)).toBe(true);
      await expectMatchesEngine(store, m.engine, [A, B, C, D]);
    });

    it('records cancels, IOC remainders, replaces and expiries with their reasons', async () => {
      const store = suite.store();
      const m = setupMarket(new Engine());
      const mark = { at: 0 };
      const resting = m.limit(A, 'buy', 10, 9990, { clientOrderId: 'mine' });
      await project(store, since(m, mark));
      m.replace(A, resting, { qty: 6, price: 9995 });
      const ioc = acceptedId(m.place({ accountId: B, side: 'buy', type: 'limit', qty: 5, price: 9900, tif: 'ioc' }));
      const day = m.limit(C, 'sell', 2, 10300, { tif: 'day' });
      await project(store, since(m, mark));
      expect(await store.orders.byClientOrderId(A, 'mine')).toMatchObject({ id: resting, status: 'open', qty: 6, leavesQty: 6, price: 9995 });
      expect(await store.orders.byId(B, ioc)).toMatchObject({ status: 'cancelled', reason: 'IOC_UNFILLED', leavesQty: 0, filledQty: 0 });
      m.cancel(A, resting);
      m.apply({ type: 'endSession' });
      await project(store, since(m, mark));
      expect(await store.orders.byId(A, resting)).toMatchObject({ status: 'cancelled', reason: 'USER_CANCELLED', leavesQty: 0 });
      expect(await store.orders.byId(C, day)).toMatchObject({ status: 'expired', reason: 'EXPIRED_DAY', leavesQty: 0 });
      await expectMatchesEngine(store, m.engine, [A, B, C, D]);
    });

    it('moves stops, brackets and OCO legs through their waiting states', async () => {
      const store = suite.store();
      const m = setupMarket(new Engine());
      const mark = { at: 0 };
      const stop = m.placeId({ accountId: D, side: 'sell', type: 'stop', qty: 2, stopPrice: 9950 });
      m.apply({ type: 'placeBracket', entry: { accountId: C, symbol: ACME, side: 'buy', type: 'limit', qty: 5, price: 9980 }, takeProfitPrice: 10300, stopLossPrice: 9700 });
      const [entry, takeProfit, stopLoss] = m.engine.liveOrders(C).map((order) => order.id);
      m.apply({
        type: 'placeOco',
        legs: [
          { accountId: B, symbol: ACME, side: 'sell', type: 'limit', qty: 4, price: 10200 },
          { accountId: B, symbol: ACME, side: 'sell', type: 'stop', qty: 4, stopPrice: 9600 },
        ],
      });
      const [ocoLimit, ocoStop] = m.engine.liveOrders(B).map((order) => order.id);
      await project(store, since(m, mark));
      expect(await statusOf(store, D, stop)).toBe('untriggered');
      expect([await statusOf(store, C, entry!), await statusOf(store, C, takeProfit!), await statusOf(store, C, stopLoss!)]).toEqual(['open', 'pending_parent', 'pending_parent']);

      // The entry fills, so its legs go live: the take-profit rests, the stop-loss waits for its price.
      m.limit(A, 'sell', 5, 9980);
      await project(store, since(m, mark));
      expect([await statusOf(store, C, entry!), await statusOf(store, C, takeProfit!), await statusOf(store, C, stopLoss!)]).toEqual(['filled', 'open', 'untriggered']);
      expect(await store.orders.byId(C, takeProfit!)).toMatchObject({ qty: 5, leavesQty: 5 });

      // A partial fill of one OCO leg shrinks the other; the rest of the fill cancels it.
      m.limit(A, 'buy', 1, 10200);
      await project(store, since(m, mark));
      expect(await store.orders.byId(B, ocoStop!)).toMatchObject({ status: 'untriggered', qty: 3, leavesQty: 3 });
      m.limit(A, 'buy', 3, 10200);
      // A trade at 9950 fires the plain stop, which sells into the bid below.
      m.limit(A, 'buy', 5, 9940);
      m.trade(B, A, 1, 9950);
      await project(store, since(m, mark));
      expect(await store.orders.byId(B, ocoLimit!)).toMatchObject({ status: 'filled', filledQty: 4 });
      expect(await store.orders.byId(B, ocoStop!)).toMatchObject({ status: 'cancelled', reason: 'OCO_SIBLING_DONE' });
      expect(await store.orders.byId(D, stop)).toMatchObject({ status: 'filled', filledQty: 2, filledNotional: 2 * 9940 });
      await expectMatchesEngine(store, m.engine, [A, B, C, D]);
    });

    it('skips a batch applied twice and batches that overlap', async () => {
      const store = suite.store();
      const m = setupMarket(new Engine());
      for (let i = 0; i < 10; i++) m.trade(A, B, 1 + i, 10000 + i);
      const events = m.events;
      const first = await store.projector.apply(events, { 'journal.position': 7 });
      expect(first).toEqual({ applied: events.length, skipped: 0, lastSeq: events.at(-1)!.seq });
      const once = await dumpReadModel(store);
      expect(await store.projector.apply(events)).toEqual({ applied: 0, skipped: events.length, lastSeq: events.at(-1)!.seq });
      expect(await dumpReadModel(store)).toEqual(once);

      const overlapping = await suite.open();
      const cut = Math.floor(events.length / 2);
      await overlapping.projector.apply(events.slice(0, cut + 10), { 'journal.position': 3 });
      expect(await overlapping.projector.apply(events.slice(cut), { 'journal.position': 7 })).toMatchObject({ skipped: 10 });
      expect(await dumpReadModel(overlapping)).toEqual(once);
      expect(await overlapping.projector.watermark()).toBe(events.at(-1)!.seq);
    });

    it('gives the same read model whatever the batch boundaries, and agrees with the engine', async () => {
      const m = randomSession(20_240_601, 300);
      const engine = m.engine;
      const events = m.events;
      const types = new Set(events.map((event) => event.type));
      for (const type of ['OrderTriggered', 'OrderReplaced', 'StopMoved', 'OrderExpired', 'Fill', 'OrderCancelled'] as const) expect(types).toContain(type);

      // Small batches put most of an order's events in other batches than its acceptance, and
      // comparing at several points catches states (like a waiting bracket leg) that end before the end.
      const whole = suite.store();
      const chunked = [
        { store: await suite.open(), rng: new SeededRandom(1), max: 6 },
        { store: await suite.open(), rng: new SeededRandom(2), max: 60 },
      ];
      let from = 0;
      for (const to of [0.2, 0.4, 0.6, 0.8, 1].map((share) => Math.floor(events.length * share))) {
        await whole.projector.apply(events.slice(from, to));
        for (const { store, rng, max } of chunked) await projectRandomly(store, events.slice(from, to), rng, max);
        const expected = await dumpReadModel(whole);
        for (const { store } of chunked) expect(await dumpReadModel(store)).toEqual(expected);
        from = to;
      }
      await expectMatchesEngine(whole, engine, [A, B, C, D]);
    });

    it('stores candles in the same transaction, and nothing when the batch fails', async () => {
      const store = suite.store();
      const m = setupMarket(new Engine());
      m.trade(A, B, 2, 10000);
      const candle = { symbol: ACME, interval: '1m', openTime: T0, open: 10000, high: 10000, low: 10000, close: 10000, volume: 2, quoteVolume: 20000, trades: 1 } as const;
      await store.projector.apply(m.events, {}, [candle]);
      expect((await store.candles.candles(ACME, '1m')).items).toEqual([candle]);
      const before = m.events.length;
      m.trade(A, B, 1, 10010);
      const events = m.events.slice(before);
      const stored = await dumpReadModel(store);
      await expect(store.projector.apply(events, { 'journal.position': 9 }, [{ ...candle, close: 10010, interval: 'bad' as '1m' }])).rejects.toThrow();
      expect(await dumpReadModel(store)).toEqual(stored);
      expect(await store.projector.watermark()).toBe(events[0]!.seq - 1);
    });

    it('shows the orders a command accepted as the read model will hold them', () => {
      const m = setupMarket(new Engine());
      m.limit(A, 'sell', 2, 10000);
      const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 5, price: 10000, clientOrderId: 'x', postOnly: false });
      expect(acceptedOrders(events)).toEqual([
        expect.objectContaining({ accountId: B, clientOrderId: 'x', status: 'partially_filled', qty: 5, filledQty: 2, leavesQty: 3, filledNotional: 20000, postOnly: false }),
      ]);
    });

    it('keeps separate watermarks per key', async () => {
      const store = suite.store();
      const m = setupMarket(new Engine());
      const other = new EventProjector(store.db, { watermarkKey: 'replica.seq' });
      await store.projector.apply(m.events);
      expect(await other.watermark()).toBe(0);
      expect(await store.projector.watermark()).toBe(m.engine.eventSeq);
      expect(await store.meta.get('projector.seq')).toBe(m.engine.eventSeq);
    });
  },
  { perTest: true },
);
