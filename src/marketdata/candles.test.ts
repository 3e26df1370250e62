// Candle builder: bucketing at interval edges, out-of-order time, closing by tick, draining, seeding.
import { describe, expect, it } from 'vitest';
import { CANDLE_INTERVALS, CandleBuilder, bucketStart, intervalMs, type Candle } from './candles.ts';

const T0 = Date.UTC(2024, 0, 1);

function drainMap(builder: CandleBuilder): Map<string, { candle: Candle; closed: boolean }> {
  return new Map(builder.drainChanged().map((u) => [`${u.candle.interval}@${u.candle.openTime}`, u]));
}

describe('candle intervals', () => {
  it('align buckets to the UTC epoch', () => {
    expect(CANDLE_INTERVALS.map((i) => intervalMs[i])).toEqual([1_000, 60_000, 300_000, 900_000, 3_600_000, 86_400_000]);
    expect(bucketStart(Date.UTC(2024, 2, 5, 23, 59, 59, 999), '1d')).toBe(Date.UTC(2024, 2, 5));
    expect(bucketStart(Date.UTC(2024, 2, 5, 10, 14, 59, 999), '15m')).toBe(Date.UTC(2024, 2, 5, 10));
    expect(bucketStart(Date.UTC(2024, 2, 5, 10, 15), '15m')).toBe(Date.UTC(2024, 2, 5, 10, 15));
    expect(bucketStart(-1, '1s')).toBe(-1_000);
  });
});

