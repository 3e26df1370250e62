// Tests: access tokens issue and verify, expire on an injected clock, and reject every forgery as 'invalid'.
import { base64url, decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { suiteTempDir } from '../../journal/test-support.ts';
import { AccessTokens, DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS } from './access-tokens.ts';
import { loadOrCreateSigningKey } from './signing-key.ts';
import type { SigningKey } from './signing-key.ts';

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const subject = { userId: 42, role: 'trader', sessionId: 'fam_1' } as const;

const keyDir = suiteTempDir('bourse-auth-at-');
const otherKeyDir = suiteTempDir('bourse-auth-at-');
let key: SigningKey;
let otherKey: SigningKey;

beforeAll(async () => {
  key = await loadOrCreateSigningKey(keyDir);
  otherKey = await loadOrCreateSigningKey(otherKeyDir);
});

/** A clock the test moves by hand. */
function clock(start = T0): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

const enc = (value: unknown): string => base64url.encode(JSON.stringify(value));

function parts(token: string): [string, string, string] {
  const [h, p, s] = token.split('.');
  if (h === undefined || p === undefined || s === undefined) throw new Error('not a compact JWS');
  return [h, p, s];
}

/** A token signed with our real key but with chosen claims and header, to test each check in isolation. */
async function signRaw(claims: Record<string, unknown>, header: Record<string, unknown> = {}, signer: SigningKey = key): Promise<string> {
  const iat = Math.floor(T0 / 1000);
  return new SignJWT({ iss: 'bourse', aud: 'bourse-api', sub: '42', role: 'trader', sid: 'fam_1', iat, exp: iat + 900, ...claims })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: signer.kid, ...header })
    .sign(signer.privateKey);
}

