import { describe, expect, it } from 'vitest';
import { defineStrategy, z } from '../../strategy/index.ts';
import { ColumnBuilder, type RecordColumns } from '../columns.ts';
import type { BacktestMarket } from '../types.ts';
import { runTrial, type TrialSetup } from './trial.ts';

const ACME = { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 0, referencePrice: '100', bandBps: 10_000 };
const MARKET: BacktestMarket = { assets: [{ code: 'USD', scale: 2 }, { code: 'ACME', scale: 0 }], instruments: [ACME] };

function flatBars(count: number): RecordColumns {
  const builder = new ColumnBuilder();
  for (let i = 0; i < count; i++) {
    const t = 1_700_000_000_000 + i * 60_000;
    builder.add({ kind: 'bar', symbol: 'ACME', interval: '1m', openTime: t, ts: t + 60_000, open: 10_000, high: 10_005, low: 9_995, close: 10_000, volume: 100 });
  }
  return builder.finish();
}

/** Buys as many lots as it had bars of history when it started, on its first bar: the trial's fills count its warm-up. */
const historyCounter = defineStrategy({
  name: 'history-counter',
  params: z.object({}),
  symbols: ['ACME'],
  bars: ['1m'],
  historySize: 20,
  state: () => ({ held: 0, bought: false }),
  onStart(ctx) {
    ctx.state.held = ctx.history('ACME', '1m', 1_000).length;
  },
  async onBar(ctx) {
    if (ctx.state.bought || ctx.state.held === 0) return;
    ctx.state.bought = true;
    await ctx.order({ symbol: 'ACME', side: 'buy', qty: ctx.state.held });
  },
});

describe('an optimization trial', () => {
  const setup: TrialSetup = { strategyPath: 'history-counter', market: MARKET, columns: flatBars(100), settings: { deposits: { USD: '100000' } } };
  it('of a later window starts with the history before it, up to the strategy\'s historySize, as a backtest from that time does', async () => {
    const runs = await Promise.all([0, 5, 60].map(async (from) => ({ from, metrics: (await runTrial(historyCounter, setup, { id: 0, params: {}, from, to: 100 })).metrics! })));
    expect(runs.map(({ from, metrics }) => [from, metrics.fills])).toEqual([[0, 0], [5, 1], [60, 1]]);
    // 5 bars before row 5, and the 20 the strategy keeps before row 60.
    expect(runs[2]!.metrics.turnover / runs[1]!.metrics.turnover).toBeCloseTo(4, 1);
  });
});
