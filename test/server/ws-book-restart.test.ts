// A book's seq belongs to one server process: after a restart the same book comes with a new sequence, so a client resyncs on the new snapshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Counterparties } from '../support/market.ts';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import type { BookView } from '../support/views.ts';
import { dataOf, WsClient } from '../support/ws-client.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
});
afterAll(async () => {
  await platform.dispose();
});

async function bookSnapshot(): Promise<BookView> {
  const ws = await WsClient.connect(platform.wsUrl);
  await ws.request({ op: 'subscribe', channels: ['book:S09'] });
  const snapshot = dataOf<BookView>(await ws.waitFor((m) => m.channel === 'book:S09' && m.type === 'snapshot'));
  await ws.close();
  return snapshot;
}

describe('book seq across a restart', () => {
  it('starts a new sequence: the snapshot after a restart has the same levels and a seq that does not continue the old one', async () => {
    const cp = await Counterparties.create(platform.url, ['S09']);
    for (const price of ['99', '98', '97', '96', '95']) await cp.quote('S09', 'buy', price);
    for (const price of ['101', '102', '103', '104', '105']) await cp.quote('S09', 'sell', price);
    await cp.trade('S09', '100.5');
    const before = await bookSnapshot();
    expect(before.seq).toBeGreaterThanOrEqual(12);

    await platform.restart();
    const after = await bookSnapshot();
    expect({ bids: after.bids, asks: after.asks }).toEqual({ bids: before.bids, asks: before.asks });
    expect(after.seq).toBeLessThan(before.seq);
  });
});
