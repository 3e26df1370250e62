// `bourse bots`: list, create, show, start, stop, update and delete the bots of a running Bourse over its REST API.
import { InvalidArgumentError, type Command } from 'commander';
import { MISSING_FIGURE } from '../core/figures.ts';
import { connect, printJson, withConnection } from './connection.ts';
import type { RestClient } from './rest-client.ts';
import { fixedPlaces, formatTable } from './table.ts';
import { wholeNumber } from './options.ts';

interface BotView {
  id: number;
  name: string;
  ownerUserId: number;
  strategy: string;
  symbols: string[];
  params: unknown;
  state: string;
  desiredState: string;
  heartbeat: number | null;
  ordersSent: number;
  ordersPerSecond: number;
  refusals: { count: number; last: { code: string; message: string; at: number } | null };
  errors: { count: number; last: { message: string } | null };
  pnl: { total: string } | null;
  account: { equity: string; returnPercent: string; trades: number } | null;
}

export function botsCommand(program: Command): void {
  const bots = withConnection(program.command('bots').description('manage the bots of a running Bourse'));

  bots
    .command('list')
    .description("your bots (an admin sees every bot) with state, orders per second, the run's P&L, the account's equity and return, and errors")
    .action(async (_options: unknown, command: Command) => {
      const { client, json } = connect(command);
      const { bots: list } = await client.request<{ bots: BotView[] }>('GET', '/api/v1/bots');
      if (json) return printJson(list);
      if (list.length === 0) return console.log('no bots');
      const now = Date.now();
      const header = ['id', 'name', 'strategy', 'symbols', 'state', 'orders', 'orders/s', 'run P&L', 'equity', 'return %', 'errors', 'heartbeat'];
      const rows = list.map((b) => {
        const figures = botFigures(b, now);
        return [String(b.id), b.name, b.strategy, b.symbols.join(','), stateText(b), String(b.ordersSent), figures.ordersPerSecond, figures.pnl, figures.equity, figures.returnPercent, String(b.errors.count), figures.heartbeat];
      });
      for (const line of formatTable(header, rows, [1, 2, 3, 4])) console.log(line);
    });

  bots
    .command('create <name>')
    .description('create a bot: its own user and account, funded, trading a strategy on symbols')
    .requiredOption('--strategy <strategy>', 'a built-in strategy (market-maker, random-walk, momentum, mean-reversion, noise) or, for admins, a strategy file on the server')
    .option('--symbols <symbols...>', 'symbols to trade, separated by spaces or commas (AAPL MSFT or AAPL,MSFT)', symbolList)
    .option('--params <json>', 'strategy params as a JSON object', jsonObject)
    .option('--seed <n>', 'seed for the bot’s randomness', wholeNumber(0, 2 ** 32 - 1))
    .option('--cash <amount>', 'starting cash (default 10000)')
    .option('--deposit <asset=amount...>', 'further starting deposits, e.g. AAPL=100')
    .option('--start', 'start it at once')
    .action(async (name: string, options: { strategy: string; symbols?: string[]; params?: object; seed?: number; cash?: string; deposit?: string[]; start?: boolean }, command: Command) => {
      const { client, json } = connect(command);
      const body = { name, strategy: options.strategy, symbols: options.symbols, params: options.params, seed: options.seed, cash: options.cash, deposits: options.deposit && deposits(options.deposit), start: options.start };
      show(await client.request<BotView>('POST', '/api/v1/bots', body), json);
    });

  bots
    .command('show <bot>')
    .alias('status')
    .description('one bot (by id or name) with its params and status, refused orders and errors included')
    .action(async (bot: string, _options: unknown, command: Command) => {
      const { client, json } = connect(command);
      show(await client.request<BotView>('GET', `/api/v1/bots/${await idOf(client, bot)}`), json);
    });

  for (const action of ['start', 'stop'] as const) {
    bots
      .command(`${action} <bot>`)
      .description(action === 'start' ? 'start a bot (by id or name); it also restarts with the server' : 'stop a bot (by id or name)')
      .action(async (bot: string, _options: unknown, command: Command) => {
        const { client, json } = connect(command);
        show(await client.request<BotView>('POST', `/api/v1/bots/${await idOf(client, bot)}/${action}`, {}), json);
      });
  }

  bots
    .command('update <bot>')
    .description('replace a bot’s params and/or symbols; a running bot restarts with them, its open orders cancelled')
    .option('--params <json>', 'strategy params as a JSON object (replaces them all)', jsonObject)
    .option('--symbols <symbols...>', 'symbols to trade, separated by spaces or commas (AAPL MSFT or AAPL,MSFT)', symbolList)
    .action(async (bot: string, options: { params?: object; symbols?: string[] }, command: Command) => {
      if (options.params === undefined && options.symbols === undefined) command.error('error: give --params, --symbols or both', { exitCode: 1 });
      const { client, json } = connect(command);
      show(await client.request<BotView>('PATCH', `/api/v1/bots/${await idOf(client, bot)}`, { params: options.params, symbols: options.symbols }), json);
    });

  bots
    .command('delete <bot>')
    .description('stop and delete a bot (its account stays, and on the leaderboard)')
    .action(async (bot: string, _options: unknown, command: Command) => {
      const { client, json } = connect(command);
      const id = await idOf(client, bot);
      await client.request('DELETE', `/api/v1/bots/${id}`);
      if (json) printJson({ deleted: id });
      else console.log(`bot ${id} deleted`);
    });
}

