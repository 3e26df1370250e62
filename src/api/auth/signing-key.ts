// The server's Ed25519 key pair for access tokens: created once in the data directory, reloaded on restart.
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, CompactSign, compactVerify, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { z } from 'zod';

export const SIGNING_KEY_FILE = 'jwt-signing-key.json';
export const SIGNING_ALG = 'EdDSA';

/** Owner read/write only: the file holds the private key. */
const FILE_MODE = 0o600;

export interface SigningKey {
  /** RFC 7638 thumbprint of the public key, so the same key always has the same id. */
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  /** The public half as a JWK (with kid, alg, use), ready for a JWKS document. */
  readonly publicJwk: Readonly<JWK>;
}

const privateJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  d: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

/** Thrown when the key file exists but cannot be used; the server must not start with a new key silently. */
export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

/**
 * Loads `dir/jwt-signing-key.json`, or creates it when absent. The file only ever appears complete:
 * it is written to a temp file, fsynced, then linked into place. `link` is a rename that refuses to
 * replace an existing file, so when two processes race, both end up with the first key written.
 * A file that exists but is unreadable or invalid throws instead of being replaced, because a new
 * key would silently log everyone out and hide the fault.
 */
export async function loadOrCreateSigningKey(dir: string): Promise<SigningKey> {
  const path = join(dir, SIGNING_KEY_FILE);
  const existing = await readKeyFile(path);
  if (existing !== undefined) return existing;
  await mkdir(dir, { recursive: true });
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { crv: 'Ed25519', extractable: true });
  const { kty, crv, x, d } = await exportJWK(privateKey);
  await publishNoClobber(dir, path, `${JSON.stringify({ kty, crv, x, d }, null, 2)}\n`);
  const stored = await readKeyFile(path);
  if (stored === undefined) throw new SigningKeyError(`${path} vanished right after it was written`);
  return stored;
}

/** Undefined when the file does not exist; throws `SigningKeyError` when it exists but is unusable. */
async function readKeyFile(path: string): Promise<SigningKey | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw err;
  }
  await tightenMode(path);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SigningKeyError(`${path} is not valid JSON`);
  }
  const parsed = privateJwkSchema.safeParse(json);
  if (!parsed.success) throw new SigningKeyError(`${path} is not an Ed25519 private JWK`);
  return fromPrivateJwk(parsed.data, path);
}

/** Builds the key pair from the stored JWK; the private CryptoKey is not extractable from here on. */
async function fromPrivateJwk(jwk: z.infer<typeof privateJwkSchema>, path: string): Promise<SigningKey> {
  const publicBase = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
  const kid = await calculateJwkThumbprint(publicBase, 'sha256');
  let privateKey: CryptoKey | Uint8Array;
  let publicKey: CryptoKey | Uint8Array;
  try {
    // Node rejects a JWK whose `x` does not belong to its `d` here already.
    privateKey = await importJWK({ ...jwk }, SIGNING_ALG, { extractable: false });
    publicKey = await importJWK(publicBase, SIGNING_ALG);
  } catch {
    throw new SigningKeyError(`${path} holds an Ed25519 JWK that does not import`);
  }
  if (privateKey instanceof Uint8Array || publicKey instanceof Uint8Array) {
    throw new SigningKeyError(`${path} did not import as an asymmetric key`);
  }
  // A key pair that cannot verify its own signature would issue tokens nobody accepts: fail at start-up.
  const probe = await new CompactSign(new TextEncoder().encode('bourse-key-check')).setProtectedHeader({ alg: SIGNING_ALG }).sign(privateKey);
  try {
    await compactVerify(probe, publicKey, { algorithms: [SIGNING_ALG] });
  } catch {
    throw new SigningKeyError(`${path}: the public key does not match the private key`);
  }
  const publicJwk: JWK = Object.freeze({ ...publicBase, kid, alg: SIGNING_ALG, use: 'sig' });
  return Object.freeze({ kid, privateKey, publicKey, publicJwk });
}

/** Writes `text` to `path` atomically, mode 0600, leaving an existing `path` untouched. */
async function publishNoClobber(dir: string, path: string, text: string): Promise<void> {
  const temp = join(dir, `.${SIGNING_KEY_FILE}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(temp, 'wx', FILE_MODE);
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await link(temp, path);
    await unlink(temp);
  } catch (err) {
    if (isErrno(err, 'EEXIST')) {
      await unlink(temp);
      return;
    }
    // Some filesystems have no hard links; a plain rename is still atomic, only not no-clobber.
    if (isErrno(err, 'EPERM') || isErrno(err, 'ENOTSUP') || isErrno(err, 'EOPNOTSUPP')) {
      await rename(temp, path);
    } else {
      await unlink(temp).catch(() => undefined);
      throw err;
    }
  }
  await syncDir(dir);
}

/** Restores 0600 if someone widened it (a copy or a restore from backup); POSIX modes mean nothing on Windows. */
async function tightenMode(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const { mode } = await stat(path);
  if ((mode & 0o077) !== 0) await chmod(path, FILE_MODE);
}

async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

function isErrno(err: unknown, code: string): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === code;
}
