// Mark-to-market valuation of an account: cash plus every holding at its instrument's last price, exactly.
import type { Instrument } from '../../core/instrument.ts';
import type { Engine } from '../../engine/engine.ts';

export interface Valuation {
  /** Cash in the valuation currency, minor units (available + held). */
  readonly cash: number;
  /** Holdings valued at the last price, minor units of the valuation currency. */
  readonly holdings: number;
  readonly equity: number;
  /** Sum of |holding value| per instrument (long only today, so equal to `holdings`). */
  readonly grossExposure: number;
  readonly netExposure: number;
}

/**
 * Values holdings through the instruments quoted in `currency`; an asset listed in several such
 * instruments is valued once, through the first. Assets with no instrument in that currency are
 * left out (Bourse has no FX conversion yet), which is stated in the docs.
 */
export function valueAccount(engine: Engine, accountId: number, currency: string): Valuation {
  const cashBalance = engine.balance(accountId, currency);
  const cash = cashBalance ? cashBalance.available + cashBalance.held : 0;
  let holdings = 0n;
  let gross = 0n;
  const seen = new Set<string>();
  for (const instrument of engine.instruments()) {
    if (instrument.quote !== currency || seen.has(instrument.base)) continue;
    seen.add(instrument.base);
    const balance = engine.balance(accountId, instrument.base);
    const units = balance ? balance.available + balance.held : 0;
    if (units === 0) continue;
    const value = holdingValue(engine, instrument, units);
    holdings += value;
    gross += value < 0n ? -value : value;
  }
  const held = Number(holdings);
  return { cash, holdings: held, equity: cash + held, grossExposure: Number(gross), netExposure: held };
}

/** The value of `units` of `asset` in `currency` minor units at the last price; 0 when no instrument prices it. */
export function valueAsset(engine: Engine, asset: string, units: number, currency: string): number {
  if (asset === currency) return units;
  const instrument = engine.instruments().find((i) => i.base === asset && i.quote === currency);
  return instrument ? Number(holdingValue(engine, instrument, units)) : 0;
}

/** `units` of an instrument's base at its last price, in quote minor units, rounded down. */
function holdingValue(engine: Engine, instrument: Instrument, units: number): bigint {
  const price = engine.lastPrice(instrument.symbol) ?? instrument.referencePrice;
  // units / baseUnitsPerLot lots, each worth price * notionalPerTickLot minor units.
  return (BigInt(units) * BigInt(price) * BigInt(instrument.notionalPerTickLot)) / BigInt(instrument.baseUnitsPerLot);
}
