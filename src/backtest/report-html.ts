// A backtest as one self-contained HTML page: metrics, equity and drawdown charts, fills marked on the price, and the trade list.
import { fixedFigure, formatDuration, MISSING_FIGURE, moneyFigure, percentFigure } from '../core/figures.ts';
import { gapText, type DataGaps } from './data-gaps.ts';
import type { BacktestMetrics } from './metrics.ts';
import { thinFills, thinnedMarksText } from './fill-marks.ts';
import { tradeCountText } from './round-trips.ts';
import type { BacktestResult } from './run-backtest.ts';
import type { FillRecord } from './types.ts';

const WIDTH = 960;
const TRADES_SHOWN = 500;
/** The most decimals a price or quantity is shown with: finer than any tick or lot a market lists. */
const MAX_PLACES = 8;
/** Marks an SVG can hold and still open quickly; beyond it every Nth buy and every Nth sell are marked, over the whole run. */
export const MARKERS_SHOWN = 2_000;

interface Series {
  readonly ts: readonly number[];
  readonly values: readonly number[];
}

export function renderReport(result: BacktestResult): string {
  const equity: Series = { ts: result.equity.map((p) => p.ts), values: result.equity.map((p) => p.equity) };
  const priced = result.equity.filter((p) => p.price !== undefined);
  const price: Series = { ts: priced.map((p) => p.ts), values: priced.map((p) => p.price!) };
  const drawdown: Series = { ts: equity.ts, values: drawdowns(equity.values) };
  const symbol = result.symbols[0] ?? '';
  const marks = thinFills(result.fills.filter((f) => f.symbol === symbol), MARKERS_SHOWN);
  const thinned = thinnedMarksText(marks);
  const places = figurePlaces(result.fills);
  const title = `${result.strategy} ${result.symbols.join(', ')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Backtest: ${escape(title)}</title>
<style>
  body { background: #0d1117; color: #d1d5db; font: 14px/1.5 system-ui, sans-serif; margin: 0 auto; padding: 24px; max-width: ${WIDTH + 48}px; }
  h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; }
  .muted { color: #8b949e; } svg { display: block; width: 100%; height: auto; background: #161b22; border-radius: 6px; }
  table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
  th, td { padding: 4px 8px; text-align: right; border-bottom: 1px solid #21262d; } th:first-child, td:first-child { text-align: left; }
  .metrics { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 8px; }
  .metric { background: #161b22; border-radius: 6px; padding: 8px 12px; } .metric b { display: block; font-size: 18px; color: #f0f6fc; }
  .up { color: #3fb950; } .down { color: #f85149; }
  .warning { border: 1px solid #9e6a03; background: #2d2106; border-radius: 6px; padding: 8px 12px; margin-top: 12px; } .warning ul { margin: 4px 0 0; padding-left: 20px; }
</style>
</head>
<body>
<h1>${escape(title)}</h1>
<div class="muted">${escape(new Date(result.startTs).toISOString())} to ${escape(new Date(result.endTs).toISOString())} · ${result.records.toLocaleString('en-US')} records · params ${escape(JSON.stringify(result.params))}${result.error ? ` · <span class="down">stopped: ${escape(result.error)}</span>` : ''}</div>
${gapsWarning(result.dataGaps)}<h2>Metrics</h2>
<div class="metrics">${metricCards(result.metrics, result.currency, tradeCountText(result.metrics.trades, result.trades))}</div>
<h2>Equity (${escape(result.currency)})</h2>
${lineChart(equity, { color: '#58a6ff', height: 220 })}
<h2>Drawdown</h2>
${lineChart(drawdown, { color: '#f85149', height: 120, fill: true, drawdown: true })}
<h2>${escape(symbol)} price and fills</h2>
${lineChart(price, { color: '#8b949e', height: 260, markers: marks.items, note: thinned, markerPrice: (value) => priceFigure(value, symbol, places) })}
<h2>Trades: ${escape(tradeCountText(result.metrics.trades, result.trades))}${result.trades.length > TRADES_SHOWN ? ` (first ${TRADES_SHOWN} shown)` : ''}</h2>
${tradeTable(result, places)}
</body>
</html>
`;
}

