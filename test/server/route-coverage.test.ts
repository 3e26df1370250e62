// The route list the bad-input sweep uses covers every route the server documents, with valid body templates.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { ROUTES } from '../support/routes.ts';
import { adminApi } from '../support/traders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, backend: 'sqlite' });
});
afterAll(async () => {
  await platform.dispose();
});

it('sweeps every documented route with bad input', async () => {
  const doc = await platform.api().get<{ paths: Record<string, Record<string, unknown>> }>('/docs/json');
  const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
  const swept = new Set(ROUTES.map((route) => `${route.method} ${route.path}`));
  expect(documented.filter((route) => !swept.has(route)).sort()).toEqual([]);
});

it('accepts every body template as it is, so the sweep mutates valid requests', async () => {
  const admin = await adminApi(platform.url);
  const refused: string[] = [];
  // The auth routes' templates are wrong on purpose (see routes.ts); a business refusal (404, 409, 422) is fine.
  for (const route of ROUTES.filter((r) => r.body !== undefined && !r.path.includes('/auth/'))) {
    const reply = await admin.call(route.method, route.path.replace(/:\w+/g, '1'), { json: route.body });
    if (reply.status === 400 || reply.status >= 500) refused.push(`${route.method} ${route.path} ${reply.status} ${reply.text.slice(0, 160)}`);
  }
  expect(refused).toEqual([]);
});
