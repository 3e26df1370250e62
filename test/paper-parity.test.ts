// Paper trading against the live simulated market, then a backtest of the same strategy on the recording with the book-replay model: the fills are exactly the same.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPaper, type PaperOptions } from '../src/backtest/paper/run-paper.ts';
import { readRecording } from '../src/backtest/paper/recording.ts';
import { serverHistory } from '../src/backtest/paper/server-history.ts';
import { runBacktest } from '../src/backtest/run-backtest.ts';
import type { AssetSpec, InstrumentSpec } from '../src/core/instrument.ts';
import { defineStrategy, z } from '../src/strategy/index.ts';
import { TestPlatform, TEST_MARKETS } from './support/platform.ts';
import { suiteTempDir } from './support/temp-dir.ts';

const LIVING_MARKET = new URL('./fixtures/living-market.json', import.meta.url);

/** Called once the live run has heard and done enough to compare; the replay calls it too, harmlessly. */
let enough = (): void => {};

/** Joins the best bid with a small buy; sells what it holds at the best ask; now and then takes the offer. */
const scalper = defineStrategy({
  name: 'scalper',
  params: z.object({}),
  symbols: ['S10'],
  bars: [],
  state: () => ({ quotes: 0, fills: 0 }),
  onFill(ctx) {
    ctx.state.fills++;
    if (ctx.state.fills >= 5 && ctx.state.quotes >= 40) enough();
  },
  async onQuote(ctx, quote) {
    const symbol = quote.symbol;
    ctx.state.quotes++;
    const open = ctx.openOrders(symbol);
    const held = ctx.position(symbol).qty;
    if (ctx.state.quotes % 7 === 0 && held < 20) await ctx.buy(symbol, 1);
    if (open.length > 0) {
      if (ctx.state.quotes % 3 === 0) await ctx.cancelAll(symbol);
      return;
    }
    if (quote.bid !== undefined && held < 20) await ctx.buy(symbol, 2, { price: quote.bid });
    if (quote.ask !== undefined && held > 0) await ctx.sell(symbol, Math.min(held, 2), { price: quote.ask });
  },
});

/** Takes one at market in onStart from the side the touch it sees there offers: the market it starts in is the live book's. */
const opener = defineStrategy({
  name: 'opener',
  params: z.object({}),
  symbols: ['S10'],
  bars: ['1s'],
  historySize: 20,
  state: () => ({ touch: undefined as { bid: number | undefined; ask: number | undefined } | undefined, history: [] as number[] }),
  async onStart(ctx) {
    ctx.state.history = ctx.history('S10', '1s', 20).map((bar) => bar.openTime);
    const quote = ctx.quote('S10');
    ctx.state.touch = quote && { bid: quote.bid, ask: quote.ask };
    const taken = quote?.ask !== undefined ? await ctx.buy('S10', 1) : await ctx.sell('S10', 1);
    if (!taken.ok) ctx.log.warn('refused', { code: taken.code });
  },
  onFill() {
    enough();
  },
});

let platform: TestPlatform;
const dir = suiteTempDir('bourse-parity-');

beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, bots: { workers: 0, livingMarket: LIVING_MARKET } });
}, 120_000);

afterAll(async () => {
  await platform?.dispose();
});

/** S10 as the server lists it (its spec, without the last price), and the assets a run on it holds. */
async function listedS10(): Promise<{ instrument: InstrumentSpec; assets: AssetSpec[] }> {
  const { instruments } = (await (await fetch(`${platform.url}/api/v1/instruments`)).json()) as { instruments: Array<InstrumentSpec & { lastPrice: string }> };
  const { lastPrice: _last, ...instrument } = instruments.find((i) => i.symbol === 'S10')!;
  return { instrument, assets: [{ code: 'USD', scale: 2 }, { code: 'S10', scale: 0 }] };
}

/** A paper run on the live market, until its strategy has done enough to compare (or 30 s pass). */
async function runLive(options: Omit<PaperOptions, 'url' | 'signal'>): ReturnType<typeof runPaper> {
  const stop = new AbortController();
  enough = () => stop.abort();
  const timer = setTimeout(() => stop.abort(), 30_000);
  try {
    return await runPaper({ ...options, url: platform.wsUrl, signal: stop.signal });
  } finally {
    clearTimeout(timer);
    enough = () => {};
  }
}

describe('paper trading and backtest parity', () => {
  it('fills a strategy exactly the same when its recorded market is replayed', async () => {
    const { instrument, assets } = await listedS10();
    const recordPath = join(dir, 'live.jsonl');
    // The session close goes with the recording: a replay expires DAY orders where the live run did.
    const session = { close: '16:00', timeZone: 'America/New_York' };
    const live = await runLive({ instrument, session, assets, strategy: scalper, seed: 7, deposits: { USD: '10000' }, recordPath });
    expect(live.error).toBeUndefined();
    expect(live.records).toBeGreaterThan(20);
    expect(live.fills.length).toBeGreaterThan(2);

    const recording = await readRecording(recordPath);
    expect(recording.market.sessions).toEqual({ S10: session });
    const replayed = await runBacktest({ strategy: scalper, seed: 7, deposits: { USD: '10000' }, market: recording.market, data: recording.records, fillModel: 'book-replay' });
    expect(replayed.records).toBe(live.records);
    expect(replayed.fills).toEqual(live.fills);
    expect(replayed.metrics).toEqual(live.metrics);
  }, 60_000);

  it('starts a strategy in the market as the feed opens it: onStart sees the touch and the server\'s history and trades against the book, live and replayed', async () => {
    const { instrument, assets } = await listedS10();
    const recordPath = join(dir, 'opening.jsonl');
    const touches: unknown[] = [];
    const histories: number[][] = [];
    const observed = { ...opener, onStop: (ctx: { state: { touch: unknown; history: number[] } }) => void (touches.push(ctx.state.touch), histories.push(ctx.state.history)) } as typeof opener;
    // Warmed up on the server's closed 1s candles, as bourse run --paper does.
    const get = async <T>(path: string): Promise<T> => (await (await fetch(`${platform.url}${path}`)).json()) as T;
    const warmup = await serverHistory(get, instrument, ['1s'], 20, Date.now());
    expect(warmup.length).toBeGreaterThan(0);
    const live = await runLive({ instrument, assets, strategy: observed, seed: 3, deposits: { USD: '10000', S10: '5' }, recordPath, warmup });
    expect(live.error).toBeUndefined();
    const touch = touches[0] as { bid: number | undefined; ask: number | undefined } | undefined;
    expect(touch?.ask ?? touch?.bid).toEqual(expect.any(Number));
    // The market order filled against the opening book, at the run's first time.
    expect(live.fills[0]).toMatchObject({ side: touch?.ask !== undefined ? 'buy' : 'sell', qty: 1, ts: live.startTs });
    expect(live.orders.refused).toEqual({});

    const recording = await readRecording(recordPath);
    expect(recording.warmup).toEqual(warmup);
    const replayed = await runBacktest({ strategy: observed, seed: 3, deposits: { USD: '10000', S10: '5' }, market: recording.market, warmup: recording.warmup, data: recording.records, fillModel: 'book-replay' });
    expect(replayed.fills).toEqual(live.fills);
    expect(touches[1]).toEqual(touches[0]);
    expect(histories[0]).toEqual(warmup.map((bar) => (bar.kind === 'bar' ? bar.openTime : undefined)));
    expect(histories[1]).toEqual(histories[0]);
  }, 60_000);
});
