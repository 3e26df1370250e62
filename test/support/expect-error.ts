// Assertions on the API's one error shape: {code, message, details} (details null when there are none) with the expected status.
import { expect, type ExpectStatic } from 'vitest';
import type { Reply } from './http-client.ts';
import type { ErrorBody } from './views.ts';

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.code === 'string' && /^[A-Z_]+$/.test(body.code) && typeof body.message === 'string' && body.message.length > 0 && 'details' in body && body.details !== undefined;
}

/** The reply has this status and the error shape, with this code when one is given. */
export function expectError(reply: Reply<unknown>, status: number, code?: string): ErrorBody {
  return expectErrorWith(expect, reply, status, code);
}

/** `expectError` asserted with the given `expect`: a test that runs concurrently passes its own context's. */
export function expectErrorWith(check: ExpectStatic, reply: Reply<unknown>, status: number, code?: string): ErrorBody {
  check({ status: reply.status, body: reply.body }).toMatchObject({ status, ...(code === undefined ? {} : { body: { code } }) });
  check(isErrorBody(reply.body), `error shape of ${reply.text}`).toBe(true);
  return reply.body as ErrorBody;
}
