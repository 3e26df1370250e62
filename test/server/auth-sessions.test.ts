// Users and sessions over HTTP: register, login, refresh rotation and reuse detection, logout, password change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../support/http-client.ts';
import { expectError } from '../support/expect-error.ts';
import { TestPlatform } from '../support/platform.ts';
import { newTrader, PASSWORD, uniqueName } from '../support/traders.ts';
import type { SessionView } from '../support/views.ts';

const GRACE_MS = 1_000;
let platform: TestPlatform;
let anonymous: Api;
beforeAll(async () => {
  // A short grace for reused refresh tokens, so the test can wait past it (the default is 10 s).
  platform = await TestPlatform.start({ refreshReuseGraceMs: GRACE_MS });
  anonymous = platform.api();
});
afterAll(async () => {
  await platform.dispose();
});

/** The status of GET /me with an access token. */
async function meStatus(token: string): Promise<number> {
  return (await anonymous.withToken(token).call('GET', '/api/v1/me')).status;
}

describe('register and login', () => {
  it('registers a trader with an account, and refuses a taken name whatever its case', async () => {
    const name = uniqueName('Reg');
    const user = await anonymous.register(name, PASSWORD);
    expect(user).toMatchObject({ username: name.toLowerCase(), displayName: name, role: 'trader' });
    expect(user.accountId).toBeGreaterThan(0);
    expect(JSON.stringify(user)).not.toContain('argon2');
    expectError(await anonymous.call('POST', '/api/v1/auth/register', { json: { username: name.toUpperCase(), password: PASSWORD } }), 409, 'USERNAME_TAKEN');
  });

  it('refuses bad usernames and short passwords with 400', async () => {
    expectError(await anonymous.call('POST', '/api/v1/auth/register', { json: { username: 'a b', password: PASSWORD } }), 400, 'INVALID_REQUEST');
    // ë is a letter, but not an ASCII one: the message says which letters count.
    const accented = expectError(await anonymous.call('POST', '/api/v1/auth/register', { json: { username: 'zoë', password: PASSWORD } }), 400, 'INVALID_REQUEST');
    expect(accented.details).toEqual([{ path: 'username', message: 'Username may contain only ASCII letters (a-z, A-Z), digits, "_", "-" and ".".' }]);
    expectError(await anonymous.call('POST', '/api/v1/auth/register', { json: { username: uniqueName(), password: 'short' } }), 400, 'INVALID_REQUEST');
    // An oversized password is refused once, not once per length check.
    const long = expectError(await anonymous.call('POST', '/api/v1/auth/register', { json: { username: uniqueName(), password: 'x'.repeat(60_000) } }), 400, 'INVALID_REQUEST');
    expect(long).toEqual({ code: 'INVALID_REQUEST', message: 'The body is invalid: password: Password must be 8 to 128 characters long', details: [{ path: 'password', message: 'Password must be 8 to 128 characters long.' }] });
  });

  it('joins the problems of several fields into one clean sentence', async () => {
    const both = expectError(await anonymous.call('POST', '/api/v1/auth/register', { json: { username: 'ab', password: 'short' } }), 400, 'INVALID_REQUEST');
    expect(both.message).toBe('The body is invalid: username: Username must be at least 3 characters long; password: Password must be 8 to 128 characters long');
    expect(both.details).toEqual([
      { path: 'username', message: 'Username must be at least 3 characters long.' },
      { path: 'password', message: 'Password must be 8 to 128 characters long.' },
    ]);
  });

  it('logs in with the right password only, and the same answer for unknown users', async () => {
    const trader = await newTrader(platform.url);
    expectError(await anonymous.call('POST', '/api/v1/auth/login', { json: { username: trader.name, password: 'wrong password!' } }), 401, 'INVALID_CREDENTIALS');
    expectError(await anonymous.call('POST', '/api/v1/auth/login', { json: { username: uniqueName('ghost'), password: PASSWORD } }), 401, 'INVALID_CREDENTIALS');
    const session = await anonymous.login(trader.name.toUpperCase(), PASSWORD);
    expect(session.user.id).toBe(trader.user.id);
    expect(session.accessTokenExpiresAt).toBeGreaterThan(Date.now());
    const me = await anonymous.withToken(session.accessToken).get<{ user: { id: number; accountId: number }; keyId: string | null }>('/api/v1/me');
    expect(me.user).toMatchObject({ id: trader.user.id, accountId: trader.user.accountId });
    expect(me.keyId).toBeNull();
    expect(JSON.stringify(me)).not.toContain('passwordHash');
  });
});

