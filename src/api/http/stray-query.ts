// Query parameters a route does not take are refused, not ignored: `POST /risk/kill-switch?accountId=7` must not turn on the caller's own switch.
import { z } from 'zod';
import type { ZodApp } from './zod-app.ts';

/** Gives every API route without a query schema one that takes no parameters; register before the routes. */
export function refuseStrayQueries(app: ZodApp): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.schema?.querystring !== undefined) return;
    route.schema = { ...route.schema, querystring: z.object({}).strict() };
  });
}
