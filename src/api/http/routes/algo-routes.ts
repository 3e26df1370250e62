// Algo orders: start an execution algorithm (TWAP, VWAP, pegged, iceberg, stop, trailing stop) on your account, follow it, cancel it.
import { z } from 'zod';
import { algoSpecSchema } from '../../algos/algo-spec.ts';
import type { ApiContext } from '../../context.ts';
import { principalWith, requireScope } from '../authenticate.ts';
import { page, wholeNumber } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';
import { algoOrderSchema, pageSchema } from '../../response-schemas.ts';
import { ALGO_REFUSALS } from '../../refusal-codes.ts';
import { pageOf } from './paging.ts';

const tags = ['algo orders'];
const one = z.object({ algoOrder: algoOrderSchema });
/** Algo order ids are 32-bit in every store (PostgreSQL `integer`); a larger one would fail in the query, not match nothing. */
/** Algo order ids are 32-bit integers in the store (PostgreSQL `integer`). */
const MAX_ALGO_ORDER_ID = 2 ** 31 - 1;
const algoIdParam = z.object({ id: wholeNumber(1, MAX_ALGO_ORDER_ID) });

export function algoRoutes(app: ZodApp, ctx: ApiContext): void {
  app.post('/api/v1/algo-orders', { onRequest: requireScope('trade'), config: { success: { 201: 'The new algo order' }, responses: { 201: one }, refusals: ALGO_REFUSALS }, schema: { tags, summary: 'Start an algo order: its child orders are ordinary orders of your account', body: algoSpecSchema } }, async (request, reply) => {
    const order = await ctx.algos.place(principalWith(request, 'trade'), request.body);
    return reply.status(201).send({ algoOrder: order });
  });

  app.get(
    '/api/v1/algo-orders',
    { onRequest: requireScope('read'), config: { responses: { 200: pageSchema(algoOrderSchema) } }, schema: { tags, summary: 'Your algo orders, running and ended, newest first', querystring: z.object({ ...page }).strict() } },
    async (request) => {
      const principal = principalWith(request, 'read');
      const { limit } = request.query;
      return pageOf(request, principal.accountId, (cursor) => ctx.algos.list(principal, { limit, cursor }), MAX_ALGO_ORDER_ID);
    },
  );

  app.get('/api/v1/algo-orders/:id', { onRequest: requireScope('read'), config: { responses: { 200: one }, refusals: ['NOT_FOUND'] }, schema: { tags, summary: 'One of your algo orders, running or ended, with its progress', params: algoIdParam } }, async (request) => {
    return { algoOrder: await ctx.algos.get(principalWith(request, 'read'), request.params.id) };
  });

  app.delete('/api/v1/algo-orders/:id', { onRequest: requireScope('trade'), config: { responses: { 200: one }, refusals: ['NOT_FOUND'] }, schema: { tags, summary: 'Cancel an algo order and its working child orders; what filled stays filled', params: algoIdParam } }, async (request) => {
    return { algoOrder: await ctx.algos.cancel(principalWith(request, 'trade'), request.params.id) };
  });
}
