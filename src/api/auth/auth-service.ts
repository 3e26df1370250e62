// Users and sessions: registration, login, token refresh, logout, password change, and credential checks.
import type { SetRoleResult, SetStatusResult, Store, UserStatus, UserSummary } from '../../store/index.ts';
import { ApiError } from '../errors.ts';
import type { AccessClaims, AccessTokens, UserRole } from './access-tokens.ts';
import { API_KEY_SCOPES } from './api-key-scopes.ts';
import { hashSecret, newRefreshToken, parseToken } from './opaque-secrets.ts';
import { hashPassword, verifyPassword, type PasswordHashOptions } from './passwords.ts';
import type { Principal } from './principal.ts';
import { RecentSet } from './recent-set.ts';

const VERIFIED_TOKENS_KEPT = 20_000;

/** The refusal of an access token whose login has ended. */
export function sessionEndedError(): ApiError {
  return new ApiError('INVALID_TOKEN', 'The session has ended; log in again.');
}

/**
 * INVALID_CREDENTIALS, with the user whose password was checked (null for a username that does not
 * exist), so the route can name them by id in its audit line without looking them up again. The id
 * stays on the server: the response is the code and message only.
 */
export class InvalidCredentialsError extends ApiError {
  constructor(
    readonly userId: number | null,
    message?: string,
  ) {
    super('INVALID_CREDENTIALS', message);
  }
}

/**
 * The refusal (403 ACCOUNT_DISABLED) of a disabled user's login, access token, refresh token or API
 * key, given only to a caller who proved the credentials: a wrong password or secret is refused as
 * it is for anyone. Carries the user for the route's audit line; the id stays on the server.
 */
export class AccountDisabledError extends ApiError {
  constructor(readonly userId: number) {
    super('ACCOUNT_DISABLED', 'This user is disabled; an admin can enable them again.');
  }
}

export interface Session {
  readonly accessToken: string;
  /** Epoch ms. */
  readonly accessTokenExpiresAt: number;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: number;
  readonly user: UserSummary;
}

/**
 * A rotated refresh token is honoured for this long after its rotation, so tabs of one login that
 * refresh together are not taken for a replay; after it, presenting it ends the login.
 */
export const REFRESH_REUSE_GRACE_MS = 10_000;

export interface AuthServiceOptions {
  readonly store: Store;
  readonly tokens: AccessTokens;
  /** Opens the engine account a new user trades on. */
  readonly openAccount: () => Promise<number>;
  readonly now?: () => number;
  readonly refreshLifetimeMs?: number;
  /** How long a rotated refresh token is still honoured (REFRESH_REUSE_GRACE_MS unless set): see RefreshTokensRepo.rotate. */
  readonly refreshReuseGraceMs?: number;
  readonly accessLifetimeMs: number;
  readonly passwordHashing?: PasswordHashOptions;
}

/**
 * Logins are refresh-token families; the family id is the session id inside access tokens. Ending
 * a session (logout, password change elsewhere) revokes its family in the store and remembers the
 * id for one access-token lifetime, so its outstanding access tokens stop working at once.
 */
export class AuthService {
  private readonly endedSessions: RecentSet;
  private readonly sessionEndListeners = new Set<(sessionId: string) => void>();
  private readonly disabledListeners = new Set<(userId: number) => void>();
  private readonly verifiedTokens = new Map<string, AccessClaims>();
  /** Users never change account; a role change drops the entry, a status change replaces it. */
  private readonly users = new Map<number, KnownUser>();
  private readonly now: () => number;
  private readonly refreshLifetimeMs: number;
  /** Verified so unknown usernames cost as much time as wrong passwords. */
  private decoyHash: Promise<string> | undefined;

  constructor(private readonly options: AuthServiceOptions) {
    this.now = options.now ?? Date.now;
    this.refreshLifetimeMs = options.refreshLifetimeMs ?? 30 * 86_400_000;
    this.endedSessions = new RecentSet(options.accessLifetimeMs, this.now);
  }

  async register(username: string, password: string, role: UserRole = 'trader'): Promise<UserSummary> {
    const { store } = this.options;
    if (await store.users.findByUsername(username)) throw new ApiError('USERNAME_TAKEN');
    const passwordHash = await hashPassword(password, this.options.passwordHashing);
    // The account first: an account without a user is harmless, a user without an account is not.
    const accountId = await this.options.openAccount();
    const created = await store.users.create({ username, displayName: username, passwordHash, role, accountId });
    if (!created.ok) throw new ApiError('USERNAME_TAKEN');
    return summary(created.user);
  }

  /**
   * Throws InvalidCredentialsError, naming the user checked, for a wrong password or an unknown
   * username (which costs the same time). A disabled user is told so (ACCOUNT_DISABLED) only after
   * their password matched: a guesser learns nothing of the account from the refusal.
   */
  async login(username: string, password: string): Promise<Session> {
    const user = await this.options.store.users.findByUsername(username);
    if (!user) {
      this.decoyHash ??= hashPassword('decoy password', this.options.passwordHashing);
      await verifyPassword(await this.decoyHash, password);
      throw new InvalidCredentialsError(null);
    }
    if (!(await verifyPassword(user.passwordHash, password))) throw new InvalidCredentialsError(user.id);
    if (user.status !== 'active') throw new AccountDisabledError(user.id);
    return this.startSession(summary(user), newRefreshToken().id);
  }

