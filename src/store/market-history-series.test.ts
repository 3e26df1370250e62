// Tests for listing the stored history series and counting a series within a time range, on both dialects.
import { expect, it } from 'vitest';
import type { HistoryBar, HistoryTrade } from '../core/market-history.ts';
import { MarketHistoryRepo } from './market-history.ts';
import { T0, describeEachDialect } from './test-support.ts';

const MINUTE = 60_000;

const bar = (i: number): HistoryBar => ({ openTime: T0 + i * MINUTE, open: '100', high: '101', low: '99', close: '100.5', volume: '7' });
const trade = (i: number): HistoryTrade => ({ ts: T0 + i * 1_000, seq: 0, price: '10.5', qty: '1', side: 'buy' });

describeEachDialect(
  'market history series',
  (suite) => {
    const repo = () => new MarketHistoryRepo(suite.store().db, suite.store().reader);

    it('lists each stored series of a kind with its row count and first and last times', async () => {
      const history = repo();
      await history.insert('bars', { symbol: 'ACME', interval: '1m' }, Array.from({ length: 30 }, (_, i) => bar(i)), 'a');
      await history.insert('bars', { symbol: 'ACME', interval: '5m' }, [bar(0), bar(5)], 'a');
      await history.insert('bars', { symbol: 'ZED', interval: '1m' }, [bar(3)], 'a');
      await history.insert('trades', { symbol: 'BTC-USD' }, Array.from({ length: 12 }, (_, i) => trade(i)), 'b');
      expect(await history.series('bars')).toEqual([
        { symbol: 'ACME', interval: '1m', rows: 30, first: T0, last: T0 + 29 * MINUTE },
        { symbol: 'ACME', interval: '5m', rows: 2, first: T0, last: T0 + 5 * MINUTE },
        { symbol: 'ZED', interval: '1m', rows: 1, first: T0 + 3 * MINUTE, last: T0 + 3 * MINUTE },
      ]);
      expect(await history.series('trades')).toEqual([{ symbol: 'BTC-USD', rows: 12, first: T0, last: T0 + 11_000 }]);
      expect(await history.series('quotes')).toEqual([]);
    });

    it('counts a series within a range: from inclusive, to exclusive', async () => {
      const history = repo();
      await history.insert('bars', { symbol: 'ACME', interval: '1m' }, Array.from({ length: 30 }, (_, i) => bar(i)), 'a');
      await history.insert('trades', { symbol: 'BTC-USD' }, Array.from({ length: 12 }, (_, i) => trade(i)), 'b');
      expect(await history.extent('bars', { symbol: 'ACME', interval: '1m' }, { from: T0 + 10 * MINUTE, to: T0 + 20 * MINUTE })).toEqual({ rows: 10, first: T0 + 10 * MINUTE, last: T0 + 19 * MINUTE });
      expect(await history.extent('trades', { symbol: 'BTC-USD' }, { from: T0 + 5_000 })).toEqual({ rows: 7, first: T0 + 5_000, last: T0 + 11_000 });
      expect(await history.extent('trades', { symbol: 'BTC-USD' }, { to: T0 })).toEqual({ rows: 0, first: null, last: null });
    });
  },
  { perTest: true },
);
