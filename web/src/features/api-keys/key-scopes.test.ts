import { describe, expect, it } from 'vitest';
import { keyScopes, newKeyRequest } from './key-scopes.ts';

describe('keyScopes', () => {
  it('reads the stored list, ignoring unknown scopes', () => {
    expect(keyScopes({ scopes: 'read,trade' })).toEqual(['read', 'trade']);
    expect(keyScopes({ scopes: 'read' })).toEqual(['read']);
    expect(keyScopes({ scopes: 'trade, admin' })).toEqual(['trade']);
  });
});

describe('newKeyRequest', () => {
  it('sends a trimmed label; trade brings read along', () => {
    expect(newKeyRequest({ label: '  my bot ', read: true, trade: false })).toEqual({ ok: true, body: { label: 'my bot', scopes: ['read'] } });
    expect(newKeyRequest({ label: 'x', read: false, trade: true })).toEqual({ ok: true, body: { label: 'x', scopes: ['read', 'trade'] } });
  });

  it('needs a label of at most 64 characters and a scope', () => {
    const result = newKeyRequest({ label: ' ', read: false, trade: false });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.label).toMatch(/name/);
      expect(result.errors.scopes).toMatch(/at least one scope/);
    }
    const long = newKeyRequest({ label: 'a'.repeat(65), read: true, trade: false });
    expect(long.ok ? undefined : long.errors.label).toMatch(/64/);
  });
});
