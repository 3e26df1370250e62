// JSON numbers a request carries that a double cannot hold exactly (123456789.123456789, 2^53 + 1): found by path, to be refused rather than rounded.
//
// JSON.parse reads every number as a double. A price sent as the JSON number 0.1 survives that: the
// shortest text that reads back as the same double is "0.1" again, which is what the edge converts.
// A number with more significant digits than a double holds does not: 123456789.123456789 would
// become 123456789.12345679 without a word. Such a number is refused, naming its path, and the
// client is told to send it as a decimal string, which is read exactly.
import { ApiError } from './errors.ts';
import { describeIssues, type FieldIssue } from '../core/field-issues.ts';

/** Fifteen significant digits or fewer always survive a double; only a longer literal can be inexact. */
const MAYBE_INEXACT = /[\d.]{16}|\d[eE]/;

/** A JSON string (skipped whole), a number, or one structural character. */
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[{}[\],:]/g;

/** A decimal literal as sign, digits without leading or trailing zeros, and exponent: equal values compare equal. */
function canonical(text: string): string | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  let digits = (whole + fraction).replace(/^0+/, '');
  let power = BigInt(exponent) - BigInt(fraction.length);
  if (digits === '') return '0';
  const trimmed = digits.replace(/0+$/, '');
  power += BigInt(digits.length - trimmed.length);
  digits = trimmed;
  return `${sign}${digits}e${power}`;
}

/** Whether the double JSON.parse makes of `literal` prints as the same decimal value. */
export function isExactNumber(literal: string): boolean {
  if (literal.length < 16 && !/[eE]/.test(literal)) return true;
  return canonical(literal) === canonical(String(Number(literal)));
}

/** What is wrong with an inexact literal: too large for a double at all, or more digits than one holds. */
function inexactIssue(at: string, literal: string): FieldIssue {
  const what = `${at || 'the value'} is the JSON number ${literal}`;
  if (!Number.isFinite(Number(literal))) return { path: at, message: `${what}, which is too large` };
  return { path: at, message: `${what}, which has more digits than a JSON number is read with exactly; send it as a decimal string, "${literal}"` };
}

interface Frame {
  readonly array: boolean;
  index: number;
  key: string | undefined;
  expectingKey: boolean;
}

/**
 * Every number in `text` (a JSON document) that would not be read exactly, as `{path, message}`.
 * Malformed JSON is left to the parser: whatever is found before it goes wrong is reported.
 */
export function inexactNumbers(text: string): FieldIssue[] {
  if (!MAYBE_INEXACT.test(text)) return [];
  const found: FieldIssue[] = [];
  const stack: Frame[] = [];
  const path = () => stack.map((frame) => (frame.array ? String(frame.index) : (frame.key ?? ''))).join('.');
  for (const [token] of text.matchAll(TOKEN)) {
    const top = stack[stack.length - 1];
    if (token === '{' || token === '[') {
      stack.push({ array: token === '[', index: 0, key: undefined, expectingKey: token === '{' });
    } else if (token === '}' || token === ']') {
      stack.pop();
    } else if (token === ',') {
      if (top?.array) top.index += 1;
      else if (top) top.expectingKey = true;
    } else if (token === ':') {
      if (top) top.expectingKey = false;
    } else if (token.startsWith('"')) {
      if (top && !top.array && top.expectingKey) top.key = JSON.parse(token) as string;
    } else if (!isExactNumber(token)) {
      found.push(inexactIssue(path(), token));
    }
  }
  return found;
}

/** A WebSocket message's order fields sit under these; its other refusals name them from there ("qty", not "order.qty"). */
const MESSAGE_PARTS = /^(order|bracket|changes)\./;

/**
 * INVALID_REQUEST naming each inexact number, or undefined when every number reads exactly. `part`
 * is "body" for a REST request, "message" for a WebSocket one.
 */
export function inexactNumbersRefusal(text: string, part: 'body' | 'message'): ApiError | undefined {
  const found = inexactNumbers(text).map((issue) => (part === 'message' ? { path: issue.path.replace(MESSAGE_PARTS, ''), message: issue.message.replace(MESSAGE_PARTS, '') } : issue));
  if (found.length === 0) return undefined;
  return new ApiError('INVALID_REQUEST', `The ${part} is invalid: ${describeIssues(found)}`, found);
}
