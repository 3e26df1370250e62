// Watching accounts: values those a committed batch touched, and holders of moved prices on the tick; trips the kill switch on a breach.
import type { AssetSpec } from '../../core/instrument.ts';
import type { EngineEvent } from '../../core/events.ts';
import type { RiskDailyRow, RiskSampleRow } from '../../store/index.ts';
import type { Exchange, ExchangeLogger } from '../exchange.ts';
import { valueAccount, valueInBatch } from '../portfolio/valuation.ts';
import { AccountRisk } from './account-risk.ts';
import { HolderIndex, ValuedAssets } from './holders.ts';
import { findBreaches, type Breach } from './limits.ts';
import { breachMessage, breachView } from './order-gate.ts';
import type { KillState, ManualKill, RiskSettings } from './risk-settings.ts';
import type { RiskWriter } from './risk-writer.ts';

export interface MonitorOptions {
  readonly exchange: Exchange;
  readonly settings: RiskSettings;
  readonly writer: RiskWriter;
  readonly logger: ExchangeLogger;
  readonly currency: AssetSpec;
  /** Each account's last stored daily row, to resume its day and high-water mark from. */
  readonly resumable: ReadonlyMap<number, RiskDailyRow>;
  /** Cancels every open order of an account through the normal trading path; resolves once the cancels are committed (never rejects). Called out of the tripping step. */
  readonly cancelAll: (accountId: number) => Promise<void>;
}

/**
 * Per batch, work is proportional to the accounts with ledger entries in it: only they can have
 * new balances. A trade also moves the price for everyone holding the asset; those holders are
 * revalued on the next tick instead, once per tick however many trades moved the price, so a busy
 * symbol with many holders costs one pass a second, not one per batch.
 */
export class RiskMonitor {
  readonly assets: ValuedAssets;
  private readonly holders: HolderIndex;
  private readonly states = new Map<number, AccountRisk>();
  private readonly resumable: Map<number, RiskDailyRow>;
  /** Accounts valued since the last flush: their daily rows and samples may have changed. */
  private readonly dirty = new Set<number>();
  /** Symbols that traded since the last tick. */
  private readonly moved = new Set<string>();
  /** Each account's latest kill-switch cancel still on its way to the store. */
  private readonly cancelling = new Map<number, Promise<void>>();

  constructor(private readonly options: MonitorOptions) {
    this.assets = new ValuedAssets(options.exchange.engine, options.currency.code);
    this.holders = HolderIndex.fromEngine(options.exchange.engine, this.assets);
    this.resumable = new Map(options.resumable);
  }

  onCommitted(events: readonly EngineEvent[]): void {
    const last = events[events.length - 1];
    if (last === undefined) return;
    const flows = new Map<number, number>();
    for (const event of events) {
      if (event.type === 'Fill') this.moved.add(event.symbol);
      if (event.type === 'InstrumentAdded') this.assets.invalidate();
      if (event.type !== 'LedgerEntry' || event.accountId === 0) continue;
      if (this.assets.instrumentFor(event.asset)) this.holders.update(event.accountId, event.asset, event.available + event.held);
      const capital = event.reason === 'deposit' || event.reason === 'withdrawal' ? this.assets.value(event.asset, event.deltaAvailable) : 0;
      flows.set(event.accountId, (flows.get(event.accountId) ?? 0) + capital);
    }
    for (const [accountId, capital] of flows) this.evaluate(accountId, last.ts, capital, events);
  }

  /** Revalues the holders of every asset whose price moved since the last tick. */
  revalueMoved(now: number): void {
    if (this.moved.size === 0) return;
    const accounts = new Set<number>();
    for (const symbol of this.moved) {
      const instrument = this.options.exchange.engine.instrument(symbol);
      // Only the instrument an asset is valued through moves its value.
      if (!instrument || this.assets.instrumentFor(instrument.base) !== instrument) continue;
      for (const accountId of this.holders.holders(instrument.base)) accounts.add(accountId);
    }
    this.moved.clear();
    for (const accountId of accounts) this.evaluate(accountId, now, 0);
  }

