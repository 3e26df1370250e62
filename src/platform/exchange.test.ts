// Tests for the commit pipeline: submit answers at durability, settled() lets reads catch up, and batches reach the store and the feeds in journal order.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../core/events.ts';
import { tempDir } from '../journal/test-support.ts';
import { openStore, type Store } from '../store/index.ts';
import { Exchange } from './exchange.ts';
import { fundedAccount, QuietLogger, RISK_MARKETS } from './risk/risk-test-support.ts';
import { topics } from './topics.ts';

let dir: string;
let store: Store;
let exchange: Exchange;
let logger: QuietLogger;

beforeEach(async () => {
  dir = await tempDir('bourse-exchange-');
  logger = new QuietLogger();
  store = await openStore({ sqlitePath: join(dir, 'bourse.sqlite'), projectInWorker: true });
  exchange = await Exchange.open({ dataDir: join(dir, 'journal'), store, markets: RISK_MARKETS, logger, tickMs: 0 });
});

afterEach(async () => {
  await exchange.close();
  await store.close();
});

/** A million dollars and 100,000 shares. */
const funded = (): Promise<number> => fundedAccount(exchange, 100_000_000, 100_000);

const place = (accountId: number, side: 'buy' | 'sell', price: number, qty = 1) =>
  exchange.submit({ type: 'placeOrder', ts: exchange.now(), order: { accountId, symbol: 'ACME', side, type: 'limit', qty, price } });

const accepted = (events: readonly EngineEvent[]) => events.flatMap((e) => (e.type === 'OrderAccepted' ? [e.orderId] : []));

describe('exchange commit pipeline', () => {
  it('submit answers once durable; after settled() the store and the feeds hold the order', async () => {
    const accountId = await funded();
    const events = await place(accountId, 'buy', 9_000, 3);
    const [orderId] = accepted(events);
    expect(orderId).toBeDefined();
    await exchange.settled();
    expect(await store.orders.byId(accountId, orderId!)).toMatchObject({ id: orderId, status: 'open', qty: 3 });
    expect(exchange.feed.depth('ACME').bids[0]).toEqual([9_000, 3]);
    expect(logger.errors).toEqual([]);
  });

  it('many placements in flight: every one is stored and published once, in journal order', async () => {
    const buyer = await funded();
    const seller = await funded();
    const committed: number[] = [];
    const stop = exchange.bus.subscribe(topics.committed, (message) => {
      if (message.kind === 'committed') committed.push(message.seq);
    });
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? place(buyer, 'buy', 9_990 + (i % 7)) : place(seller, 'sell', 9_995 + (i % 5)))));
    await exchange.settled();
    stop();
    expect(replies.flatMap(accepted)).toHaveLength(200);
    expect(committed).toEqual([...committed].sort((a, b) => a - b));
    expect(committed.at(-1)).toBe(exchange.committedSeq);
    const stored = await Promise.all(replies.map((events, i) => store.orders.byId(i % 2 === 0 ? buyer : seller, accepted(events)[0]!)));
    expect(stored.every((row) => row !== undefined)).toBe(true);
    // The published book is the engine's book once everything is settled.
    const book = exchange.engine.book('ACME')!;
    const levels = (side: 'buy' | 'sell') => book.depth(side, 50).map(([price, qty]) => [price, qty]);
    expect(exchange.feed.depth('ACME').bids).toEqual(levels('buy'));
    expect(exchange.feed.depth('ACME').asks).toEqual(levels('sell'));
    expect(logger.errors).toEqual([]);
  });

  it('a restart keeps every acknowledged order in the read models', async () => {
    const accountId = await funded();
    const ids = (await Promise.all(Array.from({ length: 50 }, (_, i) => place(accountId, 'buy', 9_000 + i)))).flatMap(accepted);
    await exchange.close();
    await store.close();
    store = await openStore({ sqlitePath: join(dir, 'bourse.sqlite'), projectInWorker: true });
    exchange = await Exchange.open({ dataDir: join(dir, 'journal'), store, markets: RISK_MARKETS, logger, tickMs: 0 });
    for (const id of ids) expect(await store.orders.byId(accountId, id)).toMatchObject({ id, status: 'open' });
  });

  it('with coalesceMs, placements share store writes, and reads, cancels and close never wait for the timer', async () => {
    await exchange.close();
    // A timer far longer than the test: anything that waited for it would time out.
    exchange = await Exchange.open({ dataDir: join(dir, 'journal'), store, markets: RISK_MARKETS, logger, tickMs: 0, coalesceMs: 60_000 });
    let writes = 0;
    const apply = store.projector.apply.bind(store.projector);
    store.projector.apply = (...args) => {
      writes++;
      return apply(...args);
    };
    const accountId = await funded();
    const before = writes;
    // Placements answer at durability; their store write waits for more.
    const ids = (await Promise.all(Array.from({ length: 20 }, (_, i) => place(accountId, 'buy', 9_000 + i)))).flatMap(accepted);
    for (let i = 0; i < 5; i++) ids.push(...accepted(await place(accountId, 'buy', 8_000 + i)));
    expect(writes).toBe(before);
    // A read-after-write starts the waiting write at once: one write for every placement so far.
    await exchange.settled();
    expect(writes).toBe(before + 1);
    for (const id of ids) expect(await store.orders.byId(accountId, id)).toMatchObject({ id, status: 'open' });
    // A cancel answers after its commit, and does not wait for the timer either.
    const late = accepted(await place(accountId, 'buy', 7_000))[0]!;
    const cancelled = await exchange.execute({ type: 'cancelOrder', ts: exchange.now(), accountId, orderId: late });
    expect(cancelled.some((e) => e.type === 'OrderCancelled')).toBe(true);
    expect(await store.orders.byId(accountId, late)).toMatchObject({ status: 'cancelled' });
    // Close stores what waits.
    const last = accepted(await place(accountId, 'buy', 7_500))[0]!;
    await exchange.close();
    expect(await store.orders.byId(accountId, last)).toMatchObject({ status: 'open' });
    expect(logger.errors).toEqual([]);
  });
});
