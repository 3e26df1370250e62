// The site around the API: the dashboard (or a start page until it is built), health and Prometheus metrics.
import { describeFailure } from '../../../platform/exchange.ts';
import type { ApiContext } from '../../context.ts';
import { errorBody } from '../../errors.ts';
import type { ZodApp } from '../zod-app.ts';
import { healthSchema } from '../../response-schemas.ts';
import { dashboardRoutes, webDistDir } from './dashboard-routes.ts';

const START_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bourse</title>
<style>body{font:16px/1.5 system-ui,sans-serif;background:#0d1117;color:#e6edf3;max-width:44rem;margin:3rem auto;padding:0 1rem}a{color:#58a6ff}code{background:#161b22;padding:.1rem .3rem;border-radius:4px}</style>
</head><body>
<h1>Bourse is running</h1>
<p>The exchange, the REST API and the WebSocket API are up. The web dashboard is not built yet: run <code>npm run build:web</code> and reload this page.</p>
<ul>
<li><a href="/docs">API documentation</a> (OpenAPI, try requests in the browser)</li>
<li><a href="/api/v1/instruments">Listed instruments</a> and <a href="/api/v1/tickers">24h tickers</a></li>
<li>WebSocket: <code>ws://this-host/ws</code></li>
<li><a href="/metrics">Prometheus metrics</a></li>
</ul>
</body></html>`;

export function siteRoutes(app: ZodApp, ctx: ApiContext, webDir = webDistDir()): void {
  dashboardRoutes(app, webDir, () => START_PAGE);

  ctx.metrics.watchFailure(() => ctx.exchange.failure !== undefined);

  // 503 once the exchange can take no more commands (its journal failed): only a restart helps, so
  // a HEALTHCHECK or a liveness probe must see it, and the one error shape says why.
  app.get('/healthz', { schema: { tags: ['site'], summary: 'Liveness and the journal position; 503 UNAVAILABLE once the journal has failed' }, config: { rateLimit: false, responses: { 200: healthSchema }, refusals: ['UNAVAILABLE'] } }, (_request, reply) => {
    const failure = ctx.exchange.failure;
    const journalSeq = ctx.exchange.committedSeq;
    if (failure === undefined) return { status: 'ok', journalSeq };
    const reason = describeFailure(failure);
    return reply.status(503).send(errorBody('UNAVAILABLE', reason, { status: 'failing', reason, journalSeq }));
  });

  app.get('/metrics', { schema: { hide: true }, config: { rateLimit: false } }, async (_request, reply) => {
    return reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
}