/** The data's gaps, which the run replayed as trading time, so the figures read with them in mind; nothing when there are none. */
function gapsWarning(gaps: DataGaps): string {
  if (gaps.total === 0) return '';
  const head = gaps.total === 1 ? 'A gap in the data' : `${gaps.total.toLocaleString('en-US')} gaps in the data`;
  const shown = gaps.items.length < gaps.total ? ` (the largest ${gaps.items.length} listed)` : '';
  const items = gaps.items.map((gap) => `<li>${escape(gapText(gap))}</li>`).join('');
  return `<div class="warning" role="alert">${head}${shown}, replayed as trading time without prices: the equity curve holds still across ${gaps.total === 1 ? 'it' : 'them'}, and CAGR, volatility and exposure count ${gaps.total === 1 ? 'it' : 'them'} as time in the market.<ul>${items}</ul></div>
`;
}

function drawdowns(values: readonly number[]): number[] {
  let peak = -Infinity;
  return values.map((value) => {
    peak = Math.max(peak, value);
    return peak > 0 ? value / peak - 1 : 0;
  });
}

interface ChartOptions {
  readonly color: string;
  readonly height: number;
  readonly fill?: boolean;
  /** Values are falls below the high (0 to -1), drawn below zero but labelled as the positive percentages drawdowns are everywhere else. */
  readonly drawdown?: boolean;
  readonly markers?: ReadonlyArray<{ readonly ts: number; readonly price: number; readonly side: 'buy' | 'sell' }>;
  /** Said in the chart's top right corner (that the markers are thinned). */
  readonly note?: string;
  /** A marker's price in its tooltip, as the trade table shows it. */
  readonly markerPrice?: (value: number) => string;
}

function lineChart(series: Series, options: ChartOptions): string {
  const { height } = options;
  if (series.ts.length === 0) return `<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="no data"><text x="16" y="24" fill="#8b949e">no data</text></svg>`;
  const pad = { left: 64, right: 12, top: 10, bottom: 22 };
  const t0 = series.ts[0]!;
  const t1 = Math.max(series.ts.at(-1)!, t0 + 1);
  const markerPrices = (options.markers ?? []).map((m) => m.price);
  let lo = Math.min(...series.values, ...markerPrices);
  let hi = Math.max(...series.values, ...markerPrices);
  // A flat drawdown is flat at its high: show the axis from 0 down to 1%.
  if (hi === lo) [lo, hi] = options.drawdown ? [hi - 0.01, hi] : [lo - 1, hi + 1];
  const x = (ts: number) => pad.left + ((ts - t0) / (t1 - t0)) * (WIDTH - pad.left - pad.right);
  const y = (value: number) => pad.top + (1 - (value - lo) / (hi - lo)) * (height - pad.top - pad.bottom);
  const points = series.ts.map((ts, i) => `${x(ts).toFixed(1)},${y(series.values[i]!).toFixed(1)}`).join(' ');
  const levels = [hi, (hi + lo) / 2, lo];
  const labels = options.drawdown
    ? distinctLabels(levels, (value, places) => `${percentFigure(-value, places)}%`, 1)
    : distinctLabels(levels, (value, places) => groupedFigure(value, places), Math.max(...levels.map(Math.abs)) >= 1000 ? 0 : 2);
  const axis = levels.map((value, i) => `<text x="${pad.left - 6}" y="${y(value) + 4}" fill="#8b949e" font-size="11" text-anchor="end">${labels[i]}</text><line x1="${pad.left}" x2="${WIDTH - pad.right}" y1="${y(value)}" y2="${y(value)}" stroke="#21262d"/>`).join('');
  const times = [t0, (t0 + t1) / 2, t1];
  const dates = timeLabels(times).map((text, i) => `<text x="${x(times[i]!)}" y="${height - 6}" fill="#8b949e" font-size="11" text-anchor="${['start', 'middle', 'end'][i]}">${text}</text>`).join('');
  const area = options.fill ? `<polygon points="${x(t0)},${y(Math.min(0, hi))} ${points} ${x(series.ts.at(-1)!)},${y(Math.min(0, hi))}" fill="${options.color}" fill-opacity="0.2"/>` : '';
  const marks = (options.markers ?? [])
    .map((m) => {
      const cx = x(Math.min(Math.max(m.ts, t0), t1));
      const cy = y(m.price);
      const up = m.side === 'buy';
      const path = up ? `M${cx - 5},${cy + 8} L${cx + 5},${cy + 8} L${cx},${cy} Z` : `M${cx - 5},${cy - 8} L${cx + 5},${cy - 8} L${cx},${cy} Z`;
      return `<path d="${path}" fill="${up ? '#3fb950' : '#f85149'}"><title>${m.side} ${options.markerPrice ? options.markerPrice(m.price) : m.price} at ${new Date(m.ts).toISOString()}</title></path>`;
    })
    .join('');
  const note = options.note ? `<text x="${WIDTH - pad.right}" y="${pad.top + 12}" fill="#8b949e" font-size="11" text-anchor="end">${escape(options.note)}</text>` : '';
  return `<svg viewBox="0 0 ${WIDTH} ${height}" role="img">${axis}${dates}${area}<polyline points="${points}" fill="none" stroke="${options.color}" stroke-width="1.5"/>${marks}${note}</svg>`;
}

