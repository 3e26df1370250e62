// Tests for candle upserts and pages on both dialects.
import { expect, it } from 'vitest';
import { parseCursor } from './cursor.ts';
import type { CandleRow } from './schema.ts';
import { T0, describeEachDialect } from './test-support.ts';

const MINUTE = 60_000;

function candle(openTime: number, close: number, extra: Partial<CandleRow> = {}): CandleRow {
  return { symbol: 'ACME', interval: '1m', openTime, open: 100, high: Math.max(100, close), low: Math.min(100, close), close, volume: 10, quoteVolume: 10 * close, trades: 3, ...extra };
}

describeEachDialect('candles', (suite) => {
  it('inserts candles and replaces a stored candle on conflict', async () => {
    const candles = suite.store().candles;
    await candles.upsertCandles([candle(T0, 101), candle(T0 + MINUTE, 102)]);
    await candles.upsertCandles([candle(T0 + MINUTE, 105, { volume: 25, trades: 7 }), candle(T0 + 2 * MINUTE, 99)]);
    const page = await candles.candles('ACME', '1m');
    expect(page.items.map((row) => [row.openTime, row.close, row.volume, row.trades])).toEqual([
      [T0 + 2 * MINUTE, 99, 10, 3],
      [T0 + MINUTE, 105, 25, 7],
      [T0, 101, 10, 3],
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it('keeps the last of several rows for one key in a single call', async () => {
    const candles = suite.store().candles;
    const time = T0 + 100 * MINUTE;
    await candles.upsertCandles([candle(time, 110), candle(time, 111), candle(time, 112, { high: 130 })]);
    expect((await candles.candles('ACME', '1m', { from: time, to: time + 1 })).items).toEqual([candle(time, 112, { high: 130 })]);
  });

  it('keeps symbols and intervals apart and pages newest first over a range', async () => {
    const candles = suite.store().candles;
    const base = T0 + 1_000 * MINUTE;
    const rows = Array.from({ length: 1_200 }, (_, i) => candle(base + i * MINUTE, 100 + (i % 7), { symbol: 'PAGE' }));
    await candles.upsertCandles([...rows, candle(base, 1, { symbol: 'PAGE', interval: '5m' }), candle(base, 1, { symbol: 'OTHER' })]);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await candles.candles('PAGE', '1m', { from: base + 100 * MINUTE, to: base + 1_100 * MINUTE, limit: 300, ...(cursor === null ? {} : { cursor: parseCursor(cursor)! }) });
      seen.push(...page.items.map((row) => row.openTime));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(Array.from({ length: 1_000 }, (_, i) => base + (1_099 - i) * MINUTE));
    expect((await candles.candles('PAGE', '5m')).items.map((row) => row.close)).toEqual([1]);
    expect((await candles.candles('OTHER', '1m')).items.length).toBe(1);
  });

  it('finds the newest candle of every symbol and interval', async () => {
    const store = await suite.open();
    await store.candles.upsert([candle(T0, 1), candle(T0 + MINUTE, 2), candle(T0, 3, { interval: '5m' }), candle(T0 + 9 * MINUTE, 4, { symbol: 'XYZ' }), candle(T0, 5, { symbol: 'XYZ' })]);
    expect((await store.candles.latest()).map((row) => [row.symbol, row.interval, row.openTime, row.close])).toEqual([
      ['ACME', '1m', T0 + MINUTE, 2],
      ['ACME', '5m', T0, 3],
      ['XYZ', '1m', T0 + 9 * MINUTE, 4],
    ]);
  });
});
