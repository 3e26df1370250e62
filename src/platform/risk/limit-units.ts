// Risk limits at the edge: the API's field names and decimal strings to minor units, basis points and counts, and back.
import { fromUnits } from '../../core/decimal.ts';
import type { AssetSpec } from '../../core/instrument.ts';
import { MAX_AMOUNT } from '../../core/limits.ts';
import { atPath, together, type FieldProblem } from '../field-problem.ts';
import { decimalSteps, EXAMPLE_AMOUNT, formatAmount, minorUnit, type DecimalInput, type UnitProblem } from '../units.ts';
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
/** 100 %: a drawdown limit beyond it could never bind. */
const MAX_DRAWDOWN_BPS = 10_000;

/**
 * One limit in internal units, or the problem with the value given: one message per way the value is
 * wrong, as every decimal field has (decimalSteps). An amount may be 0; a percentage or a rate may not.
 */
export function parseLimitValue(field: LimitField, value: DecimalInput, currency: AssetSpec): number | UnitProblem {
  const what = API_LIMIT_NAMES[field];
  switch (field) {
    case 'maxGrossExposure':
    case 'maxNetExposure':
    case 'maxDailyLoss':
      return decimalSteps(value, { unit: minorUnit(currency), max: MAX_AMOUNT, code: 'INVALID_AMOUNT', what, example: EXAMPLE_AMOUNT, zeroAllowed: true });
    case 'maxDrawdownBps':
      return decimalSteps(value, { unit: '0.01', max: MAX_DRAWDOWN_BPS, code: 'INVALID_REQUEST', what, tooLarge: `${what} must be at most ${fromUnits(MAX_DRAWDOWN_BPS, '0.01')}` });
    case 'maxOrdersPerSecond':
      return decimalSteps(value, { unit: '1', max: MAX_ORDERS_PER_SECOND, code: 'INVALID_REQUEST', what, tooLarge: `${what} must be at most ${MAX_ORDERS_PER_SECOND}` });
  }
}

/** A whole layer, or its problems: every bad value is told at once (the first, the rest alongside), as an order's fields are. */
export function parseLimits(input: LimitsInput, currency: AssetSpec): RiskLimits | FieldProblem {
  const out: { [K in LimitField]?: number } = {};
  const problems: FieldProblem[] = [];
  for (const field of LIMIT_FIELDS) {
    const given = input[API_LIMIT_NAMES[field]];
    if (given === undefined || given === null) continue;
    const value = parseLimitValue(field, given, currency);
    if (typeof value === 'number') out[field] = value;
    else problems.push(atPath(value, API_LIMIT_NAMES[field]));
  }
  return together(problems) ?? out;
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
