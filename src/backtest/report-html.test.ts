// The HTML report: its trade counts agree with the summary (and say when a trade is still open), its fill marks keep both sides, its trade table shows the fills' prices.
import { describe, expect, it } from 'vitest';
import { defineStrategy, z } from '../strategy/index.ts';
import { thinFills, thinnedMarksText } from './fill-marks.ts';
import { moneyFigure } from '../core/figures.ts';
import { distinctLabels, figurePlaces, MARKERS_SHOWN, placesOf, renderReport, timeLabels } from './report-html.ts';
import { summarizeResult } from './result-summary.ts';
import { tradeCountText } from './round-trips.ts';
import { runBacktest } from './run-backtest.ts';
import type { BacktestMarket, FillRecord, MarketRecord, RoundTrip } from './types.ts';

const T0 = 1_700_000_000_000;
const ACME = { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 0, referencePrice: '100', bandBps: 10_000 };
const MARKET: BacktestMarket = { assets: [{ code: 'USD', scale: 2 }, { code: 'ACME', scale: 0 }], instruments: [ACME] };
const trade = (seconds: number, price: number): MarketRecord => ({ kind: 'trade', symbol: 'ACME', ts: T0 + seconds * 1000, price: price * 100, qty: 100 });

/** Buys 1 on the trades heard at the `buys` counts and sells 1 at the `sells` counts (1 is the first trade). */
function tradingOn(name: string, buys: readonly number[], sells: readonly number[]) {
  return defineStrategy({
    name,
    params: z.object({}),
    symbols: ['ACME'],
    bars: [],
    state: () => ({ heard: 0 }),
    async onTrade(ctx) {
      ctx.state.heard++;
      if (buys.includes(ctx.state.heard)) await ctx.buy('ACME', 1);
      if (sells.includes(ctx.state.heard)) await ctx.sell('ACME', 1);
    },
  });
}

/** Buys on the 1st trade, sells on the 3rd, buys again on the 5th and keeps that position to the end. */
const inAndOut = tradingOn('in-and-out', [1, 5], [3]);

describe('trade counts', () => {
  it('words closed and open trades together', () => {
    const closed = { closeTs: 1 } as RoundTrip;
    const open = { closeTs: undefined } as RoundTrip;
    expect(tradeCountText(2, [closed, closed])).toBe('2');
    expect(tradeCountText(2, [closed, closed, open])).toBe('2 closed + 1 open');
    expect(tradeCountText(1_200, [open])).toBe('1,200 closed + 1 open');
  });

  it('gives the report the count the summary gives, with the trade still open', async () => {
    const data = Array.from({ length: 8 }, (_, i) => trade(i + 1, 100 + i));
    const result = await runBacktest({ strategy: inAndOut, market: MARKET, deposits: { USD: '100000' }, data });
    expect(result.error).toBeUndefined();
    expect(result.metrics.trades).toBe(1);
    expect(result.trades).toHaveLength(2);
    const html = renderReport(result);
    expect(html).toContain('<h2>Trades: 1 closed + 1 open</h2>');
    expect(html).toContain('Trades<b class="">1 closed + 1 open</b>');
  });
});

describe('figures in the report', () => {
  it('shows drawdown as a positive percentage, its duration in the CLI and dashboard style, and no -0.00', async () => {
    const data = [100, 104, 101, 97, 99, 102, 95, 96].map((price, i) => trade(i + 1, price));
    const result = await runBacktest({ strategy: inAndOut, market: MARKET, deposits: { USD: '100000' }, data });
    expect(result.metrics.maxDrawdown).toBeGreaterThan(0);
    const html = renderReport({ ...result, metrics: { ...result.metrics, maxDrawdown: 0.0523, maxDrawdownDurationMs: 3 * 3_600_000 + 59_000, totalReturn: -0.00001 } });
    expect(html).toContain('Max drawdown<b class="">5.23%</b>');
    expect(html).toContain('Drawdown duration<b class="">3 h</b>');
    expect(html).toMatch(/Total return<b class="[a-z]*">0.00%<\/b>/);
    // The drawdown chart's axis: the curve is drawn below zero, its labels are the positive falls.
    const axisLabels = [...html.matchAll(/text-anchor="end">([^<]*%)</g)].map((m) => m[1]);
    expect(axisLabels.length).toBe(3);
    // A fall of a few thousandths of a percent: as many decimals as it takes to tell the labels apart.
    expect(axisLabels.every((label) => /^\d+\.\d+%$/.test(label!)), axisLabels.join(' / ')).toBe(true);
    expect(new Set(axisLabels).size).toBe(3);
    expect(html).not.toContain('-0.00');
  });
});

