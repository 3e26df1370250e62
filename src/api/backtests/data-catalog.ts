// What data a backtest can run on: the stored history series, the listed instruments they trade as, and the synthetic generator's settings.
import type { Instrument } from '../../core/instrument.ts';
import type { HistoryKind } from '../../core/market-history.ts';
import type { HistoryExtent, HistorySeries } from '../../store/index.ts';
import { FILL_MODELS, JUMP_DEFAULTS, MAX_RECORDS, SYNTHETIC_DEFAULTS } from './backtest-spec.ts';

export interface CatalogDeps {
  readonly instruments: () => readonly Instrument[];
  readonly history: { series(kind: HistoryKind): Promise<Array<HistorySeries & HistoryExtent>> };
}

export interface StoredSeriesView {
  readonly symbol: string;
  readonly kind: HistoryKind;
  /** Bars only. */
  readonly interval: string | null;
  readonly rows: number;
  /** Epoch ms of the first and last bar (open time) or tick. */
  readonly first: number;
  readonly last: number;
  /** Whether a backtest can replay it: bars or trades of a listed symbol (quotes alone cannot drive one). */
  readonly backtestable: boolean;
}

export async function dataCatalog(deps: CatalogDeps) {
  const instruments = deps.instruments();
  const listed = new Set(instruments.map((i) => i.symbol));
  const stored: StoredSeriesView[] = [];
  for (const kind of ['bars', 'trades', 'quotes'] as const) {
    for (const series of await deps.history.series(kind)) {
      stored.push({ symbol: series.symbol, kind, interval: series.interval ?? null, rows: series.rows, first: series.first ?? 0, last: series.last ?? 0, backtestable: kind !== 'quotes' && listed.has(series.symbol) });
    }
  }
  return {
    stored,
    instruments: instruments.map(({ spec }) => ({ symbol: spec.symbol, base: spec.base, quote: spec.quote, tickSize: spec.tickSize, lotSize: spec.lotSize, referencePrice: spec.referencePrice, makerFeeBps: spec.makerFeeBps, takerFeeBps: spec.takerFeeBps })),
    synthetic: {
      kinds: ['bars', 'trades'],
      maxCount: MAX_RECORDS,
      /** startPrice null: the instrument's referencePrice; jumps null: none. */
      defaults: { ...SYNTHETIC_DEFAULTS, startPrice: null, jumps: null },
      jumpDefaults: JUMP_DEFAULTS,
      description: "Seeded geometric Brownian motion with optional Poisson jumps (jumps.perYear a year, each of normal size jumps.mean and jumps.stdDev in log price), on the instrument's grid; startPrice defaults to the instrument's reference price.",
    },
    fillModels: FILL_MODELS,
    maxRecords: MAX_RECORDS,
  };
}
