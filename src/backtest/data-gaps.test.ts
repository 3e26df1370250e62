// Data-gap warnings: a hole in the history is reported once, with where it is and how long; nights, weekends and holidays of session data, and the ordinary spacing of any data, are not.
import { describe, expect, it } from 'vitest';
import { defineStrategy, z } from '../strategy/index.ts';
import { GapDetector, gapsWarning, MAX_GAPS_LISTED, weekdayMs, type DataGaps } from './data-gaps.ts';
import { renderReport } from './report-html.ts';
import { summarizeResult } from './result-summary.ts';
import { runBacktest } from './run-backtest.ts';
import type { BacktestMarket, BarRecord, MarketRecord, TradeRecord } from './types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function bar(symbol: string, interval: string, openTime: number, intervalMs: number): BarRecord {
  return { kind: 'bar', symbol, interval, openTime, ts: openTime + intervalMs, open: 100, high: 101, low: 99, close: 100, volume: 10 };
}

function trade(symbol: string, ts: number): TradeRecord {
  return { kind: 'trade', symbol, ts, price: 100, qty: 1 };
}

function detect(records: Iterable<MarketRecord>): DataGaps {
  const detector = new GapDetector();
  for (const record of records) detector.add(record);
  return detector.result();
}

const isWeekend = (ts: number) => [0, 6].includes(new Date(ts).getUTCDay());

/** Daily bars (open at 00:00 UTC) on every weekday from `from` to `to`, less the `closed` days. */
function* dailyStockBars(symbol: string, from: number, to: number, closed: readonly number[] = []): Generator<BarRecord> {
  for (let day = from; day < to; day += DAY) if (!isWeekend(day) && !closed.includes(day)) yield bar(symbol, '1d', day, DAY);
}

/** One-minute bars of a US session (14:30 to 21:00 UTC) on every weekday from `from` to `to`, less the `closed` days. */
function* minuteStockBars(symbol: string, from: number, to: number, closed: readonly number[] = []): Generator<BarRecord> {
  for (let day = from; day < to; day += DAY) {
    if (isWeekend(day) || closed.includes(day)) continue;
    for (let at = day + 14.5 * HOUR; at < day + 21 * HOUR; at += MINUTE) yield bar(symbol, '1m', at, MINUTE);
  }
}

/** One-minute bars around the clock from `from` to `to`, less those opening in [holeFrom, holeTo). */
function* minuteCryptoBars(symbol: string, from: number, to: number, holeFrom = 0, holeTo = 0): Generator<BarRecord> {
  for (let at = from; at < to; at += MINUTE) if (at < holeFrom || at >= holeTo) yield bar(symbol, '1m', at, MINUTE);
}

