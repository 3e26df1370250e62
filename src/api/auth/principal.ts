// Who is calling: the user and account behind a request, and what the credential may do.
import type { ApiKeyScope } from './api-key-scopes.ts';
import type { UserRole } from './access-tokens.ts';

export interface Principal {
  readonly userId: number;
  readonly accountId: number;
  readonly role: UserRole;
  /** A login may do everything its user may; an API key only what its scopes allow. */
  readonly scopes: readonly ApiKeyScope[];
  /** The login (refresh-token family) behind an access token. */
  readonly sessionId?: string;
  /** When the access token behind the principal expires (epoch ms); none for an API key. */
  readonly expiresAt?: number;
  /** The API key behind a program's request. */
  readonly keyId?: string;
}
