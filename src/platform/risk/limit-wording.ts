// Risk limits in words for people, for the messages of risk events and the kill switch: a name ("gross exposure") and a value
// with its unit ("100 USD", "12.5%", "3 orders/s"), from the same decimal strings the API shows (formatLimitValue).
import type { AssetSpec } from '../../core/instrument.ts';
import { formatLimitValue } from './limit-units.ts';
import { LIMIT_FIELDS, type LimitField, type RiskLimits } from './limits.ts';

export const LIMIT_LABELS = {
  maxGrossExposure: 'gross exposure',
  maxNetExposure: 'net exposure',
  maxDailyLoss: 'daily loss',
  maxDrawdownBps: 'drawdown',
  maxOrdersPerSecond: 'order rate',
} as const satisfies Record<LimitField, string>;

/** 1_000_000 cents of gross exposure -> "10000 USD"; 1250 bps of drawdown -> "12.5%"; 3 orders a second -> "3 orders/s", 1 -> "1 order/s". */
export function limitValueText(field: LimitField, value: number, currency: AssetSpec): string {
  const text = formatLimitValue(field, value, currency);
  switch (field) {
    case 'maxGrossExposure':
    case 'maxNetExposure':
    case 'maxDailyLoss':
      return `${text} ${currency.code}`;
    case 'maxDrawdownBps':
      return `${text}%`;
    case 'maxOrdersPerSecond':
      return `${text} ${text === '1' ? 'order' : 'orders'}/s`;
  }
}

/** A whole layer: every limit with its value or "none" ("gross exposure 100 USD; net exposure none; …"), or "all limits cleared" when it sets none. */
export function limitsText(limits: RiskLimits, currency: AssetSpec): string {
  if (LIMIT_FIELDS.every((field) => limits[field] === undefined)) return 'all limits cleared';
  return LIMIT_FIELDS.map((field) => {
    const value = limits[field];
    return `${LIMIT_LABELS[field]} ${value === undefined ? 'none' : limitValueText(field, value, currency)}`;
  }).join('; ');
}
