// Tests for the context's trading actions and accounting on a real engine: rounding, partial fills, refusals, every order type.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.ts';
import { defineStrategy } from './define-strategy.ts';
import { formatFixed, toFixed } from './exact.ts';
import type { EngineHarness } from './test-support.ts';
import { startOn } from './test-support-run.ts';
import type { OrderResult, OrdersResult } from './types.ts';

const idle = defineStrategy({ name: 'idle', symbols: ['ACME', 'BTC-USD'] });

function ok<T extends OrderResult | OrdersResult>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`refused: ${result.code} ${result.message}`);
  return result as Extract<T, { ok: true }>;
}

/** The venue's total (available + held) of an asset, exactly. */
async function venueTotal(harness: EngineHarness, asset: string): Promise<string> {
  const balance = (await harness.balances()).find((b) => b.asset === asset);
  return balance ? formatFixed(toFixed(balance.available) + toFixed(balance.held)) : '0';
}

describe('prices and quantities reach the venue on its grid', () => {
  it('rounds buy limits down, sell limits up, stops to nearest and quantities down (BTC-USD: tick 0.5, lot 0.02)', async () => {
    const { harness, runner } = await startOn(new Engine(), idle, { harness: { deposits: { USD: '1000000', BTC: '10' } } });
    const ctx = runner.context;
    await harness.print('BTC-USD', 30000);
    expect(ok(await ctx.buy('BTC-USD', 0.05, { price: 29000.3 })).order).toMatchObject({ type: 'limit', price: 29000, qty: 0.04, status: 'open' });
    expect(ok(await ctx.sell('BTC-USD', 0.05, { price: 31000.3 })).order).toMatchObject({ type: 'limit', price: 31000.5, qty: 0.04 });
    expect(ok(await ctx.sell('BTC-USD', 0.03, { stopPrice: 28000.26 })).order).toMatchObject({ type: 'stop', stopPrice: 28000.5, qty: 0.02, status: 'untriggered' });
    expect(harness.sent).toEqual([
      { symbol: 'BTC-USD', side: 'buy', type: 'limit', qty: '0.04', price: '29000' },
      { symbol: 'BTC-USD', side: 'sell', type: 'limit', qty: '0.04', price: '31000.5' },
      { symbol: 'BTC-USD', side: 'sell', type: 'stop', qty: '0.02', stopPrice: '28000.5' },
    ]);
    // Refused before sending: nothing reaches the venue.
    expect(await ctx.buy('BTC-USD', 0.01)).toMatchObject({ ok: false, code: 'INVALID_QUANTITY' });
    expect(await ctx.buy('NOPE', 1)).toMatchObject({ ok: false, code: 'UNKNOWN_SYMBOL' });
    expect(harness.sent).toHaveLength(3);
    expect(runner.status()).toMatchObject({ ordersSent: 3, ordersRefused: 2 });
  });

  it('takes a time in force in either case ("DAY" as "day") and refuses one that is none, naming the choices', async () => {
    const { harness, runner } = await startOn(new Engine(), idle, { harness: { deposits: { USD: '1000000' } } });
    const ctx = runner.context;
    await harness.print('BTC-USD', 30000);
    expect(ok(await ctx.buy('BTC-USD', 0.02, { price: 29000, tif: 'DAY' })).order).toMatchObject({ status: 'open' });
    expect(harness.sent.at(-1)).toMatchObject({ tif: 'day' });
    const refused = await ctx.buy('BTC-USD', 0.02, { price: 29000, tif: 'week' as 'day' });
    expect(refused).toEqual({ ok: false, code: 'INVALID_TIME_IN_FORCE', message: 'tif "week" is not a time in force: give one of gtc, day, gtd, ioc, fok' });
    expect(harness.sent).toHaveLength(1);
  });

  it('refuses a market order with a time in force that would keep it, as the API does (it never rests)', async () => {
    const { harness, runner } = await startOn(new Engine(), idle, { harness: { deposits: { USD: '1000000' } } });
    const ctx = runner.context;
    await harness.print('BTC-USD', 30000);
    const refused = await ctx.buy('BTC-USD', 0.02, { tif: 'gtc' });
    expect(refused).toEqual({ ok: false, code: 'INVALID_TIME_IN_FORCE', message: 'A market order never rests, so its tif cannot be "gtc": leave tif out (a market order is IOC) or send "ioc" or "fok"; a limit order waits on the book.' });
    expect(harness.sent).toHaveLength(0);
    expect(ok(await ctx.buy('BTC-USD', 0.02, { tif: 'IOC' })).order).toMatchObject({ type: 'market' });
  });
});

