// `bourse start`: the platform server (exchange, REST, WebSocket) until SIGINT or SIGTERM.
import { Option, type Command } from 'commander';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { startPlatform } from '../api/app.ts';
import { DEFAULT_BOTS_FILE } from '../api/bots/living-market.ts';
import { secretOption, wholeNumber } from './options.ts';
import { corsOrigins, onOff, trustedProxies } from './start-options.ts';

interface StartOptions {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  markets?: string;
  corsOrigin: string[];
  logLevel: string;
  rateLimit: number;
  registrationsPerHour: number;
  trustProxy?: boolean | number | string;
  truncateDamagedJournal?: boolean;
  acceptEmptyDatabase?: boolean;
  bots: boolean;
  botsFile?: string;
  botWorkers: number;
  registration: 'open' | 'closed';
}

const env = process.env;

/** The levels pino knows that --log-level names. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/**
 * Every option a variable can set takes it through commander's env(), so the variable's value goes through the option's own
 * parser: a bad one stops the start with the flag's rule, naming the variable and its value.
 */
export function startCommand(program: Command, version: string): void {
  program
    .command('start')
    .description('run Bourse: the exchange with its REST API, WebSocket API and web page')
    .addOption(new Option('--host <host>', 'address to listen on').env('HOST').default('127.0.0.1'))
    .addOption(new Option('--port <port>', 'port to listen on').env('PORT').argParser(wholeNumber(0, 65535)).default(8080))
    .addOption(new Option('--data-dir <dir>', 'journal, snapshots, SQLite store and signing key').env('BOURSE_DATA_DIR').default('./data'))
    .addOption(secretOption('--database-url <url>', 'PostgreSQL for the read models instead of SQLite', 'DATABASE_URL'))
    .addOption(new Option('--markets <file>', 'the markets file: assets and instruments to list (default config/markets.json)').env('BOURSE_MARKETS'))
    .addOption(new Option('--cors-origin <origin...>', 'origins allowed to call the API from a browser, comma-separated or one per value').env('BOURSE_CORS_ORIGINS').argParser(corsOrigins).default([], 'none'))
    .addOption(new Option('--rate-limit <n>', 'requests per minute per user, per API key, or per address').env('BOURSE_RATE_LIMIT').argParser(wholeNumber(1, 100_000_000)).default(12_000))
    .addOption(new Option('--registrations-per-hour <n>', 'registrations one address may attempt per hour').env('BOURSE_REGISTRATIONS_PER_HOUR').argParser(wholeNumber(1, 100_000_000)).default(30))
    .addOption(new Option('--registration <mode>', 'open: anyone may register; closed: only an admin creates users').env('BOURSE_REGISTRATION').choices(['open', 'closed']).default('open'))
    .addOption(new Option('--trust-proxy <proxies>', 'believe X-Forwarded-For from these proxies: "true" for any, a hop count, or comma-separated addresses/CIDRs').env('BOURSE_TRUST_PROXY').argParser(trustedProxies))
    .addOption(new Option('--log-level <level>', 'how much to log').env('LOG_LEVEL').choices(LOG_LEVELS).default('info'))
    .option('--no-bots', 'no living market, and saved bots are not restarted (env: BOURSE_BOTS=off)')
    .addOption(new Option('--bots-file <file>', 'the living market: bots created and run at start (default config/bots.json)').env('BOURSE_BOTS_FILE'))
    .addOption(botWorkersOption())
    .option('--truncate-damaged-journal', 'repair: cut the journal at damage in its middle instead of refusing to start (loses what follows it)')
    .option('--accept-empty-database', 'start on a database with no users next to a journal that has accounts (a lost database with no backup): the accounts keep their money but no user owns them')
    .action((options: StartOptions, command: Command) => {
      // --no-bots is a switch, so commander's env() would turn it on for any value: BOURSE_BOTS is read here, as strictly.
      let botsFromEnv: boolean | undefined;
      try {
        botsFromEnv = onOff('BOURSE_BOTS', env.BOURSE_BOTS);
      } catch (error) {
        command.error(`error: ${(error as Error).message}`, { exitCode: 1, code: 'commander.invalidArgument' });
      }
      return start({ ...options, bots: options.bots && botsFromEnv !== false }, version);
    });
}

/** --bot-workers, whose help names its default once: the number of CPUs. */
function botWorkersOption(): Option {
  const cpus = availableParallelism();
  return new Option('--bot-workers <n>', 'worker threads for bots, 0 to run them on the server thread').env('BOURSE_BOT_WORKERS').argParser(wholeNumber(0, 256)).default(cpus, `the number of CPUs, ${cpus}`);
}

async function start(options: StartOptions, version: string): Promise<void> {
  const admin = env.BOURSE_ADMIN_USERNAME && env.BOURSE_ADMIN_PASSWORD ? { username: env.BOURSE_ADMIN_USERNAME, password: env.BOURSE_ADMIN_PASSWORD } : undefined;
  const botsOn = options.bots;
  // Before anything is written: a taken port must not leave a new data directory behind.
  await portIsFree(options.host, options.port);
  const platform = await startPlatform({
    host: options.host,
    port: options.port,
    dataDir: resolve(options.dataDir),
    databaseUrl: options.databaseUrl || undefined,
    marketsFile: options.markets ? resolve(options.markets) : undefined,
    corsOrigins: options.corsOrigin,
    logLevel: options.logLevel,
    rateLimitPerMinute: options.rateLimit,
    signIn: { registrationsPerHour: options.registrationsPerHour },
    registration: options.registration,
    trustProxy: options.trustProxy,
    truncateDamagedJournal: options.truncateDamagedJournal,
    acceptEmptyDatabase: options.acceptEmptyDatabase,
    bots: botsOn ? { workers: options.botWorkers, livingMarket: options.botsFile ? resolve(options.botsFile) : DEFAULT_BOTS_FILE } : { workers: options.botWorkers, resume: false },
    admin,
    version,
  });
  // The first signal shuts down cleanly; a second one exits at once (the journal recovers either way).
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) process.exit(130);
    stopping = true;
    // After a journal failure nothing more can be made durable: the shutdown says so rather than promise a flush.
    if (platform.ctx.exchange.failure) platform.logger.info({ signal }, 'shutting down: finishing requests; the journal has failed, so nothing more is flushed and no snapshot is written');
    else platform.logger.info({ signal }, 'shutting down: finishing requests, flushing the journal, writing a snapshot');
    platform.close().then(
      () => process.exit(0),
      (error: unknown) => {
        platform.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Resolves when `port` on `host` can be listened on now (0 always can), else rejects with the listen error (EADDRINUSE, EACCES). */
function portIsFree(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
