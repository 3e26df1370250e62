// BotManager: bots as durable things a user owns (create, configure, start, stop, delete), run by a BotPool.
//
// Invariants:
// - the registry holds each bot's definition and desired state; the pool holds what runs. A bot
//   whose desired state is running is started again when the manager resumes (after a restart);
// - every change to one bot runs alone (a per-bot queue), so a stop never overtakes a start;
// - nothing is stored before it has been checked: the strategy resolves, its params pass its zod
//   schema, the symbols are listed and the name is free for that owner;
// - the pool is made on first use, so a host with no bot running spawns no worker threads.
import { randomInt } from 'node:crypto';
import { BotPool } from '../pool/bot-pool.ts';
import { errorText } from '../pool/build-runner.ts';
import type { BotSpec, BotStatus } from '../pool/types.ts';
import { checkParams, resolveStrategy, symbolsOf } from './resolve-strategy.ts';
import { BOT_NAME, BOT_NAME_RULE, BotManagerError, DEFAULT_MAX_BOTS_PER_OWNER, type BotChanges, type BotManagerOptions, type CreateBotInput, type ManagedBot, type StoredBot } from './types.ts';

export class BotManager {
  private readonly bots = new Map<number, StoredBot>();
  /** Bots the pool refused at start-up (a stored built-in whose params no longer pass), with why. */
  private readonly broken = new Map<number, string>();
  /** The tail of each bot's queue of changes. */
  private readonly queues = new Map<number, Promise<unknown>>();
  /** Owner and name of creates in flight (to their owner), so two at once cannot both take a name nor pass the cap. */
  private readonly reserved = new Map<string, number>();
  /** Creates past their checks; close waits for them, so none leaves a funded user without its bot. */
  private readonly creating = new Set<Promise<ManagedBot>>();
  private pool: BotPool | undefined;
  private closed = false;

  constructor(private readonly options: BotManagerOptions) {}

  /** Reads every stored bot; none runs until `resume`. */
  async load(): Promise<void> {
    for (const bot of await this.options.registry.list()) this.bots.set(bot.id, bot);
  }

  /**
   * After a restart: cancels what a stopped bot still has working (a stop that a crash cut short
   * between storing the bot as stopped and its clean-up), then starts every bot whose desired
   * state is running; failures show in their statuses.
   */
  async resume(): Promise<void> {
    const stopped = [...this.bots.values()].filter((bot) => bot.desiredState === 'stopped');
    // One clean-up that fails keeps no other bot from resuming.
    await Promise.allSettled(stopped.map((bot) => this.queue(bot.id, () => this.cancelOpenOrders(bot, 'The next start tries again.'))));
    if (![...this.bots.values()].some((bot) => bot.desiredState === 'running')) return;
    this.ensurePool();
    const wanted = [...this.bots.values()].filter((bot) => bot.desiredState === 'running' && !this.broken.has(bot.id));
    // A bot of a disabled user stays stopped (and keeps its desired state), as it was stopped when the user was disabled.
    await Promise.all(
      wanted.map((bot) =>
        this.queue(bot.id, async () => {
          if ((await this.runRefusal(bot.id)) === undefined) await this.run(bot.id);
        }),
      ),
    );
  }

  list(filter: { readonly ownerUserId?: number } = {}): ManagedBot[] {
    return [...this.bots.values()].filter((bot) => filter.ownerUserId === undefined || bot.ownerUserId === filter.ownerUserId).map((bot) => this.view(bot));
  }

  get(id: number): ManagedBot | undefined {
    const bot = this.bots.get(id);
    return bot && this.view(bot);
  }

  /** Names are told apart without regard to case, as usernames are: "MM-1" and "mm-1" would be one name on a leaderboard. */
  findByName(ownerUserId: number, name: string): ManagedBot | undefined {
    const wanted = name.toLowerCase();
    return this.list({ ownerUserId }).find((bot) => bot.name.toLowerCase() === wanted);
  }

  /** Checks, provisions the bot's own funded account, stores it, and starts it when asked. */
  async create(input: CreateBotInput): Promise<ManagedBot> {
    this.open();
    if (!BOT_NAME.test(input.name)) throw new BotManagerError('INVALID_NAME', `A bot name is ${BOT_NAME_RULE}.`);
    const { ref, definition } = await resolveStrategy(input.strategy);
    const symbols = this.checkSymbols(symbolsOf(definition, input.symbols));
    checkParams(definition, input.params);
    // From here to the reservation nothing awaits: creates side by side can neither share a name nor pass the cap.
    this.open();
    const key = `${input.ownerUserId}\u0000${input.name.toLowerCase()}`;
    const existing = this.findByName(input.ownerUserId, input.name);
    if (existing) throw taken(existing.name);
    if (this.reserved.has(key)) throw taken(input.name);
    if (input.capped) this.checkCap(input.ownerUserId);
    this.reserved.set(key, input.ownerUserId);
    const work = this.provisionAndStore(key, input, ref, definition.name, symbols);
    this.creating.add(work);
    const settled = () => void this.creating.delete(work);
    work.then(settled, settled);
    return work;
  }

