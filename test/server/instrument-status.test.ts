// Halting and resuming one symbol over HTTP: refusals while halted, cancels and resting orders, the instruments list, status:SYM, the audit line, a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../support/expect-error.ts';
import type { Api } from '../support/http-client.ts';
import { Counterparties } from '../support/market.ts';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { rebind } from '../support/state.ts';
import { adminApi, newTrader } from '../support/traders.ts';
import { dataOf, WsClients } from '../support/ws-client.ts';

interface StatusView {
  symbol: string;
  status: 'trading' | 'halted';
  reason: string | null;
  ts: number;
}
interface InstrumentView {
  symbol: string;
  status: 'trading' | 'halted';
  statusReason: string | null;
}

let platform: TestPlatform;
let admin: Api;
let cp: Counterparties;
const clients = new WsClients(() => platform.wsUrl);

const statusPath = (symbol: string) => `/api/v1/admin/instruments/${encodeURIComponent(symbol)}/status`;
const setStatus = (symbol: string, status: string, reason?: string) => admin.ok<StatusView>('PUT', statusPath(symbol), { json: reason === undefined ? { status } : { status, reason } });
const instrument = async (api: Api, symbol: string) => (await api.get<{ instruments: InstrumentView[] }>('/api/v1/instruments')).instruments.find((i) => i.symbol === symbol)!;

beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
  admin = await adminApi(platform.url);
  cp = await Counterparties.create(platform.url, ['S05', 'S06', 'S07', 'S08']);
});
afterAll(async () => {
  await clients.closeAll();
  await platform.dispose();
});

