import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** The browser objects the client touches, kept in memory: localStorage, the window's timers and events, and fetch. */
function stubBrowser(answer: (path: string, authorized: boolean) => Promise<Response>): void {
  const stored = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
    removeItem: (key: string) => void stored.delete(key),
  });
  vi.stubGlobal('window', { addEventListener: () => undefined, setTimeout: () => 0, clearTimeout: () => undefined });
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => answer(new URL(url, 'http://bourse.test').pathname, 'authorization' in (init.headers as Record<string, string>)));
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const SESSION = { accessToken: 'access', refreshToken: 'refresh', accessTokenExpiresAt: Date.now() + 60_000, user: { id: 1, username: 'ann', role: 'trader' } };

describe('ApiClient when an admin disables the signed-in user', () => {
  beforeEach(() => vi.resetModules());
  afterEach(() => vi.unstubAllGlobals());

  it('ends the session once and sends every request that was in flight again without the token', async () => {
    // Both requests reach the server with the token; the first refusal comes back, and the second only after the first request went again.
    const refusalsHeld: Array<() => void> = [];
    stubBrowser(async (path, authorized) => {
      if (path === '/api/v1/auth/login') return json(200, SESSION);
      if (!authorized) {
        refusalsHeld.shift()?.();
        return json(200, { items: ['AAPL'] });
      }
      await new Promise<void>((resolve) => {
        refusalsHeld.push(resolve);
        if (refusalsHeld.length === 2) refusalsHeld.shift()!();
      });
      return json(403, { code: 'ACCOUNT_DISABLED', message: 'This user is disabled.' });
    });
    const { ApiClient } = await import('./api.ts');
    const client = new ApiClient();
    await client.login('ann', 'secret password');
    let tokenChanges = 0;
    client.onTokenChange(() => tokenChanges++);

    const answers = await Promise.all([client.get('/api/v1/tickers'), client.get('/api/v1/instruments')]);

    expect(answers).toEqual([{ items: ['AAPL'] }, { items: ['AAPL'] }]);
    expect(client.token).toBeUndefined();
    expect(client.hasSession).toBe(false);
    expect(tokenChanges).toBe(1);
  });

  it('passes the refusal on for a login request, which has no session to end', async () => {
    stubBrowser(() => Promise.resolve(json(403, { code: 'ACCOUNT_DISABLED', message: 'This user is disabled.' })));
    const { ApiClient } = await import('./api.ts');
    await expect(new ApiClient().login('ann', 'secret password')).rejects.toMatchObject({ status: 403, code: 'ACCOUNT_DISABLED' });
  });
});
