// The optimizer's part of the form: which params to search and over what (a range per number, a choice of values otherwise), grid or random, the objective, walk-forward; how many trials that is, and the request.
import { paramText, readParams, type ParamField } from '../bots/param-form.ts';
import type { DataCatalog, Objective, OptimizationRequest, ParamValue, SpaceEntry } from './backtest-types.ts';
import { readNumber } from './number-input.ts';
import { readRunFields, type FormErrors, type RunForm } from './run-form.ts';

/** One param's search: a numeric range, or the enum values (booleans: "true"/"false") to try. */
export interface RangeForm {
  readonly search: boolean;
  readonly from: string;
  readonly to: string;
  readonly step: string;
  readonly choices: readonly string[];
}

export interface OptimizerForm {
  readonly ranges: Readonly<Record<string, RangeForm>>;
  readonly method: 'grid' | 'random';
  readonly samples: string;
  readonly objective: Objective;
  readonly walkForward: boolean;
  readonly folds: string;
  readonly inSampleShare: string;
}

/** The server's caps: trials per search (per fold), points per range, folds. */
export const MAX_TRIALS = 10_000;
const MAX_RANGE = 100_000;
export const MAX_FOLDS = 20;

export const OBJECTIVE_LABELS: Readonly<Record<Objective, string>> = {
  sharpe: 'Sharpe ratio',
  return: 'Total return',
  calmar: 'Calmar ratio',
  sortino: 'Sortino ratio',
  cagr: 'CAGR',
};

export function isNumeric(field: ParamField): boolean {
  return field.kind === 'number' || field.kind === 'integer';
}

/** The values a non-numeric param can take. */
export function choicesOf(field: ParamField): readonly string[] {
  return field.kind === 'boolean' ? ['true', 'false'] : field.options;
}

/**
 * A starting range around the default: three quarters of it to 1.75 times it in four steps of a
 * quarter, kept within the param's bounds. Ranges this close to their defaults keep apart params
 * that must stay ordered, as the example's fast (7 to 16) stays below its slow (22 to 46).
 */
export function defaultRange(field: ParamField): RangeForm {
  const choices = choicesOf(field);
  const base = typeof field.defaultValue === 'number' ? field.defaultValue : undefined;
  if (!isNumeric(field) || base === undefined || base === 0) return { search: false, from: base === undefined ? '' : String(base), to: base === undefined ? '' : String(base), step: '1', choices };
  const integer = field.kind === 'integer';
  const low = field.minimum ?? (field.exclusiveMinimum !== undefined ? field.exclusiveMinimum + (integer ? 1 : 0) : undefined);
  const high = field.maximum ?? field.exclusiveMaximum;
  const clamp = (n: number) => Math.min(high ?? n, Math.max(low ?? n, n));
  const round = (n: number) => (integer ? Math.round(n) : Number(n.toPrecision(6)));
  const step = Math.max(integer ? 1 : 0, round(Math.abs(base) / 4));
  const from = clamp(round(base - step));
  const to = clamp(round(from + step * 3));
  return { search: false, from: String(from), to: String(to), step: String(step || 1), choices };
}

/** Fresh settings: every param at its starting range, the first two whole-number params searched. */
export function defaultOptimizer(fields: readonly ParamField[]): OptimizerForm {
  const searched = new Set(fields.filter((f) => f.kind === 'integer' && typeof f.defaultValue === 'number' && f.defaultValue !== 0).slice(0, 2).map((f) => f.name));
  return {
    ranges: Object.fromEntries(fields.map((field) => [field.name, { ...defaultRange(field), search: searched.has(field.name) }])),
    method: 'grid',
    samples: '50',
    objective: 'sharpe',
    walkForward: false,
    folds: '3',
    inSampleShare: '0.7',
  };
}

/** from, from + step, ... up to to: how many values (the server's own count, with its float slack). */
export function rangeCount(from: number, to: number, step: number): number {
  return Math.floor((to - from) / step + 1e-9) + 1;
}

