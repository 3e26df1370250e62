// A market of bots on the real platform for one simulated hour: inline BotPool, one simulated clock for bots and engine.
//
// Determinism: every source of time is the simulated clock (bots, pool, engine via the exchange's
// `clock`), every source of randomness a bot's seed, and the next timer fires only once the
// platform is quiet (see QuietWatch). The exchange's and the risk service's own timers run on the
// wall clock, so they are off, and the simulated clock calls both ticks every simulated second:
// candles close and holders are revalued at the same simulated moments in every run. The read
// models are written in process: from a worker thread, when a batch reaches the bots would depend
// on that thread's speed (placements are acknowledged before their batch is published).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningPlatform } from '../../src/api/app.ts';
import type { LeaderboardRow } from '../../src/platform/portfolio/leaderboard.ts';
import type { KillState } from '../../src/platform/risk/index.ts';
import { topics } from '../../src/platform/topics.ts';
import type { RiskEventRow } from '../../src/store/index.ts';
import type { LogEntry } from '../../src/strategy/index.ts';
import { BotPool } from '../../src/bots/pool/bot-pool.ts';
import { after } from '../../src/bots/pool/clock.ts';
import type { BotSpec, BotStatus } from '../../src/bots/pool/types.ts';
import { settle, SimClock } from '../../src/bots/test-support.ts';
import { BotUsers } from './bot-users.ts';
import { QuietWatch } from './platform-quiet.ts';
import { TEST_MARKETS, TestPlatform } from './platform.ts';

export const SYMBOLS = ['S01', 'S02'] as const;
export const HOUR_MS = 3_600_000;
const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const CASH = '10000';
/**
 * Journaling stays on, but in memory where the system has a tmpfs: every command still waits for its
 * fsync before the next timer, and on a busy disk an hour of those waits would take minutes.
 */
const MEMORY_DIR = '/dev/shm';
const THROWER = new URL('../fixtures/throwing-strategy.ts', import.meta.url).href;

/** The bot whose account gets a tight drawdown limit, and the bot whose strategy throws. */
export const CAPPED = 'walk-capped';
export const FAILING = 'thrower';
/** Basis points of fall from the high-water mark that trip the capped bot's kill switch. */
export const CAPPED_DRAWDOWN_BPS = 10;
/** The bot whose owner withdraws cash half-way through, and how much. */
export const WITHDRAWER = 'noise-1';
export const WITHDRAWN = '1000';

/** The mix: two market makers per symbol, random walkers, momentum, mean reversion, noise, a thrower. */
function botSpecs(seed: number): Array<BotSpec & { readonly inventory?: string }> {
  const both = [...SYMBOLS];
  const makers = SYMBOLS.flatMap((symbol, i) => [
    { id: `mm-${symbol}-tight`, strategy: 'market-maker', symbols: [symbol], inventory: symbol, params: { referencePrice: 100, spreadBps: 10, size: 3, targetPosition: 60, maxPosition: 120, requoteMs: 15_000, moveBps: 15, skewBps: 15 }, seed: seed + i },
    { id: `mm-${symbol}-wide`, strategy: 'market-maker', symbols: [symbol], inventory: symbol, params: { referencePrice: 100, spreadBps: 40, size: 8, targetPosition: 60, maxPosition: 120, requoteMs: 20_000, moveBps: 25 }, seed: seed + 10 + i },
  ]);
  const walker = (id: string, n: number, params: object = {}) => ({ id, strategy: 'random-walk', symbols: both, params: { referencePrice: 100, intervalMs: 20_000 + 2_000 * n, maxQty: 4, maxPosition: 40, maxOffsetBps: 30, ...params }, seed: seed + 20 + n });
  return [
    ...makers,
    walker('walk-1', 1),
    walker('walk-2', 2),
    walker('walk-3', 3, { marketRatio: 0.4 }),
    walker(CAPPED, 4, { marketRatio: 0.5, maxQty: 10, maxPosition: 80 }),
    { id: 'momentum-1', strategy: 'momentum', symbols: both, params: { source: 'trades', fast: 5, slow: 20, qty: 5, maxPosition: 10 }, seed: seed + 30 },
    // On one-minute bars: candles close on simulated time.
    { id: 'momentum-2', strategy: 'momentum', symbols: both, params: { source: 'bars', fast: 3, slow: 8, average: 'sma', qty: 3, maxPosition: 9 }, seed: seed + 31 },
    { id: 'revert-1', strategy: 'mean-reversion', symbols: both, params: { source: 'trades', period: 20, qty: 4, maxPosition: 8 }, seed: seed + 40 },
    { id: 'revert-2', strategy: 'mean-reversion', symbols: both, params: { source: 'trades', period: 40, deviations: 1.5, qty: 2, maxPosition: 6 }, seed: seed + 41 },
    { id: 'noise-1', strategy: 'noise', symbols: both, params: { meanIntervalMs: 30_000, tickMs: 1_000, maxQty: 3 }, seed: seed + 50 },
    { id: 'noise-2', strategy: 'noise', symbols: both, params: { meanIntervalMs: 45_000, tickMs: 1_000, maxQty: 5, buyProbability: 0.55 }, seed: seed + 51 },
    { id: FAILING, strategy: THROWER, symbols: ['S01'], params: { tickMs: 30_000, failOnTick: 2 }, seed: seed + 60 },
  ];
}

