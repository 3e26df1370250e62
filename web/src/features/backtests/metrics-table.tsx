// The metrics of a backtest as a two-column table: each figure with what it means.
import type { BacktestMetrics } from './backtest-types.ts';
import { metricRows } from './metric-format.ts';

export function MetricsTable({ metrics, currency }: { readonly metrics: BacktestMetrics; readonly currency: string }) {
  const rows = metricRows(metrics, currency);
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
