// How a figure reads wherever it is shown (the CLI, the API's leaderboard, the HTML report): no "-0.00", percent digits, one duration style, one mark for a missing figure. The dashboard mirrors these in web/src/lib/format.ts.

/** What is shown in place of a figure there is none of (no runs yet, a failed run's metrics, not a number): an em dash, in every table and report. */
export const MISSING_FIGURE = '—';

/** `value` at `places` decimals; a value that rounds to zero has no sign ("0.00", never "-0.00"). */
export function fixedFigure(value: number, places: number): string {
  const text = value.toFixed(places);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * A fraction as percent digits, without the "%": 0.1234 -> "12.34", -0.00001 -> "0.00". A drawdown
 * is a positive fraction (how far equity is below its high), so it reads as a positive percentage.
 */
export function percentFigure(fraction: number, places = 2): string {
  return fixedFigure(fraction * 100, places);
}

/** A duration, rounded down: 850 -> "0.8 s", 12_300 -> "12 s", 190_000 -> "3 min", 7_200_000 -> "2 h", 3 days -> "3 d"; negative counts as 0, not a number is MISSING_FIGURE. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return MISSING_FIGURE;
  const value = Math.max(0, ms);
  if (value < 10_000) return `${(Math.floor(value / 100) / 10).toFixed(1)} s`;
  if (value < 120_000) return `${Math.floor(value / 1_000)} s`;
  if (value < 7_200_000) return `${Math.floor(value / 60_000)} min`;
  if (value < 172_800_000) return `${Math.floor(value / 3_600_000)} h`;
  return `${Math.floor(value / 86_400_000)} d`;
}

/** Decimals money is shown at in summaries and reports: to the cent, whatever finer scale the ledger keeps. */
export const MONEY_PLACES = 2;

/** An amount of money as the CLI's backtest summary and the HTML report show it: 9906.6789 -> "9906.68", 71.0135 -> "71.01", never "-0.00". */
export function moneyFigure(value: number): string {
  return fixedFigure(value, MONEY_PLACES);
}