describe('positions and P&L follow the account fills', () => {
  it('accumulates partial fills at average cost, realizes on reduction, counts fees, and matches the venue to the cent', async () => {
    const { harness, runner } = await startOn(new Engine(), idle);
    const ctx = runner.context;
    await harness.print('ACME', 100);
    const entry = ok(await ctx.buy('ACME', 10, { price: 100 })).order;
    for (const qty of ['3', '3', '4']) await harness.print('ACME', 100, { qty });
    // Maker fee 10 bps: 0.30 + 0.30 + 0.40.
    expect(ctx.position('ACME')).toMatchObject({ qty: 10, avgPrice: 100, realizedPnl: 0, fees: 1 });
    expect(ctx.openOrders()).toEqual([]);

    ok(await ctx.sell('ACME', 6, { price: 101 }));
    await harness.print('ACME', 101, { qty: '2' });
    expect(ctx.openOrders('ACME')).toMatchObject([{ status: 'partially_filled', filledQty: 2, leavesQty: 4 }]);
    await harness.print('ACME', 101, { qty: '4' });
    // Fees 0.202 and 0.404 are floored to cents by the venue: 0.20 + 0.40.
    expect(ctx.position('ACME')).toMatchObject({ qty: 4, avgPrice: 100, realizedPnl: 6, unrealizedPnl: 4, marketValue: 404, fees: 1.6 });
    expect(ctx.pnl()).toEqual({ realized: 6, unrealized: 4, fees: 1.6, total: 8.4 });
    expect(formatFixed(toFixed(String(ctx.cash())))).toBe(await venueTotal(harness, 'USD'));
    expect(String(ctx.cash('ACME'))).toBe(await venueTotal(harness, 'ACME'));
    expect(ctx.lastPrice('ACME')).toBe(101);
    expect(ctx.quote('ACME')).toMatchObject({ bid: 100.99, ask: 101.01 });
    expect(entry.status).toBe('open');
  });

  it('cannot go short: a sell beyond the position is refused by the venue and reported as a result', async () => {
    const { harness, runner } = await startOn(new Engine(), idle);
    const ctx = runner.context;
    await harness.print('ACME', 50);
    ok(await ctx.buy('ACME', 4));
    await runner.idle();
    const refused = await ctx.sell('ACME', 8);
    expect(refused).toMatchObject({ ok: false, code: 'INSUFFICIENT_SHARES' });
    await runner.idle();
    expect(ctx.position('ACME').qty).toBe(4);
    expect(runner.status()).toMatchObject({ state: 'running', ordersRefused: 1, errors: 0 });
  });

  it('a halted symbol refuses orders and replaces as results (INSTRUMENT_HALTED), not errors: the strategy runs on, cancels go through, and it trades once resumed', async () => {
    const engine = new Engine();
    const { harness, runner } = await startOn(engine, idle);
    const ctx = runner.context;
    await harness.print('ACME', 50);
    const resting = ok(await ctx.buy('ACME', 1, { price: 45 })).order;
    const other = ok(await ctx.buy('ACME', 1, { price: 44 })).order;
    engine.apply({ type: 'setTradingStatus', ts: harness.now(), symbol: 'ACME', status: 'halted', reason: 'news pending' });
    expect(await ctx.buy('ACME', 1)).toMatchObject({ ok: false, code: 'INSTRUMENT_HALTED' });
    expect(await ctx.replace(resting.id, { price: 46 })).toMatchObject({ ok: false, code: 'INSTRUMENT_HALTED' });
    expect(await ctx.cancel(other.id)).toEqual({ ok: true });
    await runner.idle();
    expect(runner.status()).toMatchObject({ state: 'running', ordersRefused: 2, errors: 0 });
    expect(ctx.openOrders('ACME').map((o) => o.id)).toEqual([resting.id]);
    engine.apply({ type: 'setTradingStatus', ts: harness.now(), symbol: 'ACME', status: 'trading' });
    expect(ok(await ctx.buy('ACME', 1)).order.status).toBe('filled');
  });
});

