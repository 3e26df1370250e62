// Routes for trading: place (single, OCO, bracket), read, list, cancel, cancel all, replace, and fills.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { OrderRow } from '../../../store/index.ts';
import type { ApiContext } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import { unknownSymbol } from '../../field-refusal.ts';
import type { PlacedOrders } from '../../trading-service.ts';
import { ordersJson, orderJson } from '../../order-json.ts';
import { fillView, orderView } from '../../views.ts';
import { principalWith, requireScope } from '../authenticate.ts';
import { bracketInput, clientOrderIdText, idParam, namedSymbol, ocoInput, orderInput, page, ranged, replaceInput, timeRange, wholeNumber } from '../schemas.ts';
import type { SuccessStatuses } from '../openapi.ts';
import type { ZodApp } from '../zod-app.ts';
import { fillSchema, orderAnswerSchema, orderSchema, pageSchema, placedOrderSchema, placedOrdersSchema } from '../../response-schemas.ts';
import { GROUP_REFUSALS, PLACEMENT_REFUSALS, REPLACE_REFUSALS } from '../../refusal-codes.ts';
import { pageOf } from './paging.ts';

const tags = ['orders'];
/** What Fastify sets for a JSON answer it serializes. */
const JSON_TYPE = 'application/json; charset=utf-8';
const orderFilters = ranged(
  z
    .object({
      symbol: namedSymbol.optional(),
      side: z.enum(['buy', 'sell']).optional(),
      status: z.enum(['open', 'closed', 'all', 'filled', 'cancelled', 'expired']).optional().describe('open: can still trade; closed: filled, cancelled or expired; or one closed status'),
      ...timeRange('Created'),
      ...page,
    })
    .strict(),
);

/** What `answer` below sends: 201 when placed now, 200 for the same request sent again with its client order id. */
const placed = (what: 'order' | 'orders'): SuccessStatuses => ({
  201: `The new ${what}, answered once durable`,
  200: `The original ${what} (replayed: true): the same request was sent before with its client order id, so nothing new was placed (other terms under that id are 409 DUPLICATE_CLIENT_ORDER_ID)`,
});

