// The journal this store belongs to: its id, recorded when the store is first opened next to a journal, so a store is never used with another.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface JournalBindingTable {
  /** Always 1: one binding per store. */
  slot: number;
  journalId: string;
  /** Epoch ms. */
  boundAt: number;
}

/** A type alias, not an interface: `withTables` needs the implicit index signature only aliases get. */
type BindingTables = { journalBinding: JournalBindingTable };

export class JournalBindingRepo {
  private readonly db: Kysely<Database & BindingTables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<BindingTables>();
  }

  /** The id of the journal this store belongs to; undefined for a store never bound (new, or from before bindings). */
  async journalId(): Promise<string | undefined> {
    const row = await this.db.selectFrom('journalBinding').select('journalId').where('slot', '=', 1).executeTakeFirst();
    return row?.journalId;
  }

  /**
   * Binds the store to `journalId` unless it is bound already, and returns the id it is bound to
   * now: another than `journalId` when someone else bound it first (two servers starting on one
   * database at once), which the caller must refuse.
   */
  async bind(journalId: string, now: number): Promise<string> {
    await this.db
      .insertInto('journalBinding')
      .values({ slot: 1, journalId, boundAt: now })
      .onConflict((conflict) => conflict.column('slot').doNothing())
      .execute();
    const bound = await this.journalId();
    if (bound === undefined) throw new Error('the store lost its journal binding right after it was written');
    return bound;
  }
}
