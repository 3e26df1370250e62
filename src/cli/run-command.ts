// `bourse run strategy.ts --paper`: a strategy paper-trading against a running Bourse market until Ctrl-C or --duration, optionally recorded for replay.
import { InvalidArgumentError, type Command } from 'commander';
import { resolve } from 'node:path';
import { runPaper } from '../backtest/paper/run-paper.ts';
import { serverHistory } from '../backtest/paper/server-history.ts';
import type { AssetSpec, InstrumentSpec } from '../core/instrument.ts';
import type { SessionClose } from '../core/session-close.ts';
import { loadStrategy } from '../strategy/load-strategy.ts';
import { report, stderrSink } from './backtest-command.ts';
import { serverUrlOption } from './connection.ts';
import { collect, strategyParams } from './param-options.ts';
import { checkCash, positiveDecimal, wholeNumber } from './options.ts';
import { checkOutputPaths } from './output-paths.ts';
import { RestClient } from './rest-client.ts';

interface RunChoice {
  paper?: boolean;
  url: string;
  symbol: string;
  param: string[];
  cash: string;
  seed: number;
  duration?: number;
  record?: string;
  out?: string;
  report?: string;
  json?: boolean;
}

export function runCommand(program: Command): void {
  program
    .command('run')
    .argument('<strategy>', 'the strategy file (TypeScript or JavaScript)')
    .description('run a strategy against a running Bourse market (paper trading: its orders fill in a local venue against the live book and trades)')
    .option('--paper', 'paper trading (the only mode for now; live trading goes through a provider adapter)')
    .addOption(serverUrlOption())
    .requiredOption('--symbol <symbol>', 'the listed symbol to trade')
    .option('--param <name=value>', 'a strategy parameter (repeatable)', collect, [])
    .option('--cash <amount>', 'starting cash in the quote currency', positiveDecimal('--cash'), '10000')
    .option('--seed <n>', 'seeds the strategy\'s random numbers', wholeNumber(0, 2 ** 32 - 1), 1)
    .option('--duration <seconds>', 'stop after this long (default: until Ctrl-C)', wholeNumber(1, 10 ** 7))
    .option('--record <file>', 'record the market heard, for an exact replay with bourse backtest --replay')
    .option('--out <file>', 'write the full results as JSON')
    .option('--report <file>', 'write a self-contained HTML report')
    .option('--json', 'print the results as JSON instead of a summary')
    .action((path: string, options: RunChoice) => run(path, options));
}

async function run(path: string, options: RunChoice): Promise<void> {
  if (!options.paper) throw new InvalidArgumentError('say --paper: paper trading is the mode bourse run offers');
  const strategy = await loadStrategy(resolve(path));
  const params = strategyParams(strategy, options.param);
  checkOutputPaths({ '--record': options.record, '--out': options.out, '--report': options.report });
  const base = options.url.replace(/\/+$/, '');
  const client = new RestClient(base, {});
  const { instruments } = await client.publicGet<{ instruments: Array<InstrumentSpec & { lastPrice?: string; status?: string; statusReason?: string | null; session?: SessionClose & { nextClose?: number } }> }>('/api/v1/instruments');
  const { assets } = await client.publicGet<{ assets: AssetSpec[] }>('/api/v1/assets');
  const listed = instruments.find((i) => i.symbol === options.symbol);
  if (!listed) throw new InvalidArgumentError(`${options.symbol} is not listed on ${base}`);
  // The terms the engine lists it with; the rest is the server's state of it, but for the session close the paper venue keeps too.
  const { lastPrice: _last, status: _status, statusReason: _reason, session: listedSession, ...instrument } = listed;
  const session = listedSession && { close: listedSession.close, timeZone: listedSession.timeZone, days: listedSession.days };
  checkCash(options.cash, assets, instrument.quote);
  // Warm-up: the closed bars the server keeps of the strategy's intervals, as a backtest preloads them.
  const warmup = await serverHistory((path) => client.publicGet(path), instrument, strategy.bars, strategy.historySize, Date.now());
  const stop = new AbortController();
  // Every signal stops the run the same way: `npm run` passes a terminal's Ctrl-C on to the process that got it too, and a second Ctrl-C must not lose the results.
  const onSignal = () => stop.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let lost: string | undefined;
  const timer = options.duration === undefined ? undefined : setTimeout(() => stop.abort(), options.duration * 1000);
  process.stderr.write(`paper trading ${strategy.name} on ${options.symbol} at ${base}${options.record ? `, recording to ${options.record}` : ''}; Ctrl-C to stop\n`);
  try {
    const result = await runPaper({
      // At the server's root, as the REST paths are: an --url with a path (…/api/v1) reaches the same server.
      url: new URL('/ws', base).href.replace(/^http/, 'ws'),
      instrument,
      session,
      assets,
      strategy,
      params,
      symbols: [options.symbol],
      seed: options.seed,
      deposits: { [instrument.quote]: options.cash },
      warmup,
      log: stderrSink,
      onFeedLost: (why) => (lost = why),
      signal: stop.signal,
      recordPath: options.record === undefined ? undefined : resolve(options.record),
    });
    await report(result, options);
    if (lost !== undefined) {
      process.stderr.write(`error: ${lost}; the results cover what was heard until then\n`);
      process.exitCode = 1;
    }
  } finally {
    // The handlers stay: a Ctrl-C while the results are written must not cut them off.
    clearTimeout(timer);
  }
}
