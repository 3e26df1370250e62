// Order entry over WebSocket: the same validation and trading service as REST, answered with an ack per message.
import { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import { hasScope } from '../auth/api-key-scopes.ts';
import type { ApiContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { bracketInput, clientOrderIdText, ocoInput, orderInput, replaceInput, wholeNumber } from '../http/schemas.ts';
import { ordersJson } from '../order-json.ts';
import { describeIssues, fieldIssues } from '../../core/field-issues.ts';
import { callerKey } from '../request-limit.ts';
import { orderView } from '../views.ts';
import type { OrderTarget, PlacedOrders } from '../trading-service.ts';

export const ORDER_OPS = ['place', 'placeOco', 'placeBracket', 'cancel', 'cancelAll', 'replace'] as const;
export type OrderOp = (typeof ORDER_OPS)[number];

/** Whether the op places orders: its ack is built from the command's own events (a replay's aside). */
export function isPlacement(op: OrderOp): boolean {
  return op === 'place' || op === 'placeOco' || op === 'placeBracket';
}

/** The message's part `what` ("order", "legs") by its schema, or INVALID_REQUEST with one issue per field. */
function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // The part is a field of the message: a problem with it as a whole (absent, not an object) is at its name.
  const details = fieldIssues(result.error.issues, value, what).map((issue) => (issue.path === '' ? { path: what, message: issue.message } : issue));
  throw new ApiError('INVALID_REQUEST', `The message is invalid: ${describeIssues(details)}`, details);
}

/** Which order a cancel or replace is for: by `orderId` or by `clientOrderId`, one of them. */
const orderTarget = z
  .object({ orderId: wholeNumber(1).optional(), clientOrderId: clientOrderIdText.optional() })
  .refine((target) => target.orderId !== undefined || target.clientOrderId !== undefined, { message: 'orderId or clientOrderId is required' })
  .refine((target) => target.orderId === undefined || target.clientOrderId === undefined, { path: ['clientOrderId'], message: 'give orderId or clientOrderId, not both' });

function targetOf(message: Record<string, unknown>): OrderTarget {
  const { orderId, clientOrderId } = parse(orderTarget, { orderId: message.orderId, clientOrderId: message.clientOrderId }, 'orderId');
  return clientOrderId !== undefined ? { clientOrderId } : { orderId: orderId! };
}

/** Runs one order-entry message for the caller and returns its ack as JSON text: `{type: "ack", id, op, ...}`. */
export async function handleOrderEntry(ctx: ApiContext, principal: Principal | undefined, op: OrderOp, message: Record<string, unknown>, id: string | number | undefined): Promise<string> {
  if (!principal) throw new ApiError('UNAUTHENTICATED', 'Order entry needs {"op":"auth"} first.');
  if (!hasScope(principal.scopes, 'trade')) throw new ApiError('FORBIDDEN', 'This API key lacks the trade scope.');
  // The caller's REST budget: order entry over WebSocket is no way around it. The refusal is the message's answer; the connection stays.
  const overBudget = ctx.requests.overBudget(callerKey(principal));
  if (overBudget) throw overBudget;
  const started = performance.now();
  // No closures per message: the loaders that run TypeScript sources name each one as it is made.
  switch (op) {
    case 'place': {
      const input = parse(orderInput, message.order, 'order');
      return placedAck(ctx, id, op, started, await ctx.trading.placeOrder(principal, input), input.type);
    }
    case 'placeOco':
      return placedAck(ctx, id, op, started, await ctx.trading.placeOco(principal, parse(ocoInput, { legs: message.legs }, 'legs').legs), 'oco');
    case 'placeBracket':
      return placedAck(ctx, id, op, started, await ctx.trading.placeBracket(principal, parse(bracketInput, message.bracket, 'bracket')), 'bracket');
    case 'cancel': {
      return JSON.stringify({ type: 'ack', id, op, order: orderView(ctx.format, await ctx.trading.cancel(principal, targetOf(message))) });
    }
    case 'cancelAll': {
      if (message.symbol !== undefined && typeof message.symbol !== 'string') throw new ApiError('INVALID_REQUEST', 'symbol must be a string.', [{ path: 'symbol', message: 'symbol must be a string' }]);
      const symbol = message.symbol;
      return JSON.stringify({ type: 'ack', id, op, cancelled: await ctx.trading.cancelAll(principal, symbol) });
    }
    case 'replace': {
      const target = targetOf(message);
      return JSON.stringify({ type: 'ack', id, op, order: orderView(ctx.format, await ctx.trading.replace(principal, target, parse(replaceInput, message.changes, 'changes'))) });
    }
  }
}

/** A placement's ack, `{type, id, op, replayed, orders}`, written field by field (the bytes JSON.stringify would give). */
function placedAck(ctx: ApiContext, id: string | number | undefined, op: OrderOp, started: number, result: PlacedOrders, type: string): string {
  ctx.metrics.ackSeconds.child('ws', type).observe((performance.now() - started) / 1000);
  const views = result.orders.map((row) => orderView(ctx.format, row));
  return `{"type":"ack"${id === undefined ? '' : `,"id":${JSON.stringify(id)}`},"op":"${op}","replayed":${result.replayed},"orders":${ordersJson(views)}}`;
}
