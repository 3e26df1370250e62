// Market data over REST on SQLite and PostgreSQL: instruments, book snapshots with seq, recent trades, tickers and candles.
import { beforeAll, it } from 'vitest';
import { describeEachBackend } from '../support/backends.ts';
import { expectErrorWith } from '../support/expect-error.ts';
import type { Api } from '../support/http-client.ts';
import { Counterparties } from '../support/market.ts';
import type { BookView, CandleView, PageOf, TickerView, TradeView } from '../support/views.ts';

const INTERVAL_MS: Record<string, number> = { '1s': 1_000, '1m': 60_000, '1h': 3_600_000, '1d': 86_400_000 };

/** The candles a list of trades makes, newest first (as the API pages them), with prices and volumes as the API writes them. */
function expectedCandles(trades: readonly TradeView[], interval: string): Array<Pick<CandleView, 'openTime' | 'open' | 'high' | 'low' | 'close' | 'volume' | 'trades'>> {
  const step = INTERVAL_MS[interval]!;
  const buckets = new Map<number, TradeView[]>();
  for (const trade of trades) {
    const openTime = Math.floor(trade.ts / step) * step;
    buckets.set(openTime, [...(buckets.get(openTime) ?? []), trade]);
  }
  return [...buckets].map(([openTime, list]) => {
    const prices = list.map((x) => Number(x.price));
    return {
      openTime,
      open: list[0]!.price,
      high: String(Math.max(...prices)),
      low: String(Math.min(...prices)),
      close: list.at(-1)!.price,
      volume: String(list.reduce((sum, x) => sum + Number(x.qty), 0)),
      trades: list.length,
    };
  }).reverse();
}

const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() % 1_000) + 20));

