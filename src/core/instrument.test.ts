// Tests for grouping instruments by base asset.
import { describe, expect, it } from 'vitest';
import { instrumentsByBase } from './instrument.ts';

describe('instrumentsByBase', () => {
  it('groups the instruments by base, bases and instruments in listing order', () => {
    const groups = instrumentsByBase([
      { symbol: 'BTC-USD', base: 'BTC' },
      { symbol: 'ETH-USD', base: 'ETH' },
      { symbol: 'BTC-EUR', base: 'BTC' },
    ]);
    expect([...groups].map(([base, instruments]) => [base, instruments.map((i) => i.symbol)])).toEqual([
      ['BTC', ['BTC-USD', 'BTC-EUR']],
      ['ETH', ['ETH-USD']],
    ]);
  });
});