  /**
   * Values the account now, folds in `capital` (deposits less withdrawals that arrived with this
   * valuation) and checks its limits. Undefined for an account the engine does not have. `batch`:
   * the committed batch being delivered, whose valuations other listeners share.
   */
  evaluate(accountId: number, ts: number, capital = 0, batch?: readonly EngineEvent[]): AccountRisk | undefined {
    const engine = this.options.exchange.engine;
    if (accountId === 0 || !engine.hasAccount(accountId)) return undefined;
    const marked = batch ? valueInBatch(engine, accountId, this.assets.currency, batch) : valueAccount(engine, accountId, this.assets.currency);
    const risk = this.states.get(accountId) ?? this.begin(accountId, ts, marked.equity - capital);
    if (capital !== 0) risk.capital(ts, capital, marked.equity);
    risk.observe(ts, marked);
    this.dirty.add(accountId);
    this.check(risk, ts);
    return risk;
  }

  /** Turns the kill switch on for a breached limit: blocks at once, cancels the account's orders, and records why. */
  trip(accountId: number, breach: Breach, ts: number): KillState {
    const { settings, writer, logger, currency } = this.options;
    const kill: KillState = { since: ts, cause: breach };
    settings.setKill(accountId, kill);
    // In the API's terms, so a log line reads like the status and the refusal: maxDrawdownPct "12.5", not 1250 bps.
    logger.warn({ accountId, ...breachView(breach, currency) }, 'risk limit hit: kill switch on');
    this.cancelSoon(accountId);
    const event = { accountId, ts, kind: 'tripped', limitName: breach.limit, value: breach.value, threshold: breach.threshold, source: breach.source, actorUserId: null, message: `Kill switch on: ${breachMessage(breach, currency)}` } as const;
    writer.killSwitch(accountId, kill, event, ts).catch(() => undefined);
    return kill;
  }

  /** Turns the kill switch on by hand; resolves once the switch and its event are stored. */
  turnOn(accountId: number, cause: ManualKill, actorUserId: number | null, note: string | undefined, ts: number): Promise<void> {
    const { settings, writer, logger } = this.options;
    const kill: KillState = { since: ts, cause };
    settings.setKill(accountId, kill);
    logger.warn({ accountId, by: cause.source, actorUserId }, 'kill switch turned on by hand');
    this.cancelSoon(accountId);
    const who = cause.source === 'self' ? 'the account owner' : 'an admin';
    const message = `Kill switch turned on by ${who}${note ? `: ${note}` : '.'}`;
    const event = { accountId, ts, kind: 'tripped', limitName: cause.limit, value: null, threshold: null, source: cause.source, actorUserId, message } as const;
    return writer.killSwitch(accountId, kill, event, ts);
  }

  /**
   * Resolves once every kill-switch cancel of the account asked for so far is committed: an answer
   * that turned a switch on waits for it, so a read right after shows the orders gone.
   */
  cancelled(accountId: number): Promise<void> {
    return this.cancelling.get(accountId) ?? Promise.resolve();
  }

  /** Out of the caller's step (a bus delivery or an order check), so no other listener sees the book change under it. */
  private cancelSoon(accountId: number): void {
    const before = this.cancelled(accountId);
    const done = new Promise<void>((resolve) => queueMicrotask(() => resolve(this.options.cancelAll(accountId)))).then(() => before);
    this.cancelling.set(accountId, done);
    void done.then(() => {
      if (this.cancelling.get(accountId) === done) this.cancelling.delete(accountId);
    });
  }

  /** Daily rows (finished days and today's) and samples of accounts valued since the last flush, and forgets them. */
  takeHistory(now: number): { days: RiskDailyRow[]; samples: RiskSampleRow[] } {
    const days: RiskDailyRow[] = [];
    const samples: RiskSampleRow[] = [];
    for (const accountId of this.dirty) {
      const risk = this.states.get(accountId);
      if (!risk) continue;
      days.push(...risk.takeFinished(), risk.record());
      const sample = risk.sample(now);
      if (sample) samples.push(sample);
    }
    this.dirty.clear();
    return { days, samples };
  }

  private check(risk: AccountRisk, ts: number): void {
    const { settings } = this.options;
    if (settings.kill(risk.accountId)) return;
    const [breach] = findBreaches(settings.effective(risk.accountId), risk.metrics());
    if (breach) this.trip(risk.accountId, breach, ts);
  }

  /** The first sight of an account since start-up: resumes its stored day, or starts one from its equity before this batch. */
  private begin(accountId: number, ts: number, equityBefore: number): AccountRisk {
    const row = this.resumable.get(accountId);
    if (row) this.resumable.delete(accountId);
    const risk = row ? AccountRisk.resume(row, ts, equityBefore) : AccountRisk.start(accountId, ts, equityBefore);
    this.states.set(accountId, risk);
    return risk;
  }
}
