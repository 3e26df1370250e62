import { describe, expect, it } from 'vitest';
import { defineStrategy, z, type LogEntry } from '../strategy/index.ts';
import { runBacktest, type BacktestOptions } from './run-backtest.ts';
import type { BacktestMarket, MarketRecord } from './types.ts';

const T0 = 1_700_000_000_000;
const ACME = { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 10, takerFeeBps: 20, referencePrice: '100', bandBps: 10_000 };
const MARKET: BacktestMarket = { assets: [{ code: 'USD', scale: 2 }, { code: 'ACME', scale: 0 }], instruments: [ACME] };

const trade = (seconds: number, price: number, qty = 1): MarketRecord => ({ kind: 'trade', symbol: 'ACME', ts: T0 + seconds * 1000, price: Math.round(price * 100), qty });
const bar = (minute: number, open: number, high: number, low: number, close: number): MarketRecord => ({
  kind: 'bar',
  symbol: 'ACME',
  interval: '1m',
  openTime: T0 + minute * 60_000,
  ts: T0 + (minute + 1) * 60_000,
  open: open * 100,
  high: high * 100,
  low: low * 100,
  close: close * 100,
  volume: 100,
});

/** Places one order when it starts (before any record) or on the first trade it hears. */
function oneOrder(order: { side: 'buy' | 'sell'; qty: number; price?: number; stopPrice?: number }, when: 'start' | 'first-trade') {
  return defineStrategy({
    name: 'one-order',
    params: z.object({}),
    symbols: ['ACME'],
    bars: [],
    state: () => ({ sent: false }),
    async onStart(ctx) {
      if (when === 'start') await ctx.order({ symbol: 'ACME', ...order });
    },
    async onTrade(ctx) {
      if (when !== 'first-trade' || ctx.state.sent) return;
      ctx.state.sent = true;
      await ctx.order({ symbol: 'ACME', ...order });
    },
  });
}

function run(options: Partial<BacktestOptions> & Pick<BacktestOptions, 'strategy' | 'data'>) {
  return runBacktest({ market: MARKET, deposits: { USD: '100000', ACME: '10' }, ...options });
}

describe('trade-through fills', () => {
  // Fees are in whole cents, rounded down for the maker (0.297 -> 0.29), as the exchange charges them.
  it('fills a resting limit only when trades print through it, up to each trade size, at the limit price', async () => {
    const result = await run({ strategy: oneOrder({ side: 'buy', qty: 5, price: 99 }, 'start'), data: [trade(1, 99.5), trade(2, 99), trade(3, 98.99, 3), trade(4, 98.9, 10)] });
    expect(result.error).toBeUndefined();
    expect(result.fills.map((f) => [f.ts, f.price, f.qty, f.liquidity, f.fee])).toEqual([
      [T0 + 3000, 99, 3, 'maker', 0.29],
      [T0 + 4000, 99, 2, 'maker', 0.19],
    ]);
  });

  it('fills on a touch when asked to', async () => {
    const result = await run({ strategy: oneOrder({ side: 'buy', qty: 5, price: 99 }, 'start'), data: [trade(1, 99.5), trade(2, 99, 5)], fillOnTouch: true });
    expect(result.fills.map((f) => [f.price, f.qty])).toEqual([[99, 5]]);
  });

  it('fills a market order at the last price moved by the slippage, paying the taker fee', async () => {
    const result = await run({ strategy: oneOrder({ side: 'buy', qty: 2 }, 'first-trade'), data: [trade(1, 100), trade(2, 101)], slippageTicks: 2 });
    expect(result.fills.map((f) => [f.ts, f.side, f.price, f.qty, f.liquidity, f.fee])).toEqual([[T0 + 1000, 'buy', 100.02, 2, 'taker', 0.4]]);
  });

  it('delays orders by the latency: they meet the market as it is when they arrive', async () => {
    const data = [trade(1, 100), trade(2, 101), trade(9, 105)];
    const result = await run({ strategy: oneOrder({ side: 'buy', qty: 1 }, 'first-trade'), data, latency: { ms: 5000 } });
    expect(result.fills.map((f) => [f.ts, f.price])).toEqual([[T0 + 6000, 101]]);
  });
});

