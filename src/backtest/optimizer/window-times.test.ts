// Walk-forward windows as times: each row at its record time, a bar at its close, as the API and the CLI give them.
import { describe, expect, it } from 'vitest';
import { packRecords } from '../columns.ts';
import type { BarRecord, TradeRecord } from '../types.ts';
import { windowTimes } from './window-times.ts';

const T0 = Date.UTC(2024, 0, 1);
const bar = (i: number): BarRecord => ({ kind: 'bar', symbol: 'S', interval: '1m', openTime: T0 + i * 60_000, ts: T0 + (i + 1) * 60_000, open: 100, high: 101, low: 99, close: 100, volume: 1 });
const trade = (i: number): TradeRecord => ({ kind: 'trade', symbol: 'S', ts: T0 + i * 1_000, price: 100, qty: 1 });

describe('windowTimes', () => {
  it('gives rows of bars as their close times, a window to the end closing just after the last bar', async () => {
    const columns = await packRecords([bar(0), bar(1), bar(2), bar(3)]);
    expect(windowTimes(columns, { from: 0, to: 2 })).toEqual({ from: T0 + 60_000, to: T0 + 3 * 60_000 });
    expect(windowTimes(columns, { from: 2, to: 4 })).toEqual({ from: T0 + 3 * 60_000, to: T0 + 4 * 60_000 + 1 });
  });

  it('gives rows of trades as their times', async () => {
    const columns = await packRecords([trade(0), trade(5), trade(9)]);
    expect(windowTimes(columns, { from: 1, to: 3 })).toEqual({ from: T0 + 5_000, to: T0 + 9_000 + 1 });
  });
});
