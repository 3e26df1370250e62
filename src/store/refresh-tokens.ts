// Refresh tokens: one family per login, rotated on every refresh; reusing a rotated token revokes the family.
import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, RefreshTokenRow } from './schema.ts';
import { inTransaction } from './transaction.ts';

export interface NewRefreshToken {
  readonly id: string;
  readonly userId: number;
  readonly familyId: string;
  /** A hash of the token's secret; the secret itself is never stored. */
  readonly tokenHash: string;
  readonly expiresAt: number;
}

/** The token that replaces the presented one, in the same family. */
export type NextRefreshToken = Omit<NewRefreshToken, 'userId' | 'familyId'>;

export type RotateResult =
  | { readonly ok: true; readonly userId: number; readonly familyId: string }
  /**
   * unknown: no such token or a wrong secret; expired and revoked: the session is over; reused: the
   * token had been rotated already, so it leaked or was replayed, and its whole family is now revoked.
   */
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' | 'revoked' | 'reused' };

export class RefreshTokensRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number,
  ) {}

  async insert(token: NewRefreshToken): Promise<void> {
    await this.db.insertInto('refreshTokens').values({ ...token, createdAt: this.now(), rotatedAt: null, revokedAt: null }).execute();
  }

  findById(id: string): Promise<RefreshTokenRow | undefined> {
    return this.db.selectFrom('refreshTokens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Marks a live token as used; false when it was already rotated or revoked (so only one refresh wins). */
  async markRotated(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('refreshTokens')
      .set({ rotatedAt: this.now() })
      .where('id', '=', id)
      .where('rotatedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.db.updateTable('refreshTokens').set({ revokedAt: this.now() }).where('id', '=', id).where('revokedAt', 'is', null).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Revokes every token of a login; returns how many were still unrevoked. */
  async revokeFamily(familyId: string): Promise<number> {
    const result = await this.db
      .updateTable('refreshTokens')
      .set({ revokedAt: this.now() })
      .where('familyId', '=', familyId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** The user's logins that still hold an unrevoked token. */
  async familiesOfUser(userId: number): Promise<string[]> {
    const rows = await this.db.selectFrom('refreshTokens').select('familyId').distinct().where('userId', '=', userId).where('revokedAt', 'is', null).orderBy('familyId').execute();
    return rows.map((row) => row.familyId);
  }

  /** Logs a user out everywhere, or everywhere but the current login (after a password change). */
  async revokeAllForUser(userId: number, exceptFamilyId?: string): Promise<number> {
    let query = this.db.updateTable('refreshTokens').set({ revokedAt: this.now() }).where('userId', '=', userId).where('revokedAt', 'is', null);
    if (exceptFamilyId !== undefined) query = query.where('familyId', '!=', exceptFamilyId);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * One refresh, atomically: checks the presented token, marks it rotated and issues `next` in its
   * family. A token presented after its rotation revokes the family, because only a thief or a
   * replay would hold an old token once the rightful client has its successor. Within
   * `reuseGraceMs` of its rotation it is still honoured, with a successor of its own: two tabs of
   * one login that refresh at once (a restored browser session, a wake from sleep) read the same
   * token before either sees the other's rotation, and neither is a thief.
   */
  rotate(presentedId: string, presentedHash: string, next: NextRefreshToken, reuseGraceMs = 0): Promise<RotateResult> {
    return inTransaction(this.db, async (trx) => {
      const repo = new RefreshTokensRepo(trx, this.now);
      const token = await repo.findById(presentedId);
      if (token === undefined || !sameText(token.tokenHash, presentedHash)) return { ok: false, reason: 'unknown' } as const;
      if (token.revokedAt !== null) return { ok: false, reason: 'revoked' } as const;
      const reused = async () => {
        await repo.revokeFamily(token.familyId);
        return { ok: false, reason: 'reused' } as const;
      };
      const inGrace = (rotatedAt: number | null) => rotatedAt !== null && this.now() - rotatedAt < reuseGraceMs;
      if (token.rotatedAt !== null && !inGrace(token.rotatedAt)) return reused();
      if (token.expiresAt <= this.now()) return { ok: false, reason: 'expired' } as const;
      if (token.rotatedAt === null && !(await repo.markRotated(token.id))) {
        // A concurrent refresh with the same token rotated it first: a reuse, unless it did so just now.
        const winner = await repo.findById(token.id);
        if (!inGrace(winner?.rotatedAt ?? null)) return reused();
      }
      await repo.insert({ ...next, userId: token.userId, familyId: token.familyId });
      return { ok: true, userId: token.userId, familyId: token.familyId } as const;
    });
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
