// Tests for the ring of recent closed bars.
import { describe, expect, it } from 'vitest';
import { BarRing } from './bar-ring.ts';

describe('BarRing', () => {
  it('gives the last n bars oldest first, and forgets the oldest past its capacity', () => {
    const ring = new BarRing('ACME', '1m', 3);
    expect(ring.last(5)).toEqual([]);
    for (let i = 1; i <= 5; i++) ring.push(i * 60_000, `${i}`, `${i + 1}`, `${i - 1}`, `${i}.5`, `${10 * i}`);
    expect(ring.last(10).map((bar) => bar.openTime)).toEqual([180_000, 240_000, 300_000]);
    expect(ring.last(2)).toEqual([
      { symbol: 'ACME', interval: '1m', openTime: 240_000, open: '4', high: '5', low: '3', close: '4.5', volume: '40' },
      { symbol: 'ACME', interval: '1m', openTime: 300_000, open: '5', high: '6', low: '4', close: '5.5', volume: '50' },
    ]);
    expect(ring.last(0)).toEqual([]);
  });

  it('keeps nothing with no capacity', () => {
    const ring = new BarRing('ACME', '1m', 0);
    ring.push(0, '1', '1', '1', '1', '1');
    expect(ring.last(1)).toEqual([]);
  });
});
