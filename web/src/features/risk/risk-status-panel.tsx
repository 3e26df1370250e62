// The account's risk now: whether trading is open or blocked by the kill switch (and why), turning it on by hand and the reset, each with a confirmation, the figures, and how much of each limit is used.
import { useCallback, useState } from 'react';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Panel } from '../../components/card.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { Figure } from '../../components/figure.tsx';
import { cx } from '../../components/cx.ts';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { TextField } from '../../components/fields.tsx';
import { useToast } from '../../components/toasts.tsx';
import { api, type RiskStatus } from '../../lib/api.ts';
import { toChartNumber } from '../../lib/decimal.ts';
import { formatDateTime, formatDecimal, trendClass } from '../../lib/format.ts';
import { limitUsage, type LimitUsage } from './limit-usage.ts';
import { limitLabel, limitValueText, sourceText } from './risk-text.ts';

export interface RiskStatusPanelProps {
  readonly status: RiskStatus;
  /** Called with the status the reset or the turning on answered with. */
  readonly onStatus: (status: RiskStatus) => void;
}

export function TradingState({ status, onStatus }: RiskStatusPanelProps) {
  const toast = useToast();
  const [confirm, setConfirm] = useState(false);
  const kill = status.killSwitch;
  const reset = useCallback(async () => {
    const answer = await api.post<{ reset: boolean; status: RiskStatus }>('/api/v1/risk/reset', {});
    onStatus(answer.status);
    toast.show(answer.reset ? 'Kill switch reset: trading is open again.' : 'The kill switch was already off.', 'success');
  }, [onStatus, toast]);

  if (!kill.active) return <TradingOpen onStatus={onStatus} />;
  // An admin turned it on for the account: only an admin turns it off (the server answers a trader's reset 403).
  const adminOnly = kill.limit === 'manual' && kill.source === 'account';
  return (
    <section role="alert" data-testid="trading-state" aria-label="Kill switch" className="flex flex-col gap-2 rounded-md border border-down/60 bg-down/10 px-3 py-3">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="down">kill switch on</Badge>
        <h2 className="text-base font-semibold">Trading is blocked: reduce-only</h2>
      </div>
      <p className="text-sm">{kill.message}</p>
      <p className="text-sm text-muted">
        {kill.limit === 'manual' ? (
          <>
            Turned on by {kill.source === 'self' ? 'you' : 'an admin'}
            {kill.source === 'account' ? ', so only an admin can turn it off' : ''}; on since {formatDateTime(kill.since)}.
          </>
        ) : (
          <>
            {limitLabel(kill.limit)} reached {limitValueText(kill.limit, kill.value, status.currency)} against {limitValueText(kill.limit, kill.threshold, status.currency)}, a limit set by {sourceText(kill.source)}; on since {formatDateTime(kill.since)}.
          </>
        )}
      </p>
      <p className="text-sm">
        Your open orders were cancelled. Until a reset, only orders that reduce a position are accepted: sells of no more than you hold, and cancels. Buys, and OCOs or brackets with a buy leg, are refused with <code className="font-mono text-xs">KILL_SWITCH_ACTIVE</code>.
      </p>
      {adminOnly ? (
        <p className="text-sm text-muted">Ask an admin to turn it off: a reset of yours would be refused.</p>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="danger" onClick={() => setConfirm(true)}>
            Reset kill switch
          </Button>
          <span className="text-xs text-muted">
            {kill.limit === 'manual' ? 'A reset opens trading again, unless a limit is breached by then.' : 'A reset is refused while a limit is still breached: wait (a new UTC day, a slower order rate) or loosen your own limit.'}
          </span>
        </div>
      )}
      <ConfirmDialog open={confirm} title="Reset the kill switch?" confirmLabel="Reset kill switch" variant="primary" onConfirm={reset} onClose={() => setConfirm(false)}>
        <p>Trading opens again for every order. The server refuses the reset while any limit is still breached.</p>
      </ConfirmDialog>
    </section>
  );
}

