// Tests: refresh token format and parsing, secret hashing and comparison, API key format.
import { describe, expect, it } from 'vitest';
import { apiKeyIdSchema, apiKeySecretSchema, hashSecret, newApiKey, newRefreshToken, parseToken, secretMatches } from './opaque-secrets.ts';

describe('refresh tokens', () => {
  it('are id.secret with 16 and 32 random bytes in base64url', () => {
    const t = newRefreshToken();
    expect(t.token).toBe(`${t.id}.${t.secret}`);
    expect(Buffer.from(t.id, 'base64url')).toHaveLength(16);
    expect(Buffer.from(t.secret, 'base64url')).toHaveLength(32);
    expect(t.token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(newRefreshToken().token).not.toBe(t.token);
  });

  it('parse back to their parts', () => {
    const t = newRefreshToken();
    expect(parseToken(t.token)).toEqual({ id: t.id, secret: t.secret });
  });

  it('parseToken rejects malformed input', () => {
    const { id, secret } = newRefreshToken();
    const bad = [
      '',
      '.',
      id,
      `${id}.`,
      `.${secret}`,
      `${id}.${secret}.x`,
      `${id}..${secret}`,
      `${id}.${secret}=`,
      `${id} .${secret}`,
      `${id}.${secret}\n`,
      `${id.slice(1)}.${secret}`,
      `${id}.${secret.slice(1)}`,
      `${id}.${secret}A`,
      `${id.slice(1)}+.${secret}`,
      `${id}.${secret.slice(1)}/`,
      'garbage',
      'x'.repeat(10_000),
    ];
    for (const token of bad) expect(parseToken(token)).toBeUndefined();
  });
});

describe('hashSecret / secretMatches', () => {
  it('hashes to SHA-256 hex', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('matches only the right secret', () => {
    const { secret } = newRefreshToken();
    const stored = hashSecret(secret);
    expect(secretMatches(stored, secret)).toBe(true);
    expect(secretMatches(stored, newRefreshToken().secret)).toBe(false);
    expect(secretMatches(stored, '')).toBe(false);
  });

  it('is false, not a throw, for stored hashes of a different length', () => {
    const { secret } = newRefreshToken();
    const stored = hashSecret(secret);
    for (const other of ['', stored.slice(0, -1), `${stored}0`, stored.slice(0, 32), `${stored}${stored}`]) {
      expect(secretMatches(other, secret)).toBe(false);
    }
  });

  it('is case-sensitive on the stored hex, which is always lower case', () => {
    const { secret } = newRefreshToken();
    expect(secretMatches(hashSecret(secret).toUpperCase(), secret)).toBe(false);
  });
});

describe('API keys', () => {
  it('have recognisable prefixes and validate against their schemas', () => {
    const key = newApiKey();
    expect(key.keyId).toMatch(/^bk_[A-Za-z0-9_-]{22}$/);
    expect(key.secret).toMatch(/^bs_[A-Za-z0-9_-]{43}$/);
    expect(apiKeyIdSchema.safeParse(key.keyId).success).toBe(true);
    expect(apiKeySecretSchema.safeParse(key.secret).success).toBe(true);
    expect(newApiKey().keyId).not.toBe(key.keyId);
  });

  it('reuse the secret hash and compare', () => {
    const key = newApiKey();
    expect(secretMatches(hashSecret(key.secret), key.secret)).toBe(true);
    expect(secretMatches(hashSecret(key.secret), newApiKey().secret)).toBe(false);
  });

  it('schemas reject swapped, truncated and foreign values', () => {
    const key = newApiKey();
    expect(apiKeyIdSchema.safeParse(key.secret).success).toBe(false);
    expect(apiKeySecretSchema.safeParse(key.keyId).success).toBe(false);
    expect(apiKeyIdSchema.safeParse(key.keyId.slice(0, -1)).success).toBe(false);
    expect(apiKeySecretSchema.safeParse(`${key.secret} `).success).toBe(false);
    expect(apiKeySecretSchema.safeParse(newRefreshToken().secret).success).toBe(false);
    expect(apiKeyIdSchema.safeParse(undefined).success).toBe(false);
  });
});
