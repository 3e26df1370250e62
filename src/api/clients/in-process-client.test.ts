// Tests for the in-process feed's history: it holds every bar the feed already delivered, though feeds go out before the store has them.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../journal/test-support.ts';
import { Exchange } from '../../platform/exchange.ts';
import { fundedAccount, QuietLogger, RISK_MARKETS } from '../../platform/risk/risk-test-support.ts';
import { openStore, type Store } from '../../store/index.ts';
import type { MarketEvent } from '../../strategy/ports.ts';
import type { ApiContext } from '../context.ts';
import { Formatter } from '../views.ts';
import { InProcessFeedPort } from './in-process-client.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 10);

let dir: string;
let store: Store;
let exchange: Exchange;
const clock = { now: T0 };

beforeEach(async () => {
  dir = await tempDir('bourse-in-process-');
  clock.now = T0;
  store = await openStore({ sqlitePath: join(dir, 'bourse.sqlite'), projectInWorker: true });
  // A store write timer far longer than the test: only a reader that waits for the store sees the trade.
  exchange = await Exchange.open({ dataDir: join(dir, 'journal'), store, markets: RISK_MARKETS, logger: new QuietLogger(), clock: () => clock.now, tickMs: 0, coalesceMs: 10 * MINUTE });
});

afterEach(async () => {
  await exchange.close();
  await store.close();
});

/** A million dollars and 100,000 shares. */
const funded = (): Promise<number> => fundedAccount(exchange, 100_000_000, 100_000);

describe('the in-process feed', () => {
  it('history holds a bar the feeds sent before the bot subscribed, though its batch is still waiting to be stored', async () => {
    const [maker, taker] = [await funded(), await funded()];
    const ctx = { exchange, store, format: new Formatter(exchange.engine) } as unknown as ApiContext;
    // Another bot already follows the bars, so the closed one goes out.
    const bars: MarketEvent[] = [];
    const stopOther = new InProcessFeedPort(ctx, maker).subscribe(['ACME'], ['1m'], (event) => event.kind === 'bar' && bars.push(event));
    const order = (accountId: number, side: 'buy' | 'sell') => exchange.submit({ type: 'placeOrder', ts: exchange.now(), order: { accountId, symbol: 'ACME', side, type: 'limit', qty: 2, price: 10_000 } });
    await order(maker, 'sell');
    await order(taker, 'buy');
    clock.now += MINUTE;
    await exchange.tick();
    expect(bars).toHaveLength(1);
    // A bot starting now subscribes, then reads its history: the bar it missed must be there.
    const port = new InProcessFeedPort(ctx, taker);
    const stop = port.subscribe(['ACME'], ['1m'], () => undefined);
    const history = await port.history('ACME', '1m', 10);
    stop();
    stopOther();
    expect(history.map((bar) => [bar.openTime, bar.close, bar.volume])).toEqual([[T0 - 10_000, '100', '2']]);
  });
});