export function orderRoutes(app: ZodApp, ctx: ApiContext): void {
  const view = (row: OrderRow) => orderView(ctx.format, row);
  /** A list filtered by a symbol that is not listed is refused, not answered empty, so a mistyped symbol is told apart from one with no rows. */
  const listedFilter = (symbol: string | undefined): void => {
    if (symbol !== undefined && !ctx.exchange.engine.instrument(symbol)) throw unknownSymbol(symbol, { path: 'symbol' });
  };
  /**
   * 201 for a new order; 200 with the original when the same request came with its client order id before. A group
   * route always answers with `orders`, a replay included, so a retry reads like the first answer.
   */
  const answer = (reply: FastifyReply, placed: PlacedOrders, started: number, type: string) => {
    ctx.metrics.ackSeconds.child('http', type).observe((performance.now() - started) / 1000);
    const views = placed.orders.map(view);
    const single = type !== 'oco' && type !== 'bracket';
    // Written as text (the bytes JSON.stringify would give): the hot path's answer, serialized once.
    const body = single ? (views.length === 1 ? `{"order":${orderJson(views[0]!)},"replayed":${placed.replayed}}` : undefined) : `{"orders":${ordersJson(views)},"replayed":${placed.replayed}}`;
    void reply.status(placed.replayed ? 200 : 201);
    return body === undefined ? reply.send({ order: views[0], replayed: placed.replayed }) : reply.type(JSON_TYPE).send(body);
  };

  app.post('/api/v1/orders', { onRequest: requireScope('trade'), config: { success: placed('order'), responses: { 201: placedOrderSchema, 200: placedOrderSchema }, refusals: PLACEMENT_REFUSALS }, schema: { tags, summary: 'Place an order of any type', body: orderInput } }, async (request, reply) => {
    const started = performance.now();
    return answer(reply, await ctx.trading.placeOrder(principalWith(request, 'trade'), request.body), started, request.body.type);
  });

  app.post('/api/v1/orders/oco', { onRequest: requireScope('trade'), config: { success: placed('orders'), responses: { 201: placedOrdersSchema, 200: placedOrdersSchema }, refusals: GROUP_REFUSALS }, schema: { tags, summary: 'Place two orders that cancel each other', body: ocoInput } }, async (request, reply) => {
    const started = performance.now();
    return answer(reply, await ctx.trading.placeOco(principalWith(request, 'trade'), request.body.legs), started, 'oco');
  });

  app.post('/api/v1/orders/bracket', { onRequest: requireScope('trade'), config: { success: placed('orders'), responses: { 201: placedOrdersSchema, 200: placedOrdersSchema }, refusals: GROUP_REFUSALS }, schema: { tags, summary: 'Place an entry with a take-profit and a stop-loss', body: bracketInput } }, async (request, reply) => {
    const started = performance.now();
    return answer(reply, await ctx.trading.placeBracket(principalWith(request, 'trade'), request.body), started, 'bracket');
  });

  app.get('/api/v1/orders', { onRequest: requireScope('read'), config: { responses: { 200: pageSchema(orderSchema) }, refusals: ['UNKNOWN_SYMBOL'] }, schema: { tags, summary: 'Your orders, newest first', querystring: orderFilters } }, async (request) => {
    const principal = principalWith(request, 'read');
    listedFilter(request.query.symbol);
    const { cursor: _sent, ...filters } = request.query;
    const result = await pageOf(request, principal.accountId, (cursor) => ctx.store.orders.list(principal.accountId, { ...filters, cursor }));
    return { items: result.items.map(view), nextCursor: result.nextCursor };
  });

  app.get('/api/v1/orders/:id', { onRequest: requireScope('read'), config: { responses: { 200: orderAnswerSchema }, refusals: ['UNKNOWN_ORDER'] }, schema: { tags, summary: 'One of your orders by id', params: idParam } }, async (request) => {
    const row = await ctx.store.orders.byId(principalWith(request, 'read').accountId, request.params.id);
    if (!row) throw new ApiError('UNKNOWN_ORDER', 'You have no order with that id.');
    return { order: view(row) };
  });

  app.get(
    '/api/v1/orders/by-client-id/:clientOrderId',
    { onRequest: requireScope('read'), config: { responses: { 200: orderAnswerSchema }, refusals: ['UNKNOWN_ORDER'] }, schema: { tags, summary: 'One of your orders by client order id', params: z.object({ clientOrderId: clientOrderIdText }) } },
    async (request) => {
      const row = await ctx.store.orders.byClientOrderId(principalWith(request, 'read').accountId, request.params.clientOrderId);
      if (!row) throw new ApiError('UNKNOWN_ORDER', 'You have no order with that client order id.');
      return { order: view(row) };
    },
  );

  app.delete('/api/v1/orders/:id', { onRequest: requireScope('trade'), config: { responses: { 200: orderAnswerSchema }, refusals: ['UNKNOWN_ORDER'] }, schema: { tags, summary: 'Cancel one live order', params: idParam } }, async (request) => {
    return { order: view(await ctx.trading.cancel(principalWith(request, 'trade'), { orderId: request.params.id })) };
  });

  app.delete(
    '/api/v1/orders',
    { onRequest: requireScope('trade'), config: { responses: { 200: z.object({ cancelled: z.array(z.number().int()).describe('Ids of the orders cancelled') }) }, refusals: ['UNKNOWN_SYMBOL'] }, schema: { tags, summary: 'Cancel all your live orders, or those of one symbol', querystring: z.object({ symbol: namedSymbol.optional() }).strict() } },
    async (request) => {
      return { cancelled: await ctx.trading.cancelAll(principalWith(request, 'trade'), request.query.symbol) };
    },
  );

  app.patch(
    '/api/v1/orders/:id',
    { onRequest: requireScope('trade'), config: { responses: { 200: orderAnswerSchema }, refusals: REPLACE_REFUSALS }, schema: { tags, summary: 'Replace: a smaller qty keeps time priority; a new price or a larger qty loses it', params: idParam, body: replaceInput } },
    async (request) => {
      return { order: view(await ctx.trading.replace(principalWith(request, 'trade'), { orderId: request.params.id }, request.body)) };
    },
  );

  app.get(
    '/api/v1/fills',
    { onRequest: requireScope('read'), config: { responses: { 200: pageSchema(fillSchema) }, refusals: ['UNKNOWN_SYMBOL'] }, schema: { tags, summary: 'Your fills, newest first', querystring: z.object({ symbol: namedSymbol.optional(), orderId: wholeNumber(1).optional(), ...page }).strict() } },
    async (request) => {
      const principal = principalWith(request, 'read');
      listedFilter(request.query.symbol);
      const { cursor: _sent, ...filters } = request.query;
      const result = await pageOf(request, principal.accountId, (cursor) => ctx.store.fills.list(principal.accountId, { ...filters, cursor }));
      return { items: result.items.map((fill) => fillView(ctx.format, fill)), nextCursor: result.nextCursor };
    },
  );
}
