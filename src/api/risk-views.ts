// How the API shows risk: limits per layer, status, kill switch, events, daily rows and samples, as decimal strings.
import type { AssetSpec } from '../core/instrument.ts';
import {
  API_LIMIT_NAMES,
  LIMIT_FIELDS,
  breachView,
  formatBpsAsPercent,
  formatLimitValue,
  formatLimits,
  isManual,
  killReason,
  type ApiLimitName,
  type Breach,
  type EffectiveLimits,
  type KillState,
  type LimitField,
  type LimitSource,
  type RiskService,
  type RiskStatus,
} from '../platform/risk/index.ts';
import { formatAmount } from '../platform/units.ts';
import type { RiskDailyRow, RiskEventRow, RiskSampleRow } from '../store/index.ts';

function isLimitField(name: string | null): name is LimitField {
  return name !== null && (LIMIT_FIELDS as readonly string[]).includes(name);
}

export function effectiveView(limits: EffectiveLimits, currency: AssetSpec) {
  const out: { [K in ApiLimitName]?: { value: string; source: LimitSource } } = {};
  for (const field of LIMIT_FIELDS) {
    const limit = limits[field];
    if (limit) out[API_LIMIT_NAMES[field]] = { value: formatLimitValue(field, limit.value, currency), source: limit.source };
  }
  return out;
}

/** Every layer that applies to the account and the binding value of each limit. */
export function limitsView(risk: RiskService, accountId: number) {
  const { currency } = risk;
  const limits = risk.limits(accountId);
  return {
    accountId,
    currency: currency.code,
    self: formatLimits(limits.self, currency),
    account: formatLimits(limits.account, currency),
    strategy: limits.strategyName === undefined ? null : { name: limits.strategyName, limits: formatLimits(limits.strategy, currency) },
    effective: effectiveView(limits.effective, currency),
  };
}

/** The switch: off, or on since when and why (limit "manual" with no value or threshold: turned on by hand). */
export function killSwitchView(kill: KillState | undefined, currency: AssetSpec) {
  if (!kill) return { active: false as const };
  const { cause } = kill;
  const message = killReason(cause, currency);
  if (isManual(cause)) return { active: true as const, since: kill.since, limit: 'manual' as const, value: null, threshold: null, source: cause.source, message };
  return {
    active: true as const,
    since: kill.since,
    limit: API_LIMIT_NAMES[cause.limit],
    value: formatLimitValue(cause.limit, cause.value, currency),
    threshold: formatLimitValue(cause.limit, cause.threshold, currency),
    source: cause.source,
    message,
  };
}

export function breachesView(breaches: readonly Breach[], currency: AssetSpec) {
  return breaches.map((breach) => breachView(breach, currency));
}

/** Why a reset was refused, with what can clear the breaches: the owner's own limits are theirs to loosen, the others an admin's. */
export function stillBreachedMessage(breaches: readonly Breach[]): string {
  const ways: string[] = [];
  if (breaches.some((b) => b.source === 'self')) ways.push("the account's owner may loosen their own limit (PUT /api/v1/risk/limits)");
  if (breaches.some((b) => b.source !== 'self')) ways.push('an admin may raise the account or strategy limit');
  if (breaches.some((b) => b.limit === 'maxDrawdownBps')) ways.push('an admin may move the high-water mark (rebaseHighWaterMark)');
  return `A limit is still breached; the kill switch stays on until it is not${ways.length ? `: ${ways.join('; ')}` : ''}.`;
}

export function riskStatusView(status: RiskStatus, currency: AssetSpec) {
  const money = (units: number) => formatAmount(currency, units);
  return {
    accountId: status.accountId,
    currency: currency.code,
    equity: money(status.equity),
    grossExposure: money(status.grossExposure),
    netExposure: money(status.netExposure),
    dayStart: status.dayStart,
    dayStartEquity: money(status.dayStartEquity),
    dayNetFlows: money(status.dayNetFlows),
    dailyPnl: money(status.dailyPnl),
    highWaterMark: money(status.highWaterMark),
    drawdownPct: formatBpsAsPercent(status.drawdownBps),
    maxDrawdownPctToday: formatBpsAsPercent(status.maxDrawdownBpsToday),
    killSwitch: killSwitchView(status.killSwitch, currency),
    limits: effectiveView(status.limits, currency),
  };
}

export function riskEventView(row: RiskEventRow, currency: AssetSpec) {
  const field = isLimitField(row.limitName) ? row.limitName : undefined;
  const value = (units: number | null) => (units === null || field === undefined ? null : formatLimitValue(field, units, currency));
  return {
    id: row.id,
    ts: row.ts,
    kind: row.kind,
    limit: field !== undefined ? API_LIMIT_NAMES[field] : row.limitName === 'manual' ? ('manual' as const) : null,
    value: value(row.value),
    threshold: value(row.threshold),
    source: row.source,
    actorUserId: row.actorUserId,
    message: row.message,
  };
}

export function riskDayView(row: RiskDailyRow, currency: AssetSpec) {
  const money = (units: number) => formatAmount(currency, units);
  return {
    day: row.day,
    date: new Date(row.day).toISOString().slice(0, 10),
    startEquity: money(row.startEquity),
    endEquity: money(row.endEquity),
    minEquity: money(row.minEquity),
    maxEquity: money(row.maxEquity),
    netFlows: money(row.netFlows),
    pnl: money(row.endEquity - row.startEquity - row.netFlows),
    maxGrossExposure: money(row.maxGrossExposure),
    maxNetExposure: money(row.maxNetExposure),
    maxDrawdownPct: formatBpsAsPercent(row.maxDrawdownBps),
    highWaterMark: money(row.highWaterMark),
  };
}

export function riskSampleView(row: RiskSampleRow, currency: AssetSpec) {
  return { ts: row.ts, equity: formatAmount(currency, row.equity), drawdownPct: formatBpsAsPercent(row.drawdownBps) };
}
