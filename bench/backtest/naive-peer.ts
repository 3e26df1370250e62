// The peer: the same SMA crossover as a bare loop over the same bars, with no engine, orders or accounting; the floor any backtester sits above.
import type { RecordColumns } from '../../src/backtest/columns.ts';

/** Fast/slow running sums over closes; buys on an upward cross, sells on a downward one, at the close. Returns the trade count. */
export function naiveCrossover(columns: RecordColumns, fast: number, slow: number): number {
  const closes = new Float64Array(slow);
  let fastSum = 0;
  let slowSum = 0;
  let above: boolean | undefined;
  let trades = 0;
  const n = columns.length;
  for (let i = 0; i < n; i++) {
    const close = columns.values[i * 5 + 3]!;
    fastSum += close - (i >= fast ? closes[(i - fast) % slow]! : 0);
    slowSum += close - (i >= slow ? closes[i % slow]! : 0);
    closes[i % slow] = close;
    if (i + 1 < slow) continue;
    const now = fastSum / fast > slowSum / slow;
    if (above !== undefined && now !== above) trades++;
    above = now;
  }
  return trades;
}
