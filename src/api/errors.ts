// One error shape for every response, {code, message, details}, and the HTTP status of each code.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { REASONS, type ReasonCode } from '../core/reasons.ts';
import { describeIssues, fieldIssues, type FieldIssue, type SchemaIssue } from '../core/field-issues.ts';

/** Codes only the API produces; engine rejections use the engine's own reason codes. */
export const API_CODES = {
  UNAUTHENTICATED: 'Authentication is required: send a bearer access token or an API key.',
  TOKEN_EXPIRED: 'The access token has expired; refresh it.',
  INVALID_TOKEN: 'The token is not valid.',
  INVALID_CREDENTIALS: 'The username or password is wrong.',
  FORBIDDEN: 'You may not do this.',
  NOT_FOUND: 'Nothing is here.',
  USERNAME_TAKEN: 'That username is taken.',
  LAST_ADMIN: 'That would leave no admin: make another user an admin first.',
  RATE_LIMITED: 'Too many requests; retry after the time in Retry-After.',
  TOO_MANY_FAILED_LOGINS: 'Too many wrong passwords from this address; retry after the time in Retry-After.',
  TOO_MANY_REGISTRATIONS: 'Too many registrations from this address; retry after the time in Retry-After.',
  REGISTRATION_CLOSED: 'Registration is closed on this server: an admin creates users.',
  PAYLOAD_TOO_LARGE: 'The request body is too large.',
  BAD_URL: 'The URL does not decode: a % must start an escape of two hex digits, and the escapes must make UTF-8.',
  HEADERS_TOO_LARGE: 'The request headers are too large: at most 16 KiB in all.',
  MALFORMED_REQUEST: 'The request is not well-formed HTTP/1.1.',
  REQUEST_TIMEOUT: 'The request did not arrive in time; send it again.',
  UNSUPPORTED_MEDIA_TYPE: 'Send the body as application/json.',
  UNAVAILABLE: 'The service is shutting down or not ready; retry shortly.',
  INTERNAL: 'Something went wrong on our side; it has been logged.',
  INVALID_CHANNEL: 'That is not a channel: use trades:SYM, book:SYM, candles:SYM:INTERVAL, ticker:SYM, status:SYM, orders, fills or balances.',
  INVALID_CURSOR: 'The cursor is not one this API handed out; pass nextCursor from the previous page unchanged, or leave cursor out for the first page.',
  INVALID_RANGE: 'from is after to: a time range [from, to) holds what is at or after from and before to, so from must not be after to.',
  KILL_SWITCH_ACTIVE: 'The kill switch of the account is on: only sells of what it holds, and cancels, are accepted until it is reset.',
  RISK_LIMIT_BREACHED: 'A risk limit is still breached, so the kill switch cannot be reset yet.',
  UNKNOWN_STRATEGY: 'The strategy is neither a built-in one nor a strategy file that loads.',
  INVALID_PARAMS: "The params do not pass the strategy's schema.",
  INVALID_ALGO_PARAMS: 'The algo order does not fit its algorithm: see the message.',
  ALGO_LIMIT: 'Too many algo orders are running on the account; wait for one to end or cancel one.',
  INVALID_BACKTEST: 'The backtest request is invalid: see the message and details.',
  INVALID_OPTIMIZATION: 'The optimization request is invalid: see the message and details.',
  NO_DATA: 'There is no stored history for that symbol, kind and range.',
  BACKTEST_LIMIT: 'You have as many backtests and optimizations queued or running as allowed; wait for one to end or cancel one.',
} as const;

export type ApiCode = keyof typeof API_CODES;
export type ErrorCode = ApiCode | ReasonCode;

export interface ErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  /** Structured detail (validation issues, the limit breached, ...); null when there is none. */
  readonly details: unknown;
}

/** The error shape as JSON Schema, for the OpenAPI document. */
export const ERROR_BODY_SCHEMA = {
  type: 'object',
  description: 'Every error: a stable reason code, a message for people, and structured details (null when there are none).',
  required: ['code', 'message', 'details'],
  properties: {
    code: { type: 'string', description: 'A stable reason code, e.g. INVALID_REQUEST or INSUFFICIENT_FUNDS' },
    message: { type: 'string' },
    details: { description: 'Validation issues as [{path, message}], or what the refusal is about; null when there are none' },
  },
} as const;

const STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  INVALID_TOKEN: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  UNKNOWN_ORDER: 404,
  UNKNOWN_ACCOUNT: 404,
  USERNAME_TAKEN: 409,
  LAST_ADMIN: 409,
  ALREADY_EXISTS: 409,
  BACKTEST_LIMIT: 409,
  DUPLICATE_CLIENT_ORDER_ID: 409,
  BAD_URL: 400,
  MALFORMED_REQUEST: 400,
  REQUEST_TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  HEADERS_TOO_LARGE: 431,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  TOO_MANY_FAILED_LOGINS: 429,
  TOO_MANY_REGISTRATIONS: 429,
  REGISTRATION_CLOSED: 403,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** Malformed input is 400; a well-formed request the exchange refuses (funds, band, limits) is 422. */
export function statusOf(code: ErrorCode): number {
  const status = STATUS[code];
  if (status !== undefined) return status;
  return code.startsWith('INVALID_') ? 400 : 422;
}

export function messageOf(code: ErrorCode): string {
  return code in API_CODES ? API_CODES[code as ApiCode] : REASONS[code as ReasonCode];
}

/** Thrown by handlers to answer with a clean 4xx; the error handler turns it into the shape. */
export class ApiError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string = messageOf(code),
    readonly details?: unknown,
    /** Overrides the code's usual status, e.g. 404 for an unknown symbol in a path rather than in a body. */
    status: number = statusOf(code),
  ) {
    super(message);
    this.statusCode = status;
  }
}

/** The one error shape; `details` is always present, null when there are none. */
export function errorBody(code: ErrorCode, message = messageOf(code), details?: unknown): ErrorBody {
  return { code, message, details: details === undefined ? null : details };
}

/** How a validation message names the part of the request that failed, and the part itself when it is missing. */
const PARTS: Record<string, { readonly are: string; readonly whole: string; readonly field: 'body' | 'params' | 'query' | 'headers' }> = {
  body: { are: 'body is', whole: 'a JSON body', field: 'body' },
  params: { are: 'path parameters are', whole: 'the path parameters', field: 'params' },
  querystring: { are: 'query string is', whole: 'the query string', field: 'query' },
  headers: { are: 'headers are', whole: 'the headers', field: 'headers' },
};

/** Validation issues as `{path: "legs.0.qty", message}` for the details field: one per field. */
export function validationDetails(error: FastifyError, request?: FastifyRequest): FieldIssue[] | undefined {
  const issues = (error as { validation?: unknown }).validation;
  if (!Array.isArray(issues)) return undefined;
  const context = (error as { validationContext?: string }).validationContext ?? '';
  const part = PARTS[context];
  const input = request && part ? request[part.field] : undefined;
  return fieldIssues(issues as SchemaIssue[], input, part?.whole, context === 'querystring');
}

/**
 * The code of a validation refusal: INVALID_REQUEST, unless a schema check names a 400 code of its
 * own in its params (a range's, see `ranged` in http/schemas.ts).
 */
function validationCode(error: FastifyError): ErrorCode {
  const issues = (error as { validation?: unknown }).validation;
  for (const issue of Array.isArray(issues) ? issues : []) {
    const code = (issue as { params?: { params?: { code?: unknown } } }).params?.params?.code;
    if (typeof code === 'string' && code in API_CODES && statusOf(code as ApiCode) === 400) return code as ApiCode;
  }
  return 'INVALID_REQUEST';
}

/** Every error leaves as the one shape; only a genuine bug is a 5xx, and it is logged, not echoed. */
export function handleError(error: FastifyError | ApiError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof ApiError) {
    const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retryAfter === 'number') void reply.header('retry-after', retryAfter);
    void reply.status(error.statusCode).send(errorBody(error.code, error.message, error.details));
    return;
  }
  const details = validationDetails(error, request);
  if (details) {
    const where = PARTS[(error as { validationContext?: string }).validationContext ?? '']?.are ?? 'request is';
    void reply.status(400).send(errorBody(validationCode(error), `The ${where} invalid: ${describeIssues(details)}`, details));
    return;
  }
  if (error.name === 'ExchangeUnavailableError') return void reply.status(503).send(errorBody('UNAVAILABLE', (error as { publicMessage?: string }).publicMessage));
  const status = error.statusCode ?? 500;
  if (status === 503) return void reply.status(503).send(errorBody('UNAVAILABLE'));
  if (status === 413) return void reply.status(413).send(errorBody('PAYLOAD_TOO_LARGE'));
  if (status === 415) return void reply.status(415).send(errorBody('UNSUPPORTED_MEDIA_TYPE'));
  if (status === 429) return void reply.status(429).send(errorBody('RATE_LIMITED'));
  if (status >= 400 && status < 500) {
    void reply.status(400).send(errorBody('INVALID_REQUEST', error.message));
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  void reply.status(500).send(errorBody('INTERNAL'));
}