describe('instrument trading status', () => {
  it('a halt refuses new orders and replaces with INSTRUMENT_HALTED, lets cancels through and keeps resting orders; a resume trades again', async () => {
    const trader = await newTrader(platform.url, { USD: '100000', S05: '100' });
    const ask = await cp.quote('S05', 'sell', '101', '5');
    const bid = await trader.api.placeOrder({ symbol: 'S05', side: 'buy', type: 'limit', qty: '2', price: '99' });
    const otherBid = await trader.api.placeOrder({ symbol: 'S05', side: 'buy', type: 'limit', qty: '1', price: '98' });
    const ws = await clients.connect();
    await ws.request({ op: 'subscribe', channels: ['status:S05'] });

    const halted = await setStatus('S05', 'halted', 'news pending');
    expect(halted).toMatchObject({ symbol: 'S05', status: 'halted', reason: 'news pending' });
    expect(halted.ts).toBeGreaterThan(0);
    expect(await instrument(trader.api, 'S05')).toMatchObject({ status: 'halted', statusReason: 'news pending' });
    expect(await instrument(trader.api, 'S06')).toMatchObject({ status: 'trading', statusReason: null });
    const pushed = await ws.waitFor((m) => m.channel === 'status:S05' && m.type === 'status');
    expect(dataOf<StatusView>(pushed)).toEqual(halted);
    const line = platform.logs.lines().filter((l) => l.audit === 'instrument halted').at(-1);
    expect(line).toMatchObject({ symbol: 'S05', reason: 'news pending' });
    expect(typeof (line?.actor as { userId?: unknown } | undefined)?.userId).toBe('number');

    // An order that would trade with the resting ask, and any other, is refused; so is a replace.
    const refused = expectError(await trader.api.placeOrderReply({ symbol: 'S05', side: 'buy', type: 'limit', qty: '1', price: '101' }), 422, 'INSTRUMENT_HALTED');
    expect(refused.message).toMatch(/halted/);
    expectError(await trader.api.placeOrderReply({ symbol: 'S05', side: 'sell', type: 'market', qty: '1' }), 422, 'INSTRUMENT_HALTED');
    expectError(await trader.api.call('PATCH', `/api/v1/orders/${bid.id}`, { json: { qty: '1' } }), 422, 'INSTRUMENT_HALTED');
    // Other symbols trade on.
    await cp.trade('S06', '100');

    // A cancel goes through; the other resting orders stay as they were.
    expect((await trader.api.cancel(bid.id)).status).toBe('cancelled');
    expect(await trader.api.order(otherBid.id)).toMatchObject({ status: 'open', leavesQty: '1' });
    expect(await cp.seller.api.order(ask.id)).toMatchObject({ status: 'open', leavesQty: '5' });

    const resumed = await setStatus('S05', 'trading');
    expect(resumed).toMatchObject({ symbol: 'S05', status: 'trading', reason: null });
    expect(dataOf<StatusView>(await ws.waitFor((m) => m.channel === 'status:S05' && (m.data as StatusView).status === 'trading'))).toEqual(resumed);
    expect(platform.logs.lines().filter((line) => line.audit === 'instrument resumed').at(-1)).toMatchObject({ symbol: 'S05', reason: null });
    expect(await instrument(trader.api, 'S05')).toMatchObject({ status: 'trading', statusReason: null });
    // The ask that rested through the halt trades.
    const taker = await trader.api.placeOrder({ symbol: 'S05', side: 'buy', type: 'limit', qty: '2', price: '101' });
    expect(taker).toMatchObject({ status: 'filled', avgFillPrice: '101' });
    expect(await cp.seller.api.order(ask.id)).toMatchObject({ status: 'partially_filled', leavesQty: '3' });
  });

  it("an INSTRUMENT_HALTED refusal carries the symbol and the admin's reason in details, over REST and WebSocket alike; reason null when none was given", async () => {
    const trader = await newTrader(platform.url, { USD: '100000' });
    const resting = await trader.api.placeOrder({ symbol: 'S08', side: 'buy', type: 'limit', qty: '1', price: '97' });
    const ws = await clients.connect();
    await ws.request({ op: 'auth', token: trader.session.accessToken });
    const order = { symbol: 'S08', side: 'buy', type: 'limit', qty: '1', price: '98' };
    const refusals = async () => {
      const rest = [
        await trader.api.placeOrderReply(order),
        await trader.api.call('POST', '/api/v1/orders/oco', { json: { legs: [order, { ...order, type: 'stop', price: undefined, stopPrice: '104' }] } }),
        await trader.api.call('POST', '/api/v1/orders/bracket', { json: { entry: order, takeProfitPrice: '103', stopLossPrice: '95' } }),
        await trader.api.call('PATCH', `/api/v1/orders/${resting.id}`, { json: { price: '96' } }),
      ].map((reply) => expectError(reply, 422, 'INSTRUMENT_HALTED'));
      const socket = [
        await ws.request({ op: 'place', order }),
        await ws.request({ op: 'replace', orderId: resting.id, changes: { price: '96' } }),
      ].map(({ type, code, message, details }) => ({ type, code, message, details }));
      return { rest, socket };
    };

    await setStatus('S08', 'halted', 'news pending');
    const withReason = {
      code: 'INSTRUMENT_HALTED',
      message: 'Trading in S08 is halted (news pending): no new orders or replaces until it resumes; cancels go through.',
      details: { symbol: 'S08', reason: 'news pending' },
    };
    expect(await refusals()).toEqual({ rest: [withReason, withReason, withReason, withReason], socket: [{ type: 'error', ...withReason }, { type: 'error', ...withReason }] });

    await setStatus('S08', 'halted');
    const without = { code: 'INSTRUMENT_HALTED', message: 'Trading in S08 is halted: no new orders or replaces until it resumes; cancels go through.', details: { symbol: 'S08', reason: null } };
    expect(await refusals()).toEqual({ rest: [without, without, without, without], socket: [{ type: 'error', ...without }, { type: 'error', ...without }] });
    await setStatus('S08', 'trading');
  });

  it('an algo order running into a halt waits it out, says so, and makes up the slices it missed once trading resumes', async () => {
    interface AlgoView {
      id: number;
      state: string;
      filledQty: string;
      lastError: string | null;
    }
    const trader = await newTrader(platform.url, { USD: '100000' });
    await cp.quote('S08', 'sell', '100', '20');
    const algoPath = (id: number) => `/api/v1/algo-orders/${id}`;
    const until = async (id: number, done: (algo: AlgoView) => boolean): Promise<AlgoView> => {
      for (let i = 0; i < 200; i++) {
        const { algoOrder } = await trader.api.ok<{ algoOrder: AlgoView }>('GET', algoPath(id));
        if (done(algoOrder)) return algoOrder;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`algo order ${id} never got there`);
    };
    const { algoOrder } = await trader.api.ok<{ algoOrder: AlgoView }>('POST', '/api/v1/algo-orders', { json: { type: 'twap', symbol: 'S08', side: 'buy', qty: '8', durationMs: 4_000, slices: 4 } });
    await until(algoOrder.id, (a) => a.filledQty === '2');
    await setStatus('S08', 'halted', 'news pending');
    // The second slice, due a second in, is refused: the algorithm runs on and says why.
    const waiting = await until(algoOrder.id, (a) => a.lastError !== null);
    expect(waiting).toMatchObject({ state: 'running', filledQty: '2' });
    expect(waiting.lastError).toMatch(/^INSTRUMENT_HALTED: .*news pending.*; waiting for trading to resume$/);
    await setStatus('S08', 'trading');
    const finished = await until(algoOrder.id, (a) => a.state !== 'running');
    expect(finished).toMatchObject({ state: 'done', filledQty: '8', lastError: null });
    expect((await trader.api.fills({ symbol: 'S08' })).items.map((f) => f.qty).reduce((sum, q) => sum + Number(q), 0)).toBe(8);
  }, 30_000);

  it('is for admins only: 403 for a trader, 404 for an unknown symbol, 400 for a bad status, reason or field', async () => {
    const trader = await newTrader(platform.url);
    expectError(await trader.api.call('PUT', statusPath('S07'), { json: { status: 'halted' } }), 403, 'FORBIDDEN');
    expectError(await platform.api().call('PUT', statusPath('S07'), { json: { status: 'halted' } }), 401, 'UNAUTHENTICATED');
    expectError(await admin.call('PUT', statusPath('NOPE'), { json: { status: 'halted' } }), 404, 'UNKNOWN_SYMBOL');
    const bad = expectError(await admin.call('PUT', statusPath('S07'), { json: { status: 'closed' } }), 400, 'INVALID_REQUEST');
    expect(JSON.stringify(bad.details)).toContain('status');
    expectError(await admin.call('PUT', statusPath('S07'), { json: {} }), 400, 'INVALID_REQUEST');
    expectError(await admin.call('PUT', statusPath('S07'), { json: { status: 'halted', reason: 'x'.repeat(201) } }), 400, 'INVALID_REQUEST');
    expectError(await admin.call('PUT', statusPath('S07'), { json: { status: 'halted', why: 'news' } }), 400, 'INVALID_REQUEST');
    // None of these halted anything.
    expect(await instrument(admin, 'S07')).toMatchObject({ status: 'trading' });
    expect((await trader.api.call('GET', '/api/v1/instruments')).status).toBe(200);
  });

  it('a halt survives a restart, and the symbol still refuses orders until it is resumed', async () => {
    const trader = await newTrader(platform.url, { USD: '100000' });
    const resting = await trader.api.placeOrder({ symbol: 'S07', side: 'buy', type: 'limit', qty: '1', price: '97' });
    await setStatus('S07', 'halted', 'corporate action');
    await platform.restart();
    const api = rebind(trader.api, platform.url);
    admin = await adminApi(platform.url);
    expect(await instrument(api, 'S07')).toMatchObject({ status: 'halted', statusReason: 'corporate action' });
    expectError(await api.placeOrderReply({ symbol: 'S07', side: 'buy', type: 'limit', qty: '1', price: '97' }), 422, 'INSTRUMENT_HALTED');
    expect(await api.order(resting.id)).toMatchObject({ status: 'open' });
    await setStatus('S07', 'trading');
    expect((await api.placeOrder({ symbol: 'S07', side: 'buy', type: 'limit', qty: '1', price: '97' })).status).toBe('open');
  });
});
