// Users: login names, password hashes, roles and the engine account each user trades on.
import type { Kysely } from 'kysely';
import { pageLimit, toPage, type Cursor, type Page } from './cursor.ts';
import type { Database, UserRole, UserRow, UserStatus } from './schema.ts';
import { inTransaction } from './transaction.ts';

/** A user as listed to admins: everything but the password hash. */
export type UserSummary = Omit<UserRow, 'passwordHash'>;

export interface NewUser {
  /** Stored lower-cased; the original spelling is kept as the display name unless one is given. */
  readonly username: string;
  readonly displayName?: string;
  readonly passwordHash: string;
  readonly role: UserRole;
  readonly accountId: number;
}

/** What a role change did: a missing user and the last active admin's demotion are results the API words. */
export type SetRoleResult = 'changed' | 'no-such-user' | 'last-admin';

/**
 * What a status change did: the user as it now stands (`changed` false when it already had the
 * status), or why not: no such user, or disabling the last active admin.
 */
export type SetStatusResult = { readonly ok: true; readonly user: UserRow; readonly changed: boolean } | { readonly ok: false; readonly reason: 'no-such-user' | 'last-admin' };

export type CreateUserResult = { readonly ok: true; readonly user: UserRow } | { readonly ok: false; readonly conflict: 'username' | 'accountId' };

export class UsersRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number,
  ) {}

  /** Adds a user; a taken username or account is a result, not an error, so the API can say which. */
  async create(user: NewUser): Promise<CreateUserResult> {
    const ts = this.now();
    const username = normalizeUsername(user.username);
    const created = await this.db
      .insertInto('users')
      .values({ username, displayName: user.displayName ?? user.username.trim(), passwordHash: user.passwordHash, role: user.role, accountId: user.accountId, createdAt: ts, passwordChangedAt: ts })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (created !== undefined) return { ok: true, user: created };
    return { ok: false, conflict: (await this.findByUsername(username)) !== undefined ? 'username' : 'accountId' };
  }

  findById(id: number): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Case-insensitive: the name is matched as stored, lower-cased. */
  findByUsername(username: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', normalizeUsername(username)).executeTakeFirst();
  }

  findByAccountId(accountId: number): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('accountId', '=', accountId).executeTakeFirst();
  }

  /** Also stamps passwordChangedAt, so tokens issued before the change can be told apart. */
  async updatePasswordHash(id: number, passwordHash: string): Promise<boolean> {
    const result = await this.db.updateTable('users').set({ passwordHash, passwordChangedAt: this.now() }).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Changes a role, refusing to take the admin role from the last active admin (disabled admins
   * cannot act, so they do not count). The count is taken inside the transaction after locking
   * every active admin row (a no-op update: PostgreSQL locks the rows, SQLite's IMMEDIATE
   * transaction holds the write lock), so of two demotions (or a demotion and a disable) at once
   * the second waits for the first and then counts without the admin it took away.
   */
  setRole(id: number, role: UserRole): Promise<SetRoleResult> {
    return inTransaction(this.db, async (trx) => {
      if (role !== 'admin') {
        const activeAdmins = await lockActiveAdmins(trx);
        const user = await trx.selectFrom('users').select(['role', 'status']).where('id', '=', id).executeTakeFirst();
        if (!user) return 'no-such-user';
        if (user.role === 'admin' && user.status === 'active' && activeAdmins <= 1) return 'last-admin';
      }
      const result = await trx.updateTable('users').set({ role }).where('id', '=', id).executeTakeFirst();
      return result.numUpdatedRows > 0n ? 'changed' : 'no-such-user';
    });
  }

  /**
   * Disables or enables a user, refusing to disable the last active admin, counted under the same
   * lock as a demotion (see setRole), so two admins disabling each other at once cannot both succeed.
   */
  setStatus(id: number, status: UserStatus): Promise<SetStatusResult> {
    return inTransaction(this.db, async (trx) => {
      const activeAdmins = status === 'disabled' ? await lockActiveAdmins(trx) : 0;
      const user = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      if (!user) return { ok: false, reason: 'no-such-user' };
      if (user.status === status) return { ok: true, user, changed: false };
      if (status === 'disabled' && user.role === 'admin' && user.status === 'active' && activeAdmins <= 1) return { ok: false, reason: 'last-admin' };
      await trx.updateTable('users').set({ status }).where('id', '=', id).executeTakeFirst();
      return { ok: true, user: { ...user, status }, changed: true };
    });
  }

  /** Users in id order (oldest first), without password hashes. */
  async list(options: { readonly limit?: number; readonly cursor?: Cursor } = {}): Promise<Page<UserSummary>> {
    const limit = pageLimit(options.limit);
    let query = this.db
      .selectFrom('users')
      .select(['id', 'username', 'displayName', 'role', 'status', 'accountId', 'createdAt', 'passwordChangedAt'])
      .orderBy('id', 'asc')
      .limit(limit + 1);
    if (options.cursor !== undefined) query = query.where('id', '>', options.cursor);
    return toPage(await query.execute(), limit, (user) => user.id);
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    return Number(row.count);
  }
}

/** Locks every active admin's row (a no-op update) and counts them: see UsersRepo.setRole. */
async function lockActiveAdmins(trx: Kysely<Database>): Promise<number> {
  const locked = await trx.updateTable('users').set((eb) => ({ role: eb.ref('role') })).where('role', '=', 'admin').where('status', '=', 'active').executeTakeFirst();
  return Number(locked.numUpdatedRows);
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}