describe('data gaps', () => {
  it('reports a four-year hole between two imported series once, from the last bar\'s close to the next bar\'s open', () => {
    const gaps = detect([...dailyStockBars('AAPL', Date.UTC(2018, 0, 1), Date.UTC(2019, 0, 1)), ...dailyStockBars('AAPL', Date.UTC(2023, 0, 2), Date.UTC(2023, 6, 1))]);
    // The last 2018 bar is Monday 2018-12-31, closing 2019-01-01 00:00; the next opens Monday 2023-01-02.
    expect(gaps).toEqual({ total: 1, items: [{ symbol: 'AAPL', from: Date.UTC(2019, 0, 1), to: Date.UTC(2023, 0, 2), lengthMs: Date.UTC(2023, 0, 2) - Date.UTC(2019, 0, 1) }] });
    expect(gapsWarning(gaps)).toBe('warning: a gap in the data, replayed as trading time: AAPL 2019-01-01T00:00:00.000Z to 2023-01-02T00:00:00.000Z (1462 d)');
  });

  it('reports nothing for daily and one-minute stock bars with their weekends and holidays', () => {
    // Holidays next to weekends (Monday 2024-01-15, Friday 2024-03-29) and midweek (Thursday 2024-07-04).
    const holidays = [Date.UTC(2024, 0, 15), Date.UTC(2024, 2, 29), Date.UTC(2024, 6, 4)];
    expect(detect(dailyStockBars('AAPL', Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1), holidays))).toEqual({ total: 0, items: [] });
    expect(detect(minuteStockBars('AAPL', Date.UTC(2024, 0, 1), Date.UTC(2024, 7, 1), holidays))).toEqual({ total: 0, items: [] });
  });

  it('reports a week of missing daily stock bars, and two missing sessions of one-minute bars, but not one (a holiday looks the same)', () => {
    const week = [8, 9, 10, 11, 12].map((d) => Date.UTC(2024, 0, d));
    const daily = detect(dailyStockBars('AAPL', Date.UTC(2024, 0, 1), Date.UTC(2024, 2, 1), week));
    // Friday 2024-01-05's bar closes Saturday 00:00; Monday 2024-01-15's opens nine days later.
    expect(daily.items).toEqual([{ symbol: 'AAPL', from: Date.UTC(2024, 0, 6), to: Date.UTC(2024, 0, 15), lengthMs: 9 * DAY }]);
    const wednesday = Date.UTC(2024, 0, 10);
    expect(detect(minuteStockBars('AAPL', Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1), [wednesday])).total).toBe(0);
    const two = detect(minuteStockBars('AAPL', Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1), [wednesday, wednesday + DAY]));
    // Tuesday's session ends 21:00, Friday's starts 14:30.
    expect(two.items).toEqual([{ symbol: 'AAPL', from: wednesday - 3 * HOUR, to: wednesday + 2 * DAY + 14.5 * HOUR, lengthMs: 2 * DAY + 17.5 * HOUR }]);
  });

  it('reports a missing day of one-minute bars in data that trades around the clock, and nothing in the same data without it', () => {
    const from = Date.UTC(2024, 0, 1);
    const to = Date.UTC(2024, 0, 22);
    expect(detect(minuteCryptoBars('BTC-USD', from, to))).toEqual({ total: 0, items: [] });
    const hole = Date.UTC(2024, 0, 10);
    const gaps = detect(minuteCryptoBars('BTC-USD', from, to, hole, hole + DAY));
    expect(gaps).toEqual({ total: 1, items: [{ symbol: 'BTC-USD', from: hole, to: hole + DAY, lengthMs: DAY }] });
    // A few missing minutes are no gap.
    expect(detect(minuteCryptoBars('BTC-USD', from, to, hole, hole + 10 * MINUTE)).total).toBe(0);
  });

  it('weighs trades against their median spacing: a quiet spell of a sparse series passes, a hole does not', () => {
    const from = Date.UTC(2024, 0, 1);
    // A trade every two hours around the clock: 20 quiet hours are 10 spacings, not more.
    const sparse: TradeRecord[] = [];
    for (let at = from; at < from + 14 * DAY; at += 2 * HOUR) if (at < from + 5 * DAY || at >= from + 5 * DAY + 18 * HOUR) sparse.push(trade('ETH-USD', at));
    expect(detect(sparse).total).toBe(0);
    const holed = sparse.filter((t) => t.ts < from + 5 * DAY || t.ts >= from + 7 * DAY);
    expect(detect(holed).items).toEqual([{ symbol: 'ETH-USD', from: from + 5 * DAY - 2 * HOUR, to: from + 7 * DAY, lengthMs: 2 * DAY + 2 * HOUR }]);
  });

  it('keeps the largest gaps over all symbols, largest first, and counts them all', () => {
    const records: MarketRecord[] = [];
    // Hourly trades around the clock (so on weekends too), each symbol with holes of 1 to 8 days (and the hour to the last trade), 30 days apart.
    for (const symbol of ['A', 'B']) {
      for (let i = 0; i < 8; i++) {
        const start = Date.UTC(2024, 0, 1) + i * 30 * DAY;
        for (let at = start; at < start + 14 * DAY; at += HOUR) records.push(trade(symbol, at + (symbol === 'B' ? 1 : 0)));
        for (let at = start + 14 * DAY + (i + 1) * DAY; at < start + 30 * DAY; at += HOUR) records.push(trade(symbol, at + (symbol === 'B' ? 1 : 0)));
      }
    }
    records.sort((a, b) => a.ts - b.ts);
    const gaps = detect(records);
    expect(gaps.total).toBe(16);
    expect(gaps.items).toHaveLength(MAX_GAPS_LISTED);
    expect(gaps.items.map((g) => [g.symbol, Math.round(g.lengthMs / DAY)])).toEqual([
      ['A', 8], ['B', 8], ['A', 7], ['B', 7], ['A', 6], ['B', 6], ['A', 5], ['B', 5], ['A', 4], ['B', 4],
    ]);
    expect(gapsWarning(gaps)).toMatch(/^warning: 16 gaps in the data, replayed as trading time; the largest: A 2024-0\d-\d\dT23:00:00\.000Z to 2024-\d\d-\d\dT00:00:00\.000Z \(8 d\)$/);
  });

  it('counts only Monday to Friday time for session data', () => {
    const friday = Date.UTC(2024, 0, 5);
    expect(weekdayMs(friday + 21 * HOUR, friday + 3 * DAY + 14.5 * HOUR)).toBe(17.5 * HOUR);
    expect(weekdayMs(friday, friday + 14 * DAY)).toBe(10 * DAY);
    expect(weekdayMs(friday + DAY, friday + 2 * DAY)).toBe(0);
    expect(weekdayMs(friday + 12 * HOUR, friday + 17 * DAY)).toBe(10 * DAY + 12 * HOUR);
  });
});

describe('a backtest over data with a hole', () => {
  const ACME = { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 0, referencePrice: '1', bandBps: 10_000 };
  const MARKET: BacktestMarket = { assets: [{ code: 'USD', scale: 2 }, { code: 'ACME', scale: 0 }], instruments: [ACME] };
  const idle = defineStrategy({ name: 'idle', params: z.object({}), symbols: ['ACME'], bars: [] });

  it('reports it in the result, the summary the API serves and the HTML report, and nothing for data without one', async () => {
    const data = [...dailyStockBars('ACME', Date.UTC(2018, 0, 1), Date.UTC(2019, 0, 1)), ...dailyStockBars('ACME', Date.UTC(2023, 0, 2), Date.UTC(2023, 6, 1))];
    const result = await runBacktest({ strategy: idle, market: MARKET, data });
    const expected = { total: 1, items: [{ symbol: 'ACME', from: Date.UTC(2019, 0, 1), to: Date.UTC(2023, 0, 2), lengthMs: Date.UTC(2023, 0, 2) - Date.UTC(2019, 0, 1) }] };
    expect(result.dataGaps).toEqual(expected);
    expect(summarizeResult(result, undefined).dataGaps).toEqual(expected);
    expect((JSON.parse(JSON.stringify(result)) as { dataGaps: unknown }).dataGaps).toEqual(expected);
    const html = renderReport(result);
    expect(html).toContain('A gap in the data, replayed as trading time without prices');
    expect(html).toContain('<li>ACME 2019-01-01T00:00:00.000Z to 2023-01-02T00:00:00.000Z (1462 d)</li>');

    const regular = await runBacktest({ strategy: idle, market: MARKET, data: dailyStockBars('ACME', Date.UTC(2023, 0, 2), Date.UTC(2023, 6, 1)) });
    expect(regular.dataGaps).toEqual({ total: 0, items: [] });
    expect(renderReport(regular)).not.toContain('gap in the data');
  });
});
