// Holes in a backtest's history: stretches where a symbol has no data for far longer than its normal spacing, which the run replays as trading time.
//
// The rule (docs/backtest.md, "Data gaps"): a gap is the time a symbol has no data, from where its
// last record's data ends (a trade's or quote's time, a bar's close) to where the next one's
// begins (its time, a bar's open). It is flagged when it is
//   - longer than GAP_BAR_MULTIPLE bar intervals (bars), or GAP_SPACING_MULTIPLE times the median
//     time between the symbol's records before it (trades, quotes, book), and
//   - longer than the market's ordinary closures: a series with records on both a Saturday and a
//     Sunday (UTC) trades around the clock, and any gap over ROUND_THE_CLOCK_ALLOWANCE_MS is a hole;
//     otherwise the series keeps sessions, and only the gap's weekday time (Saturday and Sunday,
//     UTC, left out) counts, against SESSION_ALLOWANCE_MS, so nights, weekends and a holiday
//     next to a weekend pass.
// The work per record is a few comparisons and, for trades and quotes, one counter in a
// power-of-two histogram of spacings; anything more happens only on a gap over the quick bound.
import { formatDuration } from '../core/figures.ts';
import { intervalToMs } from '../core/market-history.ts';
import type { MarketRecord } from './types.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

/** A bar series' gap must exceed this many bar intervals. */
export const GAP_BAR_MULTIPLE = 3;
/** A trade, quote or book series' gap must exceed this many times its median spacing (irregular data has long quiet spells). */
export const GAP_SPACING_MULTIPLE = 10;
/** Data that trades around the clock: a gap must exceed this. */
export const ROUND_THE_CLOCK_ALLOWANCE_MS = 12 * HOUR_MS;
/** Data that keeps sessions: a gap's weekday time must exceed this (a night is about 17.5 h of it, a holiday next to a weekend about 41.5 h). */
export const SESSION_ALLOWANCE_MS = 2 * DAY_MS;
/** The gaps a result lists, largest first; `total` counts them all. */
export const MAX_GAPS_LISTED = 10;

export interface DataGap {
  readonly symbol: string;
  /** Epoch ms where the data before the gap ends: the last trade's or quote's time, or the last bar's close. */
  readonly from: number;
  /** Epoch ms where the data resumes: the next record's time, or the next bar's open. */
  readonly to: number;
  readonly lengthMs: number;
}

export interface DataGaps {
  /** Every gap flagged, over all symbols. */
  readonly total: number;
  /** The largest ones, largest first (earlier first at equal length), at most MAX_GAPS_LISTED. */
  readonly items: readonly DataGap[];
}

export const NO_DATA_GAPS: DataGaps = { total: 0, items: [] };

/** Buckets of the spacing histogram: bucket b holds spacings in [2^(b-1), 2^b) ms, bucket 0 those under 1 ms, bucket 32 those of 2^31 ms or more. */
const SPACING_BUCKETS = 33;

/** The largest gaps of one kind, and how many there were. */
class LargestGaps {
  total = 0;
  readonly items: DataGap[] = [];

  add(gap: DataGap): void {
    this.total++;
    const items = this.items;
    if (items.length === MAX_GAPS_LISTED) {
      if (!(gap.lengthMs > items[MAX_GAPS_LISTED - 1]!.lengthMs)) return;
      items.pop();
    }
    items.push(gap);
    items.sort(largestFirst);
  }
}

function largestFirst(a: DataGap, b: DataGap): number {
  return b.lengthMs - a.lengthMs || a.from - b.from || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);
}

/** One symbol's state: where its data last reached, its spacing, and whether it has traded on a weekend. */
class SeriesGaps {
  /** Where the last record's data ends; NaN before the first. */
  lastEnd = Number.NaN;
  interval: string | undefined = undefined;
  intervalMs = 0;
  /** No gap at or below this can be flagged: the bound the per-record check compares with. */
  quick = ROUND_THE_CLOCK_ALLOWANCE_MS;
  /** Bit 1: a record on a Saturday (UTC); bit 2: on a Sunday. */
  weekend = 0;
  readonly spacings = new Float64Array(SPACING_BUCKETS);
  spacingCount = 0;
  /** The gaps as data trading around the clock counts them, and as data keeping sessions does: which applies is known at the end. */
  readonly roundTheClock = new LargestGaps();
  readonly sessions = new LargestGaps();

  constructor(readonly symbol: string) {}

  setInterval(interval: string): void {
    this.interval = interval;
    this.intervalMs = intervalToMs(interval) ?? 0;
    this.quick = Math.max(ROUND_THE_CLOCK_ALLOWANCE_MS, GAP_BAR_MULTIPLE * this.intervalMs);
  }