/** Trading is open; the owner may still stop it at once, with a note for the event log. */
function TradingOpen({ onStatus }: Pick<RiskStatusPanelProps, 'onStatus'>) {
  const toast = useToast();
  const [confirm, setConfirm] = useState(false);
  const [note, setNote] = useState('');
  const turnOn = useCallback(async () => {
    const answer = await api.post<{ turnedOn: boolean; status: RiskStatus }>('/api/v1/risk/kill-switch', note.trim() ? { note: note.trim() } : {});
    onStatus(answer.status);
    toast.show('Kill switch on: open orders cancelled, only reducing orders accepted.', 'success');
  }, [note, onStatus, toast]);
  return (
    <div data-testid="trading-state" className="flex flex-wrap items-center gap-3 rounded-md border border-up/40 bg-up/10 px-3 py-2">
      <Badge tone="up">trading open</Badge>
      <p className="flex-1 text-sm">No limit is breached; the kill switch is off.</p>
      <Button variant="danger" onClick={() => setConfirm(true)}>
        Turn kill switch on
      </Button>
      <ConfirmDialog open={confirm} title="Turn the kill switch on?" confirmLabel="Turn kill switch on" onConfirm={turnOn} onClose={() => setConfirm(false)}>
        <p>Every open order is cancelled at once, and until you reset it only orders that reduce a position are accepted: sells of what you hold, and cancels.</p>
        <TextField label="Note (optional)" autoComplete="off" maxLength={200} placeholder="e.g. stepping away" value={note} onChange={(e) => setNote(e.target.value)} hint="Kept in the risk event log." />
      </ConfirmDialog>
    </div>
  );
}

export function RiskFigures({ status }: { readonly status: RiskStatus }) {
  const money = (value: string) => formatDecimal(value, { places: 2 });
  return (
    <Panel title={`Account now (${status.currency})`}>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-3 lg:grid-cols-4 2xl:grid-cols-5">
        <Figure label="Equity" value={money(status.equity)} testId="risk-equity" />
        <Figure label="Daily P&L" value={<span className={trendClass(status.dailyPnl)}>{formatDecimal(status.dailyPnl, { places: 2, signed: true })}</span>} />
        <Figure label="High-water mark" value={money(status.highWaterMark)} />
        <Figure label="Drawdown now" value={<span className={trendClass(`-${status.drawdownPct}`)}>{formatDecimal(status.drawdownPct, { places: 2 })}%</span>} testId="risk-drawdown" />
        <Figure label="Worst drawdown today" value={`${formatDecimal(status.maxDrawdownPctToday, { places: 2 })}%`} />
        <Figure label="Gross exposure" value={money(status.grossExposure)} />
        <Figure label="Net exposure" value={money(status.netExposure)} />
        <Figure label="Equity at day start" value={money(status.dayStartEquity)} />
        <Figure label="Deposits − withdrawals today" value={money(status.dayNetFlows)} />
        <Figure label="Day started" value={formatDateTime(status.dayStart)} />
      </dl>
    </Panel>
  );
}

export function LimitUsageTable({ status }: { readonly status: RiskStatus }) {
  const columns: readonly Column<LimitUsage>[] = [
    { key: 'limit', header: 'Limit', cell: (u) => (u.unit === 'money' ? `${u.label} (${status.currency})` : u.label) },
    { key: 'current', header: 'Now', numeric: true, cell: (u) => (u.current === null ? <span className="text-muted">—</span> : limitValueText(u.name, u.current)) },
    { key: 'value', header: 'Limit', numeric: true, cell: (u) => (u.limit === null ? <span className="text-muted">none</span> : limitValueText(u.name, u.limit)) },
    { key: 'source', header: 'Set by', hideOnMobile: true, cell: (u) => (u.source ? <Badge>{sourceText(u.source)}</Badge> : null) },
    { key: 'used', header: 'Used', cell: (u) => <UsageBar usage={u} /> },
  ];
  return (
    <Panel title="Limits in use" flush>
      <DataTable label="Limits in use" columns={columns} rows={limitUsage(status)} rowKey={(u) => u.name} />
    </Panel>
  );
}

function UsageBar({ usage }: { readonly usage: LimitUsage }) {
  if (usage.usedPercent === null) return <span className="text-xs text-muted">{usage.limit === null ? 'not limited' : 'checked per order'}</span>;
  const used = toChartNumber(usage.usedPercent);
  const tone = usage.breached ? 'bg-down' : used >= 80 ? 'bg-warn' : 'bg-up';
  return (
    <span className="flex min-w-24 items-center gap-2">
      <span className="h-1.5 flex-1 overflow-hidden rounded bg-raised" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.min(100, used)} aria-label={`${usage.label} used`}>
        <span className={cx('block h-full', tone)} style={{ width: `${Math.min(100, used)}%` }} />
      </span>
      <span className={cx('num w-12 text-right text-xs', usage.breached ? 'text-down' : 'text-muted')}>{usage.usedPercent}%</span>
    </span>
  );
}
