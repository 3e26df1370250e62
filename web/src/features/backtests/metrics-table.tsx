// The metrics of a backtest as a two-column table: each figure with what it means.
import type { BacktestMetrics } from './backtest-types.ts';
import { metricRows } from './metric-format.ts';

/** `roundTrips`: how many the trade list holds, so a trip still open is counted as in the list. */
export function MetricsTable({ metrics, currency, roundTrips }: { readonly metrics: BacktestMetrics; readonly currency: string; readonly roundTrips: number }) {
  const rows = metricRows(metrics, currency, roundTrips);
  return (
    <table aria-label="Metrics" className="w-full border-collapse text-sm">
      <tbody className="grid grid-cols-1 sm:grid-cols-2 sm:gap-x-6 xl:grid-cols-3">
        {rows.map((row) => (
          <tr key={row.key} data-metric={row.key} className="flex items-baseline justify-between gap-3 border-b border-line/60 py-1" title={row.hint}>
            <th scope="row" className="text-left text-xs font-normal text-muted">
              {row.label}
            </th>
            <td className={`num text-right font-medium ${row.tone ?? ''}`}>{row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
