// Reading numbers typed into a form: empty means "use the default", anything else must parse and sit in range; and the local date-time inputs' text to epoch ms and back.

export interface NumberRule {
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** Above `min`, not at it. */
  readonly aboveMin?: boolean;
  /** An empty field is an error instead of "not set". */
  readonly required?: boolean;
}

export type ReadNumber = { readonly value: number | undefined; readonly error?: undefined } | { readonly value?: undefined; readonly error: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** `readNumber("12", { integer: true, min: 1 })` -> { value: 12 }; "" -> { value: undefined } unless required. */
export function readNumber(text: string, rule: NumberRule = {}): ReadNumber {
  const trimmed = text.trim();
  if (trimmed === '') return rule.required ? { error: 'Enter a number.' } : { value: undefined };
  if (!NUMBER.test(trimmed)) return { error: 'Enter a number.' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { error: 'Enter a number.' };
  if (rule.integer && !Number.isInteger(value)) return { error: 'Enter a whole number.' };
  const low = rule.min !== undefined && (rule.aboveMin ? value <= rule.min : value < rule.min);
  const high = rule.max !== undefined && value > rule.max;
  if (low || high) return { error: `Must be ${describeRange(rule)}.` };
  return { value };
}

/** "from 0 to 10,000", "at least 1", "above 0". */
export function describeRange(rule: NumberRule): string {
  const show = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });
  const whole = rule.integer ? 'a whole number ' : '';
  if (rule.min !== undefined && rule.max !== undefined && !rule.aboveMin) return `${whole}from ${show(rule.min)} to ${show(rule.max)}`;
  const parts = [rule.min !== undefined ? `${rule.aboveMin ? 'above' : 'at least'} ${show(rule.min)}` : undefined, rule.max !== undefined ? `at most ${show(rule.max)}` : undefined].filter(Boolean);
  return `${whole}${parts.join(' and ')}`.trim() || 'a number';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch ms as a `datetime-local` input's value in the viewer's time zone ("2024-01-31T09:05"). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (local time) as epoch ms; undefined when empty or malformed. */
export function fromLocalInput(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number | undefined];
  const ms = new Date(y, mo - 1, d, h, mi, Number.isNaN(s) || s === undefined ? 0 : s).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}
