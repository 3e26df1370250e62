// An optimization's period is given in the times a backtest reports for the same data: a bar at its close.
import { describe, expect, it } from 'vitest';
import { packRecords } from '../../backtest/columns.ts';
import type { BarRecord, TradeRecord } from '../../backtest/types.ts';
import { optimizationSummary } from './optimization-summary.ts';

const T0 = Date.UTC(2024, 0, 1);
const bar = (i: number): BarRecord => ({ kind: 'bar', symbol: 'S', interval: '1m', openTime: T0 + i * 60_000, ts: T0 + (i + 1) * 60_000, open: 100, high: 101, low: 99, close: 100, volume: 1 });
const trade = (i: number): TradeRecord => ({ kind: 'trade', symbol: 'S', ts: T0 + i * 1_000, price: 100, qty: 1 });
const summarize = async (records: Array<BarRecord | TradeRecord>) =>
  optimizationSummary({ objective: 'sharpe', method: 'grid', columns: await packRecords(records), elapsedMs: 1 }, { trials: [], best: undefined, elapsedMs: 1, runsPerSecond: 0 });

describe('optimizationSummary', () => {
  it('spans bars from the first close to the last, as a backtest of them reports startTs and endTs', async () => {
    expect(await summarize([bar(0), bar(1), bar(2)])).toMatchObject({ records: 3, startTs: T0 + 60_000, endTs: T0 + 3 * 60_000 });
  });

  it('spans trades from the first trade to the last', async () => {
    expect(await summarize([trade(0), trade(5)])).toMatchObject({ records: 2, startTs: T0, endTs: T0 + 5_000 });
  });
});
