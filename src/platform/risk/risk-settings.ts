// The risk settings in memory: every layer of limits, each account's strategy and kill switch, and the effective limits.
import type { RiskAccountRow, RiskLimitScope, RiskLimitValues, RiskLimitsRow, StoredKill } from '../../store/index.ts';
import { LIMIT_FIELDS, effectiveLimits, type Breach, type EffectiveLimits, type LimitField, type LimitLayers, type RiskLimits } from './limits.ts';

/** The switch turned on by hand: by the account's owner (`self`) or by an admin (`account`). */
export interface ManualKill {
  readonly limit: 'manual';
  readonly source: 'self' | 'account';
}

/** What turned a kill switch on: a breached limit, or a person. */
export type KillCause = Breach | ManualKill;

/** A kill switch that is on: since when, and why. */
export interface KillState {
  readonly since: number;
  readonly cause: KillCause;
}

export function isManual(cause: KillCause): cause is ManualKill {
  return cause.limit === 'manual';
}

export function limitsFromRow(row: RiskLimitValues): RiskLimits {
  const out: { [K in LimitField]?: number } = {};
  for (const field of LIMIT_FIELDS) {
    const value = row[field];
    if (value !== null) out[field] = value;
  }
  return out;
}

export function rowFromLimits(limits: RiskLimits): RiskLimitValues {
  return {
    maxGrossExposure: limits.maxGrossExposure ?? null,
    maxNetExposure: limits.maxNetExposure ?? null,
    maxDailyLoss: limits.maxDailyLoss ?? null,
    maxDrawdownBps: limits.maxDrawdownBps ?? null,
    maxOrdersPerSecond: limits.maxOrdersPerSecond ?? null,
  };
}

export function storedKill(kill: KillState): StoredKill {
  const { cause } = kill;
  if (isManual(cause)) return { killedAt: kill.since, limit: cause.limit, value: null, threshold: null, source: cause.source };
  return { killedAt: kill.since, limit: cause.limit, value: cause.value, threshold: cause.threshold, source: cause.source };
}

function isLimitField(name: string): name is LimitField {
  return (LIMIT_FIELDS as readonly string[]).includes(name);
}

/**
 * Reads are on the order path, so each account's effective limits are cached; any change to a
 * layer drops the cache entries it can affect (all of them for a strategy: changes are rare).
 */
export class RiskSettings {
  private readonly self = new Map<number, RiskLimits>();
  private readonly account = new Map<number, RiskLimits>();
  private readonly strategy = new Map<string, RiskLimits>();
  private readonly strategies = new Map<number, string>();
  private readonly kills = new Map<number, KillState>();
  private readonly cache = new Map<number, EffectiveLimits>();

  static fromRows(limits: readonly RiskLimitsRow[], accounts: readonly RiskAccountRow[]): RiskSettings {
    const settings = new RiskSettings();
    for (const row of limits) settings.setLayer(row.scope, row.key, limitsFromRow(row));
    for (const row of accounts) {
      if (row.strategy !== null) settings.setStrategy(row.accountId, row.strategy);
      if (row.killedAt !== null && row.killLimit === 'manual') {
        settings.setKill(row.accountId, { since: row.killedAt, cause: { limit: 'manual', source: row.killSource === 'self' ? 'self' : 'account' } });
      } else if (row.killedAt !== null && row.killLimit !== null && isLimitField(row.killLimit)) {
        const breach: Breach = { limit: row.killLimit, value: row.killValue ?? 0, threshold: row.killThreshold ?? 0, source: row.killSource ?? 'account' };
        settings.setKill(row.accountId, { since: row.killedAt, cause: breach });
      }
    }
    return settings;
  }

  layers(accountId: number): LimitLayers & { readonly strategyName: string | undefined } {
    const strategyName = this.strategies.get(accountId);
    return {
      self: this.self.get(accountId),
      account: this.account.get(accountId),
      strategy: strategyName === undefined ? undefined : this.strategy.get(strategyName),
      strategyName,
    };
  }

  effective(accountId: number): EffectiveLimits {
    let limits = this.cache.get(accountId);
    if (!limits) this.cache.set(accountId, (limits = effectiveLimits(this.layers(accountId))));
    return limits;
  }

  strategyLimits(name: string): RiskLimits | undefined {
    return this.strategy.get(name);
  }

  /** `key` is the account id in decimal for 'self' and 'account', the strategy's name for 'strategy'. */
  setLayer(scope: RiskLimitScope, key: string, limits: RiskLimits): void {
    const empty = Object.keys(limits).length === 0;
    if (scope === 'strategy') {
      if (empty) this.strategy.delete(key);
      else this.strategy.set(key, limits);
      this.cache.clear();
      return;
    }
    const accountId = Number(key);
    const map = scope === 'self' ? this.self : this.account;
    if (empty) map.delete(accountId);
    else map.set(accountId, limits);
    this.cache.delete(accountId);
  }

  strategyOf(accountId: number): string | undefined {
    return this.strategies.get(accountId);
  }

  setStrategy(accountId: number, name: string | undefined): void {
    if (name === undefined) this.strategies.delete(accountId);
    else this.strategies.set(accountId, name);
    this.cache.delete(accountId);
  }

  /** Accounts running the strategy; a scan, for the rare change of a strategy's limits. */
  accountsOf(name: string): number[] {
    return [...this.strategies].flatMap(([accountId, strategy]) => (strategy === name ? [accountId] : []));
  }

  kill(accountId: number): KillState | undefined {
    return this.kills.get(accountId);
  }

  setKill(accountId: number, kill: KillState | undefined): void {
    if (kill === undefined) this.kills.delete(accountId);
    else this.kills.set(accountId, kill);
  }

  killedAccounts(): number[] {
    return [...this.kills.keys()];
  }
}