describe('latency', () => {
  const awaiting = (when: 'start' | 'last') =>
    defineStrategy({
      name: 'awaiting',
      params: z.object({}),
      symbols: ['ACME'],
      bars: [],
      state: () => ({ trades: 0, answered: 0 }),
      async onStart(ctx) {
        if (when !== 'start') return;
        await ctx.order({ symbol: 'ACME', side: 'buy', qty: 1, price: 99 });
        ctx.state.answered++;
      },
      async onTrade(ctx) {
        if (when !== 'last' || ++ctx.state.trades !== 3) return;
        await ctx.buy('ACME', 1);
        ctx.state.answered++;
      },
    });

  it('an order awaited in onStart arrives after its latency and the run goes on', async () => {
    const result = await run({ strategy: awaiting('start'), data: [trade(1, 100), trade(6, 98.5, 5), trade(9, 98)], latency: { ms: 2000 } });
    expect(result.error).toBeUndefined();
    expect(result.fills.map((f) => [f.ts, f.price, f.qty])).toEqual([[T0 + 6000, 99, 1]]);
  });

  it('with jitter, each order arrives at its own time, its decision time plus the latency and a whole number of ms of jitter', async () => {
    const data = Array.from({ length: 40 }, (_, i) => trade(i * 60, 100 + (i % 5)));
    const result = await run({ strategy: oneOrder({ side: 'buy', qty: 1 }, 'first-trade'), data, latency: { ms: 50, jitterMs: 20 } });
    const [fill] = result.fills;
    expect(fill!.ts - T0).toBeGreaterThanOrEqual(50);
    expect(fill!.ts - T0).toBeLessThanOrEqual(70);
    expect(Number.isInteger(fill!.ts)).toBe(true);
    // Every order of a trading run: fills at as many times as there were orders, none at a record's time.
    const trader = defineStrategy({
      name: 'every-trade',
      params: z.object({}),
      symbols: ['ACME'],
      bars: [],
      async onTrade(ctx) {
        await ctx.order({ symbol: 'ACME', side: ctx.position('ACME').qty > 10 ? 'sell' : 'buy', qty: 1 });
      },
    });
    const busy = await run({ strategy: trader, data, latency: { ms: 50, jitterMs: 20 } });
    const times = busy.fills.map((f) => (f.ts - T0) % 60_000);
    expect(busy.fills.length).toBeGreaterThan(30);
    expect(times.every((t) => t >= 50 && t <= 70)).toBe(true);
    expect(new Set(times).size).toBeGreaterThan(5);
  });

  it('an order awaited on the last record still arrives, after the data ends', async () => {
    const result = await run({ strategy: awaiting('last'), data: [trade(1, 100), trade(2, 101), trade(3, 102)], latency: { ms: 5000 } });
    expect(result.error).toBeUndefined();
    expect(result.fills.map((f) => [f.ts, f.price])).toEqual([[T0 + 8000, 102]]);
  });
});

describe('bar-path fills', () => {
  it('walks open, nearer extreme, farther extreme, close: a stop triggers on the way and takes the quote', async () => {
    const result = await run({ strategy: oneOrder({ side: 'sell', qty: 10, stopPrice: 95 }, 'start'), data: [bar(0, 100, 101, 94, 99), bar(1, 99, 100, 98, 99)] });
    expect(result.error).toBeUndefined();
    expect(result.fills.map((f) => [f.ts, f.side, f.price, f.qty, f.liquidity])).toEqual([[T0 + 60_000, 'sell', 93.99, 10, 'taker']]);
  });

  it('fills a limit the bar passes through at the limit price, and not one it only reaches', async () => {
    const through = await run({ strategy: oneOrder({ side: 'sell', qty: 4, price: 102 }, 'start'), data: [bar(0, 100, 103, 99, 101)] });
    expect(through.fills.map((f) => [f.price, f.qty, f.liquidity])).toEqual([[102, 4, 'maker']]);
    const touched = await run({ strategy: oneOrder({ side: 'sell', qty: 4, price: 103 }, 'start'), data: [bar(0, 100, 103, 99, 101)] });
    expect(touched.fills).toEqual([]);
  });
});

