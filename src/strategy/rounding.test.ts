// Tests for turning strategy numbers into venue decimals: ticks, lots and percent, in the strategy's favour.
import { describe, expect, it } from 'vitest';
import type { PortInstrument } from './ports.ts';
import { limitPrice, quantity, stopPrice, trailAmount, trailPercent, type Converted } from './rounding.ts';

const BTC: PortInstrument = { symbol: 'BTC-USD', base: 'BTC', quote: 'USD', tickSize: '0.5', lotSize: '0.02', minQty: '0.02', maxQty: '1000' };
const STOCK: PortInstrument = { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '1000000' };

function textOf(result: Converted): string {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.text;
}

describe('prices', () => {
  it('rounds buy limits down and sell limits up to the tick', () => {
    expect(textOf(limitPrice(BTC, 'buy', 30000.3))).toBe('30000');
    expect(textOf(limitPrice(BTC, 'sell', 30000.3))).toBe('30000.5');
    expect(textOf(limitPrice(STOCK, 'buy', 190.123))).toBe('190.12');
    expect(textOf(limitPrice(STOCK, 'sell', 190.123))).toBe('190.13');
  });

  it('keeps a price already on the grid, even one a double cannot hold exactly', () => {
    expect(textOf(limitPrice(STOCK, 'buy', 100.05))).toBe('100.05');
    expect(textOf(limitPrice(STOCK, 'sell', 100.05))).toBe('100.05');
    expect(textOf(limitPrice(STOCK, 'buy', 0.1 + 0.2))).toBe('0.3');
  });

  it('rounds stops and trailing amounts to the nearest tick', () => {
    expect(textOf(stopPrice(BTC, 30000.24))).toBe('30000');
    expect(textOf(stopPrice(BTC, 30000.25))).toBe('30000.5');
    expect(textOf(trailAmount(BTC, 12.7))).toBe('12.5');
    expect(textOf(trailPercent(1.234))).toBe('1.23');
  });

  it('sends a decimal string exactly as written', () => {
    expect(textOf(limitPrice(STOCK, 'buy', '190.123'))).toBe('190.123');
    expect(limitPrice(STOCK, 'buy', '1e3')).toMatchObject({ ok: false, code: 'INVALID_PRICE' });
  });

  it('refuses what cannot be a price', () => {
    for (const bad of [0, -1, Number.NaN, Infinity, 0.004]) expect(limitPrice(STOCK, 'buy', bad), String(bad)).toMatchObject({ ok: false, code: 'INVALID_PRICE' });
    expect(stopPrice(STOCK, -5)).toMatchObject({ ok: false, code: 'INVALID_STOP_PRICE' });
    expect(trailPercent(0.001)).toMatchObject({ ok: false, code: 'INVALID_TRAIL' });
  });
});

describe('quantities', () => {
  it('rounds down to whole lots', () => {
    expect(textOf(quantity(BTC, 0.05))).toBe('0.04');
    expect(textOf(quantity(BTC, 1))).toBe('1');
    expect(textOf(quantity(STOCK, 7.9))).toBe('7');
  });

  it('refuses a quantity that rounds to nothing, saying why', () => {
    const result = quantity(BTC, 0.019);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_QUANTITY' });
    expect(!result.ok && result.message).toContain('0.02');
  });
});
