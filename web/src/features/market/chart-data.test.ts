// Chart data: candles to bars, merging live candles into history, and which live candles the chart takes.
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../lib/api.ts';
import { liveCandleAction, mergeCandles, tickLabel, toBar, toVolumeBar } from './chart-data.ts';

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
