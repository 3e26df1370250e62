// The audit lines: who logged in (or failed to), registered, changed a password or a role, made or revoked an API key, or worked the kill switch; by id and address, never a secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestPlatform } from '../support/platform.ts';
import { adminApi, newTrader, PASSWORD, uniqueName } from '../support/traders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await TestPlatform.start();
});
afterAll(async () => {
  await platform.dispose();
});

function audits(action: string): Array<Record<string, unknown>> {
  return platform.logs.lines().filter((line) => line.audit === action);
}

describe('the audit log', () => {
  it('tells logins, failed logins, registrations and password changes, failed ones too, by user id, without the name typed or any secret', async () => {
    const trader = await newTrader(platform.url);
    expect(audits('registered').some((line) => line.userId === trader.user.id)).toBe(true);
    const api = platform.api();
    const failedBefore = audits('login failed').length;
    const wrong = await api.call('POST', '/api/v1/auth/login', { json: { username: trader.name, password: 'a wrong password' } });
    expect(wrong.status).toBe(401);
    // The id is for the log: the caller hears only that the name or password is wrong.
    expect(wrong.body).toEqual({ code: 'INVALID_CREDENTIALS', message: 'The username or password is wrong.', details: null });
    expect(audits('login failed')).toHaveLength(failedBefore + 1);
    expect(audits('login failed').at(-1)).toMatchObject({ userId: trader.user.id, address: '127.0.0.1' });
    // A password typed into the name field never reaches the log.
    const typedSecret = uniqueName('secretlike');
    expect((await api.call('POST', '/api/v1/auth/login', { json: { username: typedSecret, password: PASSWORD } })).status).toBe(401);
    expect(audits('login failed').at(-1)).toMatchObject({ userId: null });
    const session = await api.login(trader.name, PASSWORD);
    expect(audits('login').at(-1)).toMatchObject({ userId: trader.user.id });
    // A wrong current password is a line too, as a failed login is, and the password stays as it was.
    const failedChanges = audits('password change failed').length;
    const wrongCurrent = await api.withToken(session.accessToken).call('POST', '/api/v1/auth/password', { json: { currentPassword: 'a wrong current password', newPassword: 'never set password 3' } });
    expect(wrongCurrent.status).toBe(401);
    expect(wrongCurrent.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(audits('password change failed')).toHaveLength(failedChanges + 1);
    expect(audits('password change failed').at(-1)).toMatchObject({ userId: trader.user.id, actor: { userId: trader.user.id }, address: '127.0.0.1' });
    expect(audits('password changed').filter((line) => line.userId === trader.user.id)).toEqual([]);
    expect((await api.withToken(session.accessToken).call('POST', '/api/v1/auth/password', { json: { currentPassword: PASSWORD, newPassword: 'another password 2' } })).status).toBe(204);
    expect(audits('password changed').at(-1)).toMatchObject({ userId: trader.user.id, actor: { userId: trader.user.id } });
    const text = platform.logs.text;
    for (const secret of [typedSecret, PASSWORD, 'another password 2', 'a wrong password', 'a wrong current password', 'never set password 3', session.accessToken, session.refreshToken]) expect(text).not.toContain(secret);
  });

  it('tells role changes, API keys and the kill switch with the acting user', async () => {
    const admin = await adminApi(platform.url);
    const me = await admin.ok<{ user: { id: number } }>('GET', '/api/v1/me');
    const trader = await newTrader(platform.url);
    await admin.ok('PUT', `/api/v1/admin/users/${trader.user.id}/role`, { json: { role: 'admin' } });
    expect(audits('role changed').at(-1)).toMatchObject({ userId: trader.user.id, role: 'admin', actor: { userId: me.user.id } });
    const key = await trader.api.createKey('bot', ['trade']);
    expect(audits('api key created').at(-1)).toMatchObject({ keyId: key.id, scopes: ['trade'], actor: { userId: trader.user.id } });
    await trader.api.ok('DELETE', `/api/v1/api-keys/${key.id}`, {}, [204]);
    expect(audits('api key revoked').at(-1)).toMatchObject({ keyId: key.id });
    await trader.api.ok('POST', '/api/v1/risk/kill-switch', { json: { note: 'checking' } });
    expect(audits('kill switch on').at(-1)).toMatchObject({ accountId: trader.user.accountId, wasOn: false, note: 'checking' });
    await trader.api.ok('POST', '/api/v1/risk/reset', { json: {} });
    expect(audits('kill switch reset').at(-1)).toMatchObject({ accountId: trader.user.accountId, wasOn: true });
    expect(platform.logs.text).not.toContain(key.secret);
  });
});
