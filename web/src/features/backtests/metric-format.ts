// Display text for a backtest's figures: metrics (fractions, ratios, durations), prices and amounts at fixed places, and a run's progress; all through lib/format.ts.
import { fixedFigure as fixed, formatDateTime, formatDecimal, formatDuration, formatPercent, MISSING_FIGURE, trendClass } from '../../lib/format.ts';
import type { BacktestMetrics, DataGap, DataGaps, RunProgress, RunStatus } from './backtest-types.ts';

/** A figure at `places` digits with thousands separators; null, undefined and non-finite values as a dash. */
export function formatFigure(value: number | null | undefined, places = 2, signed = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING_FIGURE;
  return formatDecimal(fixed(value, places), { signed });
}

/** A fraction as a percent: 0.1234 -> "12.34%" (signed: "+12.34%"). */
export function formatFraction(value: number | null | undefined, signed = false, places = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING_FIGURE;
  const percent = fixed(value * 100, places);
  return signed ? formatPercent(percent, places) : `${formatDecimal(percent, { places })}%`;
}

/** A drawdown as the positive percentage it is everywhere (detail, lists, CLI, report, leaderboard): 0.0011 -> "0.11%". */
export function formatDrawdown(value: number | null | undefined): string {
  return formatFraction(value);
}

/** Green above zero, red below, muted at zero or none. */
export function toneOf(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'text-muted' : trendClass(fixed(value, 12));
}

export interface MetricRow {
  readonly key: keyof BacktestMetrics;
  readonly label: string;
  readonly value: string;
  /** A colour class for signed figures. */
  readonly tone?: string;
  readonly hint: string;
}

/**
 * The trade count as people read it, worded as the CLI summary and the HTML report word it: the
 * metrics count closed round trips (win rate and profit factor need an exit), while the list of
 * `roundTrips` also holds one still open at the end, so say both: "967 closed + 1 open".
 */
export function tradeCountText(closed: number, roundTrips: number): string {
  const open = roundTrips - closed;
  return open > 0 ? `${formatFigure(closed, 0)} closed + ${formatFigure(open, 0)} open` : formatFigure(closed, 0);
}

/** The metrics table, in reading order; `roundTrips`: how many the trade list holds, open ones included. */
export function metricRows(m: BacktestMetrics, currency: string, roundTrips = m.trades): MetricRow[] {
  const money = (value: number) => `${formatFigure(value, 2)} ${currency}`;
  return [
    { key: 'totalReturn', label: 'Total return', value: formatFraction(m.totalReturn, true), tone: toneOf(m.totalReturn), hint: `${money(m.startEquity)} to ${money(m.endEquity)}` },
    { key: 'cagr', label: 'CAGR', value: formatFraction(m.cagr, true), tone: toneOf(m.cagr), hint: 'Annual rate over the run (365.25-day years)' },
    { key: 'volatility', label: 'Volatility', value: formatFraction(m.volatility), hint: 'Annualized standard deviation of returns' },
    { key: 'sharpe', label: 'Sharpe', value: formatFigure(m.sharpe), tone: toneOf(m.sharpe), hint: 'Annualized, zero risk-free rate' },
    { key: 'sortino', label: 'Sortino', value: formatFigure(m.sortino), tone: toneOf(m.sortino), hint: 'Like Sharpe, over downside deviation' },
    { key: 'calmar', label: 'Calmar', value: formatFigure(m.calmar), tone: toneOf(m.calmar), hint: 'CAGR over max drawdown' },
    // Red when there was one.
    { key: 'maxDrawdown', label: 'Max drawdown', value: formatDrawdown(m.maxDrawdown), tone: toneOf(-m.maxDrawdown), hint: 'Deepest fall from a high' },
    { key: 'maxDrawdownDurationMs', label: 'Longest drawdown', value: formatDuration(m.maxDrawdownDurationMs), hint: 'Longest time under a high-water mark' },
    { key: 'winRate', label: 'Win rate', value: formatFraction(m.winRate), hint: 'Closed round trips with P&L above 0, net of fees' },
    { key: 'profitFactor', label: 'Profit factor', value: formatFigure(m.profitFactor), hint: 'Gross profit over gross loss' },
    { key: 'exposure', label: 'Exposure', value: formatFraction(m.exposure), hint: 'Share of the time with a position open' },
    { key: 'turnover', label: 'Turnover', value: `${formatFigure(m.turnover)}×`, hint: 'Traded notional over average equity' },
    { key: 'trades', label: 'Trades', value: tradeCountText(m.trades, roundTrips), hint: 'Round trips, flat to flat; only closed ones count in the other figures' },
    { key: 'fills', label: 'Fills', value: formatFigure(m.fills, 0), hint: 'Executions of the strategy' },
    { key: 'fees', label: 'Fees', value: money(m.fees), hint: 'Charged by the engine' },
  ];
}

/** "120,000 / 200,000 records". */
export function progressCount(progress: RunProgress): string {
  return `${formatFigure(progress.done, 0)} / ${formatFigure(progress.total, 0)} ${progress.unit}`;
}

/** What a run is doing, in words. */
export function stageText(status: RunStatus, progress: RunProgress): string {
  switch (status) {
    case 'queued':
      return 'Waiting for a free worker';
    case 'running':
      return progress.stage === 'loading' ? 'Reading the stored history' : progress.unit === 'trials' ? 'Running trials' : 'Replaying';
    case 'done':
      return 'Done';
    case 'failed':
      return 'Failed';
    case 'cancelled':
      return 'Cancelled';
  }
}

/** "ETA 12 s", or what stands in for it before there is a rate. */
export function etaText(status: RunStatus, progress: RunProgress): string {
  if (status !== 'running') return '';
  if (progress.etaMs === null) return progress.stage === 'loading' ? 'ETA after loading' : 'ETA soon';
  return `ETA ${formatDuration(progress.etaMs)}`;
}

/** Counts by reason code as "INSUFFICIENT_FUNDS 3, NO_LIQUIDITY 1", most frequent first; "none" when empty. */
export function countsText(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return entries.length === 0 ? 'none' : entries.map(([code, n]) => `${code} ${n}`).join(', ');
}

/**
 * Why a run replayed fewer stored rows than it holds, when it did: rows off the instrument's tick or
 * lot grid are skipped, as `bourse backtest` skips them with a warning; undefined when none were.
 */
export function skippedRowsText(skippedRows: number, symbol: string): string | undefined {
  if (skippedRows <= 0) return undefined;
  const rows = skippedRows === 1 ? 'stored row was' : 'stored rows were';
  return `${formatFigure(skippedRows, 0)} ${rows} skipped: off ${symbol}'s tick or lot grid.`;
}

/** What the data's gaps mean for the figures, worded as the HTML report words it; undefined when the data has none. */
export function dataGapsText(gaps: DataGaps): string | undefined {
  if (gaps.total <= 0) return undefined;
  const head = gaps.total === 1 ? 'A gap in the data' : `${formatFigure(gaps.total, 0)} gaps in the data`;
  const shown = gaps.items.length < gaps.total ? ` (the largest ${gaps.items.length} listed)` : '';
  const them = gaps.total === 1 ? 'it' : 'them';
  return `${head}${shown}, replayed as trading time without prices: the equity curve holds still across ${them}, and CAGR, volatility and exposure count ${them} as time in the market.`;
}

/** One gap: its symbol, where the data stops and resumes, and how long it is. */
export function dataGapText(gap: DataGap): string {
  return `${gap.symbol} ${formatDateTime(gap.from)} to ${formatDateTime(gap.to)} (${formatDuration(gap.lengthMs)})`;
}
