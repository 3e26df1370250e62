// The user's earlier runs, newest first: kind, status (with progress while active), strategy, symbol, when, and the headline figures; pressing one opens it.
import { Badge, type BadgeTone } from '../../components/badge.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { formatDateTime, formatDuration } from '../../lib/format.ts';
import type { Run, RunStatus } from './backtest-types.ts';
import { formatDrawdown, formatFigure, formatFraction, toneOf } from './metric-format.ts';
import type { RunRef } from './use-runs.ts';

const STATUS_TONES: Readonly<Record<RunStatus, BadgeTone>> = { queued: 'neutral', running: 'accent', done: 'up', failed: 'down', cancelled: 'warn' };

export interface RunsListProps {
  readonly runs: readonly Run[] | undefined;
  readonly loading: boolean;
  readonly selected: RunRef | undefined;
  readonly onOpen: (ref: RunRef) => void;
  readonly now: number;
}

export function RunsList({ runs, loading, selected, onOpen, now }: RunsListProps) {
  const columns: Column<Run>[] = [
    {
      key: 'run',
      header: 'Run',
      cell: (r) => (
        <button type="button" className="whitespace-nowrap text-left text-accent hover:underline" onClick={() => onOpen({ kind: r.kind, id: r.id })} aria-label={`Open ${r.kind} ${r.id}: ${r.strategy} on ${r.symbol}`}>
          <span className="num">#{r.id}</span> {r.kind === 'backtest' ? 'Backtest' : 'Optimization'}
          {/* Below extra-large screens the strategy and symbol ride under the run, so the figures fit beside it. */}
          <span className="block text-xs text-muted xl:hidden">
            {r.strategy} · {r.symbol}
          </span>
        </button>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      cell: (r) => (
        <Badge tone={STATUS_TONES[r.status]}>
          {r.status}
          {r.status === 'running' && <span className="num ml-1">{formatFraction(r.progress.fraction, false, 0)}</span>}
        </Badge>
      ),
    },
    { key: 'strategy', header: 'Strategy', className: 'hidden xl:table-cell', cell: (r) => <span className="whitespace-nowrap">{r.strategy}</span> },
    { key: 'symbol', header: 'Symbol', className: 'hidden xl:table-cell' },
    { key: 'when', header: 'When', hideOnMobile: true, cell: (r) => <span className="whitespace-nowrap" title={formatDateTime(r.createdAt)}>{formatDuration(now - r.createdAt)} ago</span> },
    { key: 'return', header: 'Return', numeric: true, cell: (r) => <span className={toneOf(r.metrics?.totalReturn)}>{formatFraction(r.metrics?.totalReturn, true)}</span> },
    { key: 'sharpe', header: 'Sharpe', numeric: true, hideOnMobile: true, cell: (r) => formatFigure(r.metrics?.sharpe) },
    { key: 'maxDrawdown', header: 'Max DD', numeric: true, hideOnMobile: true, cell: (r) => formatDrawdown(r.metrics?.maxDrawdown) },
    { key: 'trades', header: 'Trades', numeric: true, hideOnMobile: true, cell: (r) => formatFigure(r.metrics?.trades, 0) },
  ];
  return (
    <DataTable
      columns={columns}
      rows={runs}
      rowKey={(r) => `${r.kind}-${r.id}`}
      label="Your runs"
      loading={loading}
      empty="No runs yet: set one up and press Run."
      onRowClick={(r) => onOpen({ kind: r.kind, id: r.id })}
      rowClassName={(r) => (selected && selected.kind === r.kind && selected.id === r.id ? 'bg-raised' : undefined)}
    />
  );
}
