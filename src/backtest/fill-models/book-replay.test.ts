import { describe, expect, it } from 'vitest';
import { defineStrategy, z } from '../../strategy/index.ts';
import { runBacktest } from '../run-backtest.ts';
import type { BacktestMarket, MarketRecord } from '../types.ts';

const T0 = 1_700_000_000_000;
const ACME = { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 0, referencePrice: '100', bandBps: 10_000 };
const MARKET: BacktestMarket = { assets: [{ code: 'USD', scale: 2 }, { code: 'ACME', scale: 0 }], instruments: [ACME] };

const cents = (price: number) => Math.round(price * 100);
const book = (second: number, bids: Array<[number, number]>, asks: Array<[number, number]>, snapshot = true): MarketRecord => ({
  kind: 'book',
  symbol: 'ACME',
  ts: T0 + second * 1000,
  snapshot,
  bids: bids.map(([p, q]) => [cents(p), q] as const),
  asks: asks.map(([p, q]) => [cents(p), q] as const),
});
const trade = (second: number, price: number, qty: number, takerSide: 'buy' | 'sell'): MarketRecord => ({ kind: 'trade', symbol: 'ACME', ts: T0 + second * 1000, price: cents(price), qty, takerSide });

/** Sends one order on the first quote it hears. */
const onFirstQuote = (order: { side: 'buy' | 'sell'; qty: number; price?: number }) =>
  defineStrategy({
    name: 'on-first-quote',
    params: z.object({}),
    symbols: ['ACME'],
    bars: [],
    state: () => ({ sent: false }),
    async onQuote(ctx) {
      if (ctx.state.sent) return;
      ctx.state.sent = true;
      const result = await ctx.order({ symbol: 'ACME', ...order });
      if (!result.ok) throw new Error(result.message);
    },
  });

const run = (strategy: ReturnType<typeof onFirstQuote>, data: MarketRecord[]) => runBacktest({ strategy, market: MARKET, data, deposits: { USD: '100000', ACME: '100' }, fillModel: 'book-replay' });

describe('book replay', () => {
  it('queues a resting order behind the level it joins: trades use up the queue ahead first', async () => {
    const data = [
      book(0, [[99, 10]], [[99.05, 5]]),
      trade(1, 99, 6, 'sell'),
      book(1, [[99, 4]], [], false),
      trade(2, 99, 6, 'sell'),
      trade(3, 98.99, 5, 'sell'),
    ];
    const result = await run(onFirstQuote({ side: 'buy', qty: 3, price: 99 }), data);
    expect(result.error).toBeUndefined();
    expect(result.fills.map((f) => [f.ts, f.price, f.qty, f.liquidity])).toEqual([
      [T0 + 2000, 99, 2, 'maker'],
      [T0 + 3000, 99, 1, 'maker'],
    ]);
  });

  it('reads a level that shrinks without a trade as cancels from the back of the queue', async () => {
    const data = [book(0, [[99, 10]], [[99.05, 5]]), book(1, [[99, 3]], [], false), trade(2, 99, 4, 'sell')];
    const result = await run(onFirstQuote({ side: 'buy', qty: 5, price: 99 }), data);
    expect(result.fills.map((f) => [f.price, f.qty])).toEqual([[99, 1]]);
  });

  it('walks the recorded levels for an order that takes liquidity', async () => {
    const data = [book(0, [[99.9, 10]], [[100, 2], [100.05, 3], [100.1, 50]])];
    const result = await run(onFirstQuote({ side: 'buy', qty: 4 }), data);
    expect(result.fills.map((f) => [f.price, f.qty, f.liquidity])).toEqual([
      [100, 2, 'taker'],
      [100.05, 2, 'taker'],
    ]);
  });

  it('fills a resting order when the other side of the book reaches its price, once for liquidity that stays', async () => {
    const data = [book(0, [[99, 1]], [[99.1, 5]]), book(1, [[99, 1]], [[99.02, 2]]), book(2, [[99, 2]], []), book(3, [[99, 3]], [])];
    const result = await run(onFirstQuote({ side: 'buy', qty: 3, price: 99.05 }), data);
    expect(result.fills.map((f) => [f.ts, f.price, f.qty])).toEqual([[T0 + 1000, 99.05, 2]]);
  });
});
