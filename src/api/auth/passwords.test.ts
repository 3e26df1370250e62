// Tests: argon2id hash/verify, malformed hashes, rehash detection and the password policy.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_HASH_OPTIONS, hashPassword, needsRehash, passwordPolicy, verifyPassword } from './passwords.ts';
import type { PasswordHashOptions } from './passwords.ts';

/** Cheap parameters so the suite stays fast; the defaults are exercised once below. */
const FAST: PasswordHashOptions = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe('hashPassword / verifyPassword', () => {
  it('round-trips and rejects a wrong password', async () => {
    const stored = await hashPassword('correct horse battery staple', FAST);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapl')).toBe(false);
    expect(await verifyPassword(stored, '')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password', FAST)).not.toBe(await hashPassword('same password', FAST));
  });

  it('uses argon2id with the default parameters', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const { memoryCost: m, timeCost: t, parallelism: p } = DEFAULT_PASSWORD_HASH_OPTIONS;
    expect(stored.startsWith(`$argon2id$v=19$m=${m},t=${t},p=${p}$`)).toBe(true);
    expect(m).toBeGreaterThanOrEqual(19_456);
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
  });

  it('treats composed and decomposed Unicode as the same password', async () => {
    const stored = await hashPassword('caf\u00e9 au lait', FAST);
    expect(await verifyPassword(stored, 'cafe\u0301 au lait')).toBe(true);
  });

  it('returns false, never throws, for malformed hashes', async () => {
    const good = await hashPassword('password1', FAST);
    const malformed = ['', 'garbage', '$argon2id$', '$argon2id$v=19$m=1024,t=1,p=1$', good.slice(0, -10), good.replace('argon2id', 'bcrypt'), '$2b$10$abcdefghijklmnopqrstuv'];
    for (const stored of malformed) {
      await expect(verifyPassword(stored, 'password1')).resolves.toBe(false);
    }
  });
});

describe('needsRehash', () => {
  it('is false for the current parameters and true otherwise', async () => {
    const stored = await hashPassword('password1', FAST);
    expect(needsRehash(stored, FAST)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
  });
});

describe('passwordPolicy', () => {
  it('accepts 8 to 128 characters with no composition rules', () => {
    for (const ok of ['aaaaaaaa', 'all lowercase words', 'x'.repeat(128), '        ', 'пароль-пароль']) {
      expect(passwordPolicy.safeParse(ok).success).toBe(true);
    }
  });

  it('rejects too short, too long and non-strings', () => {
    for (const bad of ['', 'short', 'x'.repeat(7), 'x'.repeat(129), 'x'.repeat(10_000), 12345678, undefined]) {
      expect(passwordPolicy.safeParse(bad).success).toBe(false);
    }
  });

  it('counts Unicode code points, not UTF-16 units', () => {
    expect(passwordPolicy.safeParse('😀'.repeat(4)).success).toBe(false); // 8 UTF-16 units, 4 characters
    expect(passwordPolicy.safeParse('😀'.repeat(128)).success).toBe(true); // 256 UTF-16 units, 128 characters
    expect(passwordPolicy.safeParse('😀'.repeat(129)).success).toBe(false);
  });
});