export interface Checkpoint {
  readonly at: number;
  /** What was wrong at this minute (crossed book, negative balance, broken invariant); empty when all is well. */
  readonly problems: readonly string[];
  /** Live buy orders of the capped bot, and whether its kill switch was on. */
  readonly cappedBuys: number;
  readonly cappedKilled: boolean;
}

export interface SimulationResult {
  readonly botIds: readonly string[];
  readonly usernames: ReadonlyMap<string, string>;
  readonly checkpoints: readonly Checkpoint[];
  readonly statuses: readonly BotStatus[];
  readonly logs: ReadonlyArray<{ readonly botId: string; readonly entry: LogEntry }>;
  readonly leaderboard: readonly LeaderboardRow[];
  readonly stateHash: string;
  /**
   * Per asset, in minor units: deposits less withdrawals as the users made them, the sum over every
   * account (the fee account too), and deposits less withdrawals as the stored ledger has them.
   */
  readonly conservation: ReadonlyMap<string, { readonly netDeposits: bigint; readonly held: bigint; readonly storedCapital: bigint }>;
  readonly negativeBalances: readonly string[];
  readonly fills: number;
  readonly capped: {
    readonly killSwitch: KillState | undefined;
    readonly events: readonly RiskEventRow[];
    /** The sides of the capped bot's orders accepted after the switch tripped. */
    readonly sidesAfterTrip: readonly string[];
    /** Its orders the kill switch cancelled at the moment it tripped. */
    readonly cancelledAtTrip: number;
  };
}

