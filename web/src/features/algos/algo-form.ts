// Starting an algo order from the dashboard: which fields each algorithm asks for, the client checks, and the POST /api/v1/algo-orders body.
import type { AlgoSpec, AlgoType, Side } from '../../lib/api-types.ts';
import { compareDecimal, signOf } from '../../lib/decimal.ts';
import { cleanNumber, priceProblem, qtyProblem, type TicketInstrument } from '../market/ticket-validation.ts';

export interface AlgoForm {
  readonly type: AlgoType;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: string;
  /** A price cap for every algorithm but the trailing stop; required by an iceberg, optional elsewhere (a stop's makes it a stop-limit). */
  readonly limitPrice: string;
  /** TWAP and VWAP: the schedule, in minutes, and how many slices. */
  readonly durationMinutes: string;
  readonly slices: string;
  readonly style: 'market' | 'limit';
  /** TWAP and VWAP: how far each slice's time may move, in percent of its interval. */
  readonly timingJitter: string;
  /** VWAP: one weight per slice, separated by commas or spaces. */
  readonly profile: string;
  /** Pegged: ticks better than the touch. */
  readonly improveTicks: string;
  /** Iceberg: the quantity shown at a time. */
  readonly displayQty: string;
  readonly stopPrice: string;
  readonly trailBy: 'amount' | 'percent';
  readonly trail: string;
}

export type AlgoField = Exclude<keyof AlgoForm, 'type' | 'symbol' | 'side' | 'trailBy'>;
export type AlgoErrors = Partial<Record<AlgoField, string>>;

export const ALGO_LABELS: Readonly<Record<AlgoType, string>> = {
  twap: 'TWAP',
  vwap: 'VWAP',
  peg: 'Pegged',
  iceberg: 'Iceberg',
  stop: 'Stop',
  trailing_stop: 'Trailing stop',
};

const FIELDS: Readonly<Record<AlgoType, readonly AlgoField[]>> = {
  twap: ['qty', 'durationMinutes', 'slices', 'style', 'limitPrice', 'timingJitter'],
  vwap: ['qty', 'durationMinutes', 'slices', 'profile', 'style', 'limitPrice', 'timingJitter'],
  peg: ['qty', 'improveTicks', 'limitPrice'],
  iceberg: ['qty', 'displayQty', 'limitPrice'],
  stop: ['qty', 'stopPrice', 'limitPrice'],
  trailing_stop: ['qty', 'trail'],
};

/** The inputs the algorithm takes, in the order the form shows them. */
export function algoFields(type: AlgoType): readonly AlgoField[] {
  return FIELDS[type];
}

export function emptyAlgoForm(symbol: string): AlgoForm {
  return { type: 'twap', symbol, side: 'buy', qty: '', limitPrice: '', durationMinutes: '10', slices: '10', style: 'market', timingJitter: '', profile: '', improveTicks: '0', displayQty: '', stopPrice: '', trailBy: 'percent', trail: '' };
}

/** The schedule the server takes: at least a second, at most a week. */
const MAX_MINUTES = 7 * 24 * 60;
const MAX_SLICES = 10_000;

function wholeProblem(text: string, min: number, max: number): string | undefined {
  const value = text.trim();
  if (value === '') return 'Enter a whole number.';
  if (!/^\d+$/.test(value)) return 'Enter a whole number such as 10.';
  const n = Number(value);
  if (n < min || n > max) return `From ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.`;
  return undefined;
}

function minutesProblem(text: string): string | undefined {
  const value = cleanNumber(text);
  if (value === '') return 'Enter a duration in minutes.';
  if (!/^\d+(\.\d+)?$/.test(value)) return 'Enter minutes such as 30 or 0.5.';
  const minutes = Number(value);
  if (minutes * 60_000 < 1_000) return 'At least one second (0.02 minutes).';
  if (minutes > MAX_MINUTES) return `At most a week (${MAX_MINUTES.toLocaleString('en-US')} minutes).`;
  return undefined;
}

function percentProblem(text: string): string | undefined {
  const value = cleanNumber(text);
  if (!/^\d+(\.\d+)?$/.test(value)) return 'Enter a percent such as 20.';
  return Number(value) > 100 ? 'At most 100%.' : undefined;
}

/** The weights of a VWAP profile, or why they are not usable. */
export function parseProfile(text: string, slices: number | undefined): readonly number[] | string {
  const parts = text.split(/[\s,]+/).filter((part) => part !== '');
  if (parts.length === 0) return 'Enter one weight per slice, e.g. 1, 2, 3, 2, 1.';
  if (parts.some((part) => !/^\d+(\.\d+)?$/.test(part))) return 'Weights are plain numbers, 0 or more, separated by commas.';
  const weights = parts.map(Number);
  if (!weights.some((weight) => weight > 0)) return 'At least one weight must be more than 0.';
  if (slices !== undefined && weights.length !== slices) return `Give ${slices} weights, one per slice (${weights.length} given).`;
  return weights;
}

