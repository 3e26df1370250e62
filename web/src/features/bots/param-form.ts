// A strategy's params as a form: fields from its JSON Schema, form values from stored params, params back from the form with the schema's checks.
import type { ParamSchema, StrategyInfo } from '../../lib/api.ts';

export type ParamKind = 'number' | 'integer' | 'boolean' | 'enum' | 'text';

export interface ParamField {
  readonly name: string;
  readonly kind: ParamKind;
  readonly label: string;
  readonly description: string | undefined;
  readonly defaultValue: unknown;
  readonly minimum: number | undefined;
  readonly maximum: number | undefined;
  readonly exclusiveMinimum: number | undefined;
  readonly exclusiveMaximum: number | undefined;
  readonly options: readonly string[];
}

/** Numbers and enums are edited as text, booleans as checkboxes. */
export type ParamValues = Readonly<Record<string, string | boolean>>;

/** zod writes an unbounded integer's range as the safe-integer limits; they are no bound worth showing. */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

function bound(value: number | undefined): number | undefined {
  return value === undefined || Math.abs(value) >= UNBOUNDED ? undefined : value;
}

function kindOf(schema: ParamSchema): ParamKind {
  if (schema.enum && schema.enum.length > 0) return 'enum';
  switch (schema.type) {
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'string':
    case undefined:
      return 'text';
  }
}

/** "maxOffsetBps" -> "Max offset bps". */
export function labelOf(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The form fields of a strategy, in the schema's order. */
export function paramFields(strategy: StrategyInfo): ParamField[] {
  return Object.entries(strategy.params.properties ?? {}).map(([name, schema]) => ({
    name,
    kind: kindOf(schema),
    label: labelOf(name),
    description: schema.description,
    defaultValue: schema.default,
    minimum: bound(schema.minimum),
    maximum: bound(schema.maximum),
    exclusiveMinimum: bound(schema.exclusiveMinimum),
    exclusiveMaximum: bound(schema.exclusiveMaximum),
    options: (schema.enum ?? []).map(String),
  }));
}

/** The allowed range in words: "10 or more", "0 to 1", "above 0", or undefined when unbounded. */
export function rangeOf(field: ParamField): string | undefined {
  if (field.kind !== 'number' && field.kind !== 'integer') return undefined;
  const low = field.minimum !== undefined ? { value: field.minimum, strict: false } : field.exclusiveMinimum !== undefined ? { value: field.exclusiveMinimum, strict: true } : undefined;
  const high = field.maximum !== undefined ? { value: field.maximum, strict: false } : field.exclusiveMaximum !== undefined ? { value: field.exclusiveMaximum, strict: true } : undefined;
  const whole = field.kind === 'integer' ? 'a whole number ' : '';
  if (low && high && !low.strict && !high.strict) return `${whole}from ${low.value} to ${high.value}`;
  const parts = [low && (low.strict ? `above ${low.value}` : `at least ${low.value}`), high && (high.strict ? `below ${high.value}` : `at most ${high.value}`)].filter(Boolean);
  if (parts.length === 0) return field.kind === 'integer' ? 'a whole number' : undefined;
  return `${whole}${parts.join(' and ')}`;
}

/** A param value as text: numbers, strings and booleans as they are; anything else as JSON. */
export function paramText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** Form values for stored params; a param not given shows its default (or stays empty when it has none). */
export function initialValues(fields: readonly ParamField[], params: Readonly<Record<string, unknown>> = {}): ParamValues {
  const values: Record<string, string | boolean> = {};
  for (const field of fields) {
    const value = field.name in params ? params[field.name] : field.defaultValue;
    values[field.name] = field.kind === 'boolean' ? value === true : paramText(value);
  }
  return values;
}

export interface ReadParams {
  /** Only what differs from the defaults: a bot keeps following a strategy's defaults for the rest. */
  readonly params: Record<string, unknown>;
  /** Problems by param name; empty when the params can be sent. */
  readonly errors: Record<string, string>;
}

/** The params a form describes, checked against the schema (the server checks again, including rules across fields). */
export function readParams(fields: readonly ParamField[], values: ParamValues): ReadParams {
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = values[field.name];
    const value = parseValue(field, raw);
    if (typeof value === 'object' && value !== null && 'error' in value) {
      errors[field.name] = value.error;
      continue;
    }
    if (value !== undefined && value !== field.defaultValue) params[field.name] = value;
  }
  return { params, errors };
}

type Parsed = string | number | boolean | undefined | { readonly error: string };

function parseValue(field: ParamField, raw: string | boolean | undefined): Parsed {
  switch (field.kind) {
    case 'boolean':
      return raw === true;
    case 'enum':
    case 'text': {
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (text === '') return undefined;
      if (field.kind === 'enum' && !field.options.includes(text)) return { error: `Choose one of ${field.options.join(', ')}.` };
      return text;
    }
    case 'number':
    case 'integer':
      return parseNumber(field, typeof raw === 'string' ? raw.trim() : '');
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseNumber(field: ParamField, text: string): Parsed {
  // An empty number means "not set": the default applies (or, with none, the strategy goes without).
  if (text === '') return undefined;
  if (!NUMBER.test(text)) return { error: 'Enter a number.' };
  const value = Number(text);
  if (!Number.isFinite(value)) return { error: 'Enter a number.' };
  if (field.kind === 'integer' && !Number.isInteger(value)) return { error: 'Enter a whole number.' };
  const tooLow = (field.minimum !== undefined && value < field.minimum) || (field.exclusiveMinimum !== undefined && value <= field.exclusiveMinimum);
  const tooHigh = (field.maximum !== undefined && value > field.maximum) || (field.exclusiveMaximum !== undefined && value >= field.exclusiveMaximum);
  if (tooLow || tooHigh) return { error: `Must be ${rangeOf(field) ?? 'in range'}.` };
  return value;
}

/**
 * The server's INVALID_PARAMS details ([{path: "params.intervalMs", message}]) by param name; a
 * problem with the params as a whole (path "params") goes under "(params)".
 */
export function problemsByParam(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(details)) return out;
  for (const issue of details as unknown[]) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof path !== 'string' || typeof message !== 'string') continue;
    const name = path === 'params' ? '(params)' : path.startsWith('params.') ? path.slice('params.'.length) : undefined;
    if (name !== undefined && !(name in out)) out[name] = message;
  }
  return out;
}
