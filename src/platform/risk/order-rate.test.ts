// Tests for the orders-per-second window: counting within a sliding second, bounded memory, pruning.
import { describe, expect, it } from 'vitest';
import { OrderRateWindow } from './order-rate.ts';

describe('order rate window', () => {
  it('counts the orders of the last second, per account', () => {
    const window = new OrderRateWindow();
    expect(window.record(1, 10_000, 1, 3)).toBe(1);
    expect(window.record(1, 10_100, 2, 3)).toBe(3);
    expect(window.record(2, 10_100, 1, 3)).toBe(1);
    expect(window.record(1, 10_999, 1, 3)).toBe(4);
    // The first order left the window a second after it came.
    expect(window.record(1, 11_000, 1, 3)).toBe(4);
    expect(window.record(1, 12_200, 1, 3)).toBe(1);
  });

  it('keeps at most limit + 1 times however many orders arrive, and stays over the limit', () => {
    const window = new OrderRateWindow();
    for (let i = 0; i < 1_000; i++) expect(window.record(1, 5_000 + (i % 10), 1, 5)).toBeGreaterThan(i < 5 ? 0 : 5);
    expect(window.record(1, 5_500, 3, 5)).toBeGreaterThan(5);
    // Once the flood is a second old, the account starts afresh.
    expect(window.record(1, 6_600, 1, 5)).toBe(1);
  });

  it('forgets idle accounts', () => {
    const window = new OrderRateWindow();
    window.record(1, 1_000, 1, 2);
    window.record(2, 1_900, 1, 2);
    window.prune(2_000);
    expect(window.size).toBe(1);
    window.prune(2_900);
    expect(window.size).toBe(0);
  });
});
