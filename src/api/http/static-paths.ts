// A static path answers only its own methods: `GET /api/v1/orders/oco` is no route, not a read of an order whose id is "oco".
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { ZodApp } from './zod-app.ts';

/**
 * The router matches `GET /orders/oco` to `GET /orders/:id`, since `/orders/oco` has only a POST:
 * the caller would be told the id is not a number. Every route with a parameter first checks that
 * its path is not one of the static ones, and hands such a request to `notFound` (which names the
 * method and path), as a wrong method on any other static path is answered. Register before the
 * routes; the static paths are collected as they are registered and read per request.
 */
export function keepStaticPathsOutOfParameters(app: ZodApp, notFound: (request: FastifyRequest, reply: FastifyReply) => void): void {
  const staticPaths = new Set<string>();
  const shadowed: onRequestHookHandler = (request, reply, done) => {
    const query = request.url.indexOf('?');
    if (staticPaths.has(query < 0 ? request.url : request.url.slice(0, query))) return notFound(request, reply);
    done();
  };
  app.addHook('onRoute', (route) => {
    // A wildcard route (CORS preflights, static files) answers every path on purpose.
    if (route.url.includes('*')) return;
    if (!route.url.includes(':')) {
      staticPaths.add(route.url);
      return;
    }
    const own = route.onRequest;
    route.onRequest = own === undefined ? [shadowed] : [shadowed, ...(Array.isArray(own) ? own : [own])];
  });
}