  /** The median spacing so far, rounded up to a power of two ms; 0 before any. */
  medianSpacing(): number {
    if (this.spacingCount === 0) return 0;
    const half = this.spacingCount / 2;
    let seen = 0;
    for (let bucket = 0; bucket < SPACING_BUCKETS; bucket++) {
      seen += this.spacings[bucket]!;
      if (seen >= half) return 2 ** bucket;
    }
    return 2 ** (SPACING_BUCKETS - 1);
  }

  get tradesAroundTheClock(): boolean {
    return this.weekend === 3;
  }
}

/** Watches a run's records for gaps, per symbol; `add` each record in time order, then `result`. */
export class GapDetector {
  private readonly series = new Map<string, SeriesGaps>();
  private lastSymbol: string | undefined = undefined;
  private last: SeriesGaps | undefined = undefined;

  add(record: MarketRecord): void {
    let series = this.last;
    if (record.symbol !== this.lastSymbol || series === undefined) {
      series = this.seriesOf(record.symbol);
      this.lastSymbol = record.symbol;
      this.last = series;
    }
    let start: number;
    if (record.kind === 'bar') {
      if (record.interval !== series.interval) series.setInterval(record.interval);
      start = record.openTime;
    } else {
      start = record.ts;
    }
    // NaN before the symbol's first record: no comparison holds.
    const gap = start - series.lastEnd;
    if (gap > series.quick) this.check(series, record.kind === 'bar', start, gap);
    if (record.kind !== 'bar' && gap >= 0) {
      series.spacings[gap >= 2_147_483_648 ? SPACING_BUCKETS - 1 : 32 - Math.clz32(gap)]!++;
      series.spacingCount++;
    }
    if (series.weekend !== 3) series.weekend |= weekendBit(start);
    series.lastEnd = record.ts;
  }

  result(): DataGaps {
    let total = 0;
    const items: DataGap[] = [];
    for (const series of this.series.values()) {
      const gaps = series.tradesAroundTheClock ? series.roundTheClock : series.sessions;
      total += gaps.total;
      items.push(...gaps.items);
    }
    if (total === 0) return NO_DATA_GAPS;
    return { total, items: items.sort(largestFirst).slice(0, MAX_GAPS_LISTED) };
  }

  private seriesOf(symbol: string): SeriesGaps {
    let series = this.series.get(symbol);
    if (series === undefined) {
      series = new SeriesGaps(symbol);
      this.series.set(symbol, series);
    }
    return series;
  }

  /** A gap over the quick bound: weighed against the spacing and both allowances. */
  private check(series: SeriesGaps, bar: boolean, start: number, gap: number): void {
    const spacing = bar ? series.intervalMs : series.medianSpacing();
    if (!(gap > (bar ? GAP_BAR_MULTIPLE : GAP_SPACING_MULTIPLE) * spacing)) return;
    const found: DataGap = { symbol: series.symbol, from: series.lastEnd, to: start, lengthMs: gap };
    if (gap > ROUND_THE_CLOCK_ALLOWANCE_MS) series.roundTheClock.add(found);
    if (weekdayMs(series.lastEnd, start) > SESSION_ALLOWANCE_MS) series.sessions.add(found);
  }
}

/** 1 for a time on a Saturday (UTC), 2 on a Sunday, else 0. */
function weekendBit(ts: number): number {
  const day = weekday(ts);
  return day === 6 ? 1 : day === 0 ? 2 : 0;
}

/** 0 Sunday to 6 Saturday, UTC (1970-01-01 was a Thursday). */
function weekday(ts: number): number {
  return (((Math.floor(ts / DAY_MS) + 4) % 7) + 7) % 7;
}

/** The time in [from, to) that falls on Monday to Friday, UTC. */
export function weekdayMs(from: number, to: number): number {
  let total = 0;
  let at = from;
  const weeks = Math.floor((to - at) / WEEK_MS);
  if (weeks > 0) {
    total += weeks * 5 * DAY_MS;
    at += weeks * WEEK_MS;
  }
  while (at < to) {
    const next = Math.min((Math.floor(at / DAY_MS) + 1) * DAY_MS, to);
    const day = weekday(at);
    if (day !== 0 && day !== 6) total += next - at;
    at = next;
  }
  return total;
}

/** One gap as the CLI and the report word it: `AAPL 2020-01-03T21:00:00.000Z to 2024-01-02T14:30:00.000Z (1460 d)`. */
export function gapText(gap: DataGap): string {
  return `${gap.symbol} ${new Date(gap.from).toISOString()} to ${new Date(gap.to).toISOString()} (${formatDuration(gap.lengthMs)})`;
}

/** The one-line warning of `bourse backtest`, or undefined when the data has no gap. */
export function gapsWarning(gaps: DataGaps): string | undefined {
  const largest = gaps.items[0];
  if (gaps.total === 0 || largest === undefined) return undefined;
  if (gaps.total === 1) return `warning: a gap in the data, replayed as trading time: ${gapText(largest)}`;
  return `warning: ${gaps.total.toLocaleString('en-US')} gaps in the data, replayed as trading time; the largest: ${gapText(largest)}`;
}
