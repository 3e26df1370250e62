// Small pieces of a bot's status shared by the list and the detail view: state badge, heartbeat age, P&L and return.
import { Badge } from '../../components/badge.tsx';
import type { Bot, LeaderboardRow } from '../../lib/api.ts';
import { formatDecimal, formatDuration, formatMoney, formatPercent, trendClass } from '../../lib/format.ts';
import { LATE_HEARTBEAT_MS, heartbeatAge, retryIn, statusOf } from './bot-status.ts';

export function BotStateBadge({ bot, now }: { readonly bot: Bot; readonly now: number }) {
  const status = statusOf(bot);
  const wait = retryIn(bot, now);
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap" data-testid="bot-state" data-state={status.label}>
      <Badge tone={status.tone}>{status.label}</Badge>
      {wait !== undefined && <span className="num text-xs text-muted">retry in {formatDuration(wait)}</span>}
    </span>
  );
}

export function HeartbeatAge({ bot, now }: { readonly bot: Bot; readonly now: number }) {
  const age = heartbeatAge(bot, now);
  if (age === undefined) return <span className="text-muted">—</span>;
  return <span className={age > LATE_HEARTBEAT_MS ? 'text-warn' : undefined}>{formatDuration(age)} ago</span>;
}

/** Orders per second over the pool's 10 s window; a display figure, not money. */
export function formatRate(perSecond: number): string {
  return formatDecimal(perSecond.toFixed(1));
}

/** The current run's P&L (realized + unrealized − fees). */
export function RunPnl({ bot }: { readonly bot: Bot }) {
  return <span className={trendClass(bot.pnl?.total)}>{formatDecimal(bot.pnl?.total, { places: 2, signed: true })}</span>;
}

/** Mark-to-market equity from the leaderboard, in its currency (the column or label names it). */
export function Equity({ standing }: { readonly standing: LeaderboardRow | undefined }) {
  return <>{formatMoney(standing?.equity, undefined, 2)}</>;
}

export function Return({ standing }: { readonly standing: LeaderboardRow | undefined }) {
  return <span className={trendClass(standing?.returnPercent)}>{formatPercent(standing?.returnPercent)}</span>;
}
