// A finished optimization: every trial ranked by the objective (params and metrics), or with walk-forward each fold's winner, its scores and the efficiency; a row's params can go to the run form.
import { Button } from '../../components/button.tsx';
import { Panel } from '../../components/card.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { formatDateTime, MISSING_FIGURE } from '../../lib/format.ts';
import { paramText } from '../bots/param-form.ts';
import { SkippedRows } from './backtest-results.tsx';
import type { FoldView, OptimizationResult, OptimizationRun, ParamPoint, TrialView } from './backtest-types.ts';
import { formatDrawdown, formatFigure, formatFraction, toneOf } from './metric-format.ts';
import { OBJECTIVE_LABELS } from './optimizer-form.ts';
import { paramsText } from './run-form.ts';

export interface OptimizationResultsProps {
  readonly run: OptimizationRun;
  readonly result: OptimizationResult;
  /** Puts a trial's (or a fold winner's) params into the run form. */
  readonly onUseParams: (params: ParamPoint) => void;
  readonly onEdit: () => void;
}

/** The objective's value as the metrics show it: returns as percents, ratios as figures. */
function scoreText(objective: OptimizationResult['objective'], score: number | null): string {
  return objective === 'return' || objective === 'cagr' ? formatFraction(score, true) : formatFigure(score);
}

export function OptimizationResults({ run, result, onUseParams, onEdit }: OptimizationResultsProps) {
  const names = [...new Set(result.trials.flatMap((t) => Object.keys(t.params)))];
  const objective = OBJECTIVE_LABELS[result.objective];
  const columns: Column<TrialView>[] = [
    { key: 'rank', header: '#', numeric: true, cell: (t) => t.rank },
    ...names.map((name): Column<TrialView> => ({ key: `param-${name}`, header: name, numeric: true, cell: (t) => paramText(t.params[name]) })),
    { key: 'score', header: objective, numeric: true, cell: (t) => <span className={`font-medium ${toneOf(t.score)}`}>{scoreText(result.objective, t.score)}</span> },
    // The objective's own column already shows its metric, so that metric's column is left out.
    ...(result.objective === 'return' ? [] : [{ key: 'return', header: 'Return', numeric: true, cell: (t: TrialView) => <span className={toneOf(t.metrics?.totalReturn)}>{formatFraction(t.metrics?.totalReturn, true)}</span> }]),
    ...(result.objective === 'sharpe' ? [] : [{ key: 'sharpe', header: 'Sharpe', numeric: true, hideOnMobile: true, cell: (t: TrialView) => formatFigure(t.metrics?.sharpe) }]),
    { key: 'maxDrawdown', header: 'Max DD', numeric: true, hideOnMobile: true, cell: (t) => formatDrawdown(t.metrics?.maxDrawdown) },
    { key: 'trades', header: 'Trades', numeric: true, hideOnMobile: true, cell: (t) => formatFigure(t.metrics?.trades, 0) },
    { key: 'winRate', header: 'Win rate', numeric: true, hideOnMobile: true, cell: (t) => formatFraction(t.metrics?.winRate) },
    {
      key: 'use',
      header: <span className="sr-only">Use</span>,
      cell: (t) =>
        t.error ? (
          <span className="text-xs text-down" title={t.error}>
            refused
          </span>
        ) : (
          <Button variant="ghost" size="sm" onClick={(e) => {
              e.stopPropagation();
              onUseParams(t.params);
            }} aria-label={`Backtest trial ${t.rank}: ${paramsText(t.params)}`}>
            Backtest
          </Button>
        ),
    },
  ];
  const failed = result.trials.filter((t) => t.error !== null);
  const refusing = result.trials.filter((t) => Object.keys(t.refused).length > 0);
  return (
    <div data-testid="optimization-results" className="flex flex-col gap-3">
      <Panel
        title={`Optimization #${run.id}: ${run.strategy} on ${run.symbol}`}
        actions={
          <Button variant="ghost" size="sm" onClick={onEdit}>
            Edit and rerun
          </Button>
        }
      >
        <p className="text-xs text-muted">
          {result.method === 'grid' ? 'Grid' : 'Random'} search for the best {objective.toLowerCase()} · {result.startTs !== null ? `${formatDateTime(result.startTs)} to ${formatDateTime(result.endTs)} · ` : ''}
          {formatFigure(result.records, 0)} records · took {formatFigure(result.elapsedMs / 1000, 1)} s
        </p>
        <div className="mt-2 empty:hidden">
          <SkippedRows run={run} />
        </div>
        {result.best && (
          <p className="mt-2 text-sm">
            Best: <span className="font-medium">{paramsText(result.best.params)}</span> with {objective.toLowerCase()} <span className={toneOf(result.best.score)}>{scoreText(result.objective, result.best.score)}</span>
          </p>
        )}
        {failed.length > 0 && <p className="mt-1 text-xs text-warn">{failed.length} of {result.trials.length} points were refused by the strategy (e.g. {failed[0]!.error}).</p>}
        {refusing.length > 0 && (
          <p className="mt-1 text-xs text-warn">
            {refusing.length} of {result.trials.length} runs had orders refused (e.g. {refusalText(refusing[0]!.refused)}): their figures may not be what the params would trade.
          </p>
        )}
      </Panel>
      {result.walkForward ? (
        <WalkForward result={result} onUseParams={onUseParams} />
      ) : (
        <Panel title={`Trials by ${objective.toLowerCase()} (${result.trials.length})`} flush>
          <DataTable columns={columns} rows={result.trials} rowKey={(t) => t.rank} label="Trials" onRowClick={(t) => t.error === null && onUseParams(t.params)} empty="No trials." />
          <p className="px-3 py-2 text-xs text-muted">Press a row (or its Backtest button) to load its params into the run form.</p>
        </Panel>
      )}
    </div>
  );
}