/** A bot id, or the id of the caller's only bot with that name. */
async function idOf(client: RestClient, bot: string): Promise<number> {
  if (/^\d+$/.test(bot)) return Number(bot);
  const bots = (await client.request<{ bots: BotView[] }>('GET', '/api/v1/bots')).bots;
  // Names are one without regard to case (an exact match wins among bots named before that rule).
  const exact = bots.filter((b) => b.name === bot);
  const matches = exact.length > 0 ? exact : bots.filter((b) => b.name.toLowerCase() === bot.toLowerCase());
  if (matches.length === 1) return matches[0]!.id;
  throw new Error(matches.length === 0 ? `no bot named ${bot}` : `${matches.length} bots are named ${bot} (owners ${matches.map((b) => b.ownerUserId).join(', ')}): give the id`);
}

function stateText(bot: BotView): string {
  return bot.state === bot.desiredState ? bot.state : `${bot.state} (wants ${bot.desiredState})`;
}

/** A bot's figures as `bots list` and `bots show` both print them: money at 2 decimals, the heartbeat as its age ("3s ago"), MISSING_FIGURE for none. */
function botFigures(bot: BotView, now: number): { ordersPerSecond: string; pnl: string; equity: string; returnPercent: string; heartbeat: string } {
  return {
    ordersPerSecond: bot.ordersPerSecond.toFixed(1),
    pnl: bot.pnl ? fixedPlaces(bot.pnl.total, 2) : MISSING_FIGURE,
    equity: bot.account ? fixedPlaces(bot.account.equity, 2) : MISSING_FIGURE,
    returnPercent: bot.account?.returnPercent ?? MISSING_FIGURE,
    heartbeat: bot.heartbeat === null ? MISSING_FIGURE : `${Math.max(0, Math.round((now - bot.heartbeat) / 1000))}s ago`,
  };
}

function show(bot: BotView, json: boolean): void {
  if (json) return printJson(bot);
  const figures = botFigures(bot, Date.now());
  const lines: Array<[string, string]> = [
    ['id', String(bot.id)],
    ['name', bot.name],
    ['strategy', bot.strategy],
    ['symbols', bot.symbols.join(', ')],
    ['params', JSON.stringify(bot.params)],
    ['state', stateText(bot)],
    ['orders', `${bot.ordersSent} (${figures.ordersPerSecond}/s)`],
    ['P&L (this run)', figures.pnl],
    ['account', bot.account ? `equity ${figures.equity}, return ${figures.returnPercent}%, ${bot.account.trades} trades` : MISSING_FIGURE],
    ['refused', refusalText(bot.refusals)],
    ['errors', bot.errors.last ? `${bot.errors.count}, last: ${bot.errors.last.message}` : String(bot.errors.count)],
    ['heartbeat', figures.heartbeat],
  ];
  for (const [key, value] of lines) console.log(`${key.padEnd(10)} ${value}`);
}

function refusalText({ count, last }: BotView['refusals']): string {
  return last ? `${count}, last: ${last.code}: ${last.message} (${new Date(last.at).toISOString()})` : String(count);
}

function jsonObject(text: string): object {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidArgumentError('expected a JSON object, e.g. \'{"spreadBps": 20}\'');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidArgumentError('expected a JSON object');
  return value;
}

function deposits(pairs: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of pairs) {
    const match = /^([^=]+)=(.+)$/.exec(pair);
    if (!match) throw new Error(`--deposit ${pair}: expected ASSET=AMOUNT, e.g. AAPL=100`);
    result[match[1]!] = match[2]!;
  }
  return result;
}

/** --symbols AAPL MSFT or --symbols AAPL,MSFT: commas separate as spaces do, and a symbol given twice is refused rather than sent. */
export function symbolList(text: string, previous: string[] | undefined): string[] {
  const symbols = [...(previous ?? []), ...text.split(',').map((symbol) => symbol.trim()).filter((symbol) => symbol !== '')];
  const twice = symbols.find((symbol, i) => symbols.indexOf(symbol) !== i);
  if (twice !== undefined) throw new InvalidArgumentError(`${twice} is given twice; give each symbol once`);
  return symbols;
}
