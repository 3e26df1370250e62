// Request schemas shared by the REST routes and the WebSocket order entry (zod; OpenAPI is generated from them).
import { z } from 'zod';
import type { ErrorCode } from '../errors.ts';
import { CLIENT_ORDER_ID } from '../../core/limits.ts';
import { ALGO_CHILD_ORDER_ID } from '../algos/child-order-id.ts';
import { ORDER_TYPES, SIDES, STP_MODES, TIME_IN_FORCE } from '../../core/orders.ts';
import { MAX_PAGE_LIMIT } from '../../store/index.ts';

/** The latest time a JavaScript Date can hold (the year 275760): a later expiry could not be shown as a date. */
export const LATEST_TIME_MS = 8.64e15;

/**
 * A number field: a decimal string such as "10.5" is the contract, and a JSON number is accepted for
 * compatible clients. Any string or number passes here, so that the field's own check (the order's
 * INVALID_QUANTITY, a deposit's INVALID_AMOUNT, a limit's) answers every bad value with one code and
 * one message per case: not a decimal, not above zero, too large, off the field's grid.
 */
export const decimal = z
  .union([z.string(), z.number()], { error: 'must be a decimal string such as "10.5" (a JSON number is accepted too)' })
  .describe('A decimal string such as "10.5" (a JSON number is accepted too)');

/** Text that may reach the read-model store: PostgreSQL cannot hold NUL in text, so it is refused here, not there. */
export const text = () => z.string().refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

/** A client order id as any request names one: placing under one takes more (see orderInput). */
export const clientOrderIdText = z.string().regex(CLIENT_ORDER_ID, '1 to 64 printable ASCII characters');

export const symbol = text().min(1).max(25).describe('An instrument symbol, e.g. AAPL or BTC-USD');

/**
 * A symbol the path or the query string names: any text, looked up rather than bounded, so one that
 * is not listed is UNKNOWN_SYMBOL however long it is, never a length refusal.
 */
export const namedSymbol = text().min(1).describe(`${symbol.description ?? ''}; one that is not listed, however long, is UNKNOWN_SYMBOL`);

export const orderInput = z
  .object({
    symbol,
    side: z.enum(SIDES as ['buy', 'sell']),
    type: z.enum(ORDER_TYPES as ['limit', 'market', 'stop', 'stop_limit', 'trailing_stop']),
    qty: decimal,
    price: decimal.optional().describe('Limit price (limit, stop_limit)'),
    stopPrice: decimal.optional().describe('Trigger price (stop, stop_limit)'),
    trailAmount: decimal.optional().describe('Trailing distance in price units (trailing_stop)'),
    trailPercent: decimal.optional().describe('Trailing distance in percent (trailing_stop)'),
    tif: z.enum(TIME_IN_FORCE as ['gtc', 'day', 'gtd', 'ioc', 'fok']).optional(),
    expireAt: wholeNumber(1, LATEST_TIME_MS).optional().describe('GTD expiry, epoch milliseconds: a whole number, as a JSON number or in digits ("1796690000000")'),
    postOnly: z.boolean().optional(),
    clientOrderId: clientOrderIdText
      .refine((id) => !ALGO_CHILD_ORDER_ID.test(id), 'ids of the form algo-<n>-<n> are reserved for the child orders of algo orders')
      .optional()
      .describe('Your own id for the order, unique in your account: 1 to 64 printable ASCII characters; algo-<n>-<n> is reserved for algo orders\' children'),
    stp: z.enum(STP_MODES as ['cancel_newest', 'cancel_oldest', 'cancel_both']).optional().describe('Self-trade prevention'),
  })
  .strict();

export const ocoInput = z.object({ legs: z.tuple([orderInput, orderInput], { error: 'must be a list of two orders, [{...}, {...}]' }) }).strict();

export const bracketInput = z
  .object({ entry: orderInput, takeProfitPrice: decimal, stopLossPrice: decimal, stopLossLimitPrice: decimal.optional() })
  .strict();

export const replaceInput = z.object({ qty: decimal.optional(), price: decimal.optional(), stopPrice: decimal.optional() }).strict();

export const transferInput = z.object({ asset: text().min(1).max(12), amount: decimal.describe('A positive decimal string such as "10.5" (a JSON number is accepted too)'), memo: text().max(200).optional() }).strict();

const DIGITS = /^[0-9]+$/;

/**
 * A whole number in the query string or the path, from `min` to `max`: plain decimal digits only,
 * so `1e3`, `0x10`, ` 5`, `5.0`, `+5` and an empty value are refused rather than read as some
 * number. JSON Schema sees an integer with its bounds.
 */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  const digitsAsNumber = (value: unknown): unknown => (typeof value === 'string' && DIGITS.test(value) ? Number(value) : value);
  const number = z.number({ error: (issue) => (issue.code === 'invalid_type' ? 'must be a whole number written in digits, such as 10' : undefined) });
  return z.preprocess(digitsAsNumber, number.int().min(min).max(max));
}

/**
 * A list's time range, half-open: `[from, to)` holds what is at or after `from` and before `to`, so
 * consecutive ranges (`to` of one the `from` of the next) neither overlap nor leave a gap. `what`
 * is the time compared, such as "Created". Wrap the query in `ranged` so `from` after `to` is refused.
 */
export function timeRange(what: string) {
  return {
    from: wholeNumber(0).optional().describe(`${what} at or after from (inclusive), epoch ms: the range is [from, to)`),
    to: wholeNumber(0).optional().describe(`${what} before to (exclusive), epoch ms: the range is [from, to); from = to is an empty range`),
  };
}

/** The reason code the error handler answers for a range whose `from` is after its `to` (see `ranged`). */
export const RANGE_CHECK = { code: 'INVALID_RANGE' } as const;

/** The 400 code a schema's own check answers in place of INVALID_REQUEST (a range's), so the OpenAPI document lists it for the routes that read the schema. */
export const NAMED_CODES = z.registry<{ readonly code: ErrorCode }>();

/** A query string with a `timeRange`, whose `from` after its `to` is 400 INVALID_RANGE at `to`, not an empty page. */
export function ranged<T extends z.ZodObject>(query: T): T {
  const checked = query.superRefine((value, context) => {
    const { from, to } = value as { from?: number; to?: number };
    if (from === undefined || to === undefined || from <= to) return;
    const message = `to ${to} is before from ${from}: the range [from, to) holds times at or after from and before to`;
    context.addIssue({ code: 'custom', path: ['to'], message, params: RANGE_CHECK, input: value });
  });
  NAMED_CODES.add(checked, RANGE_CHECK);
  return checked;
}

export const page = {
  limit: wholeNumber(1, MAX_PAGE_LIMIT).optional(),
  cursor: z.string().optional().describe('nextCursor from the previous page, unchanged; left out for the first page (an empty one, or any text no page handed out, is 400 INVALID_CURSOR)'),
};

/**
 * The body of a route every field of which is optional: no body at all (no content type, or the
 * JSON content type with nothing after it) reads as `{}`, as an empty JSON object does. Fastify
 * hands a missing body to the schema as null, so a JSON `null` reads as `{}` too.
 */
export function optionalBody<T extends z.ZodObject>(schema: T) {
  return schema.nullable().transform((body): z.output<T> => body ?? ({} as z.output<T>));
}

export const idParam = z.object({ id: wholeNumber(1) });