describe('AccessTokens.issue / verify', () => {
  it('round-trips the subject with the expected header and claims', async () => {
    const tokens = new AccessTokens(key, { now: () => T0 });
    const issued = await tokens.issue(subject);
    expect(issued.expiresAt).toBe(T0 + DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS * 1000);
    expect(decodeProtectedHeader(issued.token)).toEqual({ alg: 'EdDSA', typ: 'at+jwt', kid: key.kid });
    expect(decodeJwt(issued.token)).toEqual({ iss: 'bourse', aud: 'bourse-api', sub: '42', role: 'trader', sid: 'fam_1', iat: T0 / 1000, exp: T0 / 1000 + 900 });
    expect(await tokens.verify(issued.token)).toEqual({
      ok: true,
      claims: { userId: 42, role: 'trader', sessionId: 'fam_1', issuedAt: T0, expiresAt: issued.expiresAt },
    });
  });

  it('is valid until exp and expired from exp on (injected clock)', async () => {
    const c = clock();
    const tokens = new AccessTokens(key, { now: c.now, lifetimeSeconds: 60 });
    const { token, expiresAt } = await tokens.issue({ ...subject, role: 'admin' });
    expect(expiresAt).toBe(T0 + 60_000);
    c.advance(59_999);
    expect((await tokens.verify(token)).ok).toBe(true);
    c.advance(1);
    expect(await tokens.verify(token)).toEqual({ ok: false, reason: 'expired' });
    c.advance(24 * 3600_000);
    expect(await tokens.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects bad constructor and subject values', async () => {
    expect(() => new AccessTokens(key, { lifetimeSeconds: 0 })).toThrow(RangeError);
    expect(() => new AccessTokens(key, { lifetimeSeconds: 1.5 })).toThrow(RangeError);
    const tokens = new AccessTokens(key);
    await expect(tokens.issue({ ...subject, userId: 0 })).rejects.toThrow(RangeError);
    await expect(tokens.issue({ ...subject, userId: 1.5 })).rejects.toThrow(RangeError);
    await expect(tokens.issue({ ...subject, sessionId: '' })).rejects.toThrow(RangeError);
  });
});

describe('AccessTokens.verify rejects', () => {
  const tokens = (): AccessTokens => new AccessTokens(key, { now: () => T0 });
  const invalid = { ok: false, reason: 'invalid' };

  it('a tampered payload', async () => {
    const [h, , s] = parts((await tokens().issue(subject)).token);
    const forged = `${h}.${enc({ ...decodeJwt((await tokens().issue(subject)).token), role: 'admin' })}.${s}`;
    expect(await tokens().verify(forged)).toEqual(invalid);
  });

  it('a tampered signature', async () => {
    const [h, p, s] = parts((await tokens().issue(subject)).token);
    // Change a middle character: the last one of an 86-char Ed25519 signature holds padding bits.
    const i = 10;
    const flipped = s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    expect(await tokens().verify(`${h}.${p}.${flipped}`)).toEqual(invalid);
    expect(await tokens().verify(`${h}.${p}.`)).toEqual(invalid);
  });

  it('a token signed by a different key, even with our kid', async () => {
    const foreign = await new AccessTokens(otherKey, { now: () => T0 }).issue(subject);
    expect(await tokens().verify(foreign.token)).toEqual(invalid);
    const [, p, s] = parts(foreign.token);
    expect(await tokens().verify(`${enc({ alg: 'EdDSA', typ: 'at+jwt', kid: key.kid })}.${p}.${s}`)).toEqual(invalid);
  });

  it('an expired token signed by another key is invalid, not expired', async () => {
    const foreign = await new AccessTokens(otherKey, { now: () => T0 - 3600_000 }).issue(subject);
    expect(await tokens().verify(foreign.token)).toEqual(invalid);
  });

  it("alg 'none' and other algorithms", async () => {
    const [, p] = parts((await tokens().issue(subject)).token);
    for (const alg of ['none', 'None', 'NONE']) {
      expect(await tokens().verify(`${enc({ alg, typ: 'at+jwt' })}.${p}.`)).toEqual(invalid);
    }
    // HS256 keyed with the public key bytes: the classic algorithm-confusion forgery.
    const hsKey = base64url.decode(String(key.publicJwk.x));
    const hs = await new SignJWT(decodeJwt((await tokens().issue(subject)).token)).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).sign(hsKey);
    expect(await tokens().verify(hs)).toEqual(invalid);
  });

  it('wrong audience, issuer or token type', async () => {
    expect(await tokens().verify(await signRaw({}))).toMatchObject({ ok: true });
    expect(await tokens().verify(await signRaw({ aud: 'other-api' }))).toEqual(invalid);
    expect(await tokens().verify(await signRaw({ aud: undefined }))).toEqual(invalid);
    expect(await tokens().verify(await signRaw({ iss: 'someone-else' }))).toEqual(invalid);
    expect(await tokens().verify(await signRaw({}, { typ: 'JWT' }))).toEqual(invalid);
    expect(await tokens().verify(await signRaw({}, { typ: undefined }))).toEqual(invalid);
  });

  it('validly signed tokens with malformed claims', async () => {
    const bad = [
      { sub: 'abc' },
      { sub: '0' },
      { sub: '-1' },
      { sub: '042' },
      { sub: '99999999999999999' },
      { sub: undefined },
      { role: 'root' },
      { role: undefined },
      { sid: '' },
      { sid: 5 },
      { exp: undefined },
      { iat: undefined },
    ];
    for (const claims of bad) expect(await tokens().verify(await signRaw(claims))).toEqual(invalid);
  });

  it('garbage strings', async () => {
    const garbage = ['', ' ', 'abc', 'a.b', 'a.b.c', '...', '.', 'Bearer x', 'eyJ.eyJ.sig', `${enc({ alg: 'EdDSA' })}..`, '\u0000', 'x'.repeat(100_000)];
    for (const token of garbage) expect(await tokens().verify(token)).toEqual(invalid);
    expect(await tokens().verify(undefined as unknown as string)).toEqual(invalid);
    expect(await tokens().verify(42 as unknown as string)).toEqual(invalid);
  });
});
