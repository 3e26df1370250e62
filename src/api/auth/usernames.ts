// The username rules: 3–32 ASCII letters, digits, `_`, `-`, `.`, and the normal form used for uniqueness.
import { z } from 'zod';

export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 32;

/**
 * ASCII only, so two different names can never look alike (no Cyrillic "а" posing as Latin "a").
 * The name keeps the case the user typed for display; see `normalizeUsername` for comparisons.
 */
export const usernameSchema = z
  .string()
  .min(USERNAME_MIN_LENGTH, `Username must be at least ${USERNAME_MIN_LENGTH} characters long.`)
  .max(USERNAME_MAX_LENGTH, `Username must be at most ${USERNAME_MAX_LENGTH} characters long.`)
  .regex(/^[A-Za-z0-9_.-]+$/, 'Username may contain only ASCII letters (a-z, A-Z), digits, "_", "-" and ".".');

/** The key for lookups and the store's unique index ("Alice" and "alice" are the same user): the store's own rule. */
export { normalizeUsername } from '../../store/users.ts';