  /** The bot count of an owner with its creates in flight; a reservation ends once its bot is in the map, so none counts twice. */
  private checkCap(ownerUserId: number): void {
    const cap = this.options.maxBotsPerOwner ?? DEFAULT_MAX_BOTS_PER_OWNER;
    let count = 0;
    for (const bot of this.bots.values()) if (bot.ownerUserId === ownerUserId) count++;
    for (const owner of this.reserved.values()) if (owner === ownerUserId) count++;
    if (count >= cap) throw new BotManagerError('LIMIT_REACHED', `A trader may keep at most ${cap} bots; delete one first.`, { max: cap });
  }

  private async provisionAndStore(key: string, input: CreateBotInput, ref: string, strategy: string, symbols: readonly string[]): Promise<ManagedBot> {
    let stored: StoredBot | undefined;
    try {
      const funding = { cash: input.cash ?? this.options.defaultCash ?? '10000', deposits: input.deposits ?? {} };
      const { userId, accountId } = await this.options.accounts.provision({ ownerUserId: input.ownerUserId, name: input.name, funding });
      // Before the first order, so the strategy's risk limits bind from the start.
      await this.options.accounts.setStrategy(accountId, strategy);
      const seed = input.seed ?? this.options.newSeed?.() ?? randomInt(0, 2 ** 32);
      const params = input.params ?? {};
      // Stored as running at once when asked, so a close before the start leaves it to the next resume.
      stored = await this.options.registry.insert({ ownerUserId: input.ownerUserId, userId, accountId, name: input.name, strategy: ref, params, symbols, seed, desiredState: input.start ? 'running' : 'stopped' });
      // Only another process on the same database can take the name now (the reservation holds it here);
      // the funded user then stays without a bot, as a deleted bot's user does.
      if (!stored) throw taken(input.name);
      this.bots.set(stored.id, stored);
      this.pool?.add(specOf(stored));
    } finally {
      this.reserved.delete(key);
    }
    const id = stored.id;
    if (input.start) {
      await this.queue(id, async () => {
        if (!this.closed) await this.run(id);
      });
    }
    return this.get(id)!;
  }

  /** Replaces params and/or symbols; a running bot restarts with them (its counters start over, its open orders are cancelled). */
  async configure(id: number, changes: BotChanges): Promise<ManagedBot> {
    return this.queue(id, async () => {
      const bot = this.require(id);
      const { definition } = await resolveStrategy(bot.strategy);
      const symbols = changes.symbols === undefined ? bot.symbols : this.checkSymbols(symbolsOf(definition, changes.symbols));
      const params = changes.params === undefined ? bot.params : changes.params;
      checkParams(definition, params);
      const stored = await this.options.registry.update(id, { params, symbols });
      if (!stored) throw notFound(id);
      this.bots.set(id, stored);
      this.broken.delete(id);
      if (this.pool) {
        const pool = this.pool;
        const wasRunning = this.inPool(id);
        if (wasRunning) await pool.remove(String(id));
        try {
          // The old run's orders go with it, as at a stop: those on a symbol it no longer trades would
          // otherwise rest, holding its cash, with nothing to watch them and no owner able to cancel.
          if (wasRunning) await this.cancelOpenOrders(stored, 'The change is stored and the bot runs with it; send the change again to cancel them.');
        } finally {
          // A cancel that failed still leaves the bot in the pool with its new settings, as stored.
          pool.add(specOf(stored));
          if (stored.desiredState === 'running') await pool.start(String(id));
        }
      }
      return this.view(stored);
    });
  }

  async start(id: number): Promise<ManagedBot> {
    return this.queue(id, async () => {
      this.open();
      const problem = this.broken.get(id);
      if (problem !== undefined) throw new BotManagerError('INVALID_PARAMS', `${problem}; change its params first.`);
      // Refused before the desired state changes, so a later enable of the user does not start the bot by itself.
      const refusal = await this.runRefusal(id);
      if (refusal !== undefined) throw new BotManagerError('ACCOUNT_DISABLED', refusal);
      await this.setDesired(id, 'running');
      await this.run(id);
      return this.get(id)!;
    });
  }

  /** Stops the bot (its onStop runs), then cancels what it left working: a stopped bot trades no more. */
  async stop(id: number): Promise<ManagedBot> {
    return this.queue(id, async () => {
      await this.setDesired(id, 'stopped');
      if (this.inPool(id)) await this.pool?.stop(String(id));
      await this.cancelOpenOrders(this.require(id), 'The bot is stopped; stop it again to cancel them.');
      return this.get(id)!;
    });
  }

  /** Stops the bot, cancels its open orders and forgets it; its user and account stay (the leaderboard keeps its record). */
  async delete(id: number): Promise<void> {
    await this.queue(id, async () => {
      const bot = this.require(id);
      if (this.inPool(id)) await this.pool?.remove(String(id));
      await this.cancelOpenOrders(bot, 'The bot is stopped and was not deleted; delete it again to retry.');
      await this.options.registry.delete(id);
      this.bots.delete(id);
      this.broken.delete(id);
    });
  }