function trailProblem(form: AlgoForm, tickSize: string): string | undefined {
  if (form.trailBy === 'amount') return priceProblem(form.trail, 'a trailing distance', tickSize);
  const value = cleanNumber(form.trail);
  if (value === '') return 'Enter a trailing percent.';
  if (!/^\d+(\.\d+)?$/.test(value) || signOf(value) <= 0) return 'Enter a percent more than 0, such as 1.5.';
  return compareDecimal(value, '100') >= 0 ? 'Less than 100%.' : undefined;
}

export type AlgoRequest = { readonly ok: true; readonly body: AlgoSpec } | { readonly ok: false; readonly errors: AlgoErrors };

/** The body to send, or the problems found before sending; the server checks the rest (bands, funds, each child's size). */
export function algoRequest(form: AlgoForm, instrument: TicketInstrument): AlgoRequest {
  const fields = new Set(algoFields(form.type));
  const errors: AlgoErrors = {};
  const problem = (field: AlgoField, found: string | undefined) => {
    if (found !== undefined) errors[field] = found;
  };
  problem('qty', qtyProblem(form.qty, instrument));
  const limitRequired = form.type === 'iceberg';
  if (fields.has('limitPrice') && (limitRequired || form.limitPrice.trim() !== '')) problem('limitPrice', priceProblem(form.limitPrice, 'a limit price', instrument.tickSize));
  if (fields.has('durationMinutes')) problem('durationMinutes', minutesProblem(form.durationMinutes));
  if (fields.has('slices')) problem('slices', wholeProblem(form.slices, 1, MAX_SLICES));
  if (fields.has('timingJitter') && form.timingJitter.trim() !== '') problem('timingJitter', percentProblem(form.timingJitter));
  const profile = fields.has('profile') ? parseProfile(form.profile, errors.slices ? undefined : Number(form.slices)) : undefined;
  if (typeof profile === 'string') errors.profile = profile;
  if (fields.has('improveTicks')) problem('improveTicks', wholeProblem(form.improveTicks, 0, 1_000));
  if (fields.has('displayQty')) {
    problem('displayQty', qtyProblem(form.displayQty, { ...instrument, minQty: instrument.lotSize }));
    if (!errors.displayQty && !errors.qty && compareDecimal(cleanNumber(form.displayQty), cleanNumber(form.qty)) > 0) errors.displayQty = 'At most the whole quantity.';
  }
  if (fields.has('stopPrice')) problem('stopPrice', priceProblem(form.stopPrice, 'a trigger price', instrument.tickSize));
  if (fields.has('trail')) problem('trail', trailProblem(form, instrument.tickSize));
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: specOf(form, Array.isArray(profile) ? profile : undefined) };
}

function specOf(form: AlgoForm, profile: readonly number[] | undefined): AlgoSpec {
  const { symbol, side } = form;
  const qty = cleanNumber(form.qty);
  const limitPrice = form.limitPrice.trim() === '' ? undefined : cleanNumber(form.limitPrice);
  const capped = limitPrice === undefined ? {} : { limitPrice };
  switch (form.type) {
    case 'twap':
    case 'vwap': {
      const jitter = form.timingJitter.trim() === '' ? 0 : Number(cleanNumber(form.timingJitter)) / 100;
      const schedule = {
        durationMs: Math.round(Number(cleanNumber(form.durationMinutes)) * 60_000),
        slices: Number(form.slices.trim()),
        style: form.style,
        ...(jitter > 0 ? { randomize: { timing: jitter } } : {}),
      };
      return form.type === 'twap' ? { type: 'twap', symbol, side, qty, ...capped, ...schedule } : { type: 'vwap', symbol, side, qty, ...capped, ...schedule, profile: [...(profile ?? [])] };
    }
    case 'peg':
      return { type: 'peg', symbol, side, qty, ...capped, improveTicks: Number(form.improveTicks.trim()) };
    case 'iceberg':
      return { type: 'iceberg', symbol, side, qty, limitPrice: limitPrice ?? '', displayQty: cleanNumber(form.displayQty) };
    case 'stop':
      return { type: 'stop', symbol, side, qty, ...capped, stopPrice: cleanNumber(form.stopPrice) };
    case 'trailing_stop':
      return { type: 'trailing_stop', symbol, side, qty, ...(form.trailBy === 'amount' ? { trailAmount: cleanNumber(form.trail) } : { trailPercent: cleanNumber(form.trail) }) };
  }
}
