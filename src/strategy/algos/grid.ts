// An instrument's lot and tick grids as integers, so algos split quantities and step prices without float drift.
import { toUnits, fromUnits } from '../../core/decimal.ts';
import { numberToScaled, parseDecimal, stepsOf, type Scaled } from '../exact.ts';
import type { PortInstrument } from '../ports.ts';
import { limitPrice, quantity } from '../rounding.ts';
import type { Numeric } from '../types.ts';
import type { Side } from '../../core/orders.ts';

export class Grid {
  private readonly tick: Scaled;
  private readonly lot: Scaled;

  constructor(readonly instrument: PortInstrument) {
    const tick = parseDecimal(instrument.tickSize);
    if (!tick || tick.digits <= 0n) throw new Error(`${instrument.symbol}: tickSize ${instrument.tickSize} is not a positive decimal`);
    this.tick = tick;
    const lot = parseDecimal(instrument.lotSize);
    if (!lot || lot.digits <= 0n) throw new Error(`${instrument.symbol}: lotSize ${instrument.lotSize} is not a positive decimal`);
    this.lot = lot;
  }

  /** Whole lots in a strategy quantity, rounded down (as orders are); 0 when it is not a positive size. */
  lots(qty: Numeric): number {
    const converted = quantity(this.instrument, qty);
    return converted.ok ? (toUnits(converted.text, this.instrument.lotSize) ?? 0) : 0;
  }

  /** The nearest whole lots to a size a view or another venue reported as a number. */
  lotsNearest(qty: number): number {
    const scaled = numberToScaled(qty);
    return scaled && scaled.digits > 0n ? Number(stepsOf(scaled, this.lot, 'nearest')) : 0;
  }

  /** Whole lots in a venue's exact quantity text (a fill or an order report). */
  lotsOfText(text: string): number {
    return toUnits(text, this.instrument.lotSize) ?? this.lots(Number(text));
  }

  /** Lots as the exact decimal text an order carries. */
  qtyText(lots: number): string {
    return fromUnits(lots, this.instrument.lotSize);
  }

  /** Lots as a number of base units, for status views. */
  qty(lots: number): number {
    return Number(this.qtyText(lots));
  }

  /** The nearest tick to a price a view reported (views come from exact text, so this is exact). */
  ticks(price: number): number {
    const scaled = numberToScaled(price);
    return scaled ? Number(stepsOf(scaled, this.tick, 'nearest')) : 0;
  }

  /** A limit cap in ticks, rounded in the order's favour (buys down, sells up); undefined when not a positive price. */
  capTicks(side: Side, price: number): number | undefined {
    const converted = limitPrice(this.instrument, side, price);
    return converted.ok ? toUnits(converted.text, this.instrument.tickSize) : undefined;
  }

  /** Ticks as the exact decimal price text an order carries. */
  priceText(ticks: number): string {
    return fromUnits(ticks, this.instrument.tickSize);
  }

  price(ticks: number): number {
    return Number(this.priceText(ticks));
  }
}

/**
 * Splits `total` lots in proportion to `weights`, Bresenham-style: part i is the rounded running
 * share through it less the rounded running share before it. The parts add up to `total` exactly,
 * none is negative, each is within one lot of its share, and every running total is within half a
 * lot of the ideal one, so lots a total too small for every part to get one are spread over the
 * whole run of parts (3 lots over 10 equal parts go to the 2nd, 5th and 9th), not bunched at its
 * start. Non-positive or non-finite weights count as zero; all zero means equal weights.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const clean = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const sum = clean.reduce((a, b) => a + b, 0);
  const shares = sum > 0 ? clean : clean.map(() => 1);
  const whole = sum > 0 ? sum : shares.length;
  let running = 0;
  let before = 0;
  return shares.map((share, i) => {
    running += share;
    // The last running total is the total itself, whatever the float sums gave on the way.
    const through = i === shares.length - 1 ? total : Math.min(total, Math.floor((total * running) / whole + 0.5));
    const part = through - before;
    before = through;
    return part;
  });
}