function WalkForward({ result, onUseParams }: { readonly result: OptimizationResult; readonly onUseParams: (params: ParamPoint) => void }) {
  const wf = result.walkForward!;
  // Undefined without an in-sample edge or after a failed fold: the dash of every missing figure, as the CLI prints it.
  const efficiency = formatFraction(wf.efficiency, false, 0);
  const score = (value: number | null) => <span className={toneOf(value)}>{scoreText(result.objective, value)}</span>;
  const window = (w: { from: number; to: number }) => (
    <span className="num flex flex-col text-xs">
      <span>{formatDateTime(w.from)} –</span>
      <span>{formatDateTime(w.to)}</span>
    </span>
  );
  const rows = wf.folds.map((fold, index) => ({ ...fold, index }));
  const columns: Column<FoldView & { index: number }>[] = [
    { key: 'fold', header: 'Fold', numeric: true, cell: (f) => f.index + 1 },
    { key: 'inSample', header: 'In-sample', hideOnMobile: true, cell: (f) => window(f.inSample) },
    { key: 'outOfSample', header: 'Out-of-sample', hideOnMobile: true, cell: (f) => window(f.outOfSample) },
    { key: 'best', header: 'Best params', cell: (f) => (f.best ? <span className="whitespace-nowrap">{paramsText(f.best)}</span> : <span className="text-muted">none</span>) },
    { key: 'is', header: 'In-sample score', numeric: true, cell: (f) => score(f.inSampleScore) },
    { key: 'oos', header: 'Out-of-sample score', numeric: true, cell: (f) => score(f.outOfSampleScore) },
    {
      key: 'use',
      header: <span className="sr-only">Use</span>,
      cell: (f) =>
        f.best && (
          <Button variant="ghost" size="sm" onClick={(e) => {
              e.stopPropagation();
              onUseParams(f.best!);
            }} aria-label={`Backtest fold ${f.index + 1}'s best params`}>
            Backtest
          </Button>
        ),
    },
  ];
  return (
    <Panel
      title="Walk-forward"
      flush
      actions={
        <span data-testid="wf-efficiency" className="text-xs">
          Efficiency <span className={`num font-semibold ${toneOf(wf.efficiency)}`}>{efficiency}</span>
        </span>
      }
    >
      <DataTable columns={columns} rows={rows} rowKey={(f) => f.index} label="Walk-forward folds" onRowClick={(f) => f.best && onUseParams(f.best)} />
      <p className="px-3 py-2 text-xs text-muted">
        Mean in-sample {scoreText(result.objective, wf.meanInSample)}, out-of-sample {scoreText(result.objective, wf.meanOutOfSample)}
        {wf.failedFolds > 0 && <>; {wf.failedFolds} fold(s) without a score (a failed run, or a window too short for the objective)</>}. Efficiency is the mean out-of-sample score over the mean in-sample one: near 100% the edge held on unseen data, near 0 or below it was fitted noise
        {efficiency === MISSING_FIGURE && ` (${MISSING_FIGURE} here: it is undefined without an in-sample edge, or when a fold failed)`}.
      </p>
    </Panel>
  );
}

/** "INVALID_QUANTITY 48, INSUFFICIENT_FUNDS 2": the most refused first. */
function refusalText(refused: Readonly<Record<string, number>>): string {
  return Object.entries(refused)
    .sort((a, b) => b[1] - a[1])
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
}
