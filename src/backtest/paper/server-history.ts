// The closed bars a running Bourse holds for a paper run's warm-up: its stored candles, read over REST, as bar records in the instrument's units.
import { intervalMs, isCandleInterval } from '../../core/candle-intervals.ts';
import type { InstrumentSpec } from '../../core/instrument.ts';
import type { HistoryBar } from '../../core/market-history.ts';
import { barRecord } from '../records.ts';
import type { BarRecord } from '../types.ts';

/** The most the server hands out a page. */
const PAGE = 500;

interface CandlePage {
  readonly items: ReadonlyArray<HistoryBar & { readonly interval: string }>;
  readonly nextCursor: string | null;
}

/** Reads a public path of the server (the CLI's REST client, or a fetch in tests). */
export type PublicGet = <T>(path: string) => Promise<T>;

/**
 * Up to `size` closed bars of each interval the server keeps, oldest first (all intervals merged by
 * the time each closed), as of `now`: the candle still open then is not history yet. Intervals the
 * server does not keep are built from the trades as the run hears them, with no history before it.
 */
export async function serverHistory(get: PublicGet, spec: InstrumentSpec, intervals: readonly string[], size: number, now: number): Promise<BarRecord[]> {
  const records: BarRecord[] = [];
  if (size <= 0) return records;
  // Only the candle intervals the server keeps (GET /api/v1/markets/{symbol}/candles).
  for (const interval of intervals.filter(isCandleInterval)) {
    const ms = intervalMs[interval];
    const closed: BarRecord[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ interval, limit: String(PAGE), ...(cursor === null ? {} : { cursor }) });
      const page: CandlePage = await get<CandlePage>(`/api/v1/markets/${encodeURIComponent(spec.symbol)}/candles?${query.toString()}`);
      for (const candle of page.items) if (candle.openTime + ms <= now && closed.length < size) closed.push(barRecord(spec, interval, candle));
      cursor = page.nextCursor;
    } while (cursor !== null && closed.length < size);
    records.push(...closed.reverse());
  }
  return records.sort((a, b) => a.ts - b.ts);
}
