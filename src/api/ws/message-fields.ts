// The top-level fields each WebSocket op takes: a message with another is refused, as a REST body with an unknown field is.
import { describeIssues, type FieldIssue } from '../../core/field-issues.ts';
import { echo } from '../echo.ts';
import { ApiError } from '../errors.ts';
import type { OrderOp } from './order-entry.ts';

type Op = 'ping' | 'auth' | 'subscribe' | 'unsubscribe' | OrderOp;

/** Beside `op` and `id`, which every message may carry; in the order the ops are listed to clients. */
const FIELDS: Readonly<Record<Op, readonly string[]>> = {
  auth: ['token', 'keyId', 'secret'],
  subscribe: ['channels'],
  unsubscribe: ['channels'],
  ping: [],
  place: ['order'],
  placeOco: ['legs'],
  placeBracket: ['bracket'],
  cancel: ['orderId', 'clientOrderId'],
  cancelAll: ['symbol'],
  replace: ['orderId', 'clientOrderId', 'changes'],
};

/** Every op, as a refusal of an unknown one lists them. */
export const WS_OPS = Object.keys(FIELDS) as readonly Op[];

function isOp(op: unknown): op is Op {
  return typeof op === 'string' && Object.hasOwn(FIELDS, op);
}

/**
 * Why the message's `id` or top-level fields are refused, or undefined. An id is echoed in the
 * answer, so it must be a string or a number; a field the op does not take would be ignored, so a
 * misspelt one (`"channel"`, `"orderID"`) is told rather than acted on without it. An unknown op is
 * left to the dispatcher, which lists the ops.
 */
export function messageFieldsRefusal(message: Readonly<Record<string, unknown>>): ApiError | undefined {
  const id = message.id;
  if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') {
    const details = [{ path: 'id', message: 'id must be a string or a number; the answer to the message carries it back' }];
    return new ApiError('INVALID_REQUEST', `The message is invalid: ${describeIssues(details)}`, details);
  }
  const op = message.op;
  if (!isOp(op)) return undefined;
  const takes = FIELDS[op];
  const details: FieldIssue[] = [];
  for (const key of Object.keys(message)) {
    if (key !== 'op' && key !== 'id' && !takes.includes(key)) details.push({ path: key, message: `${echo(key)} is not a field of a ${op} message` });
  }
  if (details.length === 0) return undefined;
  const fields = ['op', 'id', ...takes].join(', ');
  return new ApiError('INVALID_REQUEST', `The message is invalid: ${describeIssues(details)} (a ${op} message takes ${fields})`, details);
}