export interface ReadSpace {
  readonly space: Record<string, SpaceEntry>;
  /** Under "space.<name>.from" and the like; "space" for the search as a whole. */
  readonly errors: FormErrors;
  /** Points in the grid; undefined while a range is unreadable. */
  readonly size: number | undefined;
}

/**
 * The searched params become ranges or lists; the others keep the value the run form gives them
 * (sent only when it is not the default, which the strategy applies anyway).
 */
export function readSpace(fields: readonly ParamField[], optimizer: OptimizerForm, values: RunForm['params']): ReadSpace {
  const space: Record<string, SpaceEntry> = {};
  const errors: FormErrors = {};
  const fixed = readParams(fields, values);
  let size: number | undefined = 1;
  for (const field of fields) {
    const range = optimizer.ranges[field.name];
    if (!range?.search) {
      const value = fixed.params[field.name];
      if (fixed.errors[field.name]) errors[`params.${field.name}`] = fixed.errors[field.name]!;
      else if (value !== undefined) space[field.name] = value as ParamValue;
      continue;
    }
    const at = `space.${field.name}`;
    if (!isNumeric(field)) {
      const picked = choicesOf(field).filter((c) => range.choices.includes(c));
      if (picked.length === 0) {
        errors[at] = 'Pick at least one value.';
        size = undefined;
      } else {
        space[field.name] = picked.map((c) => (field.kind === 'boolean' ? c === 'true' : c));
        if (size !== undefined) size *= picked.length;
      }
      continue;
    }
    const integer = field.kind === 'integer';
    const from = readNumber(range.from, { required: true, integer });
    const to = readNumber(range.to, { required: true, integer });
    const step = readNumber(range.step, { required: true, integer, min: 0, aboveMin: true });
    if (from.error) errors[`${at}.from`] = from.error;
    if (to.error) errors[`${at}.to`] = to.error;
    if (step.error) errors[`${at}.step`] = step.error;
    if (from.value === undefined || to.value === undefined || step.value === undefined) {
      size = undefined;
      continue;
    }
    const outside = [from.value, to.value].find((n) => !withinBounds(field, n));
    if (to.value < from.value) errors[`${at}.to`] = 'Must be at least the start.';
    else if (outside !== undefined) errors[at] = `${paramText(outside)} is outside the param's range.`;
    const count = rangeCount(from.value, to.value, step.value);
    if (count > MAX_RANGE) errors[at] = `That is ${count.toLocaleString('en-US')} values; at most ${MAX_RANGE.toLocaleString('en-US')}.`;
    if (errors[at] || errors[`${at}.to`]) {
      size = undefined;
      continue;
    }
    space[field.name] = { from: from.value, to: to.value, step: step.value };
    if (size !== undefined) size *= count;
  }
  if (!fields.some((f) => optimizer.ranges[f.name]?.search)) errors.space = 'Choose at least one param to search.';
  return { space, errors, size };
}

function withinBounds(field: ParamField, value: number): boolean {
  if (field.minimum !== undefined && value < field.minimum) return false;
  if (field.exclusiveMinimum !== undefined && value <= field.exclusiveMinimum) return false;
  if (field.maximum !== undefined && value > field.maximum) return false;
  if (field.exclusiveMaximum !== undefined && value >= field.exclusiveMaximum) return false;
  return true;
}

/** Trials one search runs: the grid, or the samples (at most the grid). */
export function trialCount(size: number, optimizer: Pick<OptimizerForm, 'method' | 'samples'>): number | undefined {
  if (optimizer.method === 'grid') return size;
  const samples = readNumber(optimizer.samples, { integer: true, min: 1 }).value;
  return samples === undefined ? undefined : Math.min(samples, size);
}

export interface ReadOptimization {
  readonly request: OptimizationRequest | undefined;
  readonly errors: FormErrors;
  /** Trials per search (per fold with walk-forward). */
  readonly trials: number | undefined;
  /** Backtests in all: trials, or folds × (trials + 1) with walk-forward (each fold also tests its winner). */
  readonly runs: number | undefined;
}

