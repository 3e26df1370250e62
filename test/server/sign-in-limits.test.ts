// Guessing limits over HTTP: wrong passwords per username and per address, password changes, registrations per address, and addresses behind a trusted proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../support/http-client.ts';
import { expectError } from '../support/expect-error.ts';
import { TestPlatform } from '../support/platform.ts';
import { PASSWORD, uniqueName } from '../support/traders.ts';

const WINDOW_MS = 15 * 60_000;
let clock = Date.now();
let platform: TestPlatform;
let api: Api;

beforeAll(async () => {
  platform = await TestPlatform.start({ signIn: { failuresPerName: 3, failuresPerAddress: 20, registrationsPerHour: 1_000, now: () => clock } });
  api = platform.api();
});
afterAll(async () => {
  await platform.dispose();
});

/** Each test guesses from its own address, so the per-address count starts at zero. */
let nextAddress = 1;
function from(): Record<string, string> {
  return { 'x-forwarded-for': `198.51.100.${nextAddress++}` };
}

function login(username: string, password: string, headers: Record<string, string>) {
  return api.call('POST', '/api/v1/auth/login', { json: { username, password }, headers });
}

describe('wrong passwords (no proxy trusted: every caller is the same address)', () => {
  it('refuses a username after 3 wrong passwords, even the right one, with Retry-After, and lets it in when the window closes', async () => {
    const name = uniqueName('guess');
    await api.register(name, PASSWORD);
    for (let i = 0; i < 3; i++) expectError(await login(name, 'not the password', {}), 401, 'INVALID_CREDENTIALS');
    // Any casing is the same user, and the right password is refused too while the window is open.
    const refused = await login(name.toUpperCase(), PASSWORD, {});
    const body = expectError(refused, 429, 'TOO_MANY_FAILED_LOGINS');
    expect(body.message).toBe('3 wrong passwords for this username from this address: password tries are refused for 15 minutes.');
    expect(body.details).toEqual({ retryAfterSeconds: 900 });
    expect(refused.headers.get('retry-after')).toBe('900');
    clock += WINDOW_MS;
    expect((await login(name, PASSWORD, {})).status).toBe(200);
  });

  it('forgets the wrong passwords once the right one is given', async () => {
    const name = uniqueName('typo');
    await api.register(name, PASSWORD);
    for (let i = 0; i < 2; i++) expectError(await login(name, 'not the password', {}), 401, 'INVALID_CREDENTIALS');
    expect((await login(name, PASSWORD, {})).status).toBe(200);
    for (let i = 0; i < 2; i++) expectError(await login(name, 'not the password', {}), 401, 'INVALID_CREDENTIALS');
    expect((await login(name, PASSWORD, {})).status).toBe(200);
  });

  it('counts wrong current passwords on a password change against the user', async () => {
    const name = uniqueName('change');
    await api.register(name, PASSWORD);
    const me = api.withToken((await api.login(name, PASSWORD)).accessToken);
    const change = (currentPassword: string) => me.call('POST', '/api/v1/auth/password', { json: { currentPassword, newPassword: 'a new password 1' } });
    for (let i = 0; i < 3; i++) expectError(await change('not the password'), 401, 'INVALID_CREDENTIALS');
    expectError(await change(PASSWORD), 429, 'TOO_MANY_FAILED_LOGINS');
    clock += WINDOW_MS;
    expect((await change(PASSWORD)).status).toBe(204);
  });

  it('keeps one count per username for logins and password changes', async () => {
    const name = uniqueName('shared');
    await api.register(name, PASSWORD);
    const me = api.withToken((await api.login(name, PASSWORD)).accessToken);
    const change = (currentPassword: string) => me.call('POST', '/api/v1/auth/password', { json: { currentPassword, newPassword: PASSWORD } });
    // Wrong logins lock the password change too.
    for (let i = 0; i < 3; i++) expectError(await login(name, 'not the password', {}), 401, 'INVALID_CREDENTIALS');
    expectError(await change(PASSWORD), 429, 'TOO_MANY_FAILED_LOGINS');
    clock += WINDOW_MS;
    // Wrong current passwords count toward the login's limit, and the right password at a login clears the count for both.
    for (let i = 0; i < 2; i++) expectError(await change('not the password'), 401, 'INVALID_CREDENTIALS');
    expectError(await login(name, 'not the password', {}), 401, 'INVALID_CREDENTIALS');
    expectError(await login(name, PASSWORD, {}), 429, 'TOO_MANY_FAILED_LOGINS');
    clock += WINDOW_MS;
    for (let i = 0; i < 2; i++) expectError(await change('not the password'), 401, 'INVALID_CREDENTIALS');
    expect((await login(name, PASSWORD, {})).status).toBe(200);
    expect((await change(PASSWORD)).status).toBe(204);
  });
});

describe('behind a trusted proxy', () => {
  let proxied: TestPlatform;
  beforeAll(async () => {
    proxied = await TestPlatform.start({ trustProxy: true, signIn: { failuresPerName: 3, failuresPerAddress: 5, registrationsPerHour: 2, now: () => clock } });
  });
  afterAll(async () => {
    await proxied.dispose();
  });
  const call = (path: string, json: unknown, headers: Record<string, string>) => proxied.api().call('POST', path, { json, headers });

  it('counts per client address: a guesser elsewhere cannot lock the owner out', async () => {
    const name = uniqueName('owner');
    await proxied.api().register(name, PASSWORD);
    const guesser = from();
    for (let i = 0; i < 3; i++) expectError(await call('/api/v1/auth/login', { username: name, password: 'guess' }, guesser), 401, 'INVALID_CREDENTIALS');
    expectError(await call('/api/v1/auth/login', { username: name, password: PASSWORD }, guesser), 429, 'TOO_MANY_FAILED_LOGINS');
    expect((await call('/api/v1/auth/login', { username: name, password: PASSWORD }, from())).status).toBe(200);
  });

  it('refuses an address that guesses at many usernames', async () => {
    const guesser = from();
    for (let i = 0; i < 5; i++) expectError(await call('/api/v1/auth/login', { username: uniqueName('who'), password: 'guess' }, guesser), 401, 'INVALID_CREDENTIALS');
    const body = expectError(await call('/api/v1/auth/login', { username: uniqueName('who'), password: 'guess' }, guesser), 429, 'TOO_MANY_FAILED_LOGINS');
    expect(body.message).toBe('5 wrong passwords from this address: password tries are refused for 15 minutes.');
  });

  it('lets one address register twice an hour', async () => {
    const address = from();
    for (let i = 0; i < 2; i++) expect((await call('/api/v1/auth/register', { username: uniqueName('reg'), password: PASSWORD }, address)).status).toBe(201);
    const refused = await call('/api/v1/auth/register', { username: uniqueName('reg'), password: PASSWORD }, address);
    const body = expectError(refused, 429, 'TOO_MANY_REGISTRATIONS');
    expect(body.message).toBe('At most 2 registrations per hour from one address: try again in 1 hour.');
    expect(refused.headers.get('retry-after')).toBe('3600');
    expect((await call('/api/v1/auth/register', { username: uniqueName('reg'), password: PASSWORD }, from())).status).toBe(201);
    clock += 3_600_000;
    expect((await call('/api/v1/auth/register', { username: uniqueName('reg'), password: PASSWORD }, address)).status).toBe(201);
  });
});
