// Decimal text for amounts in engine units (ticks, lots, minor units) and back, cached: a backtest sends millions of the same few thousand prices.
import { fromUnits, toUnits } from '../core/decimal.ts';

/** Texts parsed and kept before that cache starts over; prices wander, so old ones stop being asked for. */
const LIMIT = 65_536;
/** Slots of the amount cache: a power of two, so amounts within this many units of each other never share one. */
const SLOTS = 4096;

/** One unit's amounts: `text(3)` for a unit of "0.01" is "0.03", `value(3)` is 0.03, and `units("0.03")` is 3. */
export class UnitText {
  /**
   * A direct-mapped cache by the amount's low bits: one array read and one comparison per lookup (a
   * Map hashes every price anew, since prices read from typed columns are not small integers to it).
   * Kept in flat arrays, not as an object per amount: cached objects outlive young-generation
   * collections, and V8 would then allocate every object of that shape straight in the old
   * generation, where a backtest's millions of misses become full collections.
   */
  private readonly keys = new Float64Array(SLOTS).fill(NaN);
  private readonly texts = new Array<string>(SLOTS).fill('');
  private readonly values = new Float64Array(SLOTS);
  private readonly parsed = new Map<string, number | null>();

  constructor(private readonly unit: string) {}

  /** The exact decimal text of `units`, as the ports send it. */
  text(units: number): string {
    return this.texts[this.slot(units)]!;
  }

  /** The Number of `text(units)`, as views show it. */
  value(units: number): number {
    return this.values[this.slot(units)]!;
  }

  private slot(units: number): number {
    const slot = units & (SLOTS - 1);
    if (this.keys[slot] !== units) {
      const text = fromUnits(units, this.unit);
      this.keys[slot] = units;
      this.texts[slot] = text;
      this.values[slot] = Number(text);
    }
    return slot;
  }

  /** `toUnits(text, unit)`: undefined when the text is not a decimal or not on the grid. */
  units(text: string): number | undefined {
    let units = this.parsed.get(text);
    if (units === undefined) {
      if (this.parsed.size >= LIMIT) this.parsed.clear();
      this.parsed.set(text, (units = toUnits(text, this.unit) ?? null));
    }
    return units ?? undefined;
  }
}

/** An instrument's prices (ticks) and sizes (lots). */
export interface GridText {
  readonly prices: UnitText;
  readonly sizes: UnitText;
}

export function gridText(spec: { readonly tickSize: string; readonly lotSize: string }): GridText {
  return { prices: new UnitText(spec.tickSize), sizes: new UnitText(spec.lotSize) };
}

/** An instrument's prices (ticks), sizes (lots) and fees (minor units of its quote currency). */
export class InstrumentText implements GridText {
  readonly prices: UnitText;
  readonly sizes: UnitText;
  readonly fees: UnitText;

  constructor(spec: { readonly tickSize: string; readonly lotSize: string }, feeUnit: string) {
    this.prices = new UnitText(spec.tickSize);
    this.sizes = new UnitText(spec.lotSize);
    this.fees = new UnitText(feeUnit);
  }
}
