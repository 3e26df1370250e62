// A walk-forward window, which the optimizer keeps as rows of the columns, in the record times a user reads: the CLI and the REST API give the same.
import { recordTime, type RecordColumns } from '../columns.ts';

/** Epoch ms: from inclusive, to exclusive. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * Rows [from, to) as times [from, to), each row at its record time (a bar at its close, as a
 * backtest reports it). A window that runs to the end closes just after the last row, so the last
 * record stays inside it.
 */
export function windowTimes(columns: RecordColumns, rows: { readonly from: number; readonly to: number }): TimeWindow {
  const time = (row: number) => (row < columns.length ? recordTime(columns, row) : columns.length > 0 ? recordTime(columns, columns.length - 1) + 1 : 0);
  return { from: time(rows.from), to: time(rows.to) };
}
