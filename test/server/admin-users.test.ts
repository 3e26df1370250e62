// An admin creates users and sets a forgotten password; with registration closed, only an admin creates users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../support/http-client.ts';
import { expectError } from '../support/expect-error.ts';
import { TestPlatform } from '../support/platform.ts';
import { adminApi, newTrader, PASSWORD, uniqueName } from '../support/traders.ts';
import type { UserView } from '../support/views.ts';

describe('users an admin manages', () => {
  let platform: TestPlatform;
  let admin: Api;
  beforeAll(async () => {
    platform = await TestPlatform.start();
    admin = await adminApi(platform.url);
  });
  afterAll(async () => {
    await platform.dispose();
  });

  it('creates a trader or an admin, who can log in, and refuses a taken name or a trader trying it', async () => {
    const name = uniqueName('made');
    const { user } = await admin.ok<{ user: UserView }>('POST', '/api/v1/admin/users', { json: { username: name, password: PASSWORD } });
    expect(user).toMatchObject({ username: name.toLowerCase(), role: 'trader' });
    expect((await platform.api().login(name, PASSWORD)).user.id).toBe(user.id);
    const other = await admin.ok<{ user: UserView }>('POST', '/api/v1/admin/users', { json: { username: uniqueName('boss'), password: PASSWORD, role: 'admin' } });
    expect(other.user.role).toBe('admin');
    expectError(await admin.call('POST', '/api/v1/admin/users', { json: { username: name, password: PASSWORD } }), 409, 'USERNAME_TAKEN');
    const trader = await newTrader(platform.url);
    expectError(await trader.api.call('POST', '/api/v1/admin/users', { json: { username: uniqueName(), password: PASSWORD } }), 403, 'FORBIDDEN');
  });

  it('sets a forgotten password: the old one and every login of the user stop working', async () => {
    const trader = await newTrader(platform.url);
    const api = platform.api();
    const fresh = 'set by the admin 1';
    const reply = await admin.call('PUT', `/api/v1/admin/users/${trader.user.id}/password`, { json: { password: fresh } });
    expect(reply.status).toBe(204);
    expectError(await trader.api.call('GET', '/api/v1/me'), 401);
    expectError(await api.call('POST', '/api/v1/auth/refresh', { json: { refreshToken: trader.session.refreshToken } }), 401);
    expectError(await api.call('POST', '/api/v1/auth/login', { json: { username: trader.name, password: PASSWORD } }), 401, 'INVALID_CREDENTIALS');
    expect((await api.login(trader.name, fresh)).user.id).toBe(trader.user.id);
    expectError(await admin.call('PUT', '/api/v1/admin/users/2147483647/password', { json: { password: fresh } }), 404, 'NOT_FOUND');
    const short = expectError(await admin.call('PUT', `/api/v1/admin/users/${trader.user.id}/password`, { json: { password: 'short' } }), 400, 'INVALID_REQUEST');
    expect(short.details).toEqual([{ path: 'password', message: 'Password must be 8 to 128 characters long.' }]);
    expectError(await trader.api.call('PUT', `/api/v1/admin/users/${trader.user.id}/password`, { json: { password: fresh } }), 401);
    // An admin's own password needs the current one, through POST /api/v1/auth/password.
    const me = await admin.ok<{ user: { id: number } }>('GET', '/api/v1/me');
    const own = expectError(await admin.call('PUT', `/api/v1/admin/users/${me.user.id}/password`, { json: { password: fresh } }), 403, 'FORBIDDEN');
    expect(own.message).toBe('Change your own password with POST /api/v1/auth/password, which asks for the current one.');
  });
});

describe('with registration closed', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await TestPlatform.start({ registration: 'closed' });
  });
  afterAll(async () => {
    await platform.dispose();
  });

  it('refuses to register anyone with 403 REGISTRATION_CLOSED, and an admin still creates users', async () => {
    const refused = expectError(await platform.api().call('POST', '/api/v1/auth/register', { json: { username: uniqueName(), password: PASSWORD } }), 403, 'REGISTRATION_CLOSED');
    expect(refused.message).toBe('Registration is closed on this server: ask an admin for a user (POST /api/v1/admin/users).');
    const admin = await adminApi(platform.url);
    const name = uniqueName('invited');
    expect((await admin.call('POST', '/api/v1/admin/users', { json: { username: name, password: PASSWORD } })).status).toBe(201);
    expect((await platform.api().login(name, PASSWORD)).user.username).toBe(name.toLowerCase());
  });
});
