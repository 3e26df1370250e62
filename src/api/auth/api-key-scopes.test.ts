// Tests: API key scope lists and the rule that 'trade' and 'withdraw' imply 'read' and nothing else.
import { describe, expect, it } from 'vitest';
import { apiKeyScopesSchema, hasScope, parseScopes } from './api-key-scopes.ts';

describe('hasScope', () => {
  it('read grants only read', () => {
    expect(hasScope(['read'], 'read')).toBe(true);
    expect(hasScope(['read'], 'trade')).toBe(false);
  });

  it('trade implies read, not withdraw', () => {
    expect(hasScope(['trade'], 'trade')).toBe(true);
    expect(hasScope(['trade'], 'read')).toBe(true);
    expect(hasScope(['trade'], 'withdraw')).toBe(false);
  });

  it('withdraw implies read, not trade', () => {
    expect(hasScope(['withdraw'], 'withdraw')).toBe(true);
    expect(hasScope(['withdraw'], 'read')).toBe(true);
    expect(hasScope(['withdraw'], 'trade')).toBe(false);
    expect(hasScope(['read', 'trade'], 'withdraw')).toBe(false);
  });

  it('an empty list grants nothing', () => {
    expect(hasScope([], 'read')).toBe(false);
    expect(hasScope([], 'trade')).toBe(false);
  });
});

describe('parseScopes', () => {
  it('reads a stored list, known scopes only, in order', () => {
    expect(parseScopes('trade,read')).toEqual(['read', 'trade']);
    expect(parseScopes('withdraw')).toEqual(['withdraw']);
    expect(parseScopes('read,admin')).toEqual(['read']);
  });
});

describe('apiKeyScopesSchema', () => {
  it('dedupes and orders valid lists', () => {
    expect(apiKeyScopesSchema.parse(['trade', 'read', 'trade'])).toEqual(['read', 'trade']);
    expect(apiKeyScopesSchema.parse(['read'])).toEqual(['read']);
    expect(apiKeyScopesSchema.parse(['withdraw', 'read'])).toEqual(['read', 'withdraw']);
  });

  it('rejects empty lists, unknown scopes and non-arrays', () => {
    for (const bad of [[], ['admin'], ['read', 'write'], 'read', undefined]) {
      expect(apiKeyScopesSchema.safeParse(bad).success).toBe(false);
    }
  });
});