/** Runs the market for `durationMs` of simulated time (one hour by default) and reports what it saw. */
export async function simulate(seed: number, durationMs = HOUR_MS): Promise<SimulationResult> {
  let watch: QuietWatch | undefined;
  const clock = new SimClock(START, () => (watch ? watch.quiet() : settle()));
  const dataDir = await mkdtemp(join(existsSync(MEMORY_DIR) ? MEMORY_DIR : tmpdir(), 'bourse-sim-'));
  const platform = await TestPlatform.start({ dataDir, marketsFile: TEST_MARKETS, clock: () => clock.now(), exchangeTickMs: 0, risk: { tickMs: 0 }, projectInWorker: false }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  const pools: BotPool[] = [];
  try {
    const { ctx } = platform.running;
    const quiet = (watch = new QuietWatch(ctx.exchange));
    const users = new BotUsers(ctx);
    const specs = botSpecs(seed);
    for (const { id, inventory, strategy } of specs) {
      const user = await users.provision(id, inventory ? { USD: CASH, [inventory]: '60' } : { USD: CASH });
      // Bots say which strategy their account runs, so strategy limits would reach them.
      if (!strategy.startsWith('file:')) await ctx.risk.setStrategy(user.principal.accountId, strategy);
    }
    const cappedAccount = users.get(CAPPED).principal.accountId;
    await ctx.risk.setAccountLimits('account', cappedAccount, { maxDrawdownBps: CAPPED_DRAWDOWN_BPS }, { userId: null, admin: true });

    // Every minute, before any bot's timer due then: the books, the balances and the engine's invariants.
    const checkpoints: Checkpoint[] = [];
    clock.every(60_000, () => checkpoints.push(checkpoint(platform.running, cappedAccount, clock.now())));
    clock.every(1_000, () => {
      void ctx.exchange.tick();
      ctx.risk.tick(clock.now());
    });
    // Half-way, a bot's owner takes some cash out while it trades, as a user may.
    const cancelWithdrawal = after(clock, durationMs / 2, () => void quiet.track(users.withdraw(WITHDRAWER, 'USD', WITHDRAWN)));
    // The cancels of the capped account, by time, to find those the kill switch made.
    const cappedCancels = new Map<number, number>();
    ctx.exchange.bus.subscribe(topics.account(cappedAccount), (message) => {
      if (message.kind !== 'account') return;
      for (const event of message.events) if (event.type === 'OrderCancelled') cappedCancels.set(event.ts, (cappedCancels.get(event.ts) ?? 0) + 1);
    });

    const logs: Array<{ botId: string; entry: LogEntry }> = [];
    const pool = new BotPool({
      workers: 0,
      clock,
      backoff: { initialMs: 5_000, maxMs: 60_000, resetAfterMs: 600_000 },
      ports: (id) => {
        const ports = users.ports(id);
        return { trading: quiet.trading(ports.trading), feed: ports.feed };
      },
      log: (botId, entry) => void logs.push({ botId, entry }),
    });
    pools.push(pool);
    for (const spec of specs) pool.add(spec);
    for (const spec of specs) await pool.start(spec.id);
    await clock.advance(durationMs);
    await quiet.quiet();
    cancelWithdrawal();

    const leaderboard = await ctx.leaderboard.rows();
    const statuses = pool.statuses();
    const engine = ctx.exchange.engine;
    const killSwitch = ctx.risk.status(cappedAccount)?.killSwitch;
    const events = (await ctx.risk.store.events.list(cappedAccount, { limit: 100 })).items;
    const since = killSwitch?.since;
    const ordersAfterTrip = since === undefined ? [] : (await ctx.store.orders.list(cappedAccount, { from: since + 1, limit: 500 })).items;
    const capital = await ctx.store.ledger.capitalMoves();
    const result: SimulationResult = {
      botIds: specs.map((s) => s.id),
      usernames: new Map(users.all().map((u) => [u.botId, u.username])),
      checkpoints,
      statuses,
      logs,
      leaderboard,
      stateHash: engine.stateHash(),
      conservation: conservation(platform.running, users.netDeposits, capital),
      negativeBalances: negativeBalances(platform.running),
      fills: leaderboard.reduce((n, row) => n + row.trades, 0),
      capped: { killSwitch, events, sidesAfterTrip: ordersAfterTrip.map((o) => o.side), cancelledAtTrip: since === undefined ? 0 : (cappedCancels.get(since) ?? 0) },
    };
    quiet.close();
    return result;
  } finally {
    for (const pool of pools) await pool.close();
    watch?.close();
    await platform.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function checkpoint(platform: RunningPlatform, cappedAccount: number, at: number): Checkpoint {
  const { exchange, risk } = platform.ctx;
  const engine = exchange.engine;
  const problems: string[] = [];
  for (const symbol of SYMBOLS) {
    const book = engine.book(symbol)!;
    const [bid] = book.depth('buy', 1);
    const [ask] = book.depth('sell', 1);
    if (bid && ask && bid[0] >= ask[0]) problems.push(`${symbol} book crossed: bid ${bid[0]} >= ask ${ask[0]}`);
    const published = exchange.feed.depth(symbol);
    const [pBid, pAsk] = [published.bids[0], published.asks[0]];
    if (pBid && pAsk && pBid[0] >= pAsk[0]) problems.push(`${symbol} published book crossed: bid ${pBid[0]} >= ask ${pAsk[0]}`);
  }
  problems.push(...negativeBalances(platform));
  try {
    engine.validate();
  } catch (error) {
    problems.push(`invariants: ${String(error)}`);
  }
  const cappedBuys = engine.liveOrders(cappedAccount).filter((o) => o.side === 'buy').length;
  return { at, problems, cappedBuys, cappedKilled: risk.status(cappedAccount)?.killSwitch !== undefined };
}

function negativeBalances(platform: RunningPlatform): string[] {
  const engine = platform.ctx.exchange.engine;
  const out: string[] = [];
  for (let accountId = 0; accountId <= engine.lastAccountId(); accountId++) {
    for (const b of engine.balances(accountId)) if (b.available < 0 || b.held < 0) out.push(`account ${accountId} ${b.asset}: available ${b.available}, held ${b.held}`);
  }
  return out;
}

function conservation(platform: RunningPlatform, netDeposits: ReadonlyMap<string, bigint>, capital: ReadonlyArray<{ asset: string; amount: number }>): SimulationResult['conservation'] {
  const engine = platform.ctx.exchange.engine;
  const held = new Map<string, bigint>();
  for (let accountId = 0; accountId <= engine.lastAccountId(); accountId++) {
    for (const b of engine.balances(accountId)) held.set(b.asset, (held.get(b.asset) ?? 0n) + BigInt(b.available) + BigInt(b.held));
  }
  const stored = new Map<string, bigint>();
  for (const { asset, amount } of capital) stored.set(asset, (stored.get(asset) ?? 0n) + BigInt(amount));
  const assets = new Set([...netDeposits.keys(), ...held.keys(), ...stored.keys()]);
  return new Map([...assets].map((asset) => [asset, { netDeposits: netDeposits.get(asset) ?? 0n, held: held.get(asset) ?? 0n, storedCapital: stored.get(asset) ?? 0n }]));
}
