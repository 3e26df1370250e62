// API key scopes ('read', 'trade', 'withdraw'), the schema for a scope list, and the check where 'trade' and 'withdraw' imply 'read'.
import { z } from 'zod';

export const API_KEY_SCOPES = ['read', 'trade', 'withdraw'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** At least one scope; duplicates are dropped and the result is in `API_KEY_SCOPES` order, so stored lists compare equal. */
export const apiKeyScopesSchema = z
  .array(z.enum(API_KEY_SCOPES))
  .min(1, 'An API key needs at least one scope.')
  .transform((scopes) => API_KEY_SCOPES.filter((s) => scopes.includes(s)));

/** Whether holding `held` allows an action that needs `needed`. */
function grants(held: ApiKeyScope, needed: ApiKeyScope): boolean {
  switch (held) {
    case 'read':
      return needed === 'read';
    // Placing orders without seeing balances, orders and fills is not a useful key, so trade includes read.
    case 'trade':
      return needed === 'trade' || needed === 'read';
    // Money leaving the account is a scope of its own: a trading program's key cannot take cash out.
    case 'withdraw':
      return needed === 'withdraw' || needed === 'read';
  }
}

/** The scopes of a stored key ("read,trade"), known ones only, in `API_KEY_SCOPES` order. */
export function parseScopes(stored: string): ApiKeyScope[] {
  const listed = stored.split(',');
  return API_KEY_SCOPES.filter((scope) => listed.includes(scope));
}

export function hasScope(scopes: readonly ApiKeyScope[], needed: ApiKeyScope): boolean {
  return scopes.some((held) => grants(held, needed));
}