export function readOptimization(form: RunForm, optimizer: OptimizerForm, catalog: DataCatalog, fields: readonly ParamField[]): ReadOptimization {
  const run = readRunFields(form, catalog);
  const searched = readSpace(fields, optimizer, form.params);
  const errors: FormErrors = { ...run.errors, ...searched.errors };
  const samples = optimizer.method === 'random' ? readNumber(optimizer.samples, { integer: true, min: 1, max: MAX_TRIALS, required: true }) : undefined;
  if (samples?.error) errors.samples = samples.error;
  const folds = optimizer.walkForward ? readNumber(optimizer.folds, { integer: true, min: 1, max: MAX_FOLDS, required: true }) : undefined;
  if (folds?.error) errors['walkForward.folds'] = folds.error;
  const share = optimizer.walkForward ? readNumber(optimizer.inSampleShare, { min: 0.05, max: 0.95, required: true }) : undefined;
  if (share?.error) errors['walkForward.inSampleShare'] = share.error;
  const trials = searched.size === undefined ? undefined : trialCount(searched.size, optimizer);
  if (trials !== undefined && trials > MAX_TRIALS && !errors.space) errors.space = `That is ${trials.toLocaleString('en-US')} trials; at most ${MAX_TRIALS.toLocaleString('en-US')} (use coarser steps, or random with fewer samples).`;
  const runs = trials === undefined ? undefined : folds?.value !== undefined ? folds.value * (trials + 1) : optimizer.walkForward ? undefined : trials;
  if (!run.fields || Object.keys(errors).length > 0) return { request: undefined, errors, trials, runs };
  const request: OptimizationRequest = {
    ...run.fields,
    space: searched.space,
    method: optimizer.method,
    ...(samples?.value !== undefined ? { samples: samples.value } : {}),
    objective: optimizer.objective,
    ...(folds?.value !== undefined ? { walkForward: { folds: folds.value, ...(share?.value !== undefined ? { inSampleShare: share.value } : {}) } } : {}),
  };
  return { request, errors, trials, runs };
}

/** The optimizer settings an earlier optimization's request describes, over `base`. */
export function optimizerFromRequest(base: OptimizerForm, request: OptimizationRequest, fields: readonly ParamField[]): OptimizerForm {
  const ranges: Record<string, RangeForm> = {};
  for (const field of fields) {
    const current = base.ranges[field.name] ?? defaultRange(field);
    const entry = request.space[field.name];
    if (entry === undefined || (!Array.isArray(entry) && typeof entry !== 'object')) {
      ranges[field.name] = { ...current, search: false };
    } else if (Array.isArray(entry)) {
      ranges[field.name] = isNumeric(field) && entry.every((v) => typeof v === 'number') ? { ...current, search: true, ...listAsRange(entry) } : { ...current, search: true, choices: entry.map(String) };
    } else {
      const range = entry as { from: number; to: number; step?: number };
      ranges[field.name] = { ...current, search: true, from: String(range.from), to: String(range.to), step: String(range.step ?? 1) };
    }
  }
  return {
    ...base,
    ranges,
    method: request.method ?? 'grid',
    samples: String(request.samples ?? base.samples),
    objective: request.objective ?? base.objective,
    walkForward: request.walkForward !== undefined,
    folds: String(request.walkForward?.folds ?? base.folds),
    inSampleShare: String(request.walkForward?.inSampleShare ?? base.inSampleShare),
  };
}

/** A list of numbers as the range that spans it (the form edits ranges only). */
function listAsRange(values: readonly number[]): Pick<RangeForm, 'from' | 'to' | 'step'> {
  const sorted = [...values].sort((a, b) => a - b);
  const from = sorted[0] ?? 0;
  const to = sorted.at(-1) ?? from;
  const step = sorted.length > 1 ? (sorted[1]! - from) : 1;
  return { from: String(from), to: String(to), step: String(step || 1) };
}
