// Risk terms in words: who set a limit, and how a limit's value reads with its unit.
import type { RiskLimitName, RiskLimitSource } from '../../lib/api.ts';
import { formatDecimal } from '../../lib/format.ts';
import { LIMITS } from '../admin/limits.ts';

const SOURCES: Readonly<Record<RiskLimitSource, string>> = { self: 'you', account: 'an admin', strategy: 'your strategy' };

export function sourceText(source: string | null | undefined): string {
  return source && source in SOURCES ? SOURCES[source as RiskLimitSource] : (source ?? '—');
}

export function limitLabel(name: RiskLimitName | 'manual' | null): string {
  if (name === 'manual') return 'Turned on by hand';
  return LIMITS.find((l) => l.name === name)?.label ?? name ?? '—';
}

/** "1,250.00 USD" (or "1,250.00" without a currency), "5.25%" or "20/s", by the limit's unit. */
export function limitValueText(name: RiskLimitName | 'manual' | null, value: string | null, currency?: string): string {
  if (value === null) return '—';
  const unit = LIMITS.find((l) => l.name === name)?.unit;
  if (unit === 'percent') return `${formatDecimal(value, { places: 2, group: false })}%`;
  if (unit === 'count') return `${formatDecimal(value)}/s`;
  const amount = formatDecimal(value, { places: 2 });
  return currency ? `${amount} ${currency}` : amount;
}
