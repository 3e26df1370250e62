// API keys: hashed secrets with scopes, listed and revoked only by the user who owns them.
import type { Kysely } from 'kysely';
import type { ApiKeyRow, Database } from './schema.ts';

/** A key as shown to its owner: everything but the secret's hash. */
export type ApiKeySummary = Omit<ApiKeyRow, 'secretHash'>;

export interface NewApiKey {
  readonly id: string;
  readonly userId: number;
  readonly label: string;
  readonly secretHash: string;
  /** Comma-separated, e.g. 'read,trade'. */
  readonly scopes: string;
}

export class ApiKeysRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number,
  ) {}

  async insert(key: NewApiKey): Promise<ApiKeyRow> {
    return this.db
      .insertInto('apiKeys')
      .values({ ...key, createdAt: this.now(), revokedAt: null, lastUsedAt: null })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** With the secret's hash, for authenticating a request; revoked keys are returned too, so check revokedAt. */
  findById(id: string): Promise<ApiKeyRow | undefined> {
    return this.db.selectFrom('apiKeys').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The user's keys, newest first, revoked ones included. */
  listForUser(userId: number): Promise<ApiKeySummary[]> {
    return this.db
      .selectFrom('apiKeys')
      .select(['id', 'userId', 'label', 'scopes', 'createdAt', 'revokedAt', 'lastUsedAt'])
      .where('userId', '=', userId)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  /** Revokes a key only if `userId` owns it and it is live; false otherwise, so nobody can probe others' keys. */
  async revoke(userId: number, keyId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('apiKeys')
      .set({ revokedAt: this.now() })
      .where('id', '=', keyId)
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async touchLastUsed(id: string): Promise<void> {
    await this.db.updateTable('apiKeys').set({ lastUsedAt: this.now() }).where('id', '=', id).execute();
  }
}
