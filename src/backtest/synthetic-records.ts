// Seeded synthetic bars or trades on a listed instrument's grid, straight as backtest records: no store, no file.
import type { InstrumentSpec } from '../core/instrument.ts';
import { intervalToMs } from '../core/market-history.ts';
import type { ReplayKind } from './history-records.ts';
import { historyRecord } from './history-records.ts';
import { mapRecords } from './records.ts';
import { syntheticBars, syntheticTrades, type SyntheticOptions } from './synthetic.ts';
import type { BarRecord, TradeRecord } from './types.ts';

/** The model of a synthetic series; its grid is the instrument's, and it starts at the instrument's reference price unless told otherwise. */
export type SyntheticModel = Omit<SyntheticOptions, 'tickSize' | 'lotSize' | 'startPrice'> & { readonly startPrice?: string };

export interface SyntheticSeries {
  readonly kind: ReplayKind;
  /** The bars' interval, such as 1m (unused for trades). */
  readonly interval: string;
  readonly count: number;
  readonly model: SyntheticModel;
}

/** The generator's options on the instrument's grid. */
export function syntheticOptionsFor(spec: InstrumentSpec, model: SyntheticModel): SyntheticOptions {
  return { ...model, startPrice: model.startPrice ?? spec.referencePrice, tickSize: spec.tickSize, lotSize: spec.lotSize };
}

/** `count` bars or trades, generated lazily as records of the instrument; the same seed gives the same records. */
export function syntheticRecords(spec: InstrumentSpec, series: SyntheticSeries): Iterable<TradeRecord | BarRecord> {
  const options = syntheticOptionsFor(spec, series.model);
  const convert = historyRecord(spec, series.interval);
  if (series.kind === 'trades') return mapRecords(syntheticTrades(options, series.count), convert);
  const ms = intervalToMs(series.interval);
  if (ms === undefined) throw new RangeError(`unknown bar interval ${series.interval}`);
  return mapRecords(syntheticBars(options, series.count, ms), convert);
}
