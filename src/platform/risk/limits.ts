// Risk limits: the five fields, how the owner's, the admin's and the strategy's layers combine, and which are breached.
import type { RiskLimitScope } from '../../store/index.ts';

/** Money fields are minor units of the risk currency, drawdown is basis points, the rate is orders per second. */
export const LIMIT_FIELDS = ['maxGrossExposure', 'maxNetExposure', 'maxDailyLoss', 'maxDrawdownBps', 'maxOrdersPerSecond'] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number];

/** One layer's limits; an absent field is not limited by that layer. */
export type RiskLimits = { readonly [K in LimitField]?: number };

export type LimitSource = RiskLimitScope;

export interface EffectiveLimit {
  readonly value: number;
  /** The layer the binding value came from. */
  readonly source: LimitSource;
}

export type EffectiveLimits = { readonly [K in LimitField]?: EffectiveLimit };

export interface LimitLayers {
  /** Set by the account's owner for themselves. */
  readonly self?: RiskLimits;
  /** Set by an admin for this account. */
  readonly account?: RiskLimits;
  /** Set by an admin for the strategy the account runs. */
  readonly strategy?: RiskLimits;
}

/**
 * Field by field: the admin's account limit overrides the strategy's, and the owner's own limit
 * can only tighten the result (the smaller value binds), so no owner can loosen what an admin set.
 * On a tie the admin's layer is named, as the one the owner cannot lift.
 */
export function effectiveLimits(layers: LimitLayers): EffectiveLimits {
  const out: { [K in LimitField]?: EffectiveLimit } = {};
  for (const field of LIMIT_FIELDS) {
    const accountValue = layers.account?.[field];
    const strategyValue = layers.strategy?.[field];
    const admin: EffectiveLimit | undefined =
      accountValue !== undefined ? { value: accountValue, source: 'account' } : strategyValue !== undefined ? { value: strategyValue, source: 'strategy' } : undefined;
    const selfValue = layers.self?.[field];
    const own: EffectiveLimit | undefined = selfValue === undefined ? undefined : { value: selfValue, source: 'self' };
    const binding = admin === undefined ? own : own === undefined || admin.value <= own.value ? admin : own;
    if (binding !== undefined) out[field] = binding;
  }
  return out;
}

/** What the limits are checked against, in the same units. */
export interface RiskMetrics {
  readonly grossExposure: number;
  readonly netExposure: number;
  /** The day's loss as a positive number; 0 on a day with a gain. */
  readonly dailyLoss: number;
  readonly drawdownBps: number;
}

export interface Breach {
  readonly limit: LimitField;
  readonly value: number;
  readonly threshold: number;
  readonly source: LimitSource;
}

const MEASURED: ReadonlyArray<[LimitField, (m: RiskMetrics) => number]> = [
  ['maxDrawdownBps', (m) => m.drawdownBps],
  ['maxDailyLoss', (m) => m.dailyLoss],
  ['maxGrossExposure', (m) => m.grossExposure],
  // Net exposure is limited in size whichever way it points.
  ['maxNetExposure', (m) => Math.abs(m.netExposure)],
];

/** Limits whose value is above their threshold (reaching a maximum is allowed, passing it is not); loss limits first. */
export function findBreaches(limits: EffectiveLimits, metrics: RiskMetrics): Breach[] {
  const breaches: Breach[] = [];
  for (const [field, measure] of MEASURED) {
    const limit = limits[field];
    if (limit === undefined) continue;
    const value = measure(metrics);
    if (value > limit.value) breaches.push({ limit: field, value, threshold: limit.value, source: limit.source });
  }
  return breaches;
}
