// Chart data: candles to bars, merging live candles into history, and which live candles the chart takes.
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../lib/api.ts';
import { dateAxisZoom, dateTickLabel, liveCandleAction, mergeCandles, tickLabel, toBar, toVolumeBar } from './chart-data.ts';

function candle(openTime: number, open: string, close: string, volume = '1'): Candle {
  return { symbol: 'AAPL', interval: '1m', openTime, open, high: '200', low: '100', close, volume, quoteVolume: '0', trades: 1 };
}

describe('chart data', () => {
  it('converts candles to bars in UTC seconds, volume coloured by direction', () => {
    expect(toBar(candle(60_000, '190.5', '191'))).toEqual({ time: 60, open: 190.5, high: 200, low: 100, close: 191 });
    expect(toVolumeBar(candle(60_000, '190.5', '191', '12')).color).toMatch(/^rgba\(22,/);
    expect(toVolumeBar(candle(60_000, '191', '190.5', '12'))).toMatchObject({ time: 60, value: 12, color: expect.stringMatching(/^rgba\(234,/) as unknown });
  });

  it('merges newest-first pages and live candles into one oldest-first history', () => {
    const history = mergeCandles([], [candle(180_000, '3', '3'), candle(120_000, '2', '2')]);
    const merged = mergeCandles(history, [candle(60_000, '1', '1'), candle(180_000, '3', '4')]);
    expect(merged.map((c) => [c.openTime, c.close])).toEqual([
      [60_000, '1'],
      [120_000, '2'],
      [180_000, '4'],
    ]);
  });

  it('updates the newest bar, appends a newer one and ignores an older one', () => {
    expect(liveCandleAction(undefined, { openTime: 1 })).toBe('append');
    expect(liveCandleAction(120_000, { openTime: 120_000 })).toBe('update');
    expect(liveCandleAction(120_000, { openTime: 180_000 })).toBe('append');
    expect(liveCandleAction(120_000, { openTime: 60_000 })).toBe('ignore');
  });

  it('labels the axis in local time', () => {
    const at = new Date(2030, 4, 6, 7, 8, 9).getTime() / 1000;
    expect(tickLabel(at, 3, 'en-GB')).toBe('07:08');
    expect(tickLabel(at, 4, 'en-GB')).toBe('07:08:09');
    expect(tickLabel(at, 0, 'en-GB')).toBe('2030');
  });
});

describe('date axis labels', () => {
  const DAY = 86_400;
  const at = (month: number, day: number, hour = 0) => new Date(2020, month, day, hour).getTime() / 1000;

  it('labels a view of days with dates only, whatever the tick marks, and leaves times of day unlabelled', () => {
    expect(dateTickLabel(at(0, 1), 0, 'dates', 'en-US')).toBe('Jan 1');
    expect(dateTickLabel(at(1, 1), 1, 'dates', 'en-US')).toBe('Feb 1');
    expect(dateTickLabel(at(0, 9), 2, 'dates', 'en-US')).toBe('Jan 9');
    expect(dateTickLabel(at(0, 17, 12), 3, 'dates', 'en-US')).toBe('');
  });

  it('shows times only when zoomed in to under two days', () => {
    expect([dateAxisZoom(DAY), dateAxisZoom(2 * DAY), dateAxisZoom(180 * DAY)]).toEqual(['times', 'dates', 'months']);
    expect(dateTickLabel(at(0, 17, 12), 3, 'times', 'en-GB')).toBe('12:00');
    expect(dateTickLabel(at(0, 17), 2, 'times', 'en-US')).toBe('Jan 17');
  });

  it('labels a view of half a year or more by month and year', () => {
    expect(dateTickLabel(at(0, 1), 0, 'months', 'en-US')).toBe('Jan 2020');
    expect(dateTickLabel(at(1, 1), 1, 'months', 'en-US')).toBe('Feb 2020');
    expect(dateTickLabel(at(1, 9), 2, 'months', 'en-US')).toBe('');
  });
});
