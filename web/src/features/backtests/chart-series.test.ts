import { describe, expect, it } from 'vitest';
import type { FillRecord, PriceBar } from './backtest-types.ts';
import { barIndexAt, candlePoints, closeLine, drawdownLine, equityLine, fillMarkers, intervalLabel, MARKER_TEXT_LIMIT } from './chart-series.ts';

const bar = (ts: number, close = 100): PriceBar => ({ ts, open: close, high: close + 1, low: close - 1, close, volume: 1 });
const fill = (ts: number, side: 'buy' | 'sell'): FillRecord => ({ ts, symbol: 'S', side, price: 100, qty: 1, fee: 0, liquidity: 'taker', orderId: 1 });
const MIN = 60_000;

describe('lines', () => {
  it('converts ms to whole seconds, keeps the last sample of a second and skips anything out of order or not finite', () => {
    expect(equityLine([{ ts: 1_000, equity: 1 }, { ts: 1_500, equity: 2 }, { ts: 2_000, equity: 3 }, { ts: 1_000, equity: 4 }, { ts: 3_000, equity: Number.NaN }])).toEqual([
      { time: 1, value: 2 },
      { time: 2, value: 3 },
    ]);
  });

  it('draws the drawdown as a percent below zero', () => {
    expect(drawdownLine([{ ts: 0, drawdown: 0 }, { ts: 60_000, drawdown: 0.125 }])).toEqual([
      { time: 0, value: 0 },
      { time: 60, value: -12.5 },
    ]);
  });

  it('makes candles and a close line from the price bars', () => {
    const bars = [bar(0, 10), bar(MIN, 11), bar(MIN, 12)];
    expect(candlePoints(bars)).toEqual([
      { time: 0, open: 10, high: 11, low: 9, close: 10 },
      { time: 60, open: 11, high: 12, low: 10, close: 11 },
    ]);
    expect(closeLine(bars)).toEqual([
      { time: 0, value: 10 },
      { time: 60, value: 12 },
    ]);
  });
});

describe('fill markers', () => {
  const bars = [bar(0), bar(MIN), bar(2 * MIN)];

  it('finds the bar a time falls in', () => {
    expect(barIndexAt(bars, -5)).toBe(0);
    expect(barIndexAt(bars, 0)).toBe(0);
    expect(barIndexAt(bars, MIN - 1)).toBe(0);
    expect(barIndexAt(bars, MIN)).toBe(1);
    expect(barIndexAt(bars, 10 * MIN)).toBe(2);
  });

  it('puts one marker per bar and side: buys below as up arrows, sells above as down arrows, counted', () => {
    const markers = fillMarkers([fill(10, 'sell'), fill(20, 'buy'), fill(30, 'buy'), fill(2 * MIN + 5, 'sell')], bars);
    expect(markers.map(({ time, position, shape, text, count }) => ({ time, position, shape, text, count }))).toEqual([
      { time: 0, position: 'belowBar', shape: 'arrowUp', text: 'B×2', count: 2 },
      { time: 0, position: 'aboveBar', shape: 'arrowDown', text: 'S', count: 1 },
      { time: 120, position: 'aboveBar', shape: 'arrowDown', text: 'S', count: 1 },
    ]);
    expect(fillMarkers([fill(1, 'buy')], [])).toEqual([]);
  });

  it('drops the labels and shrinks the arrows when there are too many to read', () => {
    const many = Array.from({ length: MARKER_TEXT_LIMIT + 1 }, (_, i) => bar(i * MIN));
    const markers = fillMarkers(many.map((b) => fill(b.ts, 'buy')), many);
    expect(markers).toHaveLength(MARKER_TEXT_LIMIT + 1);
    expect(markers.every((m) => m.text === '' && m.size < 1)).toBe(true);
  });
});

describe('intervalLabel', () => {
  it('names a bar width in its largest whole unit', () => {
    expect(intervalLabel(300_000)).toBe('5m');
    expect(intervalLabel(7_200_000)).toBe('2h');
    expect(intervalLabel(86_400_000)).toBe('1d');
    expect(intervalLabel(15_000)).toBe('15s');
    expect(intervalLabel(1_500)).toBe('1500 ms');
  });
});
