// Paper trading against the live simulated market, then a backtest of the same strategy on the recording with the book-replay model: the fills are exactly the same.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPaper } from '../src/backtest/paper/run-paper.ts';
import { readRecording } from '../src/backtest/paper/recording.ts';
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

let platform: TestPlatform;
const dir = suiteTempDir('bourse-parity-');

beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, bots: { workers: 0, livingMarket: LIVING_MARKET } });
}, 120_000);

afterAll(async () => {
  await platform?.dispose();
});

describe('paper trading and backtest parity', () => {
  it('fills a strategy exactly the same when its recorded market is replayed', async () => {
    const { instruments } = (await (await fetch(`${platform.url}/api/v1/instruments`)).json()) as { instruments: Array<InstrumentSpec & { lastPrice: string }> };
    const { lastPrice: _last, ...instrument } = instruments.find((i) => i.symbol === 'S10')!;
    const assets: AssetSpec[] = [{ code: 'USD', scale: 2 }, { code: 'S10', scale: 0 }];
    const recordPath = join(dir, 'live.jsonl');
    const stop = new AbortController();
    enough = () => stop.abort();
    const timer = setTimeout(() => stop.abort(), 30_000);
    // The session close goes with the recording: a replay expires DAY orders where the live run did.
    const session = { close: '16:00', timeZone: 'America/New_York' };
    const live = await runPaper({ url: platform.wsUrl, instrument, session, assets, strategy: scalper, seed: 7, deposits: { USD: '10000' }, signal: stop.signal, recordPath });
    clearTimeout(timer);
    enough = () => {};
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
});
