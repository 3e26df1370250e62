// Bodies a route does not take are refused, not ignored: `DELETE /orders {"symbol":"AAPL"}` must not cancel every symbol's orders.
import { z } from 'zod';
import { optionalBody } from './schemas.ts';
import type { ZodApp } from './zod-app.ts';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Gives every API route that sends a command without a body schema one that takes none (no body, null or {}); register before the routes. */
export function refuseStrayBodies(app: ZodApp): void {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!route.url.startsWith('/api/') || route.schema?.body !== undefined || methods.every((method) => READS.has(method))) return;
    route.schema = { ...route.schema, body: optionalBody(z.object({}).strict()) };
  });
}
