import { describe, expect, it } from 'vitest';
import { keyScopes, newKeyRequest } from './key-scopes.ts';

describe('keyScopes', () => {
  it('reads the list, known scopes only, in order', () => {
    expect(keyScopes({ scopes: ['trade', 'read'] })).toEqual(['read', 'trade']);
    expect(keyScopes({ scopes: ['read'] })).toEqual(['read']);
    expect(keyScopes({ scopes: ['withdraw', 'admin'] })).toEqual(['withdraw']);
  });
});

describe('newKeyRequest', () => {
  it('sends a trimmed label; trade and withdraw bring read along', () => {
    expect(newKeyRequest({ label: '  my bot ', read: true, trade: false, withdraw: false })).toEqual({ ok: true, body: { label: 'my bot', scopes: ['read'] } });
    expect(newKeyRequest({ label: 'x', read: false, trade: true, withdraw: false })).toEqual({ ok: true, body: { label: 'x', scopes: ['read', 'trade'] } });
    expect(newKeyRequest({ label: 'x', read: false, trade: false, withdraw: true })).toEqual({ ok: true, body: { label: 'x', scopes: ['read', 'withdraw'] } });
  });

  it('needs a label of at most 64 characters and a scope', () => {
    const result = newKeyRequest({ label: ' ', read: false, trade: false, withdraw: false });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.label).toMatch(/name/);
      expect(result.errors.scopes).toMatch(/at least one scope/);
    }
    const long = newKeyRequest({ label: 'a'.repeat(65), read: true, trade: false, withdraw: false });
    expect(long.ok ? undefined : long.errors.label).toMatch(/64/);
  });
});