describe('refresh tokens', () => {
  it('rotate: each refresh token works once (and for another tab just after), and a reused one ends the whole login', async () => {
    const trader = await newTrader(platform.url);
    const first = trader.session;
    const rotated = await anonymous.refresh(first.refreshToken);
    expect(rotated.status).toBe(200);
    const second = rotated.body as SessionView;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await meStatus(second.accessToken)).toBe(200);

    // The first token again at once: another tab of the login that read it before the rotation. It gets a pair of its own, and the other keeps working.
    const sibling = await anonymous.refresh(first.refreshToken);
    expect(sibling.status).toBe(200);
    const third = sibling.body as SessionView;
    expect(third.refreshToken).not.toBe(second.refreshToken);
    expect(await meStatus(third.accessToken)).toBe(200);
    expect(await meStatus(second.accessToken)).toBe(200);

    // Past the grace, the first token again is a replay. Its family is revoked, every fresh pair included.
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 100));
    expectError(await anonymous.refresh(first.refreshToken), 401, 'INVALID_TOKEN');
    expectError(await anonymous.refresh(second.refreshToken), 401, 'INVALID_TOKEN');
    expectError(await anonymous.refresh(third.refreshToken), 401, 'INVALID_TOKEN');
    expect(await meStatus(second.accessToken)).toBe(401);
    expect(await meStatus(third.accessToken)).toBe(401);
    expect(await meStatus(first.accessToken)).toBe(401);

    // Another login of the same user is a different family and lives on.
    const other = await anonymous.login(trader.name, PASSWORD);
    expect(await meStatus(other.accessToken)).toBe(200);
    expect((await anonymous.refresh(other.refreshToken)).status).toBe(200);
  });

  it('refuses malformed and unknown refresh tokens with 401 or 400, never more', async () => {
    expectError(await anonymous.refresh('not-a-token'), 401, 'INVALID_TOKEN');
    const trader = await newTrader(platform.url);
    const forged = trader.session.refreshToken.slice(0, -4) + (trader.session.refreshToken.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expectError(await anonymous.refresh(forged), 401, 'INVALID_TOKEN');
    expectError(await anonymous.call('POST', '/api/v1/auth/refresh', { json: {} }), 400, 'INVALID_REQUEST');
    // The forged attempt did not end the real login.
    expect((await anonymous.refresh(trader.session.refreshToken)).status).toBe(200);
  });
});

describe('logout', () => {
  it('revokes the refresh token and makes the access token of that login fail at once', async () => {
    const trader = await newTrader(platform.url);
    const other = await anonymous.login(trader.name, PASSWORD);
    const reply = await trader.api.call('POST', '/api/v1/auth/logout', { json: { refreshToken: trader.session.refreshToken } });
    expect(reply.status).toBe(204);
    expectError(await anonymous.refresh(trader.session.refreshToken), 401, 'INVALID_TOKEN');
    expectError(await trader.api.call('GET', '/api/v1/account/balances'), 401, 'INVALID_TOKEN');
    // Only that login ended.
    expect(await meStatus(other.accessToken)).toBe(200);
  });

  it('ends the login of the access token when no refresh token is sent', async () => {
    const trader = await newTrader(platform.url);
    expect((await trader.api.call('POST', '/api/v1/auth/logout', { json: {} })).status).toBe(204);
    expect(await meStatus(trader.session.accessToken)).toBe(401);
    expectError(await anonymous.refresh(trader.session.refreshToken), 401, 'INVALID_TOKEN');
  });

  it('with a refresh token alone, ends that login; with neither, is a 400', async () => {
    const trader = await newTrader(platform.url);
    expect((await anonymous.call('POST', '/api/v1/auth/logout', { json: { refreshToken: trader.session.refreshToken } })).status).toBe(204);
    expect(await meStatus(trader.session.accessToken)).toBe(401);
    expectError(await anonymous.call('POST', '/api/v1/auth/logout', { json: {} }), 400, 'INVALID_REQUEST');
  });
});

describe('password change', () => {
  it('needs the current password, ends every other login and keeps the current one', async () => {
    const trader = await newTrader(platform.url);
    const other = await anonymous.login(trader.name, PASSWORD);
    const newPassword = 'a brand new passphrase';

    expectError(await trader.api.call('POST', '/api/v1/auth/password', { json: { currentPassword: 'not the password', newPassword } }), 401, 'INVALID_CREDENTIALS');
    expect(await meStatus(other.accessToken)).toBe(200);

    const changed = await trader.api.call('POST', '/api/v1/auth/password', { json: { currentPassword: PASSWORD, newPassword } });
    expect(changed.status).toBe(204);
    // The other login: both tokens fail.
    expectError(await anonymous.withToken(other.accessToken).call('GET', '/api/v1/me'), 401, 'INVALID_TOKEN');
    expectError(await anonymous.refresh(other.refreshToken), 401, 'INVALID_TOKEN');
    // The current login goes on, and can still refresh.
    expect(await meStatus(trader.session.accessToken)).toBe(200);
    const refreshed = await anonymous.refresh(trader.session.refreshToken);
    expect(refreshed.status).toBe(200);
    expect(await meStatus((refreshed.body as SessionView).accessToken)).toBe(200);
    // Only the new password logs in now.
    expectError(await anonymous.call('POST', '/api/v1/auth/login', { json: { username: trader.name, password: PASSWORD } }), 401, 'INVALID_CREDENTIALS');
    expect((await anonymous.login(trader.name, newPassword)).user.id).toBe(trader.user.id);
  });

  it('is refused to API keys and to anonymous callers', async () => {
    const trader = await newTrader(platform.url);
    const key = await trader.api.createKey('bot', ['read', 'trade']);
    const body = { currentPassword: PASSWORD, newPassword: 'another passphrase' };
    expectError(await anonymous.withKey(key.id, key.secret).call('POST', '/api/v1/auth/password', { json: body }), 403, 'FORBIDDEN');
    expectError(await anonymous.call('POST', '/api/v1/auth/password', { json: body }), 401, 'UNAUTHENTICATED');
  });
});
