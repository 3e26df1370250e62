// `bourse risk`: the risk status, limits, kill switch and events of an account of a running Bourse, over its REST API.
import type { Command } from 'commander';
import { connect, printJson, withConnection } from './connection.ts';
import { wholeNumber } from './options.ts';
import { formatTable } from './table.ts';

interface KillSwitchView {
  active: boolean;
  since?: number;
  message?: string;
}

interface StatusView {
  accountId: number;
  currency: string;
  equity: string;
  grossExposure: string;
  netExposure: string;
  dailyPnl: string;
  highWaterMark: string;
  drawdownPct: string;
  killSwitch: KillSwitchView;
}

interface LimitsView {
  accountId: number;
  currency: string;
  effective: Record<string, { value: string; source: string }>;
}

interface EventView {
  ts: number;
  kind: string;
  message: string;
}

/** The limit fields and the options that set them, in the API's names. */
const LIMIT_OPTIONS = [
  ['maxGrossExposure', '--max-gross-exposure <amount>', 'largest gross exposure, in the risk currency'],
  ['maxNetExposure', '--max-net-exposure <amount>', 'largest net exposure either way'],
  ['maxDailyLoss', '--max-daily-loss <amount>', 'largest loss since the start of the UTC day'],
  ['maxDrawdownPct', '--max-drawdown-pct <percent>', 'largest fall from the high-water mark, in percent'],
  ['maxOrdersPerSecond', '--max-orders-per-second <n>', 'most orders in any one second'],
] as const;

type LimitOptions = Partial<Record<(typeof LIMIT_OPTIONS)[number][0], string>>;

const accountId = wholeNumber(1, 2 ** 31 - 1);
const accountOption = ['--account <id>', "one of your bots' accounts (admins: any account)", accountId] as const;

