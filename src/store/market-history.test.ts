// Tests for the market history tables on both dialects: idempotent bulk inserts, keyset pages over ranges, extents.
import { expect, it } from 'vitest';
import { HistoryWriter, parseHistoryText } from '../adapters/csv/index.ts';
import type { HistoryBar, HistoryQuote, HistoryTrade } from '../core/market-history.ts';
import { MarketHistoryRepo } from './market-history.ts';
import { T0, describeEachDialect } from './test-support.ts';

const MINUTE = 60_000;

function bar(i: number): HistoryBar {
  return { openTime: T0 + i * MINUTE, open: `${100 + (i % 5)}.25`, high: '110.000000000000000001', low: '90', close: '100', volume: String(i) };
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<{ rows: T[]; pages: number }> {
  const rows: T[] = [];
  let count = 0;
  for await (const page of pages) {
    rows.push(...page);
    count++;
  }
  return { rows, pages: count };
}

describeEachDialect('market history', (suite) => {
  const repo = () => new MarketHistoryRepo(suite.store().db, suite.store().reader);

  it('stores bars exactly, ignores a second import of the same rows and reads a range in pages', async () => {
    const history = repo();
    const bars = Array.from({ length: 2_500 }, (_, i) => bar(i));
    expect(await history.insert('bars', { symbol: 'ACME', interval: '1m' }, bars, 'acme.csv')).toBe(2_500);
    expect(await history.insert('bars', { symbol: 'ACME', interval: '1m' }, bars.slice(1_000, 2_000), 'acme.csv')).toBe(0);
    expect(await history.insert('bars', { symbol: 'ACME', interval: '5m' }, bars.slice(0, 3), 'other')).toBe(3);
    expect(await history.insert('bars', { symbol: 'XYZ', interval: '1m' }, bars.slice(0, 2), 'other')).toBe(2);
    const all = await collect(history.read('bars', { symbol: 'ACME', interval: '1m' }, { pageSize: 1_000 }));
    expect(all.pages).toBe(3);
    expect(all.rows).toEqual(bars);
    const part = await collect(history.read('bars', { symbol: 'ACME', interval: '1m' }, { from: T0 + 100 * MINUTE, to: T0 + 300 * MINUTE, pageSize: 50 }));
    expect(part.rows).toEqual(bars.slice(100, 300));
    expect(part.pages).toBe(4);
    expect(await history.extent('bars', { symbol: 'ACME', interval: '5m' })).toEqual({ rows: 3, first: T0, last: T0 + 2 * MINUTE });
    expect(await history.extent('bars', { symbol: 'NONE', interval: '1m' })).toEqual({ rows: 0, first: null, last: null });
    expect(await history.delete('bars', { symbol: 'ACME', interval: '5m' })).toBe(3);
    expect(await history.extent('bars', { symbol: 'ACME', interval: '5m' })).toEqual({ rows: 0, first: null, last: null });
  });

  it('pages trades sharing a millisecond across page boundaries without losing or repeating any', async () => {
    const history = repo();
    const trades: HistoryTrade[] = [];
    for (let i = 0; i < 40; i++) for (let seq = 0; seq < 7; seq++) trades.push({ ts: T0 + i, seq, price: `1.${i}${seq}`, qty: '0.001', side: seq % 3 === 0 ? null : seq % 3 === 1 ? 'buy' : 'sell' });
    expect(await history.insert('trades', { symbol: 'BTC-USD' }, trades, 'tape')).toBe(trades.length);
    expect(await history.insert('trades', { symbol: 'BTC-USD' }, trades, 'tape')).toBe(0);
    for (const pageSize of [1, 5, 7, 64, 1_000]) expect((await collect(history.read('trades', { symbol: 'BTC-USD' }, { pageSize }))).rows).toEqual(trades);
    expect((await collect(history.read('trades', { symbol: 'BTC-USD' }, { from: T0 + 10, to: T0 + 12, pageSize: 3 }))).rows).toEqual(trades.slice(70, 84));
    expect(await history.extent('trades', { symbol: 'BTC-USD' })).toEqual({ rows: 280, first: T0, last: T0 + 39 });
    expect(await history.delete('trades', { symbol: 'BTC-USD' }, { from: T0 + 10, to: T0 + 20 })).toBe(70);
    expect(await history.insert('trades', { symbol: 'BTC-USD' }, trades, 'tape')).toBe(70);
    expect(await history.delete('trades', { symbol: 'OTHER' })).toBe(0);
  });

  it('stores quotes', async () => {
    const history = repo();
    const quotes: HistoryQuote[] = [
      { ts: T0, seq: 0, bidPrice: '99.5', bidQty: '0', askPrice: '100', askQty: '3' },
      { ts: T0, seq: 1, bidPrice: '99.75', bidQty: '2', askPrice: '99.75', askQty: '1' },
    ];
    expect(await history.insert('quotes', { symbol: 'ACME' }, quotes, 'q')).toBe(2);
    expect((await collect(history.read('quotes', { symbol: 'ACME' }))).rows).toEqual(quotes);
    expect((await collect(history.read('quotes', { symbol: 'OTHER' }))).pages).toBe(0);
  });

  it('gives back the same rows after import, export and import again, in both formats', async () => {
    const history = repo();
    const text = 'ts,bid,bid_size,ask,ask_size\n1700000000.001,99.50,10,99.6,1\n1700000000.001,99.5,0,99.60,2\n2023-11-14T22:13:21Z,99.55,3,99.55,4\n';
    const parsed = parseHistoryText('quotes', text, { format: 'csv' }).flatMap((row) => ('record' in row ? [row.record] : []));
    expect(parsed).toHaveLength(3);
    await history.insert('quotes', { symbol: 'RT' }, parsed, 'rt.csv');
    for (const format of ['csv', 'jsonl'] as const) {
      const writer = new HistoryWriter('quotes', format, format === 'csv' ? 'iso' : 'ms');
      let exported = writer.header();
      for await (const page of history.read('quotes', { symbol: 'RT' }, { pageSize: 2 })) exported += writer.lines(page);
      const again = parseHistoryText('quotes', exported, { format }).flatMap((row) => ('record' in row ? [row.record] : []));
      expect(again).toEqual(parsed);
      expect(await history.insert('quotes', { symbol: 'RT' }, again, `rt.${format}`)).toBe(0);
    }
  });

  it('needs an interval for bars', async () => {
    await expect(repo().insert('bars', { symbol: 'ACME' }, [bar(0)], 'x')).rejects.toThrow('bars of ACME need an interval');
  });
});
