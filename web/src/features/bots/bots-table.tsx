// The bot list: one row per bot with its live status, performance and the start/stop, configure and delete actions.
import { useMemo, type MouseEvent } from 'react';
import { Button } from '../../components/button.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import type { Bot } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { AsyncButton } from '../../components/async-button.tsx';
import { BotStateBadge, Equity, HeartbeatAge, Return, RunPnl, formatRate } from './bot-cells.tsx';
import type { BotRow } from './use-bots.ts';

export interface BotsTableProps {
  readonly rows: readonly BotRow[];
  readonly loading: boolean;
  readonly now: number;
  /** Admins see every bot: the owner column says whose. */
  readonly showOwner: boolean;
  readonly ownerName: (bot: Bot) => string;
  readonly onOpen: (bot: Bot) => void;
  readonly onStart: (bot: Bot) => Promise<unknown>;
  readonly onStop: (bot: Bot) => Promise<unknown>;
  readonly onConfigure: (bot: Bot) => void;
  readonly onDelete: (bot: Bot) => void;
}

export function BotsTable(props: BotsTableProps) {
  const { rows, loading, now, showOwner, ownerName, onOpen, onStart, onStop, onConfigure, onDelete } = props;
  const columns = useMemo<Column<BotRow>[]>(
    () => [
      {
        key: 'name',
        header: 'Name',
        cell: ({ bot }) => (
          <span className="flex flex-col">
            {/* A real button, so the detail opens from the keyboard too. */}
            <button type="button" className="text-left font-semibold hover:underline focus-visible:underline" onClick={stop(() => onOpen(bot))} aria-label={`Details of ${bot.name}`}>
              {bot.name}
            </button>
            <span className="text-xs whitespace-nowrap text-muted sm:hidden">{bot.strategy}</span>
          </span>
        ),
      },
      ...(showOwner ? [{ key: 'owner', header: 'Owner', hideOnMobile: true, cell: ({ bot }: BotRow) => <span className="text-muted">{ownerName(bot)}</span> }] : []),
      { key: 'strategy', header: 'Strategy', hideOnMobile: true, cell: ({ bot }) => bot.strategy },
      { key: 'symbols', header: 'Symbols', hideOnMobile: true, cell: ({ bot }) => <span className="whitespace-nowrap">{bot.symbols.join(', ')}</span> },
      { key: 'status', header: 'Status', className: 'px-1.5 sm:px-3', cell: ({ bot }) => <BotStateBadge bot={bot} now={now} /> },
      { key: 'heartbeat', header: 'Heartbeat', numeric: true, hideOnMobile: true, cell: ({ bot }) => <HeartbeatAge bot={bot} now={now} /> },
      { key: 'rate', header: 'Orders/s', numeric: true, className: 'px-1.5 sm:px-3', cell: ({ bot }) => formatRate(bot.ordersPerSecond) },
      { key: 'equity', header: 'Equity (USD)', numeric: true, hideOnMobile: true, cell: ({ standing }) => <Equity standing={standing} /> },
      { key: 'pnl', header: <span title="This run's P&L: realized + unrealized − fees">P&amp;L</span>, numeric: true, className: 'px-1.5 sm:px-3', cell: ({ bot }) => <RunPnl bot={bot} /> },
      { key: 'return', header: 'Return', numeric: true, hideOnMobile: true, cell: ({ standing }) => <Return standing={standing} /> },
      {
        key: 'error',
        header: 'Last error',
        hideOnMobile: true,
        className: 'max-w-56',
        cell: ({ bot }) =>
          bot.errors.last ? (
            <span className="block truncate text-down" title={`${bot.errors.last.message} (${bot.errors.last.during}, ${formatDateTime(bot.errors.last.at)})`}>
              {bot.errors.last.message}
            </span>
          ) : (
            <span className="text-muted">—</span>
          ),
      },
      {
        key: 'actions',
        header: <span className="sr-only">Actions</span>,
        // Phones have no room for them: a tap on the row opens the detail, which has every action.
        hideOnMobile: true,
        cell: ({ bot }) => (
          <span className="flex justify-end gap-1.5">
            {bot.desiredState === 'running' ? (
              <AsyncButton size="sm" variant="ghost" onClick={() => onStop(bot)} aria-label={`Stop ${bot.name}`}>
                Stop
              </AsyncButton>
            ) : (
              <AsyncButton size="sm" variant="ghost" onClick={() => onStart(bot)} aria-label={`Start ${bot.name}`}>
                Start
              </AsyncButton>
            )}
            <Button size="sm" variant="ghost" onClick={stop(() => onConfigure(bot))} aria-label={`Configure ${bot.name}`}>
              Configure
            </Button>
            <Button size="sm" variant="danger" onClick={stop(() => onDelete(bot))} aria-label={`Delete ${bot.name}`}>
              Delete
            </Button>
          </span>
        ),
      },
    ],
    [now, showOwner, ownerName, onOpen, onStart, onStop, onConfigure, onDelete],
  );
  return (
    <DataTable
      label="Bots"
      columns={columns}
      rows={rows}
      rowKey={(row) => row.bot.id}
      loading={loading}
      empty="You have no bots yet. Create one to start trading."
      onRowClick={(row) => onOpen(row.bot)}
    />
  );
}

/** A click handler that does not also reach the row (whose click opens the detail). */
function stop(action: () => void) {
  return (event: MouseEvent) => {
    event.stopPropagation();
    action();
  };
}
