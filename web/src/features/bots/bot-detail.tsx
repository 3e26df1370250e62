// A bot's detail view: live status, performance on the leaderboard, this run's P&L, its definition (params with defaults), its refused orders and its errors.
import type { ReactNode } from 'react';
import { Button } from '../../components/button.tsx';
import { Modal } from '../../components/modal.tsx';
import type { Bot, LeaderboardRow, StrategyInfo } from '../../lib/api.ts';
import { formatDateTime, formatDecimal, formatDuration, trendClass } from '../../lib/format.ts';
import { AsyncButton } from '../../components/async-button.tsx';
import { BotStateBadge, Equity, HeartbeatAge, Return, formatRate } from './bot-cells.tsx';
import { paramFields, paramText } from './param-form.ts';

export interface BotDetailProps {
  readonly bot: Bot | undefined;
  readonly standing: LeaderboardRow | undefined;
  readonly strategy: StrategyInfo | undefined;
  readonly now: number;
  readonly onClose: () => void;
  readonly onStart: (bot: Bot) => Promise<unknown>;
  readonly onStop: (bot: Bot) => Promise<unknown>;
  readonly onConfigure: (bot: Bot) => void;
  readonly onDelete: (bot: Bot) => void;
}

export function BotDetail({ bot, standing, strategy, now, onClose, onStart, onStop, onConfigure, onDelete }: BotDetailProps) {
  return (
    <Modal
      open={bot !== undefined}
      onClose={onClose}
      title={bot ? `Bot ${bot.name}` : 'Bot'}
      className="w-[min(48rem,calc(100vw-1rem))]"
      footer={
        bot && (
          <>
            <Button variant="danger" onClick={() => onDelete(bot)}>
              Delete
            </Button>
            <Button variant="ghost" onClick={() => onConfigure(bot)}>
              Configure
            </Button>
            {bot.desiredState === 'running' ? (
              <AsyncButton variant="ghost" onClick={() => onStop(bot)}>
                Stop
              </AsyncButton>
            ) : (
              <AsyncButton onClick={() => onStart(bot)}>Start</AsyncButton>
            )}
          </>
        )
      }
    >
      {bot && (
        <div className="grid gap-4 sm:grid-cols-2" data-testid="bot-detail">
          <Section title="Status">
            <Item label="State">
              <BotStateBadge bot={bot} now={now} />
            </Item>
            <Item label="Wanted">{bot.desiredState}</Item>
            <Item label="Heartbeat">
              <HeartbeatAge bot={bot} now={now} />
            </Item>
            <Item label="Worker">{bot.worker ?? '—'}</Item>
            <Item label="Orders sent">{formatDecimal(String(bot.ordersSent))}</Item>
            <Item label="Orders/s">{formatRate(bot.ordersPerSecond)}</Item>
            <Item label="Restarts">{bot.restarts}</Item>
          </Section>
          <Section title="Performance (USD)">
            <Item label="Equity">
              <Equity standing={standing} />
            </Item>
            <Item label="Net deposits">{formatDecimal(standing?.netDeposits, { places: 2 })}</Item>
            <Item label="Return">
              <Return standing={standing} />
            </Item>
            <Item label="Max drawdown">{standing ? `${formatDecimal(standing.maxDrawdownPercent, { places: 2 })}%` : '—'}</Item>
            <Item label="Sharpe">{formatDecimal(standing?.sharpe)}</Item>
            <Item label="Trades">{standing ? formatDecimal(String(standing.trades)) : '—'}</Item>
            <Item label="Rank">{standing ? `#${standing.rank}` : '—'}</Item>
          </Section>
          <Section title="This run's P&L">
            {bot.pnl ? (
              <>
                <Item label="Realized">
                  <Signed value={bot.pnl.realized} />
                </Item>
                <Item label="Unrealized">
                  <Signed value={bot.pnl.unrealized} />
                </Item>
                <Item label="Fees">{formatDecimal(bot.pnl.fees, { places: 2 })}</Item>
                <Item label="Total">
                  <Signed value={bot.pnl.total} />
                </Item>
              </>
            ) : (
              <p className="col-span-2 text-muted">No report yet: the bot has not run since the server started.</p>
            )}
          </Section>
          <Section title="Definition">
            <Item label="Strategy">{bot.strategy}</Item>
            <Item label="Symbols">{bot.symbols.join(', ')}</Item>
            <Item label="Seed">{bot.seed}</Item>
            <Item label="Account">{bot.accountId}</Item>
            <Item label="Created">{formatDateTime(bot.createdAt)}</Item>
            <Item label="Changed">{formatDateTime(bot.updatedAt)}</Item>
          </Section>
          <Section title="Parameters" wide>
            <Params bot={bot} strategy={strategy} />
          </Section>
          <Section title="Refused orders" wide>
            <Item label="Count">{formatDecimal(String(bot.refusals.count))}</Item>
            {bot.refusals.last ? (
              <>
                <Item label="Last">
                  <span className="break-words" data-testid="bot-last-refusal">
                    <span className="font-semibold">{bot.refusals.last.code}</span>: {bot.refusals.last.message}
                  </span>
                </Item>
                <Item label="When">
                  {formatDateTime(bot.refusals.last.at)} ({formatDuration(now - bot.refusals.last.at)} ago)
                </Item>
              </>
            ) : (
              <p className="col-span-2 text-muted">No order refused.</p>
            )}
          </Section>
          <Section title="Errors" wide>
            <Item label="Count">{bot.errors.count}</Item>
            {bot.errors.last ? (
              <>
                <Item label="Last">
                  <span className="break-words text-down" data-testid="bot-last-error">
                    {bot.errors.last.message}
                  </span>
                </Item>
                <Item label="During">{bot.errors.last.during}</Item>
                <Item label="When">
                  {formatDateTime(bot.errors.last.at)} ({formatDuration(now - bot.errors.last.at)} ago)
                </Item>
              </>
            ) : (
              <p className="col-span-2 text-muted">No errors.</p>
            )}
            {bot.nextRestartAt !== null && <Item label="Next restart">{formatDateTime(bot.nextRestartAt)}</Item>}
          </Section>
        </div>
      )}
    </Modal>
  );
}

function Section({ title, children, wide = false }: { readonly title: string; readonly children: ReactNode; readonly wide?: boolean }) {
  return (
    <section className={wide ? 'sm:col-span-2' : undefined}>
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">{title}</h3>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-2 gap-y-0.5 text-sm">{children}</dl>
    </section>
  );
}

function Item({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd className="num min-w-0 whitespace-normal">{children}</dd>
    </>
  );
}

function Signed({ value }: { readonly value: string }) {
  return <span className={trendClass(value)}>{formatDecimal(value, { places: 2, signed: true })}</span>;
}

/** Every param of the strategy: the bot's own value, or the default it follows. */
function Params({ bot, strategy }: { readonly bot: Bot; readonly strategy: StrategyInfo | undefined }) {
  const fields = strategy ? paramFields(strategy) : [];
  const names = [...new Set([...fields.map((f) => f.name), ...Object.keys(bot.params)])];
  if (names.length === 0) return <p className="col-span-2 text-muted">None.</p>;
  return (
    <>
      {names.map((name) => {
        const own = name in bot.params;
        const value = own ? bot.params[name] : fields.find((f) => f.name === name)?.defaultValue;
        return (
          <Item key={name} label={name}>
            {value === undefined ? <span className="text-muted">not set</span> : paramText(value)}
            {!own && value !== undefined && <span className="ml-1.5 text-xs text-muted">(default)</span>}
          </Item>
        );
      })}
    </>
  );
}