describe('fills on the price chart', () => {
  it('marks every fill up to the limit and every Nth of each side beyond it, over the whole run, saying so on the chart', async () => {
    const few = thinFills([1, 2, 3], 5);
    expect(few).toEqual({ every: 1, total: 3, items: [1, 2, 3] });
    expect(thinnedMarksText(few)).toBe('');
    // Without sides (one side only), every Nth fill.
    const many = thinFills(Array.from({ length: 3_956 }, (_, i) => i), 2_000);
    expect(many.every).toBe(2);
    expect(many.items).toHaveLength(1_978);
    expect(many.items.at(-1)).toBe(3_954);
    expect(thinnedMarksText(many)).toBe('every 2nd fill marked (1,978 of 3,956)');
    expect(thinnedMarksText(thinFills(Array.from({ length: 25 }, (_, i) => i), 2))).toBe('every 13th fill marked (2 of 25)');

    // A strategy that buys or sells on every trade: more fills than the report marks.
    const churn = defineStrategy({
      name: 'churn',
      params: z.object({}),
      symbols: ['ACME'],
      bars: [],
      state: () => ({ long: false }),
      async onTrade(ctx) {
        if (ctx.state.long) await ctx.sell('ACME', 1);
        else await ctx.buy('ACME', 1);
        ctx.state.long = !ctx.state.long;
      },
    });
    const count = MARKERS_SHOWN + 500;
    const data = Array.from({ length: count }, (_, i) => trade(i + 1, 100 + (i % 7)));
    const result = await runBacktest({ strategy: churn, market: MARKET, deposits: { USD: '1000000' }, data });
    expect(result.fills.length).toBeGreaterThan(MARKERS_SHOWN);
    const html = renderReport(result);
    const marked = [...html.matchAll(/<title>(buy|sell) [^<]* at ([^<]*)<\/title>/g)];
    expect(marked.length).toBeLessThanOrEqual(MARKERS_SHOWN);
    expect(marked.length).toBeGreaterThan(MARKERS_SHOWN / 2);
    // Buys and sells alternate: every 2nd fill overall would be every buy and no sell; every 2nd of each side keeps both.
    const buys = marked.filter((m) => m[1] === 'buy').length;
    expect(buys).toBeGreaterThan(marked.length / 2 - 2);
    expect(marked.length - buys).toBeGreaterThan(marked.length / 2 - 2);
    // The last mark is near the end of the run, not where the limit ran out.
    expect(Date.parse(marked.at(-1)![2]!)).toBeGreaterThan(result.endTs - 5_000);
    // The API's summary marks the dashboard's chart by the same rule, at its own limit.
    const summary = summarizeResult(result, undefined, { maxItems: 1_000 });
    expect(summary.fills.items).toHaveLength(1_000);
    expect(summary.marks.every).toBe(Math.ceil(result.fills.length / 1_000));
    expect(summary.marks.items.length).toBeLessThanOrEqual(1_000);
    expect(new Set(summary.marks.items.map((f) => f.side))).toEqual(new Set(['buy', 'sell']));
    expect(summary.marks.items.at(-1)!.ts).toBeGreaterThan(result.endTs - 5_000);
    expect(html).toContain(`every 2nd buy and every 2nd sell marked (${marked.length.toLocaleString('en-US')} of ${result.fills.length.toLocaleString('en-US')})`);
  });
});