  /** Exchanges a refresh token for a new pair; an old token presented again ends its whole login. */
  async refresh(token: string): Promise<Session> {
    const parsed = parseToken(token);
    if (!parsed) throw new ApiError('INVALID_TOKEN', 'The refresh token is malformed.');
    const next = newRefreshToken();
    const result = await this.options.store.refreshTokens.rotate(
      parsed.id,
      hashSecret(parsed.secret),
      { id: next.id, tokenHash: hashSecret(next.secret), expiresAt: this.now() + this.refreshLifetimeMs },
      this.options.refreshReuseGraceMs ?? REFRESH_REUSE_GRACE_MS,
    );
    if (!result.ok) {
      if (result.reason === 'reused') {
        const row = await this.options.store.refreshTokens.findById(parsed.id);
        if (row) this.endSession(row.familyId);
      }
      throw new ApiError('INVALID_TOKEN', `The refresh token is ${result.reason === 'unknown' ? 'not valid' : result.reason}; log in again.`);
    }
    const user = await this.options.store.users.findById(result.userId);
    if (!user) throw new ApiError('INVALID_TOKEN');
    // Read after the rotation: a refresh that overtook the disable's revocation still ends here.
    if (user.status !== 'active') throw new AccountDisabledError(user.id);
    return this.issue(summary(user), result.familyId, next.token, this.now() + this.refreshLifetimeMs);
  }

  /** Ends the login a refresh token belongs to; unknown tokens are ignored, so logout always succeeds. */
  async logout(token: string, principal?: Principal): Promise<void> {
    const parsed = parseToken(token);
    const row = parsed ? await this.options.store.refreshTokens.findById(parsed.id) : undefined;
    if (row && (!principal || principal.userId === row.userId) && row.tokenHash === hashSecret(parsed!.secret)) {
      await this.options.store.refreshTokens.revokeFamily(row.familyId);
      this.endSession(row.familyId);
    }
    if (principal?.sessionId) {
      await this.options.store.refreshTokens.revokeFamily(principal.sessionId);
      this.endSession(principal.sessionId);
    }
  }

  /**
   * Calls `listener` with the id of each login that ends (logout, a password change elsewhere, a
   * reused refresh token), synchronously, before the call that ended it returns: whoever holds an
   * open connection on that login can cut it off before the caller hears the login has ended.
   * Returns how to stop listening.
   */
  onSessionEnded(listener: (sessionId: string) => void): () => void {
    this.sessionEndListeners.add(listener);
    return () => this.sessionEndListeners.delete(listener);
  }

  private endSession(sessionId: string): void {
    this.endedSessions.add(sessionId);
    for (const listener of this.sessionEndListeners) listener(sessionId);
  }

  /**
   * Remembers the logins that ended within one access-token lifetime before start-up: the set of
   * ended sessions lives in memory, and without this a restart would revive their access tokens.
   */
  async restoreEndedSessions(): Promise<void> {
    const since = this.now() - this.options.accessLifetimeMs;
    const rows = await this.options.store.db.selectFrom('refreshTokens').select('familyId').distinct().where('revokedAt', '>=', since).execute();
    for (const row of rows) this.endedSessions.add(row.familyId);
  }

