// Mark-to-market valuation of an account: cash plus every holding at its instrument's last price, exactly.
import type { EngineEvent } from '../../core/events.ts';
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
 * left out (Bourse has no FX conversion yet), which is stated in the docs. Work is proportional to
 * the account's balances, not to the instruments listed.
 */
export function valueAccount(engine: Engine, accountId: number, currency: string): Valuation {
  let cash = 0;
  let holdings = 0n;
  let gross = 0n;
  for (const balance of engine.balances(accountId)) {
    const units = balance.available + balance.held;
    if (balance.asset === currency) {
      cash = units;
      continue;
    }
    if (units === 0) continue;
    const instrument = valuingInstrument(engine, balance.asset, currency);
    if (!instrument) continue;
    const value = holdingValue(engine, instrument, units);
    holdings += value;
    gross += value < 0n ? -value : value;
  }
  const held = Number(holdings);
  return { cash, holdings: held, equity: cash + held, grossExposure: Number(gross), netExposure: held };
}

/**
 * Per engine and currency, the instrument each asset is valued through. Only found ones are kept:
 * instruments are listed in order and never removed, so the first one quoted in the currency stays
 * the first, while an asset with none yet may get one with a later listing.
 */
const valuing = new WeakMap<Engine, Map<string, Map<string, Instrument>>>();

/** The instrument `asset` is valued through in `currency`: the first listed with that base and quote. */
export function valuingInstrument(engine: Engine, asset: string, currency: string): Instrument | undefined {
  let byCurrency = valuing.get(engine);
  if (!byCurrency) valuing.set(engine, (byCurrency = new Map<string, Map<string, Instrument>>()));
  let byAsset = byCurrency.get(currency);
  if (!byAsset) byCurrency.set(currency, (byAsset = new Map<string, Instrument>()));
  let instrument = byAsset.get(asset);
  if (instrument) return instrument;
  instrument = engine.instruments().find((i) => i.base === asset && i.quote === currency);
  if (instrument) byAsset.set(asset, instrument);
  return instrument;
}

/** Valuations made while one durable batch is delivered, per currency and account. */
const inBatch = new WeakMap<readonly EngineEvent[], Map<string, Map<number, Valuation>>>();

/**
 * `valueAccount` for a listener of durable batches (the `durable` topic): the engine cannot change
 * while a batch is delivered, so the risk monitor and the leaderboard, which both value the
 * accounts a batch touched in the same delivery, share one valuation per account instead of making
 * one each. A listener of another delivery of the same batch (`committed`, after the store write,
 * when the engine may have moved on) must not use it.
 */
export function valueInBatch(engine: Engine, accountId: number, currency: string, batch: readonly EngineEvent[]): Valuation {
  let byCurrency = inBatch.get(batch);
  if (!byCurrency) inBatch.set(batch, (byCurrency = new Map<string, Map<number, Valuation>>()));
  let byAccount = byCurrency.get(currency);
  if (!byAccount) byCurrency.set(currency, (byAccount = new Map<number, Valuation>()));
  let valuation = byAccount.get(accountId);
  if (!valuation) byAccount.set(accountId, (valuation = valueAccount(engine, accountId, currency)));
  return valuation;
}

/** The value of `units` of `asset` in `currency` minor units at the last price; 0 when no instrument prices it. */
export function valueAsset(engine: Engine, asset: string, units: number, currency: string): number {
  if (asset === currency) return units;
  const instrument = valuingInstrument(engine, asset, currency);
  return instrument ? Number(holdingValue(engine, instrument, units)) : 0;
}

/** `units` of an instrument's base at its last price, in quote minor units, rounded down. */
function holdingValue(engine: Engine, instrument: Instrument, units: number): bigint {
  return valueAtPrice(instrument, units, engine.lastPrice(instrument.symbol) ?? instrument.referencePrice);
}

/** `units` of an instrument's base at `price` (ticks), in quote minor units, rounded toward zero. */
export function valueAtPrice(instrument: Instrument, units: number, price: number): bigint {
  // units / baseUnitsPerLot lots, each worth price * notionalPerTickLot minor units.
  return (BigInt(units) * BigInt(price) * BigInt(instrument.notionalPerTickLot)) / BigInt(instrument.baseUnitsPerLot);
}
