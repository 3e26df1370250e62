// Trading sessions in a backtest: DAY orders expire at each close of the instrument's session, as the exchange's scheduler expires them, after everything stamped with the close time.
import { describe, expect, it } from 'vitest';
import type { SessionClose } from '../core/session-close.ts';
import { defineStrategy, z, type OrderView } from '../strategy/index.ts';
import { runBacktest } from './run-backtest.ts';
import type { BacktestMarket, MarketRecord } from './types.ts';

const ACME = { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 0, referencePrice: '100', bandBps: 10_000 };
const US_STOCKS: SessionClose = { close: '16:00', timeZone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri'] };
const market = (sessions?: Record<string, SessionClose>): BacktestMarket => ({ assets: [{ code: 'USD', scale: 2 }, { code: 'ACME', scale: 0 }], instruments: [ACME], sessions });
const at = (iso: string) => Date.parse(iso);

/** One-minute bars from `from` (their open times), flat at 100 but for the lows given by open time. */
function bars(from: string, count: number, lows: Record<string, number> = {}): MarketRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const openTime = at(from) + i * 60_000;
    const low = lows[new Date(openTime).toISOString()] ?? 100;
    return { kind: 'bar', symbol: 'ACME', interval: '1m', openTime, ts: openTime + 60_000, open: 10_000, high: 10_000, low: low * 100, close: 10_000, volume: 100 };
  });
}

type Update = { at: string; tif: string; status: string; reason: string | null };

/** Places a DAY and a GTC buy limit at 99 on the first bar, and keeps every update of them with the clock's time for `seen`. */
function dayAndGtc(seen?: (updates: Update[]) => void) {
  return defineStrategy({
    name: 'day-and-gtc',
    params: z.object({}),
    symbols: ['ACME'],
    bars: ['1m'],
    state: () => ({ sent: false, updates: [] as Update[], tifOf: new Map<number, string>() }),
    async onBar(ctx) {
      if (ctx.state.sent) return;
      ctx.state.sent = true;
      for (const tif of ['day', 'gtc'] as const) {
        const placed = await ctx.buy('ACME', 1, { price: 99, tif });
        if (placed.ok) ctx.state.tifOf.set(placed.order.id, tif);
      }
    },
    onOrder(ctx, order: OrderView) {
      ctx.state.updates.push({ at: new Date(ctx.clock.now()).toISOString(), tif: ctx.state.tifOf.get(order.id) ?? '?', status: order.status, reason: order.reason });
    },
    onStop(ctx) {
      seen?.(ctx.state.updates);
    },
  });
}

describe('session closes in a backtest', () => {
  it('expire DAY orders at 16:00 New York and keep GTC ones, which fill on a later dip', async () => {
    // Monday 2026-01-05, 15:00 to 16:30 New York (20:00 to 21:30 UTC); the market dips to 98 at 16:10.
    const data = bars('2026-01-05T20:00:00Z', 90, { '2026-01-05T21:10:00.000Z': 98 });
    const result = await runBacktest({ strategy: dayAndGtc(), market: market({ ACME: US_STOCKS }), data, deposits: { USD: '10000' }, fillModel: 'bar-path' });
    expect(result.error).toBeUndefined();
    expect(result.fills.map((fill) => [new Date(fill.ts).toISOString(), fill.price])).toEqual([['2026-01-05T21:11:00.000Z', 99]]);
    expect(result.orders.endedByExchange).toEqual({ EXPIRED_DAY: 1 });
  });

  it('end after the bar stamped with the close, which covers the minute before it: a DAY order fills on it', async () => {
    const data = bars('2026-01-05T20:50:00Z', 20, { '2026-01-05T20:59:00.000Z': 98 });
    const result = await runBacktest({ strategy: dayAndGtc(), market: market({ ACME: US_STOCKS }), data, deposits: { USD: '10000' }, fillModel: 'bar-path' });
    // Both fill on the 15:59 bar (known at 16:00): the DAY order is filled before its session ends.
    expect(result.fills.map((fill) => new Date(fill.ts).toISOString())).toEqual(['2026-01-05T21:00:00.000Z', '2026-01-05T21:00:00.000Z']);
    expect(result.orders.endedByExchange).toEqual({});
  });

  it('keep a DAY order placed at the close until the next one, as the exchange does: one placed on a daily bar stamped midnight UTC fills on the next day', async () => {
    const day = 86_400_000;
    const daily = (i: number, low: number): MarketRecord => {
      const openTime = at('2026-01-05T00:00:00Z') + i * day;
      return { kind: 'bar', symbol: 'ACME', interval: '1d', openTime, ts: openTime + day, open: 10_000, high: 10_000, low: low * 100, close: 10_000, volume: 100 };
    };
    const placed = defineStrategy({
      name: 'day-on-daily',
      params: z.object({}),
      symbols: ['ACME'],
      bars: ['1d'],
      state: () => ({ bars: 0 }),
      async onBar(ctx) {
        // On the second bar, stamped at a close the run has seen come.
        if (++ctx.state.bars === 2) await ctx.buy('ACME', 1, { price: 99, tif: 'day' });
      },
    });
    const result = await runBacktest({ strategy: placed, market: market(), data: [daily(0, 100), daily(1, 100), daily(2, 98), daily(3, 100)], deposits: { USD: '10000' }, fillModel: 'bar-path' });
    expect(result.fills.map((fill) => [new Date(fill.ts).toISOString(), fill.price])).toEqual([['2026-01-08T00:00:00.000Z', 99]]);
    expect(result.orders.endedByExchange).toEqual({});
  });

  it('close at midnight UTC for an instrument with no session, and not at the weekend for US stocks', async () => {
    const saturday = bars('2026-01-10T23:00:00Z', 120);
    const byDefault = await runBacktest({ strategy: dayAndGtc(), market: market(), data: saturday, deposits: { USD: '10000' }, fillModel: 'bar-path' });
    expect(byDefault.orders.endedByExchange).toEqual({ EXPIRED_DAY: 1 });
    const usStocks = await runBacktest({ strategy: dayAndGtc(), market: market({ ACME: US_STOCKS }), data: saturday, deposits: { USD: '10000' }, fillModel: 'bar-path' });
    expect(usStocks.orders.endedByExchange).toEqual({});
  });

  it('tell the strategy its DAY order expired, at the close', async () => {
    let updates: Update[] = [];
    await runBacktest({ strategy: dayAndGtc((seen) => (updates = seen)), market: market({ ACME: US_STOCKS }), data: bars('2026-01-05T20:55:00Z', 10), deposits: { USD: '10000' }, fillModel: 'bar-path' });
    expect(updates.filter((update) => update.status === 'expired')).toEqual([{ at: '2026-01-05T21:00:00.000Z', tif: 'day', status: 'expired', reason: 'EXPIRED_DAY' }]);
  });
});
