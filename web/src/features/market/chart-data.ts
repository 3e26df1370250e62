// Candles for the chart: API candles to candlestick and volume bars, merging live candles into loaded history, and local-time axis labels.
import type { Candle, CandleInterval } from '../../lib/api.ts';
import { compareDecimal, toChartNumber } from '../../lib/decimal.ts';

/** Seconds since the epoch (lightweight-charts' UTCTimestamp). */
export interface Bar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

export interface VolumeBar {
  readonly time: number;
  readonly value: number;
  readonly color: string;
}

export const UP_COLOR = '#16c784';
export const DOWN_COLOR = '#ea3943';
const UP_VOLUME = 'rgba(22, 199, 132, 0.35)';
const DOWN_VOLUME = 'rgba(234, 57, 67, 0.35)';

export function isUp(candle: Pick<Candle, 'open' | 'close'>): boolean {
  return compareDecimal(candle.close, candle.open) >= 0;
}

export function toBar(candle: Candle): Bar {
  return { time: candle.openTime / 1000, open: toChartNumber(candle.open), high: toChartNumber(candle.high), low: toChartNumber(candle.low), close: toChartNumber(candle.close) };
}

export function toVolumeBar(candle: Candle): VolumeBar {
  return { time: candle.openTime / 1000, value: toChartNumber(candle.volume), color: isUp(candle) ? UP_VOLUME : DOWN_VOLUME };
}

/**
 * Merges candles (any order, possibly repeating an open time) into a history sorted oldest first;
 * a later candle of the same open time replaces the earlier one, since candles carry full values.
 */
export function mergeCandles(history: readonly Candle[], incoming: readonly Candle[]): Candle[] {
  const byTime = new Map<number, Candle>();
  for (const candle of history) byTime.set(candle.openTime, candle);
  for (const candle of incoming) byTime.set(candle.openTime, candle);
  return [...byTime.values()].sort((a, b) => a.openTime - b.openTime);
}

/** How a live candle fits a chart whose newest bar opens at `lastOpenTime`: update it, append, or ignore an older one. */
export function liveCandleAction(lastOpenTime: number | undefined, candle: Pick<Candle, 'openTime'>): 'update' | 'append' | 'ignore' {
  if (lastOpenTime === undefined || candle.openTime > lastOpenTime) return 'append';
  return candle.openTime === lastOpenTime ? 'update' : 'ignore';
}

/** The chart's axis shows seconds only for 1-second candles. */
export function showsSeconds(interval: CandleInterval): boolean {
  return interval === '1s';
}

// lightweight-charts' TickMarkType: Year, Month, DayOfMonth, Time, TimeWithSeconds.
const TICK_FORMATS: readonly Intl.DateTimeFormatOptions[] = [
  { year: 'numeric' },
  { month: 'short' },
  { month: 'short', day: 'numeric' },
  { hour: '2-digit', minute: '2-digit', hour12: false },
  { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
];

/** An axis label in the viewer's local time (the chart itself counts in UTC seconds). */
export function tickLabel(seconds: number, tickMarkType: number, locale?: string): string {
  const format = TICK_FORMATS[tickMarkType] ?? TICK_FORMATS[3];
  return new Intl.DateTimeFormat(locale, format).format(seconds * 1000);
}

const DAY_SECONDS = 86_400;
const DAY_FORMAT: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' };
const MONTH_FORMAT: Intl.DateTimeFormatOptions = { month: 'short', year: 'numeric' };

/** What a date axis labels at a zoom: months over half a year or more, dates over two days or more, times of day below that. */
export type DateAxisZoom = 'months' | 'dates' | 'times';

export function dateAxisZoom(visibleSeconds: number): DateAxisZoom {
  return visibleSeconds >= 180 * DAY_SECONDS ? 'months' : visibleSeconds >= 2 * DAY_SECONDS ? 'dates' : 'times';
}

/**
 * An axis label of a chart over days or years (a backtest's curves), in local time, one form across
 * the axis: every label a month ("Feb 2020") or a date ("Jan 9"), and times ("12:00") between the
 * dates only when zoomed in to under two days. A tick finer than the zoom goes unlabelled (""), so
 * "20", "Jan 9" and "12:00" never mix.
 */
export function dateTickLabel(seconds: number, tickMarkType: number, zoom: DateAxisZoom, locale?: string): string {
  const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options).format(seconds * 1000);
  // TickMarkType 0 to 2 mark a year, a month or a day; 3 and 4 a time of day.
  if (zoom === 'months') return tickMarkType <= 1 ? format(MONTH_FORMAT) : '';
  if (tickMarkType <= 2) return format(DAY_FORMAT);
  return zoom === 'times' ? tickLabel(seconds, tickMarkType, locale) : '';
}

const crosshairFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** The crosshair's time label, local time. */
export function crosshairLabel(seconds: number): string {
  return crosshairFormat.format(seconds * 1000);
}
