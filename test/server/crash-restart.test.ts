// `bourse start` as a real process: kill -9 while a client trades loses no acknowledged order; SIGTERM exits 0 with a snapshot.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api } from '../support/http-client.ts';
import { TestPlatform } from '../support/platform.ts';
import { killServerProcesses, startServerProcess } from '../support/server-process.ts';
import { accountState, expectLedgerMatchesBalances } from '../support/state.ts';
import { tempDir } from '../support/temp-dir.ts';
import { newTrader, PASSWORD, type Trader } from '../support/traders.ts';
import type { OrderView } from '../support/views.ts';

const scale = (asset: string) => (asset === 'USD' ? 6 : 0);

let dataDir: string;
beforeEach(async () => {
  dataDir = await tempDir('bourse-crash-it-');
});
afterEach(() => {
  killServerProcesses();
});

/** Logs in again on another server (the data dir's signing key and users are the same). */
async function relogin(trader: Trader, url: string): Promise<Api> {
  return new Api(url).withToken((await new Api(url).login(trader.name, PASSWORD)).accessToken);
}

describe('the server process', () => {
  it('after kill -9 mid-trading, every acknowledged order is back with its id, and balances match the ledger', async () => {
    const server = await startServerProcess(['--data-dir', dataDir]);
    const buyer = await newTrader(server.url, { USD: '1000000' });
    const seller = await newTrader(server.url, { AAPL: '100000', USD: '1000' });
    const acked: OrderView[] = [];
    let killed = false;
    /** Places orders, some crossing, until the server dies; keeps every 2xx. */
    const loop = async (trader: Trader, side: 'buy' | 'sell', prefix: string) => {
      for (let i = 0; ; i++) {
        const price = side === 'buy' ? 185 + (i % 6) : 190 + (i % 6);
        try {
          const reply = await trader.api.placeOrderReply({ symbol: 'AAPL', side, type: 'limit', qty: String(1 + (i % 4)), price: String(price), clientOrderId: `${prefix}-${i}` });
          if (reply.status < 200 || reply.status > 299) throw new Error(`unexpected ${reply.status}: ${reply.text}`);
          acked.push((reply.body as { order: OrderView }).order);
          if (acked.length >= 80 && !killed) {
            killed = true;
            server.child.kill('SIGKILL');
          }
        } catch (error) {
          if (killed) return;
          throw error;
        }
      }
    };
    await Promise.all([loop(buyer, 'buy', 'b1'), loop(buyer, 'buy', 'b2'), loop(seller, 'sell', 's1'), loop(seller, 'sell', 's2')]);
    expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(acked.length).toBeGreaterThanOrEqual(80);

    const restarted = await TestPlatform.start({ dataDir });
    try {
      const [b, s] = [await relogin(buyer, restarted.url), await relogin(seller, restarted.url)];
      for (const order of acked) {
        const stored = await (order.side === 'buy' ? b : s).order(order.id);
        // Later orders may have traded against it; what it is stays as acknowledged.
        expect(stored).toMatchObject({ id: order.id, clientOrderId: order.clientOrderId, side: order.side, price: order.price, qty: order.qty, createdAt: order.createdAt });
      }
      const buyerState = await accountState(b);
      const sellerState = await accountState(s);
      expect(buyerState.fills.length).toBeGreaterThan(0);
      expectLedgerMatchesBalances(buyerState, scale);
      expectLedgerMatchesBalances(sellerState, scale);
      // The journal and the read models agree on every order: none acknowledged is missing from the list.
      const listed = new Set([...buyerState.orders, ...sellerState.orders].map((o) => o.id));
      expect(acked.filter((o) => !listed.has(o.id))).toEqual([]);
      expect((await b.placeOrder({ symbol: 'AAPL', side: 'buy', type: 'limit', qty: '1', price: '180' })).status).toBe('open');
    } finally {
      await restarted.close();
    }
  });

  it('SIGTERM finishes requests, exits 0 and leaves a snapshot the next start recovers from without replay', async () => {
    const server = await startServerProcess(['--data-dir', dataDir]);
    const trader = await newTrader(server.url, { USD: '10000' });
    const order = await trader.api.placeOrder({ symbol: 'MSFT', side: 'buy', type: 'limit', qty: '2', price: '400' });
    const pending = trader.api.placeOrderReply({ symbol: 'MSFT', side: 'buy', type: 'limit', qty: '1', price: '401' });
    server.child.kill('SIGTERM');
    const last = await pending.catch(() => undefined);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.logs.map((l) => l.msg)).toContain('Bourse stopped: journal flushed, snapshot written');
    expect((await readdir(join(dataDir, 'journal'))).some((name) => name.includes('snapshot'))).toBe(true);

    const restarted = await TestPlatform.start({ dataDir });
    try {
      const recovered = restarted.logs.lines().find((l) => l.msg === 'exchange recovered');
      expect(recovered).toMatchObject({ replayed: 0 });
      expect(recovered?.snapshotSeq).toBe(recovered?.lastSeq);
      const api = await relogin(trader, restarted.url);
      expect(await api.order(order.id)).toMatchObject({ status: 'open', qty: '2', price: '400' });
      if (last?.status === 201) expect((await api.order((last.body as { order: OrderView }).order.id)).price).toBe('401');
    } finally {
      await restarted.close();
    }
  });
});
