// The history a backtest preloads before its start (runBacktest's `warmup`): how far back it reaches, and the records in that span, bounded.
import type { InstrumentSpec } from '../core/instrument.ts';
import { intervalToMs } from '../core/market-history.ts';
import { rowRange, type RecordColumns } from './columns.ts';
import { storedRecords, type HistoryReader } from './history-records.ts';
import type { BarRecord, MarketRecord, TradeRecord } from './types.ts';

/** Trades kept at most for a warm-up: bars of a long interval built from ticks need many, but memory stays bounded. */
const MAX_WARMUP_TRADES = 1_000_000;
/** Calendar time per bar of data, generously: markets close nights and weekends, so 500 daily bars span about two years. */
const CALENDAR_PER_BAR = 3;

export interface WarmupNeeds {
  /** The bars the strategy listens to. */
  readonly intervals: readonly string[];
  /** Bars per series `ctx.history` holds at the start. */
  readonly historySize: number;
}

/**
 * How long before the start the warm-up reaches, in ms: `historySize` bars of the data's interval
 * (with room for closed hours), or, for trades, `historySize` bars of the strategy's longest
 * interval. 0 when the strategy needs none.
 */
export function warmupSpanMs(kind: 'bars' | 'trades', dataInterval: string, needs: WarmupNeeds): number {
  if (needs.historySize === 0 || needs.intervals.length === 0) return 0;
  if (kind === 'bars') return needs.historySize * (intervalToMs(dataInterval) ?? 0) * CALENDAR_PER_BAR;
  return needs.historySize * Math.max(...needs.intervals.map((interval) => intervalToMs(interval) ?? 0));
}

/**
 * The first row of the history a run starting at row `from` of `columns` preloads: the rows in the
 * warm-up span before it, at most `historySize` bars or a million trades, as a run from the store
 * or a file gets them. `from` itself when the strategy keeps no history.
 */
export function warmupStartRow(columns: RecordColumns, from: number, needs: WarmupNeeds): number {
  if (from <= 0 || from > columns.length) return Math.max(0, Math.min(from, columns.length));
  const span = warmupSpanMs(columns.kind, columns.interval, needs);
  if (span === 0) return from;
  const first = rowRange(columns, columns.ts[from - 1]! - span, Infinity).from;
  return Math.max(first, from - (columns.kind === 'bars' ? needs.historySize : MAX_WARMUP_TRADES));
}

/** The last records before the start, in time order: `historySize` bars, or up to a million trades. */
export class WarmupTail<R extends MarketRecord = MarketRecord> {
  private kept: R[] = [];
  private readonly limit: number;

  constructor(kind: 'bars' | 'trades', needs: WarmupNeeds) {
    this.limit = kind === 'bars' ? needs.historySize : MAX_WARMUP_TRADES;
  }

  push(record: R): void {
    if (this.limit === 0) return;
    this.kept.push(record);
    // Trimmed in halves: amortized, not an array shift per record.
    if (this.kept.length >= 2 * this.limit) this.kept = this.kept.slice(-this.limit);
  }

  get records(): readonly R[] {
    if (this.kept.length > this.limit) this.kept = this.kept.slice(-this.limit);
    return this.kept;
  }
}

/**
 * The stored records just before `series.from` that the strategy's history starts from (none
 * without a `from`): what `bourse backtest --from` and a REST backtest of stored history preload.
 * Rows off the grid are left out, as the run skips them.
 */
export async function storedWarmup(
  reader: HistoryReader,
  spec: InstrumentSpec,
  series: { readonly kind: 'bars' | 'trades'; readonly interval: string; readonly from?: number },
  needs: WarmupNeeds,
): Promise<ReadonlyArray<BarRecord | TradeRecord>> {
  const span = series.from === undefined ? 0 : warmupSpanMs(series.kind, series.interval, needs);
  if (span === 0) return [];
  const tail = new WarmupTail<BarRecord | TradeRecord>(series.kind, needs);
  // Bars are stored by their open time, as `from` counts them.
  for await (const record of storedRecords(reader, spec, { kind: series.kind, interval: series.interval, from: series.from! - span, to: series.from }, () => undefined).records) tail.push(record);
  return tail.records;
}