describeEachBackend('market data over REST', ({ platform }) => {
  let cp: Counterparties;
  let api: Api;
  beforeAll(async () => {
    cp = await Counterparties.create(platform().url, ['S20', 'S21', 'S22', 'S23']);
    api = platform().api();
  });

  it('lists instruments and assets with their terms; lastPrice follows trades', async ({ expect }) => {
    const { instruments } = await api.get<{ instruments: Array<{ symbol: string; tickSize: string; lotSize: string; takerFeeBps: number; lastPrice: string }> }>('/api/v1/instruments');
    expect(instruments).toHaveLength(24);
    expect(instruments.find((i) => i.symbol === 'S20')).toMatchObject({ tickSize: '0.01', lotSize: '1', takerFeeBps: 10, lastPrice: '100' });
    await cp.trade('S20', '101.25');
    const after = await api.get<{ instruments: Array<{ symbol: string; lastPrice: string }> }>('/api/v1/instruments');
    expect(after.instruments.find((i) => i.symbol === 'S20')?.lastPrice).toBe('101.25');
    const { assets } = await api.get<{ assets: Array<{ code: string; scale: number }> }>('/api/v1/assets');
    expect(assets).toContainEqual({ code: 'USD', scale: 2 });
  });

  it('book snapshots aggregate levels best first, carry a growing seq and honour depth', async ({ expect }) => {
    const empty = await api.book('S21');
    expect(empty).toEqual({ symbol: 'S21', seq: empty.seq, bids: [], asks: [] });
    await cp.quote('S21', 'buy', '99', '2');
    await cp.quote('S21', 'buy', '99', '3');
    await cp.quote('S21', 'buy', '98.5', '1');
    await cp.quote('S21', 'sell', '101', '4');
    await cp.quote('S21', 'sell', '100.5', '1');
    const book = await api.book('S21');
    expect(book.bids).toEqual([['99', '5'], ['98.5', '1']]);
    expect(book.asks).toEqual([['100.5', '1'], ['101', '4']]);
    expect(book.seq).toBe(empty.seq + 5);
    const top = await api.get<BookView>('/api/v1/markets/S21/book', { depth: 1 });
    expect(top).toEqual({ ...book, bids: [['99', '5']], asks: [['100.5', '1']] });
    expectErrorWith(expect, await api.call('GET', '/api/v1/markets/S21/book', { query: { depth: 0 } }), 400, 'INVALID_REQUEST');
    // A symbol in the path names something that does not exist: 404, as for any other unknown resource.
    for (const path of ['book', 'trades', 'ticker', 'candles?interval=1m']) {
      const unknown = expectErrorWith(expect, await api.call('GET', `/api/v1/markets/NOPE/${path}`), 404, 'UNKNOWN_SYMBOL');
      const message = 'NOPE is not listed; GET /api/v1/instruments lists the symbols.';
      expect(unknown).toEqual({ code: 'UNKNOWN_SYMBOL', message, details: [{ path: 'symbol', message }] });
    }
    // However long: the symbol is told unlisted like any other, and quoted back only by its start.
    const long = 'A'.repeat(3000);
    const tooLong = expectErrorWith(expect, await api.call('GET', `/api/v1/markets/${long}/book`), 404, 'UNKNOWN_SYMBOL');
    expect(tooLong.message).toBe(`${'A'.repeat(64)}… (3000 characters) is not listed; GET /api/v1/instruments lists the symbols.`);
    const noRoute = expectErrorWith(expect, await api.call('GET', `/api/v1/${long}`), 404, 'NOT_FOUND');
    expect(noRoute.message).toBe(`No route GET /api/v1/${'A'.repeat(56)}… (3008 characters).`);
  });

  it('recent trades, oldest first, and 24h tickers', async ({ expect }) => {
    expect(await api.get('/api/v1/markets/S22/ticker')).toEqual({ ticker: null });
    for (const price of ['100', '102', '99.5']) await cp.trade('S22', price, '2');
    const { trades } = await api.get<{ trades: TradeView[] }>('/api/v1/markets/S22/trades');
    expect(trades.map((x) => [x.price, x.qty, x.takerSide])).toEqual([['100', '2', 'buy'], ['102', '2', 'buy'], ['99.5', '2', 'buy']]);
    expect(trades.map((x) => x.tradeId)).toEqual([...trades.map((x) => x.tradeId)].sort((a, b) => a - b));
    const lastTwo = await api.get<{ trades: TradeView[] }>('/api/v1/markets/S22/trades', { limit: 2 });
    expect(lastTwo.trades).toEqual(trades.slice(1));
    const { ticker } = await api.get<{ ticker: TickerView }>('/api/v1/markets/S22/ticker');
    expect(ticker).toMatchObject({ symbol: 'S22', lastPrice: '99.5', open: '100', high: '102', low: '99.5', volume: '6', quoteVolume: '603', trades: 3 });
    const { tickers } = await api.get<{ tickers: TickerView[] }>('/api/v1/tickers');
    expect(tickers.find((x) => x.symbol === 'S22')).toEqual(ticker);
    expect(tickers.some((x) => x.symbol === 'S23')).toBe(false);
  });

  it('candles for several intervals, with a from/to range and pages', async ({ expect }) => {
    // Three batches in three different seconds.
    for (const [i, prices] of [['100', '101'], ['103', '102'], ['99']].entries()) {
      if (i > 0) await nextSecond();
      for (const price of prices) await cp.trade('S23', price);
    }
    const { trades } = await api.get<{ trades: TradeView[] }>('/api/v1/markets/S23/trades');
    expect(trades).toHaveLength(5);
    for (const interval of ['1s', '1m', '1h', '1d']) {
      const page = await api.get<PageOf<CandleView>>('/api/v1/markets/S23/candles', { interval });
      expect(page.items.map(({ openTime, open, high, low, close, volume, trades: count }) => ({ openTime, open, high, low, close, volume, trades: count }))).toEqual(expectedCandles(trades, interval));
      expect(page.items.every((c) => c.symbol === 'S23' && c.interval === interval)).toBe(true);
    }
    const seconds = (await api.get<PageOf<CandleView>>('/api/v1/markets/S23/candles', { interval: '1s' })).items;
    // Three seconds, unless a loaded machine took so long over a batch that its two trades fell in two.
    expect(seconds).toHaveLength(expectedCandles(trades, '1s').length);
    if (seconds.length === 3) expect(seconds[1]).toMatchObject({ open: '103', high: '103', low: '102', close: '102', volume: '2', quoteVolume: '205' });
    expect(seconds.map((c) => c.openTime)).toEqual([...seconds.map((c) => c.openTime)].sort((x, y) => y - x));
    const from = await api.get<PageOf<CandleView>>('/api/v1/markets/S23/candles', { interval: '1s', from: seconds[1]!.openTime });
    expect(from.items).toEqual(seconds.slice(0, 2));
    const range = await api.get<PageOf<CandleView>>('/api/v1/markets/S23/candles', { interval: '1s', from: seconds[2]!.openTime, to: seconds[0]!.openTime });
    expect(range.items).toEqual(seconds.slice(1));

    const paged: CandleView[] = [];
    let cursor: string | null = null;
    do {
      const page: PageOf<CandleView> = await api.get<PageOf<CandleView>>('/api/v1/markets/S23/candles', { interval: '1s', limit: 1, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(1);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(paged).toEqual(seconds);

    expectErrorWith(expect, await api.call('GET', '/api/v1/markets/S23/candles', { query: { interval: '2m' } }), 400, 'INVALID_REQUEST');
    expectErrorWith(expect, await api.call('GET', '/api/v1/markets/S23/candles'), 400, 'INVALID_REQUEST');
    expect((await api.get<PageOf<CandleView>>('/api/v1/markets/S24/candles', { interval: '1m' })).items).toEqual([]);
  });
});
