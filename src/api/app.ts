// The whole platform in one process: store, exchange, auth, HTTP and WebSocket, started and stopped together.
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { verifyPassword, type PasswordHashOptions } from './auth/passwords.ts';
import { ApiKeyService } from './auth/api-key-service.ts';
import { AuthService } from './auth/auth-service.ts';
import { AccessTokens, DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS } from './auth/access-tokens.ts';
import { loadOrCreateSigningKey } from './auth/signing-key.ts';
import { AlgoOrderService } from './algos/algo-orders.ts';
import { BacktestService, type BacktestsConfig } from './backtests/backtest-service.ts';
import { BotHost, type BotsConfig } from './bots/bot-host.ts';
import type { ApiContext } from './context.ts';
import { clientAddress, proxyTrust } from './http/client-address.ts';
import { buildHttpServer } from './http/server.ts';
import type { SignInLimitsConfig } from './http/sign-in-limits.ts';
import type { ZodApp } from './http/zod-app.ts';
import { registerBotMetrics } from './bot-metrics.ts';
import { ApiMetrics } from './metrics.ts';
import { TradingService } from './trading-service.ts';
import { RequestLimit } from './request-limit.ts';
import { Formatter } from './views.ts';
import { WsGateway } from './ws/gateway.ts';
import { DirectoryLock } from '../journal/dir-lock.ts';
import { Exchange } from '../platform/exchange.ts';
import { loadMarketsConfig, DEFAULT_MARKETS_FILE } from '../platform/markets-config.ts';
import { Leaderboard } from '../platform/portfolio/leaderboard.ts';
import { Positions } from '../platform/portfolio/positions.ts';
import { RiskService } from '../platform/risk/index.ts';
import { topics } from '../platform/topics.ts';
import { AlgoOrdersRepo, openStore } from '../store/index.ts';
import { spawnModuleWorker } from '../threads/module-worker.ts';

export interface PlatformConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** postgres://... selects PostgreSQL for the read models; otherwise SQLite in the data directory. */
  readonly databaseUrl?: string;
  /** PostgreSQL schema for the read models (default public). */
  readonly databaseSchema?: string;
  readonly marketsFile?: string | URL;
  readonly corsOrigins?: readonly string[];
  readonly rateLimitPerMinute?: number;
  /** Limits on guessing passwords (per username and per address) and on registrations per address. */
  readonly signIn?: SignInLimitsConfig;
  /** Open (the default): anyone may register. Closed: only an admin creates users. */
  readonly registration?: 'open' | 'closed';
  /** The proxies whose X-Forwarded-For names the client's address: true, a hop count, or addresses/CIDRs (default none). */
  readonly trustProxy?: boolean | number | string;
  readonly bodyLimitBytes?: number;
  /** How long a client may take to send a whole request, headers and body, before it is answered 408 (default 30 s). */
  readonly requestTimeoutMs?: number;
  readonly logLevel?: string;
  /** Where logs go; standard output by default. */
  readonly logStream?: NodeJS.WritableStream;
  readonly snapshotEvery?: number;
  readonly truncateDamagedJournal?: boolean;
  /** Start on a database with no users next to a journal that has opened accounts (a lost database with no backup); refused otherwise. */
  readonly acceptEmptyDatabase?: boolean;
  /** The first admin: created at start-up when no user has the name; a trader with it is promoted only if the password is theirs. */
  readonly admin?: { readonly username: string; readonly password: string };
  readonly passwordHashing?: PasswordHashOptions;
  /** How long an access token lives, in whole seconds (default 15 minutes). */
  readonly accessTokenLifetimeSeconds?: number;
  /** How long a rotated refresh token is still honoured (default 10 s; see AuthService). */
  readonly refreshReuseGraceMs?: number;
  readonly ws?: { readonly maxBufferedBytes?: number; readonly heartbeatMs?: number };
  readonly version?: string;
  /**
   * Where engine time comes from (epoch ms; default the wall clock). A simulation passes its
   * simulated clock, so engine timestamps, candles and risk samples follow simulated time.
   */
  readonly clock?: () => number;
  /**
   * The exchange's idle tick in ms on the wall clock (closes candles, expires GTD orders); default
   * 1000. 0 turns it off, for a simulation that calls `exchange.tick()` on its own clock.
   */
  readonly exchangeTickMs?: number;
  /**
   * Write the read models from a worker thread (SQLite file only; default true). A simulation that
   * must repeat exactly turns it off: placements are acknowledged before their batch is published,
   * so with the projection on another thread, what a bot has heard when its next order goes in
   * would depend on that thread's speed. In process, publication order follows the journal alone.
   */
  readonly projectInWorker?: boolean;
  /** Central risk: valuation currency (default USD), tick and sample periods in ms (1000 and 60,000). */
  readonly risk?: { readonly currency?: string; readonly tickMs?: number; readonly sampleMs?: number };
  /** Bots: worker threads, resuming saved bots, the living market's file (none unless given). */
  readonly bots?: BotsConfig;
  /** Backtests and optimizations over REST: per-user and server-wide limits, runs kept, optimizer threads. */
  readonly backtests?: BacktestsConfig;
}