describe('a run', () => {
  const noisy = defineStrategy({
    name: 'noisy',
    params: z.object({}),
    symbols: ['ACME'],
    bars: ['1m'],
    async onBar(ctx, b) {
      const held = ctx.position(b.symbol).qty;
      if (ctx.random.next() < 0.5 && held < 50) await ctx.buy(b.symbol, ctx.random.int(1, 5));
      else if (held > 0) await ctx.sell(b.symbol, Math.min(held, ctx.random.int(1, 5)));
    },
  });
  const walk = (): MarketRecord[] => {
    const records: MarketRecord[] = [];
    let price = 10_000;
    for (let i = 0; i < 20_000; i++) {
      price += ((i * 7919) % 11) - 5;
      records.push({ kind: 'trade', symbol: 'ACME', ts: T0 + i * 1000, price, qty: 1 + (i % 4) });
    }
    return records;
  };

  it('repeats exactly for the same seed, and differs for another', async () => {
    const a = await run({ strategy: noisy, data: walk(), seed: 3 });
    const b = await run({ strategy: noisy, data: walk(), seed: 3 });
    const c = await run({ strategy: noisy, data: walk(), seed: 4 });
    expect(a.fills.length).toBeGreaterThan(50);
    expect(b.fills).toEqual(a.fills);
    expect(b.metrics).toEqual(a.metrics);
    expect(c.fills).not.toEqual(a.fills);
  });

  it('accounts for every fill: equity is cash plus holdings at the last price', async () => {
    const result = await run({ strategy: noisy, data: walk(), seed: 9, deposits: { USD: '100000' } });
    let cash = 100_000;
    let held = 0;
    for (const f of result.fills) {
      cash += (f.side === 'buy' ? -1 : 1) * f.price * f.qty - f.fee;
      held += (f.side === 'buy' ? 1 : -1) * f.qty;
    }
    const last = result.equity.at(-1)!;
    expect(held).toBeGreaterThanOrEqual(0);
    expect(last.equity).toBeCloseTo(cash + held * last.price!, 6);
    expect(result.metrics.endEquity).toBeCloseTo(last.equity, 6);
    expect(result.metrics.fills).toBe(result.fills.length);
  });

  it('reports a failing strategy and stops at the failure', async () => {
    const failing = defineStrategy({
      name: 'failing',
      params: z.object({}),
      symbols: ['ACME'],
      bars: [],
      onTrade(_ctx, t) {
        if (t.ts >= T0 + 3000) throw new Error('boom');
      },
    });
    const result = await run({ strategy: failing, data: walk() });
    expect(result.error).toBe('onTrade: boom');
    expect(result.records).toBeLessThan(10);
  });
});

describe('the price band follows history', () => {
  // A 10% band around the listed reference price of 100: history far from it, and drifting further.
  const NARROW: BacktestMarket = { ...MARKET, instruments: [{ ...ACME, bandBps: 1_000 }] };
  const everyBar = defineStrategy({
    name: 'every-bar',
    params: z.object({}),
    symbols: ['ACME'],
    bars: ['1m'],
    async onBar(ctx, b) {
      const held = ctx.position(b.symbol).qty;
      const result = held === 0 ? await ctx.buy(b.symbol, 1) : await ctx.sell(b.symbol, held);
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
    },
  });

  it('trades on bars priced far from the instrument reference, and as they drift beyond any one band', async () => {
    // From 300 up 3% a bar: after 40 bars the price is over three times where it started.
    const bars = Array.from({ length: 40 }, (_, i): MarketRecord => {
      const cents = Math.round(30_000 * 1.03 ** i);
      return { ...bar(i, 0, 0, 0, 0), open: cents, high: cents, low: cents, close: cents } as MarketRecord;
    });
    const result = await runBacktest({ strategy: everyBar, market: NARROW, data: bars, deposits: { USD: '100000' }, fillModel: 'bar-path' });
    expect(result.error).toBeUndefined();
    expect(result.fills).toHaveLength(40);
    expect(result.fills.at(-1)!.price).toBeGreaterThan(900);
    expect(result.orders).toEqual({ accepted: 40, refused: {}, endedByExchange: {} });
  });
});

