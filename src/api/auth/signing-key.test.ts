// Tests: the signing key file is created 0600, reloads to the same kid, and bad files fail loudly.
import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../journal/test-support.ts';
import { AccessTokens } from './access-tokens.ts';
import { loadOrCreateSigningKey, SIGNING_KEY_FILE, SigningKeyError } from './signing-key.ts';

const posix = process.platform !== 'win32';
let dir: string;

beforeEach(async () => {
  dir = await tempDir('bourse-auth-key-');
});

describe('loadOrCreateSigningKey', () => {
  it('creates the key file with mode 0600 and no temp files left behind', async () => {
    const key = await loadOrCreateSigningKey(dir);
    expect(await readdir(dir)).toEqual([SIGNING_KEY_FILE]);
    if (posix) expect((await stat(join(dir, SIGNING_KEY_FILE))).mode & 0o777).toBe(0o600);
    const jwk = JSON.parse(await readFile(join(dir, SIGNING_KEY_FILE), 'utf8')) as Record<string, unknown>;
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect(typeof jwk.d).toBe('string');
    expect(key.kid).toBe(await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: String(jwk.x) }));
  });

  it('reloads the same key, so tokens survive a restart', async () => {
    const first = await loadOrCreateSigningKey(dir);
    const { token } = await new AccessTokens(first).issue({ userId: 7, role: 'trader', sessionId: 's1' });
    const second = await loadOrCreateSigningKey(dir);
    expect(second.kid).toBe(first.kid);
    expect(second.publicJwk).toEqual(first.publicJwk);
    const result = await new AccessTokens(second).verify(token);
    expect(result.ok).toBe(true);
  });

  it('creates the data directory when missing', async () => {
    const nested = join(dir, 'a', 'b');
    const key = await loadOrCreateSigningKey(nested);
    expect((await loadOrCreateSigningKey(nested)).kid).toBe(key.kid);
  });

  it('gives concurrent first starts one key', async () => {
    const keys = await Promise.all([loadOrCreateSigningKey(dir), loadOrCreateSigningKey(dir), loadOrCreateSigningKey(dir)]);
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect(await readdir(dir)).toEqual([SIGNING_KEY_FILE]);
  });

  it('exposes only the public half in publicJwk and keeps the private key non-extractable', async () => {
    const key = await loadOrCreateSigningKey(dir);
    expect(Object.keys(key.publicJwk).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    expect(key.privateKey.extractable).toBe(false);
  });

  it.runIf(posix)('tightens a widened file mode back to 0600', async () => {
    await loadOrCreateSigningKey(dir);
    await chmod(join(dir, SIGNING_KEY_FILE), 0o644);
    await loadOrCreateSigningKey(dir);
    expect((await stat(join(dir, SIGNING_KEY_FILE))).mode & 0o777).toBe(0o600);
  });

  it('refuses a corrupt file instead of replacing it', async () => {
    const path = join(dir, SIGNING_KEY_FILE);
    for (const text of ['', 'not json', '{}', JSON.stringify({ kty: 'RSA', n: 'x', e: 'AQAB' })]) {
      await writeFile(path, text, { mode: 0o600 });
      await expect(loadOrCreateSigningKey(dir)).rejects.toBeInstanceOf(SigningKeyError);
      expect(await readFile(path, 'utf8')).toBe(text);
    }
  });

  it('refuses a file whose public key does not belong to its private key', async () => {
    const other = await tempDir('bourse-auth-key-');
    await loadOrCreateSigningKey(dir);
    await loadOrCreateSigningKey(other);
    const a = JSON.parse(await readFile(join(dir, SIGNING_KEY_FILE), 'utf8')) as Record<string, string>;
    const b = JSON.parse(await readFile(join(other, SIGNING_KEY_FILE), 'utf8')) as Record<string, string>;
    await writeFile(join(dir, SIGNING_KEY_FILE), JSON.stringify({ ...a, x: b.x }), { mode: 0o600 });
    await expect(loadOrCreateSigningKey(dir)).rejects.toBeInstanceOf(SigningKeyError);
  });
});
