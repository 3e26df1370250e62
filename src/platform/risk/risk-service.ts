// Central risk management: limits per account and strategy, the kill switch, the order gate, status and history upkeep.
import type { AssetSpec } from '../../core/instrument.ts';
import { riskStore, type RiskDailyRow, type RiskLimitScope, type RiskStore, type Store } from '../../store/index.ts';
import type { Exchange, ExchangeLogger } from '../exchange.ts';
import { topics } from '../topics.ts';
import { formatLimits } from './limit-units.ts';
import { limitsText } from './limit-wording.ts';
import { findBreaches, type Breach, type EffectiveLimits, type LimitLayers, type RiskLimits } from './limits.ts';
import { killReason, killSwitchProblem, refusalDetails, type OrderGate, type OrderIntent, type RiskRefusal } from './order-gate.ts';
import { OrderRateWindow } from './order-rate.ts';
import { RiskMonitor } from './risk-monitor.ts';
import { isManual, RiskSettings, rowFromLimits, type KillState } from './risk-settings.ts';
import { RiskWriter } from './risk-writer.ts';

export interface RiskServiceOptions {
  readonly exchange: Exchange;
  readonly store: Store;
  readonly logger: ExchangeLogger;
  /** The currency equity and exposure are valued in (an asset code); default USD, or the first instrument's quote when USD is not listed. */
  readonly currency?: string;
  /** How often price moves are marked and the rate windows pruned, in ms; default 1000. */
  readonly tickMs?: number;
  /** Period of the equity and drawdown samples and of writing daily rows, in ms of engine time; default one minute. */
  readonly sampleMs?: number;
}

/** Who asks: the user (null for the platform itself) and whether they are an admin. */
export interface RiskActor {
  readonly userId: number | null;
  readonly admin: boolean;
}

export interface RiskStatus {
  readonly accountId: number;
  readonly equity: number;
  readonly grossExposure: number;
  readonly netExposure: number;
  readonly dayStart: number;
  readonly dayStartEquity: number;
  readonly dayNetFlows: number;
  readonly dailyPnl: number;
  readonly highWaterMark: number;
  readonly drawdownBps: number;
  readonly maxDrawdownBpsToday: number;
  readonly killSwitch: KillState | undefined;
  readonly limits: EffectiveLimits;
}

export type ResetOutcome =
  | { readonly ok: true; readonly wasActive: boolean }
  | { readonly ok: false; readonly breaches: readonly Breach[] }
  /** An admin turned the switch on by hand: only an admin turns it off. */
  | { readonly ok: false; readonly heldByAdmin: true };

