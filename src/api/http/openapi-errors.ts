// The OpenAPI document's view of what a route refuses and who may call it: its 4xx statuses with their reason codes, and its security, read off the route itself.
import type { RouteOptions } from 'fastify';
import { statusOf, type ErrorCode } from '../errors.ts';
import { SYMBOL_IN_PATH, type Refusal } from '../refusal-codes.ts';
import type { z } from 'zod';
import { guardNeeds } from './authenticate.ts';
import { NAMED_CODES } from './schemas.ts';

/** The component every error response refers to. */
export const ERROR_COMPONENT = 'Error';
const ERROR_REF = `#/components/schemas/${ERROR_COMPONENT}`;

/** What each 4xx status means, for its response's description. */
const MEANING: Readonly<Record<number, string>> = {
  400: 'The request is malformed: a field, the body, the query string or a path parameter (details lists each field)',
  401: 'Credentials are missing, expired or not valid (a route that needs none still checks any it is sent)',
  403: 'The caller may not do this: a scope or role is missing, or the user is disabled',
  404: 'Nothing with that id or symbol is yours, or it does not exist',
  409: 'It conflicts with what exists: a name or id is taken, or a limit of running work is reached',
  413: 'The body is larger than the server takes',
  415: 'The body is not application/json',
  422: 'Well-formed, but refused: the exchange, the account or its limits do not allow it',
  429: 'Too many requests; retry after the seconds in Retry-After',
  503: 'The service cannot take it now (shutting down, or its journal failed)',
};

const RETRY_AFTER = { 'Retry-After': { type: 'integer', description: 'Seconds to wait before trying again' } };

/** The security schemes of a route that takes either credential, and of one that takes a login only. */
type Security = Array<Record<string, string[]>>;
const EITHER_CREDENTIAL: Security = [{ bearer: [] }, { apiKeyId: [], apiKeySecret: [] }];
const LOGIN_ONLY: Security = [{ bearer: [] }];
const OPTIONAL_LOGIN: Security = [{}, { bearer: [] }];

/** Who may call the route: none needed (public) unless a guard asks for a login or either credential. */
export function securityOf(route: Pick<RouteOptions, 'onRequest' | 'config'>): Security {
  const needs = guardNeeds(route.onRequest);
  // `{}` is OpenAPI's "or no credentials at all".
  if (!needs) return route.config?.optionalLogin ? OPTIONAL_LOGIN : [];
  return needs.keys ? EITHER_CREDENTIAL : LOGIN_ONLY;
}

/** Methods whose requests may carry a body that the server reads. */
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every reason code the route can answer, by status: those every route of its kind does (bad
 * credentials, its guard, validation of what it reads, the body, paging cursors, a symbol in the
 * path, the rate limit) and the route's own `refusals`.
 */
export function refusalsOf(route: RouteOptions, own: readonly Refusal[] = []): Map<number, Set<ErrorCode>> {
  const found = new Map<number, Set<ErrorCode>>();
  const add = (code: ErrorCode, status = statusOf(code)) => found.set(status, (found.get(status) ?? new Set()).add(code));
  // Credentials are checked on every route that is sent some, a public one included.
  for (const code of ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'ACCOUNT_DISABLED'] as const) add(code);
  if (guardNeeds(route.onRequest)) for (const code of ['UNAUTHENTICATED', 'FORBIDDEN'] as const) add(code);
  const schema = (route.schema ?? {}) as { body?: unknown; params?: unknown; querystring?: unknown };
  // What the route reads is validated; a schema may name its own 400 code for a check of its own.
  const parts = [schema.body, schema.params, schema.querystring].filter((part) => part !== undefined) as z.ZodType[];
  if (parts.length > 0) add('INVALID_REQUEST');
  for (const named of parts.map((part) => NAMED_CODES.get(part))) if (named) add(named.code);
  if ([route.method].flat().some((method) => WITH_BODY.has(method))) for (const code of ['INVALID_REQUEST', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const) add(code);
  if (hasField(schema.querystring, 'cursor')) add('INVALID_CURSOR');
  // A symbol in the path names a resource, so one that is not listed is not there.
  if (hasField(schema.params, 'symbol')) add(SYMBOL_IN_PATH.code, SYMBOL_IN_PATH.status);
  if (route.config?.rateLimit !== false) add('RATE_LIMITED');
  for (const refusal of own) {
    if (typeof refusal === 'string') add(refusal);
    else add(refusal.code, refusal.status);
  }
  return found;
}

/** Whether a zod object schema, or the object a pipe reads, has the field. */
function hasField(schema: unknown, field: string): boolean {
  const zod = schema as { shape?: Record<string, unknown>; in?: unknown } | undefined;
  if (zod?.shape) return field in zod.shape;
  return zod?.in !== undefined && hasField(zod.in, field);
}

/** The route's error responses as the document gives them: each status with its codes as an enum on the one error shape. */
export function errorResponses(refusals: Map<number, Set<ErrorCode>>): Record<string, unknown> {
  const statuses = [...refusals.keys()].sort((a, b) => a - b);
  return Object.fromEntries(
    statuses.map((status) => {
      const codes = [...refusals.get(status)!].sort();
      const schema = { allOf: [{ $ref: ERROR_REF }, { type: 'object', properties: { code: { type: 'string', enum: codes } } }] };
      const response = { description: `${MEANING[status] ?? 'Refused'}. Codes: ${codes.join(', ')}`, content: { 'application/json': { schema } } };
      return [status, status === 429 ? { ...response, headers: RETRY_AFTER } : response];
    }),
  );
}

/** Anything else (500 INTERNAL, 503 UNAVAILABLE while shutting down), in the one error shape. */
export const DEFAULT_ERROR_RESPONSE = {
  description: 'An unexpected failure (500 INTERNAL) or the server shutting down (503 UNAVAILABLE)',
  content: { 'application/json': { schema: { $ref: ERROR_REF } } },
};