  /** Needs the current password; every other login of the user ends. */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    const { store } = this.options;
    const user = await store.users.findById(principal.userId);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) throw new InvalidCredentialsError(principal.userId, 'The current password is wrong.');
    await store.users.updatePasswordHash(user.id, await hashPassword(newPassword, this.options.passwordHashing));
    const others = await store.refreshTokens.familiesOfUser(user.id);
    for (const familyId of others) if (familyId !== principal.sessionId) this.endSession(familyId);
    await store.refreshTokens.revokeAllForUser(user.id, principal.sessionId);
  }

  /**
   * The principal behind a bearer access token, or the reason it is refused. A signature check
   * costs tens of microseconds, so verified tokens are remembered until they expire.
   */
  authenticateToken(token: string): Principal | Promise<Principal> {
    const claims = this.verifiedTokens.get(token);
    // Synchronous for a token seen before whose user is in memory: the hot path waits for no promise.
    return claims ? this.principalOf(claims) : this.verify(token).then((verified) => this.principalOf(verified));
  }

  private async verify(token: string): Promise<AccessClaims> {
    const verified = await this.options.tokens.verify(token);
    if (!verified.ok) throw new ApiError(verified.reason === 'expired' ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN');
    if (this.verifiedTokens.size >= VERIFIED_TOKENS_KEPT) this.verifiedTokens.clear();
    this.verifiedTokens.set(token, verified.claims);
    return verified.claims;
  }

  private principalOf(claims: AccessClaims): Principal | Promise<Principal> {
    if (claims.expiresAt <= this.now()) throw new ApiError('TOKEN_EXPIRED');
    const known = this.users.get(claims.userId);
    if (known) return principalFrom(claims, known, this.endedSessions.has(claims.sessionId));
    // Read even for an ended login: a disabled user is told so after a restart too (the read is once, the user is kept).
    return this.user(claims.userId).then((user) => principalFrom(claims, user, this.endedSessions.has(claims.sessionId)));
  }

  /**
   * An admin sets a user's password (one who forgot theirs): every login of the user ends, as a
   * password change ends the others; API keys stay, as they do on a change by the user.
   */
  async resetPassword(userId: number, newPassword: string): Promise<'ok' | 'no-such-user'> {
    const { store } = this.options;
    const user = await store.users.findById(userId);
    if (!user) return 'no-such-user';
    await store.users.updatePasswordHash(user.id, await hashPassword(newPassword, this.options.passwordHashing));
    for (const familyId of await store.refreshTokens.familiesOfUser(user.id)) this.endSession(familyId);
    await store.refreshTokens.revokeAllForUser(user.id);
    return 'ok';
  }

  /** Changes a user's role (admin only, checked by the caller); takes effect at the next request. The last admin stays one. */
  async setRole(userId: number, role: UserRole): Promise<SetRoleResult> {
    const result = await this.options.store.users.setRole(userId, role);
    this.users.delete(userId);
    return result;
  }

  /**
   * Disables or enables a user (admin only, checked by the caller). Disabling takes effect at once:
   * every access token of the user is refused from the next request (ACCOUNT_DISABLED), the
   * `onUserDisabled` listeners hear of it in the same turn (the key service forgets the user's keys,
   * the WebSocket gateway closes their connections), and every login ends (its refresh tokens
   * revoked, so re-enabling revives none). Disabling a disabled user does all of this again, which
   * is harmless.
   */
  async setStatus(userId: number, status: UserStatus): Promise<SetStatusResult> {
    const { store } = this.options;
    const result = await store.users.setStatus(userId, status);
    if (!result.ok) return result;
    const { user } = result;
    // Set, not dropped: a load of the user that read the store before the change keeps this entry (see user()).
    this.users.set(userId, { accountId: user.accountId, role: user.role, status: user.status });
    if (status === 'disabled') {
      // The listeners first, in the turn the cache changed: no request of the user gets in between.
      for (const listener of this.disabledListeners) listener(userId);
      for (const familyId of await store.refreshTokens.familiesOfUser(userId)) this.endedSessions.add(familyId);
      await store.refreshTokens.revokeAllForUser(userId);
    }
    return result;
  }

  /**
   * Calls `listener` with the id of each user disabled, synchronously, before `setStatus` returns:
   * whoever holds an open connection of that user can close it before the admin hears the user is
   * disabled. Returns how to stop listening.
   */
  onUserDisabled(listener: (userId: number) => void): () => void {
    this.disabledListeners.add(listener);
    return () => this.disabledListeners.delete(listener);
  }

  private async user(userId: number): Promise<KnownUser> {
    let user = this.users.get(userId);
    if (!user) {
      const row = await this.options.store.users.findById(userId);
      if (!row) throw new ApiError('INVALID_TOKEN');
      // A status change while the row was read has set the entry since; it is the newer.
      user = this.users.get(userId) ?? { accountId: row.accountId, role: row.role, status: row.status };
      this.users.set(userId, user);
    }
    return user;
  }

  private async startSession(user: UserSummary, familyId: string): Promise<Session> {
    const refresh = newRefreshToken();
    const expiresAt = this.now() + this.refreshLifetimeMs;
    await this.options.store.refreshTokens.insert({ id: refresh.id, userId: user.id, familyId, tokenHash: hashSecret(refresh.secret), expiresAt });
    return this.issue(user, familyId, refresh.token, expiresAt);
  }

  private async issue(user: UserSummary, familyId: string, refreshToken: string, refreshTokenExpiresAt: number): Promise<Session> {
    const access = await this.options.tokens.issue({ userId: user.id, role: user.role, sessionId: familyId });
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt, user };
  }
}

interface KnownUser {
  readonly accountId: number;
  readonly role: UserRole;
  readonly status: UserStatus;
}

/** The principal of a verified, unexpired access token: refused for a disabled user first (a disable also ends the login), then for an ended login. */
function principalFrom(claims: AccessClaims, user: KnownUser, sessionEnded: boolean): Principal {
  if (user.status !== 'active') throw new AccountDisabledError(claims.userId);
  if (sessionEnded) throw sessionEndedError();
  return { userId: claims.userId, accountId: user.accountId, role: user.role, scopes: API_KEY_SCOPES, sessionId: claims.sessionId, expiresAt: claims.expiresAt };
}

function summary(user: UserSummary & { passwordHash?: string }): UserSummary {
  const { passwordHash: _hidden, ...rest } = user;
  return rest;
}
