// The API's decimal text for amounts it did not hold in minor units: exact figures rounded to the asset's unit.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.ts';
import { listingCommands } from '../platform/markets-config.ts';
import { Formatter } from './views.ts';

function formatter(): Formatter {
  const engine = new Engine();
  for (const command of listingCommands({ assets: [{ code: 'USD', scale: 2 }], instruments: [] }, engine, 0).commands) engine.apply(command);
  return new Formatter(engine);
}

describe('Formatter.roundedAmount', () => {
  const f = formatter();
  it('rounds an 18-place figure to the minor unit, halves away from zero', () => {
    expect(f.roundedAmount('USD', '12.344999999999999999')).toBe('12.34');
    expect(f.roundedAmount('USD', '12.345')).toBe('12.35');
    expect(f.roundedAmount('USD', '-12.345')).toBe('-12.35');
    expect(f.roundedAmount('USD', '-0.333333333333333333')).toBe('-0.33');
  });

  it('keeps a figure that already fits, and never shows -0', () => {
    expect(f.roundedAmount('USD', '7')).toBe('7');
    expect(f.roundedAmount('USD', '7.5')).toBe('7.5');
    expect(f.roundedAmount('USD', '-0.004')).toBe('0');
  });
});
