// `bourse start`: the platform server (exchange, REST, WebSocket) until SIGINT or SIGTERM.
import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { startPlatform } from '../api/app.ts';
import { DEFAULT_BOTS_FILE } from '../api/bots/living-market.ts';
import { secretOption, wholeNumber } from './options.ts';

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
  trustProxy?: string;
  truncateDamagedJournal?: boolean;
  acceptEmptyDatabase?: boolean;
  bots: boolean;
  botsFile?: string;
  botWorkers: number;
}

const env = process.env;

export function startCommand(program: Command, version: string): void {
  program
    .command('start')
    .description('run Bourse: the exchange with its REST API, WebSocket API and web page')
    .option('--host <host>', 'address to listen on (env: HOST)', env.HOST ?? '127.0.0.1')
    .option('--port <port>', 'port to listen on (env: PORT)', wholeNumber(0, 65535), Number(env.PORT ?? 8080))
    .option('--data-dir <dir>', 'journal, snapshots, SQLite store and signing key (env: BOURSE_DATA_DIR)', env.BOURSE_DATA_DIR ?? './data')
    .addOption(secretOption('--database-url <url>', 'PostgreSQL for the read models instead of SQLite', 'DATABASE_URL'))
    .option('--markets <file>', 'the markets file: assets and instruments to list (env: BOURSE_MARKETS; default config/markets.json)', env.BOURSE_MARKETS)
    .option('--cors-origin <origin...>', 'origins allowed to call the API from a browser (env: BOURSE_CORS_ORIGINS, comma-separated)', env.BOURSE_CORS_ORIGINS?.split(',').filter(Boolean) ?? [])
    .option('--rate-limit <n>', 'requests per minute per user, per API key, or per address (env: BOURSE_RATE_LIMIT)', wholeNumber(1, 100_000_000), Number(env.BOURSE_RATE_LIMIT ?? 12_000))
    .option('--registrations-per-hour <n>', 'registrations one address may attempt per hour (env: BOURSE_REGISTRATIONS_PER_HOUR)', wholeNumber(1, 100_000_000), Number(env.BOURSE_REGISTRATIONS_PER_HOUR ?? 30))
    .option('--trust-proxy <proxies>', 'believe X-Forwarded-For from these proxies: "true" for any, a hop count, or comma-separated addresses/CIDRs (env: BOURSE_TRUST_PROXY)', env.BOURSE_TRUST_PROXY)
    .option('--log-level <level>', 'fatal, error, warn, info, debug or trace (env: LOG_LEVEL)', env.LOG_LEVEL ?? 'info')
    .option('--no-bots', 'no living market, and saved bots are not restarted (env: BOURSE_BOTS=off)')
    .option('--bots-file <file>', 'the living market: bots created and run at start (env: BOURSE_BOTS_FILE; default config/bots.json)', env.BOURSE_BOTS_FILE)
    .addOption(botWorkersOption())
    .option('--truncate-damaged-journal', 'repair: cut the journal at damage in its middle instead of refusing to start (loses what follows it)')
    .option('--accept-empty-database', 'start on a database with no users next to a journal that has accounts (a lost database with no backup): the accounts keep their money but no user owns them')
    .action((options: StartOptions) => start(options, version));
}

/** --bot-workers, whose help names its default once: the number of CPUs, or what BOURSE_BOT_WORKERS says. */
function botWorkersOption(): Option {
  const cpus = availableParallelism();
  return new Option('--bot-workers <n>', 'worker threads for bots, 0 to run them on the server thread (env: BOURSE_BOT_WORKERS)')
    .argParser(wholeNumber(0, 256))
    .default(Number(env.BOURSE_BOT_WORKERS ?? cpus), env.BOURSE_BOT_WORKERS ?? `the number of CPUs, ${cpus}`);
}

/** --trust-proxy as Fastify takes it: "true" trusts any proxy, a whole number counts hops, anything else lists addresses. */
function trustedProxies(text: string | undefined): boolean | number | string | undefined {
  if (text === undefined || text === '' || /^(false|off|no|0)$/i.test(text)) return undefined;
  if (/^(true|on|yes)$/i.test(text)) return true;
  if (/^\d+$/.test(text)) return Number(text);
  return text;
}

async function start(options: StartOptions, version: string): Promise<void> {
  const admin = env.BOURSE_ADMIN_USERNAME && env.BOURSE_ADMIN_PASSWORD ? { username: env.BOURSE_ADMIN_USERNAME, password: env.BOURSE_ADMIN_PASSWORD } : undefined;
  const botsOn = options.bots && !/^(off|0|false|no)$/i.test(env.BOURSE_BOTS ?? '');
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
    trustProxy: trustedProxies(options.trustProxy),
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
    platform.logger.info({ signal }, 'shutting down: finishing requests, flushing the journal, writing a snapshot');
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
