// Decimal text for amounts in engine units (ticks, lots, minor units) and back, cached: a backtest sends millions of the same few thousand prices.
import { fromUnits, toUnits } from '../core/decimal.ts';

/** Texts parsed and kept before that cache starts over; prices wander, so old ones stop being asked for. */
const LIMIT = 65_536;
/** Slots of the amount cache: a power of two, so amounts within this many units of each other never share one. */
const SLOTS = 4096;

/** An amount as the port sends it (exact decimal text) and as views show it (that text's Number). */
export interface UnitAmount {
  readonly units: number;
  readonly text: string;
  readonly value: number;
}

/** One unit's amounts: `of(3)` for a unit of "0.01" is "0.03" and 0.03; `units("0.03")` is 3. */
export class UnitText {
  /**
   * Direct-mapped by the amount's low bits: one array read and one comparison per lookup (a Map
   * hashes every price anew, since prices read from typed columns are not small integers to it).
   */
  private readonly amounts: Array<UnitAmount | undefined> = new Array<UnitAmount | undefined>(SLOTS).fill(undefined);
  private readonly parsed = new Map<string, number | null>();

  constructor(private readonly unit: string) {}

  of(units: number): UnitAmount {
    const slot = units & (SLOTS - 1);
    const cached = this.amounts[slot];
    if (cached !== undefined && cached.units === units) return cached;
    const text = fromUnits(units, this.unit);
    const amount: UnitAmount = { units, text, value: Number(text) };
    this.amounts[slot] = amount;
    return amount;
  }

  text(units: number): string {
    return this.of(units).text;
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