describe('money and axes in the report', () => {
  it('shows money to the cent, as the CLI summary does', async () => {
    const data = [100, 104, 101, 97].map((price, i) => trade(i + 1, price));
    const result = await runBacktest({ strategy: inAndOut, market: MARKET, deposits: { USD: '100000' }, data });
    const html = renderReport({ ...result, metrics: { ...result.metrics, endEquity: 9906.6789, fees: 71.0135 } });
    expect(html).toContain('End equity<b class="down">9906.68 USD</b>');
    expect(html).toContain('Fees<b class="">71.01 USD</b>');
    expect(moneyFigure(9906.6789)).toBe('9906.68');
    expect(moneyFigure(-0.001)).toBe('0.00');
  });

  it('labels a short run with times and enough decimals that no two labels are alike', async () => {
    // 44 seconds of trades barely moving: equity 100,000 give or take a few cents.
    const data = Array.from({ length: 45 }, (_, i) => trade(i, 100 + (i % 2) * 0.01));
    const result = await runBacktest({ strategy: inAndOut, market: MARKET, deposits: { USD: '100000' }, data });
    const html = renderReport(result);
    const charts = html.split('<svg').slice(1);
    expect(charts).toHaveLength(3);
    for (const chart of charts) {
      const values = [...chart.matchAll(/text-anchor="end">([^<]*)</g)].map((m) => m[1]!);
      expect(new Set(values.slice(0, 3)).size, values.join(' / ')).toBe(3);
      const times = [...chart.matchAll(/y="\d+" fill="#8b949e" font-size="11" text-anchor="(?:start|middle|end)">(\d{4}-\d\d-\d\d )?(\d\d:\d\d:\d\d[.\d]*)</g)].map((m) => m[2]);
      expect(times, chart.slice(0, 400)).toHaveLength(3);
      expect(new Set(times).size).toBe(3);
    }
    expect(timeLabels([0, 22_000, 44_000])).toEqual(['1970-01-01 00:00:00', '00:00:22', '00:00:44']);
    expect(timeLabels([0, 500, 1_000])).toEqual(['1970-01-01 00:00:00.000', '00:00:00.500', '00:00:01.000']);
    expect(timeLabels([0, 86_400_000, 2 * 86_400_000])).toEqual(['1970-01-01 00:00', '1970-01-02 00:00', '1970-01-03 00:00']);
    expect(timeLabels([0, 5 * 86_400_000, 10 * 86_400_000])).toEqual(['1970-01-01', '1970-01-06', '1970-01-11']);
    expect(distinctLabels([10_000, 9_999.995, 9_999.99], (v, p) => v.toFixed(p), 0)).toEqual(['10000.000', '9999.995', '9999.990']);
  });
});

describe('prices in the trade table', () => {
  /** In and out twice: buys on the 1st and 5th trade, sells on the 3rd and 7th. */
  const twice = tradingOn('twice', [1, 5], [3, 7]);

  it('shows them as the fills were, at the tick\'s decimals, with thousands separators', async () => {
    // The user trial: a BTC round trip read "64,965 → 65,036", and a cheaper one "189.8" beside "190.09".
    const data = [64_964.57, 64_980, 65_036.46, 65_010, 189.8, 189.9, 190.09, 190].map((price, i) => trade(i + 1, price));
    const result = await runBacktest({ strategy: twice, market: MARKET, deposits: { USD: '1000000' }, data });
    expect(result.fills.map((f) => f.price)).toEqual([64_964.57, 65_036.46, 189.8, 190.09]);
    const html = renderReport(result);
    const cells = [...html.matchAll(/<tr><td>ACME long<\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)].map((m) => m.slice(1));
    expect(cells).toEqual([
      ['1', '64,964.57', '65,036.46'],
      ['1', '189.80', '190.09'],
    ]);
    // The chart's markers say the same price.
    expect(html).toContain('<title>buy 64,964.57 at');
  });

  it('reads each symbol\'s decimals off its fills, past the noise of ticks times a tick size', () => {
    expect(placesOf(6_496_457 * 0.01)).toBe(2);
    expect(placesOf(0.1 + 0.2)).toBe(1);
    expect(placesOf(65_000)).toBe(0);
    expect(placesOf(0.00012345)).toBe(8);
    expect(placesOf(Math.PI)).toBe(8);
    const fill = (symbol: string, price: number, qty: number) => ({ symbol, price, qty }) as FillRecord;
    const places = figurePlaces([fill('BTC', 64_964.5, 0.0015), fill('BTC', 64_964.57, 1), fill('ACME', 190, 10)]);
    expect(places.get('BTC')).toEqual({ price: 2, qty: 4 });
    expect(places.get('ACME')).toEqual({ price: 0, qty: 0 });
  });
});