describe('CandleBuilder', () => {
  it('splits trades at a bucket edge and closes the earlier candle', () => {
    const b = new CandleBuilder({ intervals: ['1m', '1h'] });
    b.onTrade('X', 100, 2, T0 + 59_999);
    b.onTrade('X', 105, 1, T0 + 60_000);
    const changed = drainMap(b);
    expect(changed.get(`1m@${T0}`)).toEqual({ closed: true, candle: { symbol: 'X', interval: '1m', openTime: T0, open: 100, high: 100, low: 100, close: 100, volume: 2, quoteVolume: 200, trades: 1 } });
    expect(changed.get(`1m@${T0 + 60_000}`)?.closed).toBe(false);
    expect(changed.get(`1h@${T0}`)).toEqual({ closed: false, candle: { symbol: 'X', interval: '1h', openTime: T0, open: 100, high: 105, low: 100, close: 105, volume: 3, quoteVolume: 305, trades: 2 } });
    expect(changed.size).toBe(3);
  });

  it('reports each candle once per drain with its latest values, and nothing when idle', () => {
    const b = new CandleBuilder({ intervals: ['1m'] });
    for (const price of [10, 12, 9, 11]) b.onTrade('X', price, 1, T0 + price);
    expect(b.drainChanged()).toEqual([{ closed: false, candle: expect.objectContaining({ open: 10, high: 12, low: 9, close: 11, trades: 4 }) as unknown }]);
    expect(b.drainChanged()).toEqual([]);
  });

  it('makes no candle for a bucket without trades', () => {
    const b = new CandleBuilder({ intervals: ['1m'] });
    b.onTrade('X', 10, 1, T0);
    b.onTrade('X', 11, 1, T0 + 5 * 60_000);
    expect(b.drainChanged().map((u) => u.candle.openTime)).toEqual([T0, T0 + 5 * 60_000]);
  });

  it('folds a trade stamped in the past into the current bucket', () => {
    const b = new CandleBuilder({ intervals: ['1m'] });
    b.onTrade('X', 10, 1, T0 + 60_000);
    b.drainChanged();
    b.onTrade('X', 7, 1, T0);
    expect(b.drainChanged()).toEqual([{ closed: false, candle: expect.objectContaining({ openTime: T0 + 60_000, low: 7, close: 7, trades: 2 }) as unknown }]);
  });

  it('keeps symbols apart, each with its own clock', () => {
    const b = new CandleBuilder({ intervals: ['1m'] });
    b.onTrade('A', 10, 1, T0 + 120_000);
    b.onTrade('B', 20, 1, T0);
    expect(b.current('A', '1m')?.openTime).toBe(T0 + 120_000);
    expect(b.current('B', '1m')?.openTime).toBe(T0);
  });

  it('closes candles on tick and never reopens them', () => {
    const b = new CandleBuilder({ intervals: ['1s', '1m'] });
    b.onTrade('X', 10, 1, T0 + 500);
    b.drainChanged();
    b.tick(T0 + 999);
    expect(b.drainChanged()).toEqual([]);
    b.tick(T0 + 1_000);
    expect(b.drainChanged()).toEqual([{ closed: true, candle: expect.objectContaining({ interval: '1s', openTime: T0 }) as unknown }]);
    expect(b.isClosed('X', '1s')).toBe(true);
    expect(b.current('X', '1s')?.openTime).toBe(T0);
    // Stamped inside the closed second: it counts at the tick's time instead.
    b.onTrade('X', 11, 1, T0 + 900);
    const changed = drainMap(b);
    expect(changed.get(`1s@${T0 + 1_000}`)?.candle.open).toBe(11);
    expect(changed.get(`1m@${T0}`)?.candle.trades).toBe(2);
    expect(changed.has(`1s@${T0}`)).toBe(false);
  });

  it('places a new symbol after the last tick', () => {
    const b = new CandleBuilder({ intervals: ['1s'] });
    b.tick(T0 + 5_000);
    b.onTrade('N', 10, 1, T0);
    expect(b.current('N', '1s')?.openTime).toBe(T0 + 5_000);
  });

  it('continues a seeded bucket after a restart', () => {
    const first = new CandleBuilder({ intervals: ['1m'] });
    first.onTrade('X', 10, 1, T0 + 1_000);
    first.onTrade('X', 14, 2, T0 + 2_000);
    const stored = first.drainChanged().map((u) => u.candle);
    const second = new CandleBuilder({ intervals: ['1m'] });
    second.seed(stored);
    expect(second.current('X', '1m')).toEqual(stored[0]);
    expect(second.drainChanged()).toEqual([]);
    second.onTrade('X', 8, 1, T0 + 30_000);
    expect(second.drainChanged()).toEqual([
      { closed: false, candle: { symbol: 'X', interval: '1m', openTime: T0, open: 10, high: 14, low: 8, close: 8, volume: 4, quoteVolume: 46, trades: 3 } },
    ]);
  });

  it('seeds only the newest row per symbol and interval and ignores unbuilt intervals', () => {
    const row = (openTime: number, interval: Candle['interval'] = '1m'): Candle => ({ symbol: 'X', interval, openTime, open: 5, high: 5, low: 5, close: 5, volume: 1, quoteVolume: 5, trades: 1 });
    const b = new CandleBuilder({ intervals: ['1m'] });
    b.seed([row(T0 + 60_000), row(T0), row(T0, '1h')]);
    expect(b.current('X', '1m')?.openTime).toBe(T0 + 60_000);
    expect(b.current('X', '1h')).toBeUndefined();
    // A trade stamped before the stored bucket cannot land before it.
    b.onTrade('X', 6, 1, T0);
    expect(b.current('X', '1m')).toMatchObject({ openTime: T0 + 60_000, trades: 2 });
    // Seeded rows that ended are reported closed when time moves past them.
    b.onTrade('X', 6, 1, T0 + 120_000);
    expect(b.drainChanged().map((u) => [u.candle.openTime, u.closed])).toEqual([
      [T0 + 60_000, true],
      [T0 + 120_000, false],
    ]);
  });

  it('rejects damaged rows and trades outside the engine bounds', () => {
    const b = new CandleBuilder();
    const good: Candle = { symbol: 'X', interval: '1m', openTime: T0, open: 5, high: 6, low: 4, close: 5, volume: 1, quoteVolume: 5, trades: 1 };
    expect(() => b.seed([{ ...good, openTime: T0 + 1 }])).toThrow(/bucket start/);
    expect(() => b.seed([{ ...good, high: 4 }])).toThrow(/low..high/);
    expect(() => b.seed([{ ...good, trades: 0 }])).toThrow(/positive integers/);
    expect(() => b.onTrade('X', 0, 1, T0)).toThrow(RangeError);
    expect(() => b.onTrade('X', 1.5, 1, T0)).toThrow(RangeError);
    expect(() => b.onTrade('X', 2 ** 40, 2 ** 20, T0)).toThrow(/bounds/);
    expect(() => b.onTrade('X', 1, 1, Number.NaN)).toThrow(RangeError);
    expect(() => new CandleBuilder({ intervals: ['2m' as '1m'] })).toThrow(/unknown/);
  });

  it('returns frozen copies the caller cannot use to change state', () => {
    const b = new CandleBuilder({ intervals: ['1m'] });
    b.onTrade('X', 10, 1, T0);
    const candle = b.current('X', '1m');
    expect(Object.isFrozen(candle)).toBe(true);
    b.onTrade('X', 11, 1, T0);
    expect(candle?.close).toBe(10);
  });
});