/** `trades` is the trade count as tradeCountText words it (closed, and open ones when there are). */
function metricCards(m: BacktestMetrics, currency: string, trades: string): string {
  const pct = (v: number | null) => (v === null ? MISSING_FIGURE : `${percentFigure(v)}%`);
  const num = (v: number | null) => (v === null ? MISSING_FIGURE : fixedFigure(v, 2));
  const cards: Array<[string, string, number | null]> = [
    ['Total return', pct(m.totalReturn), m.totalReturn],
    ['CAGR', pct(m.cagr), m.cagr],
    ['Volatility', pct(m.volatility), null],
    ['Sharpe', num(m.sharpe), m.sharpe],
    ['Sortino', num(m.sortino), m.sortino],
    ['Calmar', num(m.calmar), m.calmar],
    ['Max drawdown', pct(m.maxDrawdown), null],
    ['Drawdown duration', formatDuration(m.maxDrawdownDurationMs), null],
    ['Trades', trades, null],
    ['Win rate', pct(m.winRate), null],
    ['Profit factor', num(m.profitFactor), null],
    ['Exposure', pct(m.exposure), null],
    ['Turnover', `${num(m.turnover)}×`, null],
    ['Fees', `${moneyFigure(m.fees)} ${currency}`, null],
    ['End equity', `${moneyFigure(m.endEquity)} ${currency}`, m.endEquity - m.startEquity],
  ];
  return cards.map(([name, value, sign]) => `<div class="metric">${escape(name)}<b class="${sign === null ? '' : sign >= 0 ? 'up' : 'down'}">${escape(value)}</b></div>`).join('');
}

