// Risk limits as a form: the five limits with their units, form values from a layer, and the PUT body back (empty = not limited by this layer).
import type { RiskLimitName, RiskLimits } from '../../lib/api.ts';
import { isDecimal, signOf } from '../../lib/decimal.ts';

export interface LimitInfo {
  readonly name: RiskLimitName;
  readonly label: string;
  /** "money" in the risk currency, "percent", or a whole "count". */
  readonly unit: 'money' | 'percent' | 'count';
}

export const LIMITS: readonly LimitInfo[] = [
  { name: 'maxGrossExposure', label: 'Max gross exposure', unit: 'money' },
  { name: 'maxNetExposure', label: 'Max net exposure', unit: 'money' },
  { name: 'maxDailyLoss', label: 'Max daily loss', unit: 'money' },
  { name: 'maxDrawdownPct', label: 'Max drawdown %', unit: 'percent' },
  { name: 'maxOrdersPerSecond', label: 'Max orders per second', unit: 'count' },
];

export type LimitValues = Readonly<Record<RiskLimitName, string>>;

export function limitValues(limits: RiskLimits | undefined): LimitValues {
  return Object.fromEntries(LIMITS.map(({ name }) => [name, limits?.[name] ?? ''])) as LimitValues;
}

export interface LimitsBody {
  readonly body: RiskLimits;
  /** Problems by limit name; the server checks the exact steps again. */
  readonly errors: Partial<Record<RiskLimitName, string>>;
}

/** The layer to PUT: set fields only (the PUT replaces the layer, so an empty field lifts that limit). */
export function limitsBody(values: LimitValues): LimitsBody {
  const body: Record<string, string> = {};
  const errors: Partial<Record<RiskLimitName, string>> = {};
  for (const { name, unit } of LIMITS) {
    const text = values[name].trim();
    if (text === '') continue;
    if (!isDecimal(text) || signOf(text) <= 0) errors[name] = 'Enter a number above 0, or leave it empty.';
    else if (unit === 'count' && text.includes('.')) errors[name] = 'Enter a whole number.';
    else body[name] = text;
  }
  return { body, errors };
}
