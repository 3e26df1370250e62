// Risk limits at the edge: the API's field names and decimal strings to minor units, basis points and counts, and back.
import { fromUnits, toUnits } from '../../core/decimal.ts';
import type { AssetSpec } from '../../core/instrument.ts';
import { MAX_AMOUNT } from '../../core/limits.ts';
import { atPath, type FieldProblem } from '../field-problem.ts';
import { formatAmount, minorUnit, plainDecimalText, type DecimalInput, type UnitProblem } from '../units.ts';
import { LIMIT_FIELDS, type LimitField, type RiskLimits } from './limits.ts';

/** The API names drawdown in percent; everything else keeps its internal name. */
export const API_LIMIT_NAMES = {
  maxGrossExposure: 'maxGrossExposure',
  maxNetExposure: 'maxNetExposure',
  maxDailyLoss: 'maxDailyLoss',
  maxDrawdownBps: 'maxDrawdownPct',
  maxOrdersPerSecond: 'maxOrdersPerSecond',
} as const satisfies Record<LimitField, string>;

export type ApiLimitName = (typeof API_LIMIT_NAMES)[LimitField];

/** A layer as clients send it: a decimal per limit, or null / absent for "not limited by this layer". */
export type LimitsInput = { readonly [K in ApiLimitName]?: DecimalInput | null };

/** A layer as the API shows it: decimal strings, only the limits the layer sets. */
export type LimitsView = { [K in ApiLimitName]?: string };

export const MAX_ORDERS_PER_SECOND = 1_000_000;

/** One limit in internal units, or the problem with the value given. */
export function parseLimitValue(field: LimitField, value: DecimalInput, currency: AssetSpec): number | UnitProblem {
  const text = plainDecimalText(value);
  const name = API_LIMIT_NAMES[field];
  switch (field) {
    case 'maxGrossExposure':
    case 'maxNetExposure':
    case 'maxDailyLoss': {
      const unit = minorUnit(currency);
      const units = text === undefined ? undefined : toUnits(text, unit);
      if (units === undefined || units > MAX_AMOUNT) return { problem: 'INVALID_AMOUNT', message: `${name} must be an amount of ${currency.code} in steps of ${unit}, such as "10000"` };
      return units;
    }
    case 'maxDrawdownBps': {
      const bps = text === undefined ? undefined : toUnits(text, '0.01');
      if (bps === undefined || bps < 1 || bps > 10_000) return { problem: 'INVALID_REQUEST', message: `${name} must be a percentage from 0.01 to 100 with at most two decimals, such as "12.5"` };
      return bps;
    }
    case 'maxOrdersPerSecond': {
      const count = text === undefined ? undefined : toUnits(text, '1');
      if (count === undefined || count < 1 || count > MAX_ORDERS_PER_SECOND) return { problem: 'INVALID_REQUEST', message: `${name} must be a whole number from 1 to ${MAX_ORDERS_PER_SECOND}` };
      return count;
    }
  }
}

/** A whole layer; the first bad value is the problem reported. */
export function parseLimits(input: LimitsInput, currency: AssetSpec): RiskLimits | FieldProblem {
  const out: { [K in LimitField]?: number } = {};
  for (const field of LIMIT_FIELDS) {
    const given = input[API_LIMIT_NAMES[field]];
    if (given === undefined || given === null) continue;
    const value = parseLimitValue(field, given, currency);
    if (typeof value !== 'number') return atPath(value, API_LIMIT_NAMES[field]);
    out[field] = value;
  }
  return out;
}

/** One value as the API shows it: currency decimals, a percentage, or a count. */
export function formatLimitValue(field: LimitField, value: number, currency: AssetSpec): string {
  switch (field) {
    case 'maxGrossExposure':
    case 'maxNetExposure':
    case 'maxDailyLoss':
      return formatAmount(currency, value);
    case 'maxDrawdownBps':
      return formatBpsAsPercent(value);
    case 'maxOrdersPerSecond':
      return String(value);
  }
}

export function formatLimits(limits: RiskLimits | undefined, currency: AssetSpec): LimitsView {
  const out: LimitsView = {};
  if (limits === undefined) return out;
  for (const field of LIMIT_FIELDS) {
    const value = limits[field];
    if (value !== undefined) out[API_LIMIT_NAMES[field]] = formatLimitValue(field, value, currency);
  }
  return out;
}

/** 1250 bps -> "12.5"; negative values keep their sign. */
export function formatBpsAsPercent(bps: number): string {
  return fromUnits(bps, '0.01');
}
