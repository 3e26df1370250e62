// The leaderboard table: sortable columns, the viewer's own row and their bots' rows marked.
import { Badge } from '../../components/badge.tsx';
import { cx } from '../../components/cx.ts';
import { DataTable, type Column, type SortState } from '../../components/data-table.tsx';
import type { LeaderboardRow } from '../../lib/api.ts';
import { formatDecimal, formatMoney, formatPercent, trendClass } from '../../lib/format.ts';

export interface LeaderboardTableProps {
  readonly rows: readonly LeaderboardRow[];
  readonly loading: boolean;
  readonly currency: string;
  readonly sort: SortState;
  readonly onSort: (key: string) => void;
  /** The viewer's user id, if logged in. */
  readonly meId: number | undefined;
  /** User ids of the viewer's bots, with the bot's name. */
  readonly myBots: ReadonlyMap<number, string>;
  /** What the table says when it has no row: that nobody is ranked, or that nobody matches a search. */
  readonly empty?: string;
}

export function LeaderboardTable({ rows, loading, currency, sort, onSort, meId, myBots, empty = 'Nobody is ranked yet.' }: LeaderboardTableProps) {
  const columns: Column<LeaderboardRow>[] = [
    { key: 'rank', header: 'Rank', numeric: true, sortable: true, className: 'w-14 pr-1 sm:pr-3', cell: (row) => row.rank },
    {
      key: 'username',
      header: 'Name',
      sortable: true,
      cell: (row) => {
        const bot = myBots.get(row.userId);
        return (
          <span className="flex max-w-[9.5rem] min-w-0 items-center gap-1.5 sm:max-w-none">
            <span className="truncate">{bot ?? row.username}</span>
            {bot !== undefined && <span className="hidden truncate text-xs text-muted sm:inline">{row.username}</span>}
            {row.userId === meId && <Badge tone="accent" className="shrink-0">you</Badge>}
            {bot !== undefined && <Badge tone="warn" className="shrink-0">your bot</Badge>}
          </span>
        );
      },
    },
    { key: 'equity', header: `Equity (${currency})`, numeric: true, sortable: true, cell: (row) => formatMoney(row.equity, undefined, 2) },
    { key: 'return', header: 'Return', numeric: true, sortable: true, cell: (row) => <span className={trendClass(row.returnPercent)}>{formatPercent(row.returnPercent)}</span> },
    { key: 'drawdown', header: 'Max drawdown', numeric: true, sortable: true, hideOnMobile: true, cell: (row) => `${formatDecimal(row.maxDrawdownPercent, { places: 2 })}%` },
    { key: 'sharpe', header: 'Sharpe', numeric: true, sortable: true, hideOnMobile: true, cell: (row) => formatDecimal(row.sharpe, { places: 2 }) },
    { key: 'trades', header: 'Trades', numeric: true, sortable: true, hideOnMobile: true, cell: (row) => formatDecimal(String(row.trades)) },
  ];
  return (
    <DataTable
      label="Leaderboard"
      columns={columns}
      rows={rows}
      rowKey={(row) => row.userId}
      loading={loading}
      empty={empty}
      sort={sort}
      onSort={onSort}
      rowClassName={(row) => cx(row.userId === meId && 'bg-accent/15', myBots.has(row.userId) && 'bg-warn/10')}
    />
  );
}
