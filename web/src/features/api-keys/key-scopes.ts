// API key scopes: reading a key's list, what each allows, and the scopes a new key is created with (trade and withdraw include read).
import type { ApiKey } from '../../lib/api.ts';

export type KeyScope = 'read' | 'trade' | 'withdraw';
const KEY_SCOPES: readonly KeyScope[] = ['read', 'trade', 'withdraw'];

export const SCOPE_HINTS: Readonly<Record<KeyScope, string>> = {
  read: 'Account, balances, orders, fills, positions and market data.',
  trade: 'Also place, replace and cancel orders, run bots and deposit. Includes read.',
  withdraw: 'Also take cash or assets out of the account. Includes read; give it only to a program that pays out.',
};

/** The scopes of a key, known ones only, in order. */
export function keyScopes(key: Pick<ApiKey, 'scopes'>): KeyScope[] {
  return KEY_SCOPES.filter((scope) => key.scopes.includes(scope));
}

export interface NewKeyValues {
  readonly label: string;
  readonly read: boolean;
  readonly trade: boolean;
  readonly withdraw: boolean;
}

export type NewKeyErrors = Partial<Record<'label' | 'scopes', string>>;

export type NewKeyResult = { readonly ok: true; readonly body: { label: string; scopes: KeyScope[] } } | { readonly ok: false; readonly errors: NewKeyErrors };

/** The POST body of a new key, or what is wrong with the form (the server checks the same). */
export function newKeyRequest(values: NewKeyValues): NewKeyResult {
  const label = values.label.trim();
  // Trade and withdraw bring read along.
  const scopes = KEY_SCOPES.filter((scope) => values[scope] || (scope === 'read' && (values.trade || values.withdraw)));
  const errors: NewKeyErrors = {};
  if (label === '') errors.label = 'Give the key a name, e.g. the program that uses it.';
  else if (label.length > 64) errors.label = 'At most 64 characters.';
  if (scopes.length === 0) errors.scopes = 'Choose at least one scope.';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body: { label, scopes } };
}
