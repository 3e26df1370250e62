// Access-token forgery and misuse over HTTP: tampered, foreign-key, alg none, expired and garbage credentials are all 401.
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../support/expect-error.ts';
import type { Api } from '../support/http-client.ts';
import { ADMIN, TestPlatform } from '../support/platform.ts';
import { newTrader, type Trader } from '../support/traders.ts';

let platform: TestPlatform;
let anonymous: Api;
let trader: Trader;
beforeAll(async () => {
  platform = await TestPlatform.start();
  anonymous = platform.api();
  trader = await newTrader(platform.url);
});
afterAll(async () => {
  await platform.dispose();
});

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string): Record<string, unknown> => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

function parts(token: string): [string, string, string] {
  const [header = '', payload = '', signature = ''] = token.split('.');
  return [header, payload, signature];
}

/** GET /me with this Authorization header value; expects 401 with the error shape. */
async function expectRefused(authorization: string, code = 'INVALID_TOKEN'): Promise<void> {
  expectError(await anonymous.call('GET', '/api/v1/me', { headers: { authorization } }), 401, code);
}

describe('bearer tokens', () => {
  it('accepts the genuine token', async () => {
    expect((await trader.api.call('GET', '/api/v1/me')).status).toBe(200);
  });

  it('refuses a token whose payload was edited (another user, admin role)', async () => {
    const [header, payload, signature] = parts(trader.session.accessToken);
    const claims = decode(payload);
    await expectRefused(`Bearer ${header}.${b64({ ...claims, role: 'admin' })}.${signature}`);
    await expectRefused(`Bearer ${header}.${b64({ ...claims, sub: '1' })}.${signature}`);
    await expectRefused(`Bearer ${header}.${b64({ ...claims, exp: Number(claims.exp) + 86_400 })}.${signature}`);
  });

  it('refuses a token whose signature was edited', async () => {
    const [header, payload, signature] = parts(trader.session.accessToken);
    // A character from the middle: the last one may only carry padding bits.
    const i = Math.floor(signature.length / 2);
    const flipped = signature.slice(0, i) + (signature[i] === 'A' ? 'B' : 'A') + signature.slice(i + 1);
    await expectRefused(`Bearer ${header}.${payload}.${flipped}`);
    await expectRefused(`Bearer ${header}.${payload}.`);
    await expectRefused(`Bearer ${header}.${payload}`);
  });

  it('refuses a well-formed token signed with another key', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const claims = decode(parts(trader.session.accessToken)[1]);
    const forged = await new SignJWT({ role: 'admin', sid: String(claims.sid) })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: String(decode(parts(trader.session.accessToken)[0]).kid) })
      .setIssuer('bourse')
      .setAudience('bourse-api')
      .setSubject(String(trader.user.id))
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    await expectRefused(`Bearer ${forged}`);
  });

  it('refuses alg none, and an HMAC token keyed with the public key', async () => {
    const claims = decode(parts(trader.session.accessToken)[1]);
    await expectRefused(`Bearer ${b64({ alg: 'none', typ: 'at+jwt' })}.${b64({ ...claims, role: 'admin' })}.`);
    await expectRefused(`Bearer ${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims)}.`);
    const hmac = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).sign(new TextEncoder().encode('x'.repeat(32)));
    await expectRefused(`Bearer ${hmac}`);
  });

  it('refuses garbage Authorization headers, even on public routes', async () => {
    const garbage = ['Bearer', 'Bearer  ', 'Basic dXNlcjpwYXNz', 'Token abc', 'bearer a.b.c', 'Bearer a b', 'Bearer ....', `Bearer ${'x'.repeat(4000)}`, 'Bearer eyJhbGciOiJFZERTQSJ9.e30.AAAA', 'Bearer %00%ff'];
    for (const value of garbage) await expectRefused(value);
    expectError(await anonymous.call('GET', '/api/v1/instruments', { headers: { authorization: 'Bearer nonsense' } }), 401, 'INVALID_TOKEN');
  });

  it('refuses no credentials on private routes with UNAUTHENTICATED', async () => {
    for (const path of ['/api/v1/me', '/api/v1/orders', '/api/v1/account/balances', '/api/v1/fills', '/api/v1/admin/users']) {
      expectError(await anonymous.call('GET', path), 401, 'UNAUTHENTICATED');
    }
    expectError(await anonymous.call('POST', '/api/v1/orders', { json: { symbol: 'AAPL', side: 'buy', type: 'market', qty: '1' } }), 401, 'UNAUTHENTICATED');
  });

  it('refuses half an API key and a wrong secret', async () => {
    const key = await trader.api.createKey('k', ['read']);
    expectError(await anonymous.call('GET', '/api/v1/me', { headers: { 'x-bourse-key-id': key.id } }), 401, 'INVALID_TOKEN');
    expectError(await anonymous.call('GET', '/api/v1/me', { headers: { 'x-bourse-key-secret': key.secret } }), 401, 'INVALID_TOKEN');
    expectError(await anonymous.withKey(key.id, `${key.secret.slice(0, -1)}${key.secret.endsWith('A') ? 'B' : 'A'}`).call('GET', '/api/v1/me'), 401, 'INVALID_TOKEN');
    expectError(await anonymous.withKey('bk_nope', key.secret).call('GET', '/api/v1/me'), 401, 'INVALID_TOKEN');
  });
});

describe('token lifetime', () => {
  it('an expired access token is 401 TOKEN_EXPIRED; the refresh token still renews it', async () => {
    const shortLived = await TestPlatform.start({ accessTokenLifetimeSeconds: 2 });
    try {
      const session = await shortLived.api().login(ADMIN.username, ADMIN.password);
      const api = shortLived.api().withToken(session.accessToken);
      expect((await api.call('GET', '/api/v1/me')).status).toBe(200);
      // JWT times are whole seconds, so a 2 s lifetime leaves more than one second to use the token.
      expect(session.accessTokenExpiresAt - Date.now()).toBeLessThanOrEqual(2_000);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, session.accessTokenExpiresAt - Date.now()) + 50));
      expectError(await api.call('GET', '/api/v1/me'), 401, 'TOKEN_EXPIRED');
      const renewed = await shortLived.api().refresh(session.refreshToken);
      expect(renewed.status).toBe(200);
    } finally {
      await shortLived.dispose();
    }
  });
});
