// The dashboard's serving: index.html for client routes, hashed assets with a long cache, API paths untouched, and the start page until a build exists.
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suiteTempDir } from '../../../journal/test-support.ts';
import { dashboardRoutes, isClientRoute, webDistDir } from './dashboard-routes.ts';

const dir = suiteTempDir('bourse-web-');
const dist = join(dir, 'dist');

async function appFor(distDir: string) {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  dashboardRoutes(app, distDir, () => '<p>run npm run build:web</p>');
  app.get('/api/v1/tickers', () => ({ tickers: [] }));
  await app.ready();
  return app;
}

const html = { accept: 'text/html,application/xhtml+xml' };

describe('dashboard routes', () => {
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not for you');

  it('serves index.html at / and at client routes, never cached', async () => {
    const app = await appFor(dist);
    for (const url of ['/', '/markets/AAPL', '/trading?tab=fills', '/login']) {
      const response = await app.inject({ method: 'GET', url, headers: html });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toBe('<div id="root"></div>');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-type']).toContain('text/html');
    }
  });

  it('serves hashed assets with a one-year immutable cache and refuses paths outside them', async () => {
    const app = await appFor(dist);
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    for (const url of ['/assets/..%2F..%2Fsecret.txt', '/assets/..%5C..%5Csecret.txt', '/assets/x/..%2F..%2F..%2Fsecret.txt']) {
      const escape = await app.inject({ method: 'GET', url });
      expect(escape.statusCode, url).toBe(404);
      expect(escape.body).not.toContain('not for you');
    }
  });

  it('leaves server paths and non-HTML requests to the API (404, not the app)', async () => {
    const app = await appFor(dist);
    expect((await app.inject({ method: 'GET', url: '/api/v1/tickers', headers: html })).json()).toEqual({ tickers: [] });
    for (const url of ['/api/v1/nope', '/ws', '/docs/nope', '/metrics/x', '/balance/1', '/holdings/1/2']) {
      expect((await app.inject({ method: 'GET', url, headers: html })).statusCode, url).toBe(404);
    }
    expect((await app.inject({ method: 'GET', url: '/trading', headers: { accept: 'application/json' } })).statusCode).toBe(404);
  });

  it('shows the start page with the build command until web/dist exists', async () => {
    const app = await appFor(join(dir, 'not-built'));
    const response = await app.inject({ method: 'GET', url: '/', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('npm run build:web');
  });

  it('finds web/dist next to the package.json above it', () => {
    expect(webDistDir(join(dir, 'a', 'b'))).toMatch(/web[/\\]dist$/);
    expect(isClientRoute('/markets/AAPL', 'text/html')).toBe(true);
    expect(isClientRoute('/api', 'text/html')).toBe(false);
    expect(isClientRoute('/apiary', 'text/html')).toBe(true);
    expect(isClientRoute('/markets', '*/*')).toBe(false);
  });
});
