// API key scopes: reading the stored list, what each allows, and the scopes a new key is created with (trade includes read).
import type { ApiKey } from '../../lib/api.ts';

export type KeyScope = 'read' | 'trade';

export const SCOPE_HINTS: Readonly<Record<KeyScope, string>> = {
  read: 'Account, balances, orders, fills, positions and market data.',
  trade: 'Also place, replace and cancel orders, deposit and withdraw. Includes read.',
};

/** The scopes of a stored key ("read,trade"), known ones only, in order. */
export function keyScopes(key: Pick<ApiKey, 'scopes'>): KeyScope[] {
  const listed = key.scopes.split(',').map((s) => s.trim());
  return (['read', 'trade'] as const).filter((scope) => listed.includes(scope));
}

export interface NewKeyValues {
  readonly label: string;
  readonly read: boolean;
  readonly trade: boolean;
}

export type NewKeyErrors = Partial<Record<'label' | 'scopes', string>>;

export type NewKeyResult = { readonly ok: true; readonly body: { label: string; scopes: KeyScope[] } } | { readonly ok: false; readonly errors: NewKeyErrors };

/** The POST body of a new key, or what is wrong with the form (the server checks the same). */
export function newKeyRequest(values: NewKeyValues): NewKeyResult {
  const label = values.label.trim();
  const scopes: KeyScope[] = values.trade ? ['read', 'trade'] : values.read ? ['read'] : [];
  const errors: NewKeyErrors = {};
  if (label === '') errors.label = 'Give the key a name, e.g. the program that uses it.';
  else if (label.length > 64) errors.label = 'At most 64 characters.';
  if (scopes.length === 0) errors.scopes = 'Choose at least one scope.';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body: { label, scopes } };
}