/** Strategy names: what bots register and what the admin routes take in a path. */
export const STRATEGY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class RiskService implements OrderGate {
  readonly store: RiskStore;
  private readonly settings: RiskSettings;
  private readonly writer: RiskWriter;
  private readonly monitor: RiskMonitor;
  private readonly rates = new OrderRateWindow();
  private readonly sampleMs: number;
  private lastSlot: number;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: () => void = () => undefined;
  private closed = false;

  private constructor(
    private readonly exchange: Exchange,
    readonly currency: AssetSpec,
    repos: RiskStore,
    settings: RiskSettings,
    resumable: ReadonlyMap<number, RiskDailyRow>,
    private readonly options: RiskServiceOptions,
  ) {
    this.store = repos;
    this.settings = settings;
    this.writer = new RiskWriter(repos, options.logger);
    const cancelAll = (accountId: number) => this.cancelOrders(accountId);
    this.monitor = new RiskMonitor({ exchange, settings, writer: this.writer, logger: options.logger, currency, resumable, cancelAll });
    this.sampleMs = options.sampleMs ?? 60_000;
    this.lastSlot = Math.floor(exchange.now() / this.sampleMs);
  }

  /** Loads limits, kill switches and the last daily rows, then follows the exchange's commits. */
  static async open(options: RiskServiceOptions): Promise<RiskService> {
    const { exchange } = options;
    const currency = riskCurrency(exchange, options.currency);
    const repos = riskStore(options.store);
    const [limits, accounts, latest] = await Promise.all([repos.limits.all(), repos.accounts.all(), repos.history.latestDays()]);
    const settings = RiskSettings.fromRows(limits, accounts);
    const resumable = new Map(latest.map((row) => [row.accountId, row]));
    const service = new RiskService(exchange, currency, repos, settings, resumable, options);
    service.start();
    return service;
  }

  /** Names the strategy an account runs (bots call this), so that strategy's limits apply to it; undefined for none. */
  async setStrategy(accountId: number, name: string | undefined): Promise<void> {
    if (name !== undefined && !STRATEGY_NAME.test(name)) throw new Error(`invalid strategy name ${JSON.stringify(name)}`);
    await this.writer.run(() => this.store.accounts.setStrategy(accountId, name ?? null, this.exchange.now()));
    this.settings.setStrategy(accountId, name);
    await this.recheck([accountId]);
  }

  strategyOf(accountId: number): string | undefined {
    return this.settings.strategyOf(accountId);
  }

  /** Every layer that applies to the account, and what binds. */
  limits(accountId: number): LimitLayers & { readonly strategyName: string | undefined; readonly effective: EffectiveLimits } {
    return { ...this.settings.layers(accountId), effective: this.settings.effective(accountId) };
  }

  strategyLimits(name: string): RiskLimits | undefined {
    return this.settings.strategyLimits(name);
  }

  /** Replaces the owner's ('self') or the admin's ('account') limits of one account; effective at once. */
  async setAccountLimits(scope: Exclude<RiskLimitScope, 'strategy'>, accountId: number, limits: RiskLimits, actor: RiskActor): Promise<void> {
    const at = this.exchange.now();
    const message = `Limits replaced by ${scope === 'self' ? 'the account owner' : 'an admin'}: ${limitsText(limits, this.currency)}.`;
    await this.writer.run(async () => {
      await this.store.limits.put(scope, String(accountId), rowFromLimits(limits), at);
      await this.store.events.insert({ accountId, ts: at, kind: 'limits', limitName: null, value: null, threshold: null, source: scope, actorUserId: actor.userId, message });
    });
    this.settings.setLayer(scope, String(accountId), limits);
    await this.recheck([accountId]);
  }

  /** Replaces a strategy's limits; every account running it is checked against them at once. */
  async setStrategyLimits(name: string, limits: RiskLimits, actor: RiskActor): Promise<void> {
    await this.writer.run(() => this.store.limits.put('strategy', name, rowFromLimits(limits), this.exchange.now()));
    this.settings.setLayer('strategy', name, limits);
    this.options.logger.info({ strategy: name, limits: formatLimits(limits, this.currency), by: actor.userId }, 'strategy risk limits replaced');
    await this.recheck(this.settings.accountsOf(name));
  }

  /** The account valued now; undefined for an account that does not exist. Checking is part of valuing. */
  status(accountId: number): RiskStatus | undefined {
    const risk = this.monitor.evaluate(accountId, this.exchange.now());
    if (!risk) return undefined;
    return {
      accountId,
      equity: risk.equity,
      grossExposure: risk.grossExposure,
      netExposure: risk.netExposure,
      dayStart: risk.dayStart,
      dayStartEquity: risk.dayStartEquity,
      dayNetFlows: risk.dayNetFlows,
      dailyPnl: risk.dailyPnl,
      highWaterMark: risk.highWaterMark,
      drawdownBps: risk.drawdownBps,
      maxDrawdownBpsToday: risk.record().maxDrawdownBps,
      killSwitch: this.settings.kill(accountId),
      limits: this.settings.effective(accountId),
    };
  }

  /**
   * Turns the switch on by hand, as a breach would: new orders are blocked but for sells that
   * reduce a position, and every open order is cancelled. An admin turning on someone else's
   * switch holds it: only an admin turns it off. That holds for a switch already on too (by its
   * owner or a breach), or the owner could reset what the admin meant to hold. Answers whether it
   * was on before.
   */
  async turnOn(accountId: number, actor: RiskActor, options: { onBehalf: boolean; note?: string }): Promise<{ readonly wasActive: boolean }> {
    if (!this.exchange.engine.hasAccount(accountId) || accountId === 0) throw new Error(`no account ${accountId}`);
    if (options.onBehalf && !actor.admin) throw new Error('only an admin may turn on the kill switch of another account');
    const current = this.settings.kill(accountId);
    if (!current || (options.onBehalf && !heldByAdmin(current))) {
      await this.monitor.turnOn(accountId, { limit: 'manual', source: options.onBehalf ? 'account' : 'self' }, actor.userId, options.note, this.exchange.now());
    }
    // A switch already on may still be cancelling (a breach a moment ago): the answer waits for that too.
    await this.monitor.cancelled(accountId);
    return { wasActive: current !== undefined };
  }

  /**
   * Turns the switch off, but never while a limit is still breached: the owner must wait for the
   * breach to clear (or loosen their own limit), an admin may also raise limits or move the
   * high-water mark to today's equity (`rebaseHighWaterMark`, admins only).
   */
  async reset(accountId: number, actor: RiskActor, options: { rebaseHighWaterMark?: boolean } = {}): Promise<ResetOutcome> {
    const now = this.exchange.now();
    const risk = this.monitor.evaluate(accountId, now);
    if (!risk) throw new Error(`no account ${accountId}`);
    if (options.rebaseHighWaterMark) {
      if (!actor.admin) throw new Error('only an admin may move the high-water mark');
      risk.rebase();
      const day = risk.record();
      await this.writer.run(() => this.store.history.upsertDays([day]));
    }
    const kill = this.settings.kill(accountId);
    if (!kill) return { ok: true, wasActive: false };
    if (heldByAdmin(kill) && !actor.admin) return { ok: false, heldByAdmin: true };
    const limits = this.settings.effective(accountId);
    const breaches = findBreaches(limits, risk.metrics());
    // The order rate too: a reset inside the second that tripped it would only trip it again.
    const rate = limits.maxOrdersPerSecond;
    const recent = rate === undefined ? 0 : this.rates.count(accountId, now);
    if (rate !== undefined && recent > rate.value) breaches.push({ limit: 'maxOrdersPerSecond', value: recent, threshold: rate.value, source: rate.source });
    if (breaches.length > 0) return { ok: false, breaches };
    const message = `Kill switch reset by ${actor.admin ? 'an admin' : 'the owner'}${options.rebaseHighWaterMark ? ', high-water mark moved to the current equity' : ''}.`;
    const event = { accountId, ts: now, kind: 'reset', limitName: kill.cause.limit, value: null, threshold: null, source: kill.cause.source, actorUserId: actor.userId, message } as const;
    await this.writer.killSwitch(accountId, undefined, event, now);
    // Unless someone turned it on anew while the reset was stored (an admin taking hold): that
    // switch stands, and its write, queued after this one, is what the store keeps.
    if (this.settings.kill(accountId) === kill) this.settings.setKill(accountId, undefined);
    return { ok: true, wasActive: true };
  }

  checkOrder(accountId: number, intents: readonly OrderIntent[], orders: number = intents.length): RiskRefusal | undefined {
    if (this.closed) return undefined;
    let kill = this.settings.kill(accountId);
    if (!kill && orders > 0) {
      const rate = this.settings.effective(accountId).maxOrdersPerSecond;
      if (rate !== undefined) {
        const now = this.exchange.now();
        const count = this.rates.record(accountId, now, orders, rate.value);
        if (count > rate.value) kill = this.monitor.trip(accountId, { limit: 'maxOrdersPerSecond', value: count, threshold: rate.value, source: rate.source }, now);
      }
    }
    if (!kill) return undefined;
    const problem = killSwitchProblem(this.exchange.engine, accountId, intents);
    if (problem === undefined) return undefined;
    return { code: 'KILL_SWITCH_ACTIVE', message: `${problem} ${killReason(kill.cause, this.currency)}`, details: refusalDetails(kill, this.currency) };
  }

  /** Marks moved prices, prunes rate windows and, once per sample period, writes daily rows and samples. */
  tick(now: number = this.exchange.now()): void {
    if (this.closed) return;
    this.monitor.revalueMoved(now);
    this.rates.prune(now);
    const slot = Math.floor(now / this.sampleMs);
    if (slot > this.lastSlot) {
      this.lastSlot = slot;
      this.flush(now);
    }
  }

  /** Writes what is not written yet and stops following the exchange; call after the exchange has closed. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.monitor.revalueMoved(this.exchange.now());
      this.flush(this.exchange.now());
      this.closed = true;
      clearInterval(this.timer);
      this.unsubscribe();
    }
    await this.writer.idle();
  }

  /** Resolves once every write asked for so far has settled (for tests and shutdown). */
  idle(): Promise<void> {
    return this.writer.idle();
  }

  private start(): void {
    // Risk reads the engine, not the store: it follows batches as soon as they are durable.
    this.unsubscribe = this.exchange.bus.subscribe(topics.durable, (message) => {
      if (message.kind === 'durable' && !this.closed) this.monitor.onCommitted(message.events);
    });
    // A switch that was on at shutdown stays on; orders left open (a crash or shutdown between trip and cancel) are cancelled now.
    for (const accountId of this.settings.killedAccounts()) {
      if (this.exchange.engine.liveOrders(accountId).length > 0) void this.cancelOrders(accountId);
    }
    const every = this.options.tickMs ?? 1000;
    if (every > 0) {
      this.timer = setInterval(() => this.tick(), every);
      this.timer.unref();
    }
  }

  /**
   * Resolves once the cancels are durable and in the read models (`execute`), never rejects. Once
   * closed, the exchange takes no commands: the next start-up cancels what is left. Each cancel
   * carries RISK_KILL_SWITCH and, as its message, what turned the switch on (the limit and its
   * value, or who turned it on by hand).
   */
  private async cancelOrders(accountId: number): Promise<void> {
    if (this.closed) return;
    const kill = this.settings.kill(accountId);
    const note = kill ? killReason(kill.cause, this.currency) : undefined;
    await this.exchange.execute({ type: 'cancelAll', ts: this.exchange.now(), accountId, reason: 'RISK_KILL_SWITCH', note }).then(
      () => undefined,
      (error: unknown) => this.options.logger.error({ err: error, accountId, cause: note }, 'the kill switch could not cancel the orders'),
    );
  }

  private flush(now: number): void {
    const { days, samples } = this.monitor.takeHistory(now);
    this.writer.history(days, samples);
  }

  /** Checks the accounts against their limits now; resolves once the cancels of any switch this turned on are committed. */
  private async recheck(accountIds: readonly number[]): Promise<void> {
    const now = this.exchange.now();
    for (const accountId of accountIds) this.monitor.evaluate(accountId, now);
    await Promise.all(accountIds.map((accountId) => this.monitor.cancelled(accountId)));
  }
}

/** Turned on by an admin for someone else's account: only an admin turns it off. */
function heldByAdmin(kill: KillState): boolean {
  return isManual(kill.cause) && kill.cause.source === 'account';
}

/**
 * A configured currency must be listed. Without one: USD when listed, else the first instrument's
 * quote, else (nothing listed, nothing to value) USD at two decimals, so any markets file boots.
 */
function riskCurrency(exchange: Exchange, configured: string | undefined): AssetSpec {
  const engine = exchange.engine;
  if (configured !== undefined) {
    const asset = engine.asset(configured);
    if (!asset) throw new Error(`the risk currency ${configured} is not a listed asset; set it to one the markets file lists`);
    return asset;
  }
  const code = engine.asset('USD') ? 'USD' : engine.instruments()[0]?.quote;
  return (code === undefined ? undefined : engine.asset(code)) ?? { code: 'USD', scale: 2 };
}
