// Opaque high-entropy secrets: refresh tokens and API keys, their SHA-256 storage hash and constant-time check.
import { hash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** 16 random bytes in base64url: an id that can be a primary key and is unguessable on its own. */
const ID_BYTES = 16;
/** 32 random bytes (256 bits) in base64url. */
const SECRET_BYTES = 32;
const ID_CHARS = 22;
const SECRET_CHARS = 43;
const B64URL = '[A-Za-z0-9_-]';

export const API_KEY_ID_PREFIX = 'bk_';
export const API_KEY_SECRET_PREFIX = 'bs_';

const REFRESH_TOKEN = new RegExp(`^(${B64URL}{${ID_CHARS}})\\.(${B64URL}{${SECRET_CHARS}})$`);

function randomBase64url(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export interface RefreshToken {
  /** Looks the token up in the store; not secret by itself. */
  readonly id: string;
  /** Stored only as `hashSecret(secret)`. */
  readonly secret: string;
  /** `${id}.${secret}`: what the client holds. */
  readonly token: string;
}

export function newRefreshToken(): RefreshToken {
  const id = randomBase64url(ID_BYTES);
  const secret = randomBase64url(SECRET_BYTES);
  return { id, secret, token: `${id}.${secret}` };
}

/** Splits a client-sent refresh token; undefined for anything not exactly in the issued format. */
export function parseToken(token: string): { id: string; secret: string } | undefined {
  const match = REFRESH_TOKEN.exec(token);
  if (!match) return undefined;
  const [, id, secret] = match;
  if (id === undefined || secret === undefined) return undefined;
  return { id, secret };
}

/**
 * SHA-256 hex of a secret, the only form the store keeps. A fast hash is right here: the secret is
 * 256 random bits, not a human-chosen password, so there is no dictionary to try and brute force
 * over 2^256 is out of reach whatever the hash speed. argon2 would only add ~50 ms and 64 MiB to
 * every refresh and every API request.
 */
export function hashSecret(secret: string): string {
  // The one-shot form: no Hash object per call, a third of the time of createHash on a short secret.
  return hash('sha256', secret, 'hex');
}

/**
 * Constant-time comparison of `hashSecret(secret)` with a stored hash. A stored value of the wrong
 * length is simply no match; the length of a SHA-256 hex digest is public, so returning early on it
 * leaks nothing. Every character is compared whatever the first difference, as timingSafeEqual
 * would, without making two buffers for it on every API request.
 */
export function secretMatches(storedHash: string, secret: string): boolean {
  const actual = hashSecret(secret);
  if (storedHash.length !== actual.length) return false;
  let difference = 0;
  for (let i = 0; i < actual.length; i++) difference |= storedHash.charCodeAt(i) ^ actual.charCodeAt(i);
  return difference === 0;
}

export interface ApiKey {
  /** `bk_…`: public, shown in lists and sent as `X-Bourse-Key-Id`. */
  readonly keyId: string;
  /** `bs_…`: shown to the user once, sent as `X-Bourse-Key-Secret`, stored as `hashSecret(secret)`. */
  readonly secret: string;
}

/** The prefixes let people (and secret scanners) recognise a leaked Bourse key at a glance. */
export function newApiKey(): ApiKey {
  return { keyId: API_KEY_ID_PREFIX + randomBase64url(ID_BYTES), secret: API_KEY_SECRET_PREFIX + randomBase64url(SECRET_BYTES) };
}

/** Header validation before any store lookup: a malformed value never reaches the database. */
export const apiKeyIdSchema = z.string().regex(new RegExp(`^${API_KEY_ID_PREFIX}${B64URL}{${ID_CHARS}}$`), 'Malformed API key id.');
export const apiKeySecretSchema = z.string().regex(new RegExp(`^${API_KEY_SECRET_PREFIX}${B64URL}{${SECRET_CHARS}}$`), 'Malformed API key secret.');
