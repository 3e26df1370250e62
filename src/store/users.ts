// Users: login names, password hashes, roles and the engine account each user trades on.
import type { Kysely } from 'kysely';
import { pageLimit, toPage, type Cursor, type Page } from './cursor.ts';
import type { Database, UserRole, UserRow } from './schema.ts';
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

/** What a role change did: a missing user and the last admin's demotion are results the API words. */
export type SetRoleResult = 'changed' | 'no-such-user' | 'last-admin';

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
   * Changes a role, refusing to take the admin role from the last user who has it. The count is
   * taken inside the transaction after locking every admin row (a no-op update: PostgreSQL locks
   * the rows, SQLite's IMMEDIATE transaction holds the write lock), so of two demotions at once the
   * second waits for the first and then counts without the admin it demoted.
   */
  setRole(id: number, role: UserRole): Promise<SetRoleResult> {
    return inTransaction(this.db, async (trx) => {
      if (role !== 'admin') {
        const admins = await trx.updateTable('users').set((eb) => ({ role: eb.ref('role') })).where('role', '=', 'admin').executeTakeFirst();
        const user = await trx.selectFrom('users').select('role').where('id', '=', id).executeTakeFirst();
        if (!user) return 'no-such-user';
        if (user.role === 'admin' && admins.numUpdatedRows <= 1n) return 'last-admin';
      }
      const result = await trx.updateTable('users').set({ role }).where('id', '=', id).executeTakeFirst();
      return result.numUpdatedRows > 0n ? 'changed' : 'no-such-user';
    });
  }

  /** Users in id order (oldest first), without password hashes. */
  async list(options: { readonly limit?: number; readonly cursor?: Cursor } = {}): Promise<Page<UserSummary>> {
    const limit = pageLimit(options.limit);
    let query = this.db
      .selectFrom('users')
      .select(['id', 'username', 'displayName', 'role', 'accountId', 'createdAt', 'passwordChangedAt'])
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

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}
