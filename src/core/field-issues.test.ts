// Schema issues as the API's details: one {path, message} per field, in words that name it.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeIssues, fieldIssues, joinProblems } from './field-issues.ts';

const order = z
  .object({
    symbol: z.string().min(1).max(25),
    side: z.enum(['buy', 'sell']),
    qty: z.union([z.string(), z.number()], { error: 'must be a decimal string such as "10.5"' }),
    expireAt: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    seed: z.number().int().min(0).max(4_294_967_295).optional(),
    note: z.string().max(10, { message: 'Notes are short.' }).optional(),
  })
  .strict();

function issuesOf(input: unknown) {
  const result = order.safeParse(input);
  if (result.success) throw new Error('expected a refusal');
  return fieldIssues(result.error.issues, input, 'the order');
}

describe('fieldIssues', () => {
  it('says a missing field is required, whatever check noticed it', () => {
    expect(issuesOf({ side: 'buy' })).toEqual([
      { path: 'symbol', message: 'symbol is required' },
      { path: 'qty', message: 'qty is required' },
    ]);
    expect(issuesOf(undefined)).toEqual([{ path: '', message: 'the order is required' }]);
  });

  it('says a query parameter given more than once may be given once, and only in a query string', () => {
    const query = z.object({ limit: z.coerce.number().int().min(1).optional(), side: z.enum(['buy', 'sell']).optional() }).strict();
    const input = { limit: ['2', '3'], side: ['buy', 'sell'], colour: ['red', 'blue'] };
    const result = query.safeParse(input);
    if (result.success) throw new Error('expected a refusal');
    expect(fieldIssues(result.error.issues, input, 'the query string', true)).toEqual([
      { path: 'limit', message: 'limit may be given once' },
      { path: 'side', message: 'side may be given once' },
      { path: 'colour', message: 'colour is not a field here' },
    ]);
    expect(fieldIssues(result.error.issues, input, 'a JSON body')[0]).toEqual({ path: 'limit', message: 'limit must be a number' });
  });

  it('gives a field one message: its own tightest bound, once for a tie', () => {
    expect(issuesOf({ symbol: 'S', side: 'buy', qty: '1', seed: 1e20 })).toEqual([{ path: 'seed', message: 'seed must be at most 4294967295' }]);
    expect(issuesOf({ symbol: 'S', side: 'buy', qty: '1', expireAt: 1e20 })).toEqual([{ path: 'expireAt', message: 'expireAt must be at most 9007199254740991' }]);
    expect(issuesOf({ symbol: 'S', side: 'buy', qty: '1', expireAt: -1 })).toEqual([{ path: 'expireAt', message: 'expireAt must be more than 0' }]);
  });

  it('lists the tags of a union of shapes when the tag names none of them', () => {
    const shapes = z.discriminatedUnion('kind', [z.object({ kind: z.literal('circle'), r: z.number() }), z.object({ kind: z.literal('square'), side: z.number() })]);
    for (const input of [{ kind: 'triangle' }, { kind: 3 }]) {
      const result = shapes.safeParse(input);
      if (result.success) throw new Error('expected a refusal');
      expect(fieldIssues(result.error.issues, input)).toEqual([{ path: 'kind', message: 'kind must be one of "circle", "square"' }]);
    }
  });

  it('words types, options, lengths and unknown fields, and keeps a schema’s own message', () => {
    expect(issuesOf({ symbol: 'S'.repeat(30), side: 'hold', qty: true, expireAt: 1.5, note: 'x'.repeat(11), colour: 'red' })).toEqual([
      { path: 'symbol', message: 'symbol must be at most 25 characters' },
      { path: 'side', message: 'side must be one of "buy", "sell"' },
      { path: 'qty', message: 'qty must be a decimal string such as "10.5"' },
      { path: 'expireAt', message: 'expireAt must be a whole number' },
      { path: 'note', message: 'Notes are short.' },
      { path: 'colour', message: 'colour is not a field here' },
    ]);
  });

  it('joins the issues into one sentence, naming a path only where the message does not', () => {
    expect(describeIssues([{ path: 'qty', message: 'qty is required' }, { path: 'note', message: 'Notes are short.' }, { path: '', message: 'Send something.' }])).toBe('qty is required; note: Notes are short; Send something');
  });

  it('leaves the full stop of a sentence-like problem out, so the joined sentence never reads ".;"', () => {
    expect(joinProblems(['Username must be at least 3 characters long.', 'fast must be below slow'])).toBe('Username must be at least 3 characters long; fast must be below slow');
    expect(joinProblems(['take 0.5'])).toBe('take 0.5');
  });
});
