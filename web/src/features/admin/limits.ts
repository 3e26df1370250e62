// Risk limits as a form: the five limits with their units, form values from a layer, and the PUT body back (empty = not limited by this layer).
import type { RiskLimitName, RiskLimits } from '../../lib/api-types.ts';
import { compareDecimal } from '../../lib/decimal.ts';
import { isMultipleOf } from '../../lib/decimal-math.ts';

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

/** The API's plain decimal: no sign but "-", no exponent, no redundant leading zero. */
const PLAIN_DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** The step and the most a percentage or the rate takes (docs/risk.md); an amount's step is its currency's minor unit, and only the server knows its scale and ceiling. */
const GRID = { percent: { step: '0.01', max: '100' }, count: { step: '1', max: '1000000' } } as const;

/**
 * Why the API would refuse `text` for this limit, in the API's words (parseLimitValue in src/platform/risk/limit-units.ts),
 * or undefined when it takes it: an amount may be 0, a percentage or the rate may not. An amount that is not a plain
 * decimal, is off its currency's minor unit or is too large is left to the server, whose message says which.
 */
export function limitProblem({ name, unit }: LimitInfo, text: string): string | undefined {
  if (unit === 'money') return PLAIN_DECIMAL.test(text) && text.startsWith('-') ? `${name} must not be negative (0 or more)` : undefined;
  const { step, max } = GRID[unit];
  if (!PLAIN_DECIMAL.test(text)) return `${name} must be a plain decimal string such as "${step}" (digits, no spaces, exponent or leading zeros)`;
  if (text.startsWith('-') || !/[1-9]/.test(text)) return `${name} must be positive (more than 0)`;
  if (compareDecimal(text, max) > 0) return `${name} must be at most ${max}`;
  if (!isMultipleOf(text, step)) return `${name} must be a multiple of ${step}`;
  return undefined;
}

/** The layer to PUT: set fields only (the PUT replaces the layer, so an empty field lifts that limit). */
export function limitsBody(values: LimitValues): LimitsBody {
  const body: Record<string, string> = {};
  const errors: Partial<Record<RiskLimitName, string>> = {};
  for (const limit of LIMITS) {
    const text = values[limit.name].trim();
    if (text === '') continue;
    const problem = limitProblem(limit, text);
    if (problem === undefined) body[limit.name] = text;
    else errors[limit.name] = problem;
  }
  return { body, errors };
}
