// Tests: API key scope lists and the rule that 'trade' implies 'read'.
import { describe, expect, it } from 'vitest';
import { apiKeyScopesSchema, hasScope } from './api-key-scopes.ts';

describe('hasScope', () => {
  it('read grants only read', () => {
    expect(hasScope(['read'], 'read')).toBe(true);
    expect(hasScope(['read'], 'trade')).toBe(false);
  });

  it('trade implies read', () => {
    expect(hasScope(['trade'], 'trade')).toBe(true);
    expect(hasScope(['trade'], 'read')).toBe(true);
  });

  it('an empty list grants nothing', () => {
    expect(hasScope([], 'read')).toBe(false);
    expect(hasScope([], 'trade')).toBe(false);
  });
});

describe('apiKeyScopesSchema', () => {
  it('dedupes and orders valid lists', () => {
    expect(apiKeyScopesSchema.parse(['trade', 'read', 'trade'])).toEqual(['read', 'trade']);
    expect(apiKeyScopesSchema.parse(['read'])).toEqual(['read']);
  });

  it('rejects empty lists, unknown scopes and non-arrays', () => {
    for (const bad of [[], ['admin'], ['read', 'write'], 'read', undefined]) {
      expect(apiKeyScopesSchema.safeParse(bad).success).toBe(false);
    }
  });
});
