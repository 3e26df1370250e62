// The web dashboard: the built app in web/dist (hashed assets cached for a year, index.html never), and every client route falls back to it.
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ZodApp } from '../zod-app.ts';

/** Path prefixes that belong to the server, never to the dashboard's client-side routes. */
const SERVER_PREFIXES = ['/api', '/ws', '/docs', '/metrics', '/healthz', '/balance', '/holdings', '/assets'];

/** web/dist of the package this file belongs to (found by walking up to package.json, so it works from src/ and from a build in dist/). */
export function webDistDir(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return join(from, 'web', 'dist');
    dir = parent;
  }
  return join(dir, 'web', 'dist');
}

/** True for a GET a browser makes to show a page: an HTML navigation outside the server's own paths. */
export function isClientRoute(path: string, accept: string | undefined): boolean {
  if (!accept?.includes('text/html')) return false;
  return !SERVER_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Serves the dashboard from `distDir`. The files are read per request, so building the app while
 * the server runs takes effect at the next page load; until index.html exists, `fallbackPage` is
 * shown instead.
 */
export function dashboardRoutes(app: ZodApp, distDir: string, fallbackPage: () => string): void {
  // Only the reply.sendFile decoration; the routes below decide what is served and how it is cached.
  void app.register(fastifyStatic, { serve: false });
  const indexFile = join(distDir, 'index.html');

  const indexHtml = () => readFile(indexFile, 'utf8').catch(fallbackPage);
  const html = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' };

  const page = { schema: { hide: true }, config: { rateLimit: false } } as const;
  app.get('/', page, async (_request, reply) => reply.headers(html).send(await indexHtml()));

  // Vite names every asset by its content hash, so a file at a given URL never changes.
  app.get('/assets/*', page, (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    // A path out of the assets (`..`) has nothing at it: not found, as any other missing asset.
    if (file.split(/[\\/]/).includes('..')) return reply.callNotFound();
    return reply.sendFile(file, join(distDir, 'assets'), { maxAge: '365d', immutable: true });
  });

  app.get('/*', page, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (!isClientRoute(path, request.headers.accept)) return reply.callNotFound();
    return reply.headers(html).send(await indexHtml());
  });
}
