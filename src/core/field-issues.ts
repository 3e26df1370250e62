// Schema issues (zod's, or Fastify's wrapping of them) as one {path, message} per field, in words that name the field.
//
// A value can fail several checks at once (a huge number breaks both the safe-integer range and the
// field's own bound; a union tries each member). The caller needs one answer per field: the field's
// own, tightest bound when it broke one, else the first problem. A field that is absent is told it is
// required, whatever check noticed it.

/** One validation problem, as every INVALID_REQUEST answer carries them in `details`. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** A zod issue, or Fastify's wrapping of one (its code as `keyword`, its other fields in `params`). */
export interface SchemaIssue {
  readonly path?: ReadonlyArray<PropertyKey>;
  readonly message: string;
  readonly code?: string;
  readonly keyword?: string;
  readonly instancePath?: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

interface Issue {
  readonly at: readonly string[];
  readonly code: string | undefined;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

function normalize(issue: SchemaIssue): Issue {
  const nested = issue.params?.issue as SchemaIssue | undefined;
  if (nested) return normalize(nested);
  const at = Array.isArray(issue.path) ? issue.path.map(String) : (issue.instancePath ?? '').split('/').filter((part) => part !== '');
  return { at, code: issue.code ?? issue.keyword, message: issue.message, fields: { ...(issue as object), ...issue.params } };
}

/** Whether `at` names a field its object lacks: what "required" means whatever check caught it. */
function isMissing(input: unknown, at: readonly string[]): boolean {
  if (at.length === 0) return input === undefined;
  let holder = input;
  for (const key of at.slice(0, -1)) {
    if (typeof holder !== 'object' || holder === null) return false;
    holder = (holder as Record<string, unknown>)[key];
  }
  return typeof holder === 'object' && holder !== null && (holder as Record<string, unknown>)[at[at.length - 1]!] === undefined;
}

/** Whether a query string gave the parameter at `at` several times: its parser reads those as a list. */
function isRepeated(input: unknown, at: readonly string[]): boolean {
  return at.length === 1 && typeof input === 'object' && input !== null && Array.isArray((input as Record<string, unknown>)[at[0]!]);
}

const NUMERIC = new Set(['number', 'int', 'bigint']);

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  tuple: 'an array',
};

/** A bound the value broke, in words: "at most 500", "more than 0", "at most 25 characters". */
function boundWords(issue: Issue): string | undefined {
  const { code, fields } = issue;
  const limit = code === 'too_big' ? fields.maximum : code === 'too_small' ? fields.minimum : undefined;
  if (typeof limit !== 'number' && typeof limit !== 'bigint') return undefined;
  const origin = typeof fields.origin === 'string' ? fields.origin : 'number';
  const inclusive = fields.inclusive !== false;
  if (NUMERIC.has(origin)) {
    if (code === 'too_big') return inclusive ? `at most ${limit}` : `less than ${limit}`;
    return inclusive ? `at least ${limit}` : `more than ${limit}`;
  }
  const unit = origin === 'string' ? 'characters' : origin === 'array' || origin === 'set' ? 'items' : origin === 'object' ? 'fields' : undefined;
  if (unit === undefined) return undefined;
  return `${code === 'too_big' ? 'at most' : 'at least'} ${limit} ${limit === 1 ? unit.slice(0, -1) : unit}`;
}

/** zod's own wording ("Too big: expected number to be <=500"), as opposed to a message a schema gives its check. */
const ZOD_WORDING = /^(Too big|Too small|Invalid input|Invalid option|Invalid discriminator value)\b/;

/** The values a field may take, listed: `side must be one of "buy", "sell"`. */
function oneOf(name: string, values: readonly unknown[]): string {
  const listed = values.map((value) => JSON.stringify(value));
  return listed.length === 1 ? `${name} must be ${listed[0]}` : `${name} must be one of ${listed.join(', ')}`;
}

/** The message for one issue on the field named `name`: the schema's own words when it has any, else ours. */
function messageOf(issue: Issue, name: string, missing: boolean, repeated: boolean): string {
  if (missing) return `${name} is required`;
  if (repeated) return `${name} may be given once`;
  // The schemas' own words ("must be a decimal string ...") read as a sentence about the field.
  if (!ZOD_WORDING.test(issue.message)) return issue.message.startsWith('must ') ? `${name} ${issue.message}` : issue.message;
  const bound = boundWords(issue);
  if (bound) return `${name} must be ${bound}`;
  const values = issue.fields.values;
  if (issue.code === 'invalid_value' && Array.isArray(values) && values.length > 0) return oneOf(name, values);
  // The tag of a union of shapes (an algo order's type) that names none of them lists the tags it may.
  const options = issue.fields.options;
  if (issue.code === 'invalid_union' && Array.isArray(options) && options.length > 0) return oneOf(name, options);
  if (issue.code === 'invalid_type') {
    const expected = TYPE_NAMES[String(issue.fields.expected)];
    if (expected) return `${name} must be ${expected}`;
  }
  return issue.message;
}

/** How far a broken bound is from the value's allowed range: the tightest bound is the field's own. */
function boundLimit(issue: Issue): number | bigint | undefined {
  const limit = issue.code === 'too_big' ? issue.fields.maximum : issue.code === 'too_small' ? issue.fields.minimum : undefined;
  return typeof limit === 'number' || typeof limit === 'bigint' ? limit : undefined;
}

function tighter(a: Issue, b: Issue): boolean {
  const la = boundLimit(a);
  const lb = boundLimit(b);
  if (la === undefined || lb === undefined || a.code !== b.code) return false;
  return a.code === 'too_big' ? la < lb : la > lb;
}

/** One issue for a field: its tightest broken bound (the first of equal ones), else its first issue. */
function pick(issues: readonly Issue[]): Issue {
  let chosen = issues[0]!;
  for (const issue of issues) {
    if (boundLimit(issue) === undefined) continue;
    if (boundLimit(chosen) === undefined || tighter(issue, chosen)) chosen = issue;
  }
  return chosen;
}

/**
 * The details of a refused request part: one `{path, message}` per field ("legs.0.qty"). `input`
 * is the part as sent, to tell a missing field from a wrong one; `whole` names the part itself. An
 * unknown field gets its own path, so a form can mark it. For a query string (`query`), a parameter
 * refused while it holds a list was given more than once, and is told it may be given once.
 */
export function fieldIssues(issues: readonly SchemaIssue[], input: unknown, whole = 'the value', query = false): FieldIssue[] {
  const byPath = new Map<string, Issue[]>();
  for (const issue of issues.map(normalize)) {
    const keys = issue.code === 'unrecognized_keys' && Array.isArray(issue.fields.keys) ? issue.fields.keys.map(String) : undefined;
    const split = keys ? keys.map((key): Issue => ({ ...issue, at: [...issue.at, key], message: `${[...issue.at, key].join('.')} is not a field here` })) : [issue];
    for (const one of split) {
      const path = one.at.join('.');
      byPath.set(path, [...(byPath.get(path) ?? []), one]);
    }
  }
  return [...byPath].map(([path, found]) => {
    const issue = pick(found);
    const known = issue.code !== 'unrecognized_keys';
    return { path, message: messageOf(issue, path || whole, known && isMissing(input, issue.at), known && query && isRepeated(input, issue.at)) };
  });
}

/**
 * Problems as one sentence, "; " between them. A problem that is a sentence of its own ("Username
 * must be at least 3 characters long.") leaves its full stop out, so none reads ".;".
 */
export function joinProblems(problems: readonly string[]): string {
  return problems.map((problem) => problem.replace(/\.$/, '')).join('; ');
}

/** The details as one sentence: "qty is required; password: Password must be 8 to 128 characters long". */
export function describeIssues(details: readonly FieldIssue[]): string {
  return joinProblems(details.map((d) => (d.path === '' || d.message.startsWith(`${d.path} `) ? d.message : `${d.path}: ${d.message}`)));
}