  /** Lets creates in flight finish, then stops every bot (onStop runs), keeping desired states, so the next start resumes them. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.creating]);
    await Promise.allSettled([...this.queues.values()]);
    await this.pool?.close();
  }

  /**
   * Cancels the bot's open orders through its own trading port, the public path it trades by. A
   * strategy need not cancel in onStop, and one that failed could not; either way its orders must
   * not go on trading for a bot its owner stopped, as the owner cannot reach its account. A refusal
   * (the exchange closing, say) is thrown as UNAVAILABLE, its message ending in `next` (where the
   * bot stands and how to retry): the caller learns that the orders still work.
   */
  private async cancelOpenOrders(bot: StoredBot, next: string): Promise<void> {
    const { trading } = await this.options.accounts.ports(bot, { cleanup: true });
    if ((await trading.openOrders()).length === 0) return;
    const result = await trading.cancelAll();
    if (!result.ok) {
      throw new BotManagerError('UNAVAILABLE', `Its open orders could not be cancelled and are still working (${result.code}: ${result.message}). ${next}`, { refusal: result.code });
    }
  }

  private async run(id: number): Promise<void> {
    await this.ensurePool().start(String(id));
  }

  private runRefusal(id: number): Promise<string | undefined> {
    return this.options.accounts.runRefusal?.(this.require(id)) ?? Promise.resolve(undefined);
  }

  private async setDesired(id: number, desiredState: StoredBot['desiredState']): Promise<void> {
    const bot = this.require(id);
    if (bot.desiredState === desiredState) return;
    const stored = await this.options.registry.update(id, { desiredState });
    if (!stored) throw notFound(id);
    this.bots.set(id, stored);
  }

  private ensurePool(): BotPool {
    if (this.pool) return this.pool;
    const pool = new BotPool({ ...this.options.pool, ports: (botId) => this.options.accounts.ports(this.require(Number(botId))) });
    for (const bot of this.bots.values()) {
      try {
        pool.add(specOf(bot));
      } catch (error) {
        this.broken.set(bot.id, errorText(error));
      }
    }
    return (this.pool = pool);
  }

  /** Whether the pool knows the bot: it exists and took the bot (a broken one it refused). */
  private inPool(id: number): boolean {
    return this.pool?.status(String(id)) !== undefined;
  }

  private checkSymbols(symbols: readonly string[]): readonly string[] {
    const unknown = this.options.accounts.unknownSymbols(symbols);
    // Each unlisted symbol at its place in the request's list ("symbols.1"), as every field refusal points at its field.
    const issues = symbols.flatMap((symbol, i) => (unknown.includes(symbol) ? [{ path: `symbols.${i}`, message: this.options.accounts.notListed(symbol) }] : []));
    // The first one's sentence leads, as an order or a group refuses its first unlisted symbol; details name them all.
    if (issues[0] !== undefined) throw new BotManagerError('UNKNOWN_SYMBOL', issues[0].message, issues);
    return symbols;
  }

  private require(id: number): StoredBot {
    const bot = this.bots.get(id);
    if (!bot) throw notFound(id);
    return bot;
  }

  private open(): void {
    if (this.closed) throw new BotManagerError('UNAVAILABLE', 'Bots are shutting down with the server; retry once it is back.');
  }

  /** Runs `work` after every earlier change to the same bot has settled. */
  private queue<T>(id: number, work: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(id) ?? Promise.resolve()).then(work, work);
    const tail = next.catch(() => undefined);
    this.queues.set(id, tail);
    void tail.then(() => {
      if (this.queues.get(id) === tail) this.queues.delete(id);
    });
    return next;
  }

  private view(bot: StoredBot): ManagedBot {
    return { ...bot, status: this.statusOf(bot) };
  }

  private statusOf(bot: StoredBot): BotStatus {
    const live = this.pool?.status(String(bot.id));
    if (live) return live;
    const problem = this.broken.get(bot.id);
    return {
      id: String(bot.id),
      strategy: bot.strategy,
      symbols: bot.symbols,
      state: problem === undefined ? 'stopped' : 'failed',
      worker: null,
      heartbeat: null,
      ordersSent: 0,
      refusals: { count: 0, last: null },
      ordersPerSecond: 0,
      errors: { count: problem === undefined ? 0 : 1, last: problem === undefined ? null : { message: problem, during: 'build', at: bot.updatedAt } },
      restarts: 0,
      nextRestartAt: null,
      pnl: null,
    };
  }
}

function specOf(bot: StoredBot): BotSpec {
  return { id: String(bot.id), strategy: bot.strategy, params: bot.params, symbols: bot.symbols, seed: bot.seed };
}

function taken(name: string): BotManagerError {
  return new BotManagerError('NAME_TAKEN', `You already have a bot named ${JSON.stringify(name)}.`);
}

function notFound(id: number): BotManagerError {
  return new BotManagerError('NOT_FOUND', `There is no bot ${id}.`);
}
