// API keys for programs: create (secret shown once), list, revoke, and authenticate a request's key.
import type { ApiKeySummary, Store } from '../../store/index.ts';
import { ApiError } from '../errors.ts';
import { AccountDisabledError } from './auth-service.ts';
import { parseScopes, type ApiKeyScope } from './api-key-scopes.ts';
import { apiKeyIdSchema, hashSecret, newApiKey, secretMatches } from './opaque-secrets.ts';
import type { Principal } from './principal.ts';

interface KnownKey {
  readonly secretHash: string;
  readonly principal: Principal;
}

/** A live key of a disabled user: refused (once its secret matched) and never kept in memory, so enabling the user brings it back. */
interface DisabledKey {
  readonly secretHash: string;
  readonly disabledUserId: number;
}

/** A key as its owner sees it: never the secret's hash, and its scopes as a list. */
export type ApiKeyView = Omit<ApiKeySummary, 'scopes'> & { readonly scopes: ApiKeyScope[] };

function keyView(summary: ApiKeySummary): ApiKeyView {
  return { ...summary, scopes: parseScopes(summary.scopes) };
}

/** The refusal of a key that is unknown, revoked, or given with the wrong secret. */
export function invalidKeyError(): ApiError {
  return new ApiError('INVALID_TOKEN', 'The API key is not valid or has been revoked.');
}

/** How often a key's last-used time is written at most; every request would be a write otherwise. */
/** Only a login manages keys: a leaked key, read-only even, must not mint keys or knock out the owner's other programs. */
export const KEYS_NEED_A_LOGIN = {
  create: 'API keys cannot create API keys; log in to manage them.',
  revoke: 'API keys cannot revoke API keys; log in to manage them.',
} as const;

const TOUCH_EVERY_MS = 60_000;

/**
 * Keys are checked against an in-memory copy of their stored hash; revoking through this service
 * drops the copy at once, so a revoked key fails on its very next request.
 */
export class ApiKeyService {
  private readonly known = new Map<string, KnownKey>();
  private readonly touched = new Map<string, number>();
  private readonly revokeListeners = new Set<(keyId: string) => void>();
  /** Counts revocations, so a load that a revocation overtook reads the key again instead of caching it. */
  private revocations = 0;

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  async create(owner: Principal, label: string, scopes: readonly ApiKeyScope[]): Promise<ApiKeyView & { secret: string }> {
    if (owner.keyId !== undefined) throw new ApiError('FORBIDDEN', KEYS_NEED_A_LOGIN.create);
    const { keyId, secret } = newApiKey();
    const row = await this.store.apiKeys.insert({ id: keyId, userId: owner.userId, label, secretHash: hashSecret(secret), scopes: scopes.join(',') });
    const { secretHash: _hidden, ...summary } = row;
    return { ...keyView(summary), secret };
  }

  async list(owner: Principal): Promise<ApiKeyView[]> {
    return (await this.store.apiKeys.listForUser(owner.userId)).map(keyView);
  }

  async revoke(owner: Principal, keyId: string): Promise<void> {
    if (owner.keyId !== undefined) throw new ApiError('FORBIDDEN', KEYS_NEED_A_LOGIN.revoke);
    const revoked = apiKeyIdSchema.safeParse(keyId).success && (await this.store.apiKeys.revoke(owner.userId, keyId));
    if (!revoked) throw new ApiError('NOT_FOUND', 'You have no live API key with that id.');
    this.revocations++;
    this.known.delete(keyId);
    for (const listener of this.revokeListeners) listener(keyId);
  }

  /**
   * Calls `listener` with the id of each key revoked, synchronously, before `revoke` returns: whoever
   * holds an open connection on that key can cut it off before the owner hears it is revoked.
   * Returns how to stop listening.
   */
  onRevoked(listener: (keyId: string) => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  /**
   * The principal of a key and secret. Synchronous once the key is in memory (every request after
   * its first), so the hot path waits for no promise; a promise while the key is read from the store.
   */
  authenticate(keyId: string, secret: string): Principal | Promise<Principal> {
    const key = this.known.get(keyId);
    return key ? this.check(keyId, key, secret) : this.load(keyId).then((loaded) => this.check(keyId, loaded, secret));
  }

  /**
   * Whether `principal`, proven from its key's secret before, still stands: the key is the one in
   * memory still (not revoked, its user not disabled or changed since). A WebSocket connection asks
   * this for each message instead of hashing its secret again.
   */
  stillValid(principal: Principal): boolean {
    const keyId = principal.keyId;
    if (keyId === undefined || this.known.get(keyId)?.principal !== principal) return false;
    this.touch(keyId);
    return true;
  }

  /**
   * Forgets the keys of a user an admin disabled, so their next request reads the key again and
   * finds the user disabled. The keys stay live in the store: enabling the user brings them back.
   */
  forgetUser(userId: number): void {
    this.revocations++;
    for (const [keyId, key] of this.known) if (key.principal.userId === userId) this.known.delete(keyId);
  }

  private async load(keyId: string): Promise<KnownKey | DisabledKey> {
    const revocationsBefore = this.revocations;
    // A malformed id (it may come from a WebSocket message, NUL and all) never reaches the store.
    const row = apiKeyIdSchema.safeParse(keyId).success ? await this.store.apiKeys.findById(keyId) : undefined;
    if (!row || row.revokedAt !== null) throw invalidKeyError();
    const user = await this.store.users.findById(row.userId);
    if (!user) throw invalidKeyError();
    // A key revoked (or its user disabled) while it was being read must not go into the copy the next requests trust.
    if (this.revocations !== revocationsBefore) return this.load(keyId);
    if (user.status !== 'active') return { secretHash: row.secretHash, disabledUserId: user.id };
    const scopes = parseScopes(row.scopes);
    const key = this.known.get(keyId) ?? { secretHash: row.secretHash, principal: { userId: user.id, accountId: user.accountId, role: user.role, scopes, keyId } };
    this.known.set(keyId, key);
    return key;
  }

  private check(keyId: string, key: KnownKey | DisabledKey, secret: string): Principal {
    if (!secretMatches(key.secretHash, secret)) throw invalidKeyError();
    if ('disabledUserId' in key) throw new AccountDisabledError(key.disabledUserId);
    this.touch(keyId);
    return key.principal;
  }

  private touch(keyId: string): void {
    const now = this.now();
    if (now - (this.touched.get(keyId) ?? 0) < TOUCH_EVERY_MS) return;
    this.touched.set(keyId, now);
    void this.store.apiKeys.touchLastUsed(keyId).catch(() => undefined);
  }
}