export function riskCommand(program: Command): void {
  const risk = withConnection(program.command('risk').description("risk status, limits, kill switch and events of your account or your bots' (admins: any account)"));

  risk
    .command('status')
    .description('equity, exposure, daily P&L, drawdown and whether the kill switch is on')
    .option(...accountOption)
    .action(async (options: { account?: number }, command: Command) => {
      const { client, json } = connect(command);
      const status = await client.request<StatusView>('GET', `/api/v1/risk/status${accountQuery(options.account)}`);
      if (json) return printJson(status);
      showStatus(status);
    });

  risk
    .command('limits')
    .description('the limits that bind the account, each with the layer it comes from')
    .option(...accountOption)
    .action(async (options: { account?: number }, command: Command) => {
      const { client, json } = connect(command);
      const limits = await client.request<LimitsView>('GET', `/api/v1/risk/limits${accountQuery(options.account)}`);
      if (json) return printJson(limits);
      showLimits(limits);
    });

  const setLimits = risk.command('set-limits').description("replace your own layer of limits, or one of your bots' (a limit left out is not limited by it); takes effect at once");
  for (const [, flags, description] of LIMIT_OPTIONS) setLimits.option(flags, description);
  setLimits.option('--clear', 'remove every limit of the layer (given alone)');
  setLimits.option('--account <id>', "one of your bots' accounts", accountId);
  setLimits.action(async (options: LimitOptions & { account?: number; clear?: boolean }, command: Command) => {
    const body = Object.fromEntries(LIMIT_OPTIONS.flatMap(([field]) => (options[field] === undefined ? [] : [[field, options[field]]])));
    // The layer is replaced whole, so no limit given would clear it: that is asked for by name only.
    const given = Object.keys(body).length > 0;
    if (!given && options.clear !== true) command.error('error: give the limits to set (the layer is replaced whole: a limit left out is not limited by it), or --clear to remove them all', { exitCode: 1 });
    if (given && options.clear === true) command.error('error: --clear removes every limit of the layer; give it alone, or leave it out to set the limits given', { exitCode: 1 });
    const { client, json } = connect(command);
    const query = accountQuery(options.account);
    const limits = await client.request<LimitsView>('PUT', `/api/v1/risk/limits${query}`, body);
    if (json) return printJson(limits);
    showLimits(limits);
    // A limit already passed trips the switch as it is set: said here, not left for the next order's refusal.
    const { killSwitch } = await client.request<StatusView>('GET', `/api/v1/risk/status${query}`);
    if (killSwitch.active) console.log(`\nthe kill switch is on: ${killSwitch.message ?? 'trading is blocked, reduce-only'}`);
  });

  risk
    .command('kill')
    .description('turn the kill switch on: cancel every open order and accept only orders that reduce a position')
    .option('--note <text>', 'why, for the risk event log')
    .option(...accountOption)
    .action(async (options: { note?: string; account?: number }, command: Command) => {
      const { client, json } = connect(command);
      const answer = await client.request<{ turnedOn: boolean; status: StatusView }>('POST', '/api/v1/risk/kill-switch', { accountId: options.account, note: options.note });
      if (json) return printJson(answer);
      console.log(answer.turnedOn ? 'kill switch on: open orders cancelled' : 'the kill switch was already on');
    });

  risk
    .command('reset')
    .description('turn the kill switch off (refused while a limit is still breached)')
    .option('--rebase-high-water-mark', 'admins: restart the drawdown from the current equity')
    .option(...accountOption)
    .action(async (options: { rebaseHighWaterMark?: boolean; account?: number }, command: Command) => {
      const { client, json } = connect(command);
      const answer = await client.request<{ reset: boolean; status: StatusView }>('POST', '/api/v1/risk/reset', { accountId: options.account, rebaseHighWaterMark: options.rebaseHighWaterMark });
      if (json) return printJson(answer);
      console.log(answer.reset ? 'kill switch off: trading is open again' : 'the kill switch was already off');
    });

  risk
    .command('events')
    .description('kill switch trips and resets and limit changes, newest first')
    .option('--limit <n>', 'events to show', wholeNumber(1, 500), 20)
    .option(...accountOption)
    .action(async (options: { limit: number; account?: number }, command: Command) => {
      const { client, json } = connect(command);
      const query = new URLSearchParams({ limit: String(options.limit), ...(options.account === undefined ? {} : { accountId: String(options.account) }) });
      const { items } = await client.request<{ items: EventView[] }>('GET', `/api/v1/risk/events?${query.toString()}`);
      if (json) return printJson(items);
      if (items.length === 0) return console.log('no risk events');
      for (const line of formatTable(['time', 'event', 'what happened'], items.map((e) => [new Date(e.ts).toISOString(), e.kind, e.message]), [0, 1, 2])) console.log(line);
    });
}

function accountQuery(account: number | undefined): string {
  return account === undefined ? '' : `?accountId=${account}`;
}

function showStatus(status: StatusView): void {
  const kill = status.killSwitch;
  const lines: Array<[string, string]> = [
    ['account', String(status.accountId)],
    ['trading', kill.active ? `blocked, reduce-only since ${new Date(kill.since ?? 0).toISOString()}: ${kill.message ?? ''}` : 'open'],
    ['equity', `${status.equity} ${status.currency}`],
    ['daily P&L', status.dailyPnl],
    ['drawdown', `${status.drawdownPct}% from ${status.highWaterMark}`],
    ['gross', status.grossExposure],
    ['net', status.netExposure],
  ];
  for (const [key, value] of lines) console.log(`${key.padEnd(10)} ${value}`);
}

function showLimits(limits: LimitsView): void {
  const rows = Object.entries(limits.effective).map(([name, limit]) => [name, limit.value, limit.source]);
  if (rows.length === 0) return console.log(`account ${limits.accountId}: no limits`);
  for (const line of formatTable(['limit', `value (${limits.currency}, % or /s)`, 'set by'], rows, [0, 2])) console.log(line);
}
