// A finished backtest: what ran (and the stored rows it skipped as off the grid), the metrics, the equity curve and the drawdown, the price with the fills marked, and the trade list.
import { useMemo } from 'react';
import { Button } from '../../components/button.tsx';
import { Panel } from '../../components/card.tsx';
import { drawdownAxisLabel, fixedFigure, formatDateTime } from '../../lib/format.ts';
import type { BacktestResult, BacktestRun, CatalogInstrument, DataGaps, Run } from './backtest-types.ts';
import { drawdownLine, equityLine } from './chart-series.ts';
import { CurveChart } from './curve-chart.tsx';
import { countsText, dataGapText, dataGapsText, formatFigure, skippedRowsText } from './metric-format.ts';
import { MetricsTable } from './metrics-table.tsx';
import { paramsText } from './run-form.ts';
import { TradeChart } from './trade-chart.tsx';
import { TradeList } from './trade-list.tsx';

export interface BacktestResultsProps {
  readonly run: BacktestRun;
  readonly result: BacktestResult;
  readonly instrument: CatalogInstrument | undefined;
  readonly onEdit: () => void;
}

export function BacktestResults({ run, result, instrument, onEdit }: BacktestResultsProps) {
  const equity = useMemo(() => equityLine(result.equity), [result.equity]);
  const drawdown = useMemo(() => drawdownLine(result.drawdown), [result.drawdown]);
  const currency = result.currency;
  const money = (value: number) => `${formatFigure(value, 2)} ${currency}`;
  return (
    <div data-testid="backtest-results" className="flex flex-col gap-3">
      <Panel
        title={`Backtest #${run.id}: ${run.strategy} on ${run.symbol}`}
        actions={
          <Button variant="ghost" size="sm" onClick={onEdit}>
            Edit and rerun
          </Button>
        }
      >
        <p className="mb-3 text-xs text-muted">
          Params {paramsText(result.params)} · {formatDateTime(result.startTs)} to {formatDateTime(result.endTs)} · {formatFigure(result.records, 0)} records
        </p>
        <SkippedRows run={run} />
        <DataGapsNote gaps={result.dataGaps} />
        {result.error && (
          <p role="alert" className="mb-3 rounded border border-warn/40 bg-warn/10 px-3 py-2 text-sm">
            The strategy stopped early: {result.error}
          </p>
        )}
        <p data-testid="order-outcomes" className={`mb-3 text-xs ${Object.keys(result.orders.refused).length > 0 ? 'text-warn' : 'text-muted'}`}>
          Orders: {formatFigure(result.orders.accepted, 0)} accepted · refused: {countsText(result.orders.refused)} · ended unfilled by the exchange: {countsText(result.orders.endedByExchange)}
        </p>
        <MetricsTable metrics={result.metrics} currency={currency} roundTrips={result.trades.total} />
      </Panel>
      <div className="grid gap-3 xl:grid-cols-2">
        <Panel title="Equity">
          <CurveChart testId="equity-chart" label={`Equity from ${money(result.metrics.startEquity)} to ${money(result.metrics.endEquity)}`} points={equity} baseline={result.metrics.startEquity} format={(v) => formatFigure(v, 2)} />
        </Panel>
        <Panel title="Drawdown">
          <CurveChart testId="drawdown-chart" label={`Drawdown, deepest ${fixedFigure(result.metrics.maxDrawdown * 100, 2)}%`} points={drawdown} baseline={0} format={drawdownAxisLabel} belowOnly />
        </Panel>
      </div>
      <Panel title="Price and trades">
        {result.prices && result.prices.bars.length > 0 ? (
          <TradeChart bars={result.prices.bars} intervalMs={result.prices.intervalMs} marks={result.marks} tickSize={instrument?.tickSize} symbol={result.prices.symbol} />
        ) : (
          <p className="text-sm text-muted">No prices were recorded for this run.</p>
        )}
      </Panel>
      <Panel title="Trades" flush>
        <div className="p-2">
          <TradeList trades={result.trades} closedTrades={result.metrics.trades} fills={result.fills} tickSize={instrument?.tickSize} lotSize={instrument?.lotSize} currency={currency} />
        </div>
      </Panel>
    </div>
  );
}

/** Stored rows the run skipped as off the instrument's grid: the records above leave them out. */
export function SkippedRows({ run }: { readonly run: Run }) {
  const text = skippedRowsText(run.skippedRows, run.symbol);
  if (text === undefined) return null;
  return (
    <p data-testid="skipped-rows" className="mb-3 rounded border border-warn/40 bg-warn/10 px-3 py-2 text-xs">
      {text}
    </p>
  );
}

/** Holes in the data, which the run replayed as trading time, so the figures below read with them in mind. */
export function DataGapsNote({ gaps }: { readonly gaps: DataGaps }) {
  const text = dataGapsText(gaps);
  if (text === undefined) return null;
  return (
    <div data-testid="data-gaps" role="alert" className="mb-3 rounded border border-warn/40 bg-warn/10 px-3 py-2 text-xs">
      <p>{text}</p>
      <ul className="mt-1 list-disc pl-5">
        {gaps.items.map((gap) => (
          <li key={`${gap.symbol}-${gap.from}`}>{dataGapText(gap)}</li>
        ))}
      </ul>
    </div>
  );
}
