// Tests: username rules and the normal form used for uniqueness.
import { describe, expect, it } from 'vitest';
import { normalizeUsername, usernameSchema } from './usernames.ts';

describe('usernameSchema', () => {
  it('accepts 3–32 letters, digits, _, - and .', () => {
    for (const ok of ['bob', 'Alice_01', 'a.b-c', 'x'.repeat(32), '___']) {
      expect(usernameSchema.safeParse(ok).success).toBe(true);
    }
  });

  it('rejects other lengths and characters', () => {
    for (const bad of ['', 'ab', 'x'.repeat(33), 'has space', 'émile', 'аlice', 'a@b', 'a/b', 'tab\t', 42]) {
      expect(usernameSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('says the letters are ASCII ones, since "zoë" is refused though ë is a letter', () => {
    const refused = usernameSchema.safeParse('zoë');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.message)).toEqual(['Username may contain only ASCII letters (a-z, A-Z), digits, "_", "-" and ".".']);
  });
});

describe('normalizeUsername', () => {
  it('folds case so Alice and alice collide', () => {
    expect(normalizeUsername('Alice.B-1')).toBe('alice.b-1');
    expect(normalizeUsername('ALICE')).toBe(normalizeUsername('alice'));
  });
});
