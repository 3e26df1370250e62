// Each deposit's and withdrawal's value in a valuation currency as it was when it happened: what return % is measured against, kept across restarts.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface CapitalValuesTable {
  /** The engine sequence number of the move's LedgerEntry event. */
  seq: number;
  currency: string;
  accountId: number;
  /** Minor units of `currency`: positive for a deposit, negative for a withdrawal. */
  value: number;
}

/** A type alias, not an interface: `withTables` needs the implicit index signature only aliases get. */
type CapitalTables = { capitalValues: CapitalValuesTable };

export type CapitalValue = Readonly<CapitalValuesTable>;

/** Rows per insert: the statement stays well under every driver's parameter limit. */
const INSERT_CHUNK = 500;

export class CapitalValuesRepo {
  private readonly db: Kysely<Database & CapitalTables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<CapitalTables>();
  }

  /**
   * Records values; one already recorded for the same move and currency stays as it is. A value is
   * a function of the journal up to its move, so a move recorded again after a crash gets the same one.
   */
  async record(values: readonly CapitalValue[]): Promise<void> {
    for (let i = 0; i < values.length; i += INSERT_CHUNK) {
      await this.db
        .insertInto('capitalValues')
        .values(values.slice(i, i + INSERT_CHUNK).map((row) => ({ ...row })))
        .onConflict((conflict) => conflict.columns(['seq', 'currency']).doNothing())
        .execute();
    }
  }

  /** Every recorded value in `currency`, by move seq. */
  async byMove(currency: string): Promise<Map<number, number>> {
    const rows = await this.db.selectFrom('capitalValues').select(['seq', 'value']).where('currency', '=', currency).execute();
    return new Map(rows.map((row) => [row.seq, row.value]));
  }
}