export interface RunningPlatform {
  readonly url: string;
  readonly ctx: ApiContext;
  readonly http: ZodApp;
  readonly logger: Logger;
  /** Stops new requests, commits and snapshots the journal, closes the store. */
  close(): Promise<void>;
}

/** How long a store write may wait for more batches nobody is waiting for (see ExchangeOptions.coalesceMs). */
const STORE_COALESCE_MS = 25;

/** Secrets that must never reach a log line, wherever they appear. */
const REDACT = ['req.headers.authorization', 'req.headers["x-bourse-key-secret"]', '*.password', '*.currentPassword', '*.newPassword', '*.refreshToken', '*.accessToken', '*.secret', '*.token'];

export async function startPlatform(config: PlatformConfig): Promise<RunningPlatform> {
  const logger = pino({ level: config.logLevel ?? 'info', redact: { paths: REDACT, censor: '[redacted]' } }, config.logStream ?? process.stdout);
  const metrics = new ApiMetrics();
  await checkJournalFree(join(config.dataDir, 'journal'));
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    schema: config.databaseSchema,
    sqlitePath: join(config.dataDir, 'bourse.sqlite'),
    onQuery: (sql, ms) => metrics.onStoreQuery(sql, ms),
    projectInWorker: config.projectInWorker ?? true,
  });
  let exchange: Exchange | undefined;
  let risk: RiskService | undefined;
  let bots: BotHost | undefined;
  try {
    exchange = await Exchange.open({
      dataDir: join(config.dataDir, 'journal'),
      store,
      markets: await loadMarketsConfig(config.marketsFile ?? DEFAULT_MARKETS_FILE),
      logger,
      snapshotEvery: config.snapshotEvery,
      // Periodic snapshots from a replica on another thread: no order waits for one.
      snapshotThread: (entry, workerData) => spawnModuleWorker(entry, { workerData }),
      clock: config.clock,
      tickMs: config.exchangeTickMs,
      // A store write waits up to 25 ms for more batches (reads and cancels never wait, feeds go out
      // once durable): a transaction costs per page it touches, so bigger ones cost far less per
      // order. Off where a run must repeat exactly.
      coalesceMs: (config.projectInWorker ?? true) ? STORE_COALESCE_MS : 0,
      onCorruption: config.truncateDamagedJournal ? 'truncate' : 'refuse',
      acceptEmptyStore: config.acceptEmptyDatabase,
      metrics: { onCommit: (info) => metrics.onJournalCommit(info) },
      onApplied: (command, seconds) => metrics.matchSeconds.observe({ command }, seconds),
    });
    const recovery = exchange.recovery;
    logger.info({ lastSeq: recovery.lastSeq, snapshotSeq: recovery.snapshotSeq, replayed: recovery.replayed, ms: Math.round(recovery.ms) }, 'exchange recovered');
    exchange.bus.subscribe(topics.committed, (message) => message.kind === 'committed' && metrics.onCommitted(message.events));

    const accessLifetimeSeconds = config.accessTokenLifetimeSeconds ?? DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS;
    const accessLifetimeMs = accessLifetimeSeconds * 1000;
    const tokens = new AccessTokens(await loadOrCreateSigningKey(config.dataDir), { lifetimeSeconds: accessLifetimeSeconds });
    const open = exchange;
    const auth = new AuthService({ store, tokens, openAccount: () => open.openAccount(), accessLifetimeMs, passwordHashing: config.passwordHashing, refreshReuseGraceMs: config.refreshReuseGraceMs });
    await auth.restoreEndedSessions();
    risk = await RiskService.open({ exchange, store, logger, ...config.risk });
    const riskService = risk;
    const leaderboard = new Leaderboard(exchange, store);
    await leaderboard.start(exchange.bus);
    const positions = new Positions(exchange, store);
    // The bots' ports need the context, which holds their manager: the context is read once a bot starts.
    bots = await BotHost.open(() => ctx, store, config.bots ?? {}, logger);
    const botHost = bots;
    registerBotMetrics(metrics.registry, () => botHost.manager.list().map((bot) => bot.status));
    const algos = new AlgoOrderService(() => ctx, new AlgoOrdersRepo(store.db), { logger });
    const backtests = new BacktestService(config.backtests);
    const keys = new ApiKeyService(store);
    // A disabled user's keys are forgotten in the turn the user is disabled; their next use finds the user disabled.
    auth.onUserDisabled((userId) => keys.forgetUser(userId));
    const requests = new RequestLimit({ max: config.rateLimitPerMinute ?? 12_000 });
    const sessions = exchange.sessions;
    const ctx: ApiContext = { exchange, store, auth, keys, trading: new TradingService(exchange, store, risk), format: new Formatter(exchange.engine, (symbol, at) => sessions.view(symbol, at).nextClose), metrics, requests, risk, positions, leaderboard, bots: bots.manager, algos, backtests };
    if (config.admin) await ensureAdmin(ctx, config.admin, logger);
    // Before anyone can trade: the algo orders the last run left running pick up where they stopped.
    await algos.resume();

    const trust = proxyTrust(config.trustProxy);
    const http = await buildHttpServer(ctx, {
      logger,
      corsOrigins: config.corsOrigins ?? [],
      bodyLimitBytes: config.bodyLimitBytes ?? 64 * 1024,
      requestTimeoutMs: config.requestTimeoutMs ?? 30_000,
      signIn: config.signIn,
      registration: config.registration,
      trustProxy: trust,
      version: config.version ?? '0.0.0',
    });
    const gateway = new WsGateway(ctx, http.server, {
      maxBufferedBytes: config.ws?.maxBufferedBytes ?? 4 * 1024 * 1024,
      heartbeatMs: config.ws?.heartbeatMs ?? 15_000,
      maxMessageBytes: 64 * 1024,
      clientAddress: (request) => clientAddress(request, trust),
      logger,
    });
    const address = await http.listen({ host: config.host, port: config.port });
    const url = address.replace('[::1]', 'localhost');
    logger.info({ url }, 'Bourse is listening');
    botHost.start(ctx);
    let closing: Promise<void> | undefined;
    return {
      url,
      ctx,
      http,
      logger,
      close: () =>
        (closing ??= (async () => {
          gateway.close();
          // Keep-alive connections still busy when closing starts go idle later; Node closes idle ones only
          // once, so without this the close would wait out the keep-alive timeout (72 s).
          const reaper = setInterval(() => http.server.closeIdleConnections(), 50);
          await http.close().finally(() => clearInterval(reaper));
          // Before the exchange: a stopping bot still cancels its orders through it, and running algo orders
          // write where they stopped (their child orders stay on the book) for the next start to resume.
          await botHost.close();
          await algos.close();
          // Backtest workers read nothing of the exchange's: they only have to be stopped.
          await backtests.close();
          await open.close();
          // After the exchange: its last batches reach the risk service, which then writes what it holds.
          await riskService.close();
          leaderboard.close();
          positions.close();
          await store.close();
          if (open.failure) logger.warn('Bourse stopped after a failure: the journal was not flushed and no snapshot was written');
          else logger.info('Bourse stopped: journal flushed, snapshot written');
        })()),
    };
  } catch (error) {
    await bots?.close().catch(() => undefined);
    await exchange?.close().catch(() => undefined);
    await risk?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Refuses at once when another process has the journal open, before the store is opened or migrated, so a second start on a
 * live data directory changes nothing in it. This only looks: the journal takes the lock for good when it opens (and refuses
 * then too, should another start have taken it in between).
 */
async function checkJournalFree(journalDir: string): Promise<void> {
  const lock = await DirectoryLock.acquire(journalDir).catch((error: unknown) => {
    // No journal directory yet: nobody runs here, and nothing is created until the store opens.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  await lock?.release();
}

/**
 * The configured admin: created when no user has the name; an existing admin is left as it is (its password too), and so is a
 * disabled one while another admin is active; with no active admin at all it is enabled, so one always is. An existing
 * trader is promoted only when the configured password is theirs, since anyone may have registered the name first.
 */
async function ensureAdmin(ctx: ApiContext, admin: { username: string; password: string }, logger: Logger): Promise<void> {
  const existing = await ctx.store.users.findByUsername(admin.username);
  if (existing) {
    if (existing.role === 'admin') {
      if (existing.status === 'active') return;
      // Disabled by another admin, who stays: left disabled. Every active admin gone (only possible by editing the store): enabled, so someone can sign in.
      const active = await ctx.store.db.selectFrom('users').select('id').where('role', '=', 'admin').where('status', '=', 'active').executeTakeFirst();
      if (active) {
        logger.warn({ userId: existing.id, username: existing.username }, 'BOURSE_ADMIN_USERNAME names a disabled admin: left disabled, since another admin is active');
        return;
      }
      await ctx.auth.setStatus(existing.id, 'active');
      logger.warn({ userId: existing.id, username: existing.username }, 'BOURSE_ADMIN_USERNAME names a disabled admin and no admin is active: enabled again');
      return;
    }
    if (!(await verifyPassword(existing.passwordHash, admin.password))) {
      throw new Error(
        `BOURSE_ADMIN_USERNAME names "${existing.username}", an existing user who is not an admin, and BOURSE_ADMIN_PASSWORD is not their password: ` +
          "refusing to make them admin, since anyone may have registered that name. Choose another BOURSE_ADMIN_USERNAME, or set BOURSE_ADMIN_PASSWORD to that user's password to promote them.",
      );
    }
    await ctx.auth.setRole(existing.id, 'admin');
    logger.warn({ userId: existing.id, username: existing.username }, 'existing user made admin: BOURSE_ADMIN_USERNAME names them and BOURSE_ADMIN_PASSWORD is their password');
    return;
  }
  const user = await ctx.auth.register(admin.username, admin.password, 'admin');
  logger.info({ userId: user.id, username: user.username }, 'admin user created');
}
