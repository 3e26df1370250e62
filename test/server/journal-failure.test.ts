// A journal that fails under a running server (a full disk: ENOSPC from /dev/full): /healthz and every command say 503, the failure is logged once, shutdown is clean, and a restart recovers.
import { open, type FileHandle } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { BotUsers } from '../support/bot-users.ts';
import { expectError } from '../support/expect-error.ts';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { rebind } from '../support/state.ts';
import { newTrader } from '../support/traders.ts';
import { WsClient } from '../support/ws-client.ts';

/** The journal file under the running exchange; its handle is the seam journal-file.test.ts uses too. */
interface JournalInside {
  durable: { journal: { fh: FileHandle } };
}

let platform: TestPlatform | undefined;
let realHandle: FileHandle | undefined;
afterEach(async () => {
  await platform?.dispose();
  await realHandle?.close().catch(() => undefined);
  platform = realHandle = undefined;
});

/** Points the journal's writes at /dev/full, where every write fails with ENOSPC as on a full disk. */
async function fillDisk(running: TestPlatform): Promise<void> {
  const journal = (running.running.ctx.exchange as unknown as JournalInside).durable.journal;
  realHandle = journal.fh;
  journal.fh = await open('/dev/full', 'r+');
}

describe('a journal that fails under the running server', () => {
  it('answers /healthz and every command with 503 UNAVAILABLE, logs it once, shows it in metrics, and shuts down cleanly', async () => {
    platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
    const trader = await newTrader(platform.url, { USD: '1000' });
    const users = new BotUsers(platform.running.ctx);
    await users.provision('bot', { USD: '1000' });
    const healthy = await platform.api().call<{ status: string; journalSeq: number }>('GET', '/healthz');
    expect(healthy.status).toBe(200);
    expect(healthy.body.status).toBe('ok');
    expect((await platform.api().call('GET', '/metrics')).text).toMatch(/^bourse_journal_failed 0$/m);

    const ws = await WsClient.connect(platform.wsUrl);
    await ws.request({ op: 'auth', token: trader.session.accessToken });

    await fillDisk(platform);
    const order = (i: number) => ({ symbol: 'S01', side: 'buy', type: 'limit', qty: '1', price: String(90 + (i % 5)) });
    const replies = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => trader.api.call('POST', '/api/v1/orders', { json: order(i) })),
      trader.api.call('POST', '/api/v1/account/deposits', { json: { asset: 'USD', amount: '5' } }),
    ]);
    // Later commands find the journal failed before they are journaled; they are refused the same way.
    replies.push(await trader.api.call('POST', '/api/v1/orders', { json: order(0) }));
    replies.push(await platform.api().call('POST', '/api/v1/auth/register', { json: { username: 'after-the-failure', password: 'correct horse battery' } }));
    for (const reply of replies) {
      const body = expectError(reply, 503, 'UNAVAILABLE');
      expect(body.message).toContain('ENOSPC');
      expect(body.message).toContain('restart the server');
      expect(body.message).not.toContain(platform.dataDir);
    }

    // Over WebSocket too.
    const wsReply = await ws.request({ op: 'place', order: order(1) });
    expect(wsReply).toMatchObject({ type: 'error', code: 'UNAVAILABLE', message: expect.stringContaining('ENOSPC') as unknown });
    await ws.close();

    // A bot's order is refused the same way, as a result it can wait out rather than an error that restarts it.
    const bot = await users.ports('bot').trading.place({ symbol: 'S01', side: 'buy', type: 'limit', qty: '1', price: '90' });
    expect(bot).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
    expect(bot.ok ? '' : bot.message).toContain('ENOSPC');

    const health = await platform.api().call('GET', '/healthz');
    const failing = expectError(health, 503, 'UNAVAILABLE');
    expect(failing.details).toMatchObject({ status: 'failing', journalSeq: healthy.body.journalSeq });
    expect((failing.details as { reason: string }).reason).toMatch(/journal failed \(ENOSPC/);
    expect((await platform.api().call('GET', '/metrics')).text).toMatch(/^bourse_journal_failed 1$/m);
    // Reads go on: what was acknowledged before the failure is there.
    expect((await trader.api.balances()).find((b) => b.asset === 'USD')?.total).toBe('1000');

    const logs = platform.logs.lines();
    expect(logs.filter((line) => String(line.msg).startsWith('the journal failed'))).toHaveLength(1);
    expect(logs.filter((line) => line.msg === 'unhandled error' || Number(line.level) >= 50 && !String(line.msg).startsWith('the journal failed'))).toEqual([]);

    await platform.close();
    const stopped = platform.logs.lines().map((line) => String(line.msg));
    expect(stopped.some((msg) => msg.startsWith('the exchange stopped after a failure: the journal was not flushed and no snapshot was written'))).toBe(true);
    expect(stopped).not.toContain('Bourse stopped: journal flushed, snapshot written');
    expect(stopped).toContain('Bourse stopped after a failure: the journal was not flushed and no snapshot was written');

    // A restart recovers what was durable, and the exchange takes commands again.
    await platform.open();
    const again = await platform.api().call<{ status: string }>('GET', '/healthz');
    expect(again.body.status).toBe('ok');
    const api = rebind(trader.api, platform.url);
    expect((await api.balances()).find((b) => b.asset === 'USD')?.total).toBe('1000');
    expect((await api.deposit('USD', '5')).find((b) => b.asset === 'USD')?.total).toBe('1005');
  });
});