function tradeTable(result: BacktestResult, places: ReadonlyMap<string, FigurePlaces>): string {
  const rows = result.trades.slice(0, TRADES_SHOWN).map((t) => {
    const close = t.closeTs === undefined ? 'open' : new Date(t.closeTs).toISOString().replace('T', ' ').slice(0, 19);
    const qty = groupedFigure(t.qty, places.get(t.symbol)?.qty ?? placesOf(t.qty));
    const exit = t.exitPrice === undefined ? MISSING_FIGURE : priceFigure(t.exitPrice, t.symbol, places);
    return `<tr><td>${escape(t.symbol)} ${t.side}</td><td>${new Date(t.openTs).toISOString().replace('T', ' ').slice(0, 19)}</td><td>${close}</td><td>${qty}</td><td>${priceFigure(t.entryPrice, t.symbol, places)}</td><td>${exit}</td><td class="${t.pnl >= 0 ? 'up' : 'down'}">${moneyFigure(t.pnl)}</td></tr>`;
  });
  return `<table><thead><tr><th>Trade</th><th>Opened</th><th>Closed</th><th>Qty</th><th>Entry</th><th>Exit</th><th>P&amp;L</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The axis values at the fewest decimals (from `min`) that tell them apart: "10,000.00 / 9,999.50 / 9,999.00", not "10,000 / 10,000 / 9,999". */
export function distinctLabels(values: readonly number[], format: (value: number, places: number) => string, min: number): string[] {
  let labels: string[] = [];
  for (let places = min; places <= 8; places++) {
    labels = values.map((value) => format(value, places));
    if (new Set(labels).size === labels.length) break;
  }
  return labels;
}

/**
 * Labels for times along a chart: dates over three days or more, date and minute over a day, and the
 * time of day to the second below that (the first with its date), to the millisecond when seconds
 * would repeat; so a 44-second run reads "2026-12-06 08:00:00 / 08:00:22 / 08:00:44", not one date three times.
 */
export function timeLabels(times: readonly number[]): string[] {
  const iso = times.map((ts) => new Date(ts).toISOString());
  const span = Math.max(...times) - Math.min(...times);
  if (span >= 3 * 86_400_000) return iso.map((text) => text.slice(0, 10));
  if (span >= 86_400_000) return iso.map((text) => text.slice(0, 16).replace('T', ' '));
  const seconds = iso.map((text) => text.slice(11, 19));
  const clock = new Set(seconds).size === seconds.length ? seconds : iso.map((text) => text.slice(11, 23));
  return clock.map((text, i) => (i === 0 ? `${iso[0]!.slice(0, 10)} ${text}` : text));
}

function groupedFigure(value: number, places: number): string {
  const text = value.toLocaleString('en-US', { minimumFractionDigits: places, maximumFractionDigits: places });
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** Decimals a symbol's prices and quantities are shown with. */
export interface FigurePlaces {
  readonly price: number;
  readonly qty: number;
}

/**
 * Each symbol's decimals, read off its fills: the result does not carry the tick and lot sizes, but every fill's price is a whole
 * number of ticks, so the finest fill tells the tick's decimals (the lot's likewise). One count per symbol keeps the trade
 * table's column even ("189.80" beside "190.09", not "189.8"), and shows 64964.57 as "64,964.57", not "64,965".
 */
export function figurePlaces(fills: readonly FillRecord[]): Map<string, FigurePlaces> {
  const places = new Map<string, FigurePlaces>();
  for (const fill of fills) {
    const known = places.get(fill.symbol);
    places.set(fill.symbol, { price: Math.max(known?.price ?? 0, placesOf(fill.price)), qty: Math.max(known?.qty ?? 0, placesOf(fill.qty)) });
  }
  return places;
}

/**
 * The decimals a number carries, at most MAX_PLACES. Prices are ticks times a tick size in floating point, so 6496457 ticks of
 * 0.01 may be 64964.57000000001: a few units in the last place are noise, not digits.
 */
export function placesOf(value: number): number {
  for (let places = 0; places < MAX_PLACES; places++) {
    const scaled = value * 10 ** places;
    if (Math.abs(scaled - Math.round(scaled)) <= Math.abs(scaled) * 1e-12 + 1e-9) return places;
  }
  return MAX_PLACES;
}

/** A price at its symbol's decimals, with thousands separators: an average entry of several fills rounds to the tick's decimals. */
function priceFigure(value: number, symbol: string, places: ReadonlyMap<string, FigurePlaces>): string {
  return groupedFigure(value, places.get(symbol)?.price ?? placesOf(value));
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
