// Tests for the store of closed bars behind ctx.history.
import { describe, expect, it } from 'vitest';
import { BarStore } from './bar-store.ts';
import type { Bar } from './types.ts';

const bar = (symbol: string, interval: string, minute: number, close = 100 + minute / 100): Bar => ({
  symbol,
  interval,
  openTime: minute * 60_000,
  open: close - 0.5,
  high: close + 1,
  low: close - 1,
  close,
  volume: 10 * minute,
});

describe('BarStore', () => {
  it('gives the last n bars of a series oldest first, equal to the bars added', () => {
    const store = new BarStore(10);
    const added = [1, 2, 3].map((minute) => bar('ACME', '1m', minute));
    for (const each of added) expect(store.add(each)).toBe(true);
    expect(store.last('ACME', '1m', 2)).toEqual(added.slice(1));
    expect(store.last('ACME', '1m', 50)).toEqual(added);
    expect(store.last('ACME', '5m', 2)).toEqual([]);
    expect(store.last('OTHER', '1m', 2)).toEqual([]);
  });

  it('keeps at most its capacity, forgetting the oldest', () => {
    const store = new BarStore(3);
    for (let minute = 1; minute <= 7; minute++) store.add(bar('ACME', '1m', minute));
    expect(store.last('ACME', '1m', 10).map((each) => each.openTime / 60_000)).toEqual([5, 6, 7]);
  });

  it('drops a bar not newer than the last of its series, and keeps series apart', () => {
    const store = new BarStore(5);
    expect(store.add(bar('ACME', '1m', 2))).toBe(true);
    expect(store.add(bar('ACME', '1m', 2, 999))).toBe(false);
    expect(store.add(bar('ACME', '1m', 1))).toBe(false);
    expect(store.add(bar('ACME', '5m', 1))).toBe(true);
    expect(store.add(bar('BETA', '1m', 1))).toBe(true);
    expect(store.add(bar('ACME', '1m', 3))).toBe(true);
    expect(store.last('ACME', '1m', 5).map((each) => [each.openTime / 60_000, each.close])).toEqual([
      [2, 100.02],
      [3, 100.03],
    ]);
  });

  it('takes a capacity of "everything" and grows its room as bars come', () => {
    const store = new BarStore(Number.MAX_SAFE_INTEGER);
    for (let minute = 1; minute <= 1000; minute++) store.add(bar('ACME', '1m', minute));
    const kept = store.last('ACME', '1m', 5000);
    expect(kept).toHaveLength(1000);
    expect(kept.map((each) => each.openTime / 60_000)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });

  it('still drops repeats with no capacity, and keeps nothing', () => {
    const store = new BarStore(0);
    expect(store.add(bar('ACME', '1m', 1))).toBe(true);
    expect(store.add(bar('ACME', '1m', 1))).toBe(false);
    expect(store.last('ACME', '1m', 1)).toEqual([]);
  });
});
