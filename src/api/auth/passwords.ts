// Password hashing with argon2id and the password policy (length only, after NIST SP 800-63B).
import { hash, parseOptions, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';
import { z } from 'zod';

/** argon2 cost parameters; tests lower them, production keeps the defaults. */
export interface PasswordHashOptions {
  /** Memory in KiB. */
  readonly memoryCost: number;
  /** Passes over memory. */
  readonly timeCost: number;
  /** Lanes; also part of the hash, so changing it needs a rehash. */
  readonly parallelism: number;
}

/**
 * 64 MiB, t=2, p=1: stronger than both OWASP argon2id minimums (19 MiB/t=2, 46 MiB/t=1) and about
 * 55 ms per hash or verify on the development machine, inside the ~100 ms login budget. @node-rs/argon2
 * runs on the libuv thread pool (4 threads by default), which bounds concurrent hashing to about
 * 256 MiB of memory.
 */
export const DEFAULT_PASSWORD_HASH_OPTIONS: PasswordHashOptions = Object.freeze({ memoryCost: 65_536, timeCost: 2, parallelism: 1 });

/**
 * `Algorithm` is an ambient const enum, which `isolatedModules` forbids reading, so the member's
 * value is written out: 2 is Argon2id.
 */
const ARGON2ID = 2 as Algorithm;

/** NFKC so that the same password typed as composed or decomposed Unicode verifies (SP 800-63B 5.1.1.2). */
function normalize(plain: string): string {
  return plain.normalize('NFKC');
}

/** Returns a PHC string (`$argon2id$v=19$m=...,t=...,p=...$salt$hash`) with a fresh random salt. */
export async function hashPassword(plain: string, options: PasswordHashOptions = DEFAULT_PASSWORD_HASH_OPTIONS): Promise<string> {
  return hash(normalize(plain), { algorithm: ARGON2ID, ...options });
}

/**
 * True only if `plain` matches `stored`. Never throws: a malformed or non-argon2 hash is a failed
 * login, not a server error. The cost parameters come from the stored hash itself.
 */
export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, normalize(plain));
  } catch {
    return false;
  }
}

/**
 * True when `stored` was made with other parameters than `options` (or cannot be parsed), so the
 * caller should rehash the password it just verified and store the new hash.
 */
export function needsRehash(stored: string, options: PasswordHashOptions = DEFAULT_PASSWORD_HASH_OPTIONS): boolean {
  try {
    const parsed = parseOptions(stored);
    return (
      parsed.algorithm !== ARGON2ID ||
      parsed.memoryCost !== options.memoryCost ||
      parsed.timeCost !== options.timeCost ||
      parsed.parallelism !== options.parallelism
    );
  } catch {
    return true;
  }
}

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Length in Unicode code points, as SP 800-63B counts characters (an emoji is one, not two). */
function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const lengthMessage = `Password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long.`;

/**
 * Length is the only rule. NIST SP 800-63B says verifiers SHALL NOT impose composition rules (such
 * as "one digit and one symbol"): they push people to predictable patterns and add no real
 * strength. All Unicode is allowed, spaces included, so passphrases work. The cheap UTF-16 cap runs
 * first so an oversized input is rejected without walking it.
 */
export const passwordPolicy = z
  .string()
  // abort: an input over the cap is refused once, without the length check below repeating the message.
  .max(PASSWORD_MAX_LENGTH * 2, { message: lengthMessage, abort: true })
  .refine((s) => {
    const n = codePoints(s);
    return n >= PASSWORD_MIN_LENGTH && n <= PASSWORD_MAX_LENGTH;
  }, lengthMessage);