describe('every order type', () => {
  it('stop, stop_limit, trailing stops, OCO, replace, cancel and cancel-all', async () => {
    const { harness, runner } = await startOn(new Engine(), idle, { harness: { deposits: { USD: '100000', ACME: '10' } } });
    const ctx = runner.context;
    await harness.print('ACME', 100);
    const stop = ok(await ctx.buy('ACME', 1, { stopPrice: 105 })).order;
    expect(stop).toMatchObject({ type: 'stop', status: 'untriggered', stopPrice: 105 });
    const stopLimit = ok(await ctx.sell('ACME', 1, { stopPrice: 95, price: 94.5 })).order;
    expect(stopLimit).toMatchObject({ type: 'stop_limit', stopPrice: 95, price: 94.5 });
    expect(ok(await ctx.sell('ACME', 1, { trailAmount: 2.004 })).order).toMatchObject({ type: 'trailing_stop' });
    expect(harness.sent.at(-1)).toMatchObject({ trailAmount: '2' });
    expect(ok(await ctx.sell('ACME', 1, { trailPercent: 1.499 })).order).toMatchObject({ type: 'trailing_stop' });
    expect(harness.sent.at(-1)).toMatchObject({ trailPercent: '1.5' });
    const oco = ok(await ctx.oco({ symbol: 'ACME', side: 'sell', qty: 1, price: 110 }, { symbol: 'ACME', side: 'sell', qty: 1, stopPrice: 90 }));
    expect(oco.orders.map((o) => o.type)).toEqual(['limit', 'stop']);
    await runner.idle();
    expect(ctx.openOrders('ACME')).toHaveLength(6);

    expect(await ctx.replace(stopLimit.id, { price: 94.123 })).toEqual({ ok: true });
    await runner.idle();
    expect(ctx.openOrders().find((o) => o.id === stopLimit.id)).toMatchObject({ price: 94.13 });
    expect(await ctx.replace(9_999, { price: 1 })).toMatchObject({ ok: false, code: 'UNKNOWN_ORDER' });

    expect(await ctx.cancel(stop.id)).toEqual({ ok: true });
    expect(await ctx.cancel(stop.id)).toMatchObject({ ok: false, code: 'UNKNOWN_ORDER' });
    expect(await ctx.cancelAll('ACME')).toEqual({ ok: true });
    await runner.idle();
    expect(ctx.openOrders()).toEqual([]);
  });

  it('a bracket: the entry fills, then its take-profit and stop-loss come alive, rounded for the exit side', async () => {
    const { harness, runner } = await startOn(new Engine(), idle);
    const ctx = runner.context;
    await harness.print('ACME', 100);
    const placed = ok(await ctx.bracket({ symbol: 'ACME', side: 'buy', qty: 2, takeProfit: 120.004, stopLoss: 90.004 }));
    expect(placed.orders.map((o) => o.type)).toEqual(['market', 'limit', 'stop']);
    await runner.idle();
    expect(ctx.position('ACME')).toMatchObject({ qty: 2, avgPrice: 100.01 });
    expect(ctx.openOrders('ACME').map((o) => [o.side, o.type, o.price ?? o.stopPrice, o.status])).toEqual([
      ['sell', 'limit', 120.01, 'open'],
      ['sell', 'stop', 90, 'untriggered'],
    ]);
  });
});
