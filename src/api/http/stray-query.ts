// Query parameters a route does not take are refused, not ignored: `POST /risk/kill-switch?accountId=7` must not turn on the caller's own switch.
import { z } from 'zod';
import type { ZodApp } from './zod-app.ts';

/** The routes of the API: under /api/, the compatible account paths, and the health check (not the dashboard's pages, whose addresses carry their own state). */
const API_PATH = /^\/(api\/|balance\/|holdings\/|healthz$)/;

/** Gives every API route without a query schema one that takes no parameters; register before the routes. */
export function refuseStrayQueries(app: ZodApp): void {
  app.addHook('onRoute', (route) => {
    if (!API_PATH.test(route.url) || route.schema?.querystring !== undefined) return;
    route.schema = { ...route.schema, querystring: z.object({}).strict() };
  });
}