describe('order outcomes', () => {
  it('counts what the engine refused and what it ended unfilled, by reason, so a run that trades nothing says why', async () => {
    const tooBig = oneOrder({ side: 'buy', qty: 5_000 }, 'first-trade');
    const refused = await run({ strategy: tooBig, data: [trade(1, 100), trade(2, 100)], deposits: { USD: '1000' } });
    expect(refused.orders).toEqual({ accepted: 0, refused: { INSUFFICIENT_FUNDS: 1 }, endedByExchange: {} });
    // A market order in an empty market: accepted, then ended by the exchange for want of liquidity.
    const unfilled = await run({ strategy: oneOrder({ side: 'buy', qty: 1 }, 'start'), data: [trade(1, 100)] });
    expect(unfilled.fills).toEqual([]);
    expect(unfilled.orders).toEqual({ accepted: 1, refused: {}, endedByExchange: { NO_LIQUIDITY: 1 } });
  });

  it('counts the orders the SDK refused before sending them too: a quantity that rounds to zero lots, a symbol not listed', async () => {
    const half = await run({ strategy: oneOrder({ side: 'buy', qty: 0.5 }, 'first-trade'), data: [trade(1, 100), trade(2, 100)] });
    expect(half.orders).toEqual({ accepted: 0, refused: { INVALID_QUANTITY: 1 }, endedByExchange: {} });
    const elsewhere = defineStrategy({
      name: 'elsewhere',
      params: z.object({}),
      symbols: ['ACME'],
      bars: [],
      async onStart(ctx) {
        await ctx.buy('NOPE', 1);
        await ctx.buy('ACME', 1, { price: 99 });
      },
    });
    const unknown = await run({ strategy: elsewhere, data: [trade(1, 100)] });
    expect(unknown.orders).toEqual({ accepted: 1, refused: { UNKNOWN_SYMBOL: 1 }, endedByExchange: {} });
  });
});

describe('warm-up history', () => {
  const historyAtStart = defineStrategy({
    name: 'history-at-start',
    params: z.object({}),
    symbols: ['ACME'],
    bars: ['1m'],
    state: () => ({ closes: [] as number[] }),
    onStart(ctx) {
      ctx.state.closes = ctx.history('ACME', '1m', 5).map((b) => b.close);
      // Orders at the warm-up's prices would be wrong: nothing trades on it.
      ctx.log.info('history', { closes: ctx.state.closes });
    },
  });
  const logged = (lines: string[]) => (entry: LogEntry) => void (entry.message === 'history' && lines.push(JSON.stringify(entry.fields?.closes)));

  it('gives ctx.history the bars from before the data when the strategy starts, and trades on none of them', async () => {
    const lines: string[] = [];
    const warmup = [bar(0, 100, 101, 99, 100.5), bar(1, 100.5, 102, 100, 101.5), bar(2, 101.5, 102, 101, 101)];
    const result = await run({ strategy: historyAtStart, data: [bar(3, 101, 101, 100, 100)], warmup, log: logged(lines) });
    expect(result.error).toBeUndefined();
    expect(lines).toEqual([JSON.stringify([100.5, 101.5, 101])]);
    expect(result.records).toBe(1);
    expect(result.startTs).toBe(T0 + 4 * 60_000);
  });

  it('builds the history bars from trades before the data too', async () => {
    const lines: string[] = [];
    const warmup = [trade(10, 100), trade(50, 101), trade(70, 102), trade(100, 99)];
    await run({ strategy: historyAtStart, data: [trade(200, 98)], warmup, log: logged(lines) });
    // T0 is 20 s past a minute: the trades fall in three minutes, each ended before the first record.
    expect(lines).toEqual([JSON.stringify([100, 102, 99])]);
  });
});

describe('reported figures', () => {
  it('give equity and the price chart\'s samples as the decimals they are, without the doubles\' noise', async () => {
    // 7 ACME held at prices such as 190.2 (19020 ticks * 0.01 = 190.20000000000002) beside cash in USD with 6 decimals.
    const market: BacktestMarket = { assets: [{ code: 'USD', scale: 6 }, { code: 'ACME', scale: 0 }], instruments: [ACME] };
    const prices = [190.09, 190.2, 190.45, 190.39, 190.42, 190.33, 190.2];
    const data = prices.map((price, i) => trade(i * 60, price));
    const result = await runBacktest({ market, deposits: { USD: '9999.123457', ACME: '7' }, strategy: oneOrder({ side: 'buy', qty: 3 }, 'first-trade'), data });
    expect(result.fills).toHaveLength(1);
    for (const point of result.equity) {
      expect(point.equity, String(point.equity)).toBe(Number(point.equity.toFixed(6)));
      if (point.price !== undefined) expect(prices).toContain(point.price);
    }
    expect(result.metrics.fees).toBe(Number(result.metrics.fees.toFixed(6)));
  });
});
