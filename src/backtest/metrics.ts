// Performance metrics of a run: returns, risk-adjusted ratios, drawdown, and trade statistics.
import type { EquityPoint, FillRecord, RoundTrip } from './types.ts';

const YEAR_MS = 365.25 * 86_400_000;

/**
 * Annualized figures are null on runs too short to say anything about a year (a 44-second run gave a
 * Sharpe ratio of -2,684). Volatility, Sharpe and Sortino need at least this many period returns of
 * the equity curve, as the leaderboard's Sharpe ratio does.
 */
export const MIN_ANNUALIZED_RETURNS = 30;
/** CAGR, and Calmar with it, also need the run to span at least this long: compounding an hour's return over a year gives rates of thousands of percent. */
export const MIN_CAGR_SPAN_MS = 30 * 86_400_000;

export interface BacktestMetrics {
  readonly startEquity: number;
  readonly endEquity: number;
  /** Fractions (0.1 = 10%); ratios are annualized, with a zero risk-free rate, and null on a run too short for that (MIN_ANNUALIZED_RETURNS, MIN_CAGR_SPAN_MS). */
  readonly totalReturn: number;
  readonly cagr: number | null;
  readonly volatility: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly calmar: number | null;
  readonly maxDrawdown: number;
  readonly maxDrawdownDurationMs: number;
  readonly trades: number;
  readonly winRate: number | null;
  readonly profitFactor: number | null;
  /** Share of the run's time with a position open. */
  readonly exposure: number;
  /** Traded notional over average equity. */
  readonly turnover: number;
  readonly fills: number;
  readonly fees: number;
}

export interface MetricInputs {
  /** Samples at least `resolutionMs` apart; ratios are annualized by their mean spacing. */
  readonly equity: readonly EquityPoint[];
  readonly resolutionMs: number;
  readonly maxDrawdown: number;
  readonly maxDrawdownDurationMs: number;
  readonly trips: readonly RoundTrip[];
  readonly fills: readonly FillRecord[];
  readonly startTs: number;
  readonly endTs: number;
}

export function computeMetrics(input: MetricInputs): BacktestMetrics {
  const { equity, trips, fills } = input;
  const startEquity = equity[0]?.equity ?? 0;
  const endEquity = equity.at(-1)?.equity ?? startEquity;
  const span = Math.max(0, input.endTs - input.startTs);
  const years = span / YEAR_MS;
  const totalReturn = startEquity > 0 ? endEquity / startEquity - 1 : 0;
  const returns = periodReturns(equity);
  const annualized = returns.length >= MIN_ANNUALIZED_RETURNS;
  const cagr = annualized && span >= MIN_CAGR_SPAN_MS && startEquity > 0 && endEquity > 0 ? (endEquity / startEquity) ** (1 / years) - 1 : null;
  // Samples come at most once per record, so sparse data (daily bars, nights without trades) spaces
  // them wider than the curve's resolution: annualize by the spacing they really have.
  const spacing = equity.length > 1 ? (equity.at(-1)!.ts - equity[0]!.ts) / (equity.length - 1) : input.resolutionMs;
  const perYear = Math.sqrt(YEAR_MS / Math.max(1, spacing));
  const mean = average(returns);
  const deviation = standardDeviation(returns, mean);
  const downside = Math.sqrt(average(returns.map((r) => Math.min(r, 0) ** 2)));
  const closed = trips.filter((t) => t.closeTs !== undefined);
  const wins = closed.filter((t) => t.pnl > 0);
  const grossProfit = sum(wins.map((t) => t.pnl));
  const grossLoss = -sum(closed.filter((t) => t.pnl < 0).map((t) => t.pnl));
  const notional = sum(fills.map((f) => f.price * f.qty));
  const meanEquity = average(equity.map((p) => p.equity));
  return {
    startEquity,
    endEquity,
    totalReturn,
    cagr,
    volatility: annualized ? deviation * perYear : null,
    sharpe: annualized && deviation > 0 ? (mean / deviation) * perYear : null,
    sortino: annualized && downside > 0 ? (mean / downside) * perYear : null,
    calmar: cagr !== null && input.maxDrawdown > 0 ? cagr / input.maxDrawdown : null,
    maxDrawdown: input.maxDrawdown,
    maxDrawdownDurationMs: input.maxDrawdownDurationMs,
    trades: closed.length,
    winRate: closed.length > 0 ? wins.length / closed.length : null,
    profitFactor: grossLoss > 0 ? grossProfit / grossLoss : null,
    exposure: span > 0 ? Math.min(1, timeInMarket(trips, input.endTs) / span) : 0,
    turnover: meanEquity > 0 ? notional / meanEquity : 0,
    fills: fills.length,
    // Each fee is exact in the currency's minor units; 15 digits drop only the sum's binary noise (10.356762000000007).
    fees: Number(sum(fills.map((f) => f.fee)).toPrecision(15)),
  };
}

function periodReturns(equity: readonly EquityPoint[]): number[] {
  const returns: number[] = [];
  for (let i = 1; i < equity.length; i++) {
    const before = equity[i - 1]!.equity;
    if (before > 0) returns.push(equity[i]!.equity / before - 1);
  }
  return returns;
}

/** Time covered by at least one open trip (trips on different symbols may overlap). */
function timeInMarket(trips: readonly RoundTrip[], endTs: number): number {
  const spans = trips.map((t) => [t.openTs, t.closeTs ?? endTs] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let from = -Infinity;
  let to = -Infinity;
  for (const [open, close] of spans) {
    if (open > to) {
      if (to > from) total += to - from;
      from = open;
      to = close;
    } else to = Math.max(to, close);
  }
  if (to > from) total += to - from;
  return total;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function average(values: readonly number[]): number {
  return values.length === 0 ? 0 : sum(values) / values.length;
}

function standardDeviation(values: readonly number[], mean: number): number {
  if (values.length < 2) return 0;
  return Math.sqrt(sum(values.map((v) => (v - mean) ** 2)) / (values.length - 1));
}
