// How close the account is to each of its limits: the measured value next to the binding limit, and the share of it used.
import type { RiskLimitName, RiskLimitSource, RiskStatus } from '../../lib/api.ts';
import { compareDecimal, signOf } from '../../lib/decimal.ts';
import { divideToStep, multiplyDecimal } from '../../lib/decimal-math.ts';
import { LIMITS } from '../admin/limits.ts';

export interface LimitUsage {
  readonly name: RiskLimitName;
  readonly label: string;
  readonly unit: 'money' | 'percent' | 'count';
  /** What the limit measures now; null where the status does not report it (the order rate). */
  readonly current: string | null;
  readonly limit: string | null;
  readonly source: RiskLimitSource | null;
  /** current / limit in percent, truncated to one place; null without both. */
  readonly usedPercent: string | null;
  /** Past the limit (reaching it is allowed). */
  readonly breached: boolean;
}

function negate(value: string): string {
  return value.startsWith('-') ? value.slice(1) : signOf(value) === 0 ? value : `-${value}`;
}

function abs(value: string): string {
  return signOf(value) < 0 ? negate(value) : value;
}

/** The measured value of each limit in the status: exposure, a loss (0 on a gain), the drawdown. */
export function measured(status: RiskStatus, name: RiskLimitName): string | null {
  switch (name) {
    case 'maxGrossExposure':
      return status.grossExposure;
    case 'maxNetExposure':
      return abs(status.netExposure);
    case 'maxDailyLoss':
      return signOf(status.dailyPnl) < 0 ? negate(status.dailyPnl) : '0';
    case 'maxDrawdownPct':
      return status.drawdownPct;
    case 'maxOrdersPerSecond':
      return null;
  }
}

export function limitUsage(status: RiskStatus): LimitUsage[] {
  return LIMITS.map(({ name, label, unit }) => {
    const binding = status.limits[name];
    const current = measured(status, name);
    const limit = binding?.value ?? null;
    const usedPercent = current !== null && limit !== null && signOf(limit) > 0 ? divideToStep(multiplyDecimal(current, '100'), limit, '0.1') : null;
    return { name, label, unit, current, limit, source: binding?.source ?? null, usedPercent, breached: current !== null && limit !== null && compareDecimal(current, limit) > 0 };
  });
}
