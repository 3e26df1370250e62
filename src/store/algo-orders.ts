// The algo orders repository (migration 0009-algo-orders): each algo order's spec, progress, child orders and end, listed per account newest first.
import type { Generated, Kysely, Selectable } from 'kysely';
import { pageLimit, toPage, type Cursor, type Page } from './cursor.ts';
import type { Database } from './schema.ts';

export const ALGO_ORDER_STATES = ['new', 'running', 'done', 'expired', 'cancelled', 'failed'] as const;
export type AlgoOrderState = (typeof ALGO_ORDER_STATES)[number];

export interface AlgoOrdersTable {
  id: Generated<number>;
  accountId: number;
  userId: number;
  type: string;
  symbol: string;
  /** JSON of the spec as accepted. */
  spec: string;
  seed: number;
  state: AlgoOrderState;
  totalLots: number;
  filledLots: number;
  filledNotional: number;
  ordersSent: number;
  /** JSON arrays of order ids. */
  childOrderIds: string;
  openOrderIds: string;
  lastError: string | null;
  createdAt: number;
  endedAt: number | null;
  updatedAt: number;
}

/** A type alias, not an interface: `withTables` needs the implicit index signature only aliases get. */
type AlgoOrderTables = { algoOrders: AlgoOrdersTable };

/** An algo order as stored, with its spec and order ids parsed. */
export interface AlgoOrderRow {
  readonly id: number;
  readonly accountId: number;
  readonly userId: number;
  readonly type: string;
  readonly symbol: string;
  readonly spec: unknown;
  readonly seed: number;
  readonly state: AlgoOrderState;
  readonly totalLots: number;
  readonly filledLots: number;
  /** Sum of price x qty over the fills, in tick-lots. */
  readonly filledNotional: number;
  readonly ordersSent: number;
  /** Every child order sent, in the order sent. */
  readonly childOrderIds: readonly number[];
  /** The child orders still working when the row was written. */
  readonly openOrderIds: readonly number[];
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly endedAt: number | null;
  readonly updatedAt: number;
}

export type NewAlgoOrderRow = Omit<AlgoOrderRow, 'id' | 'updatedAt'>;

/** What changes as an algo order works and ends. */
export type AlgoOrderProgress = Pick<AlgoOrderRow, 'state' | 'filledLots' | 'filledNotional' | 'ordersSent' | 'childOrderIds' | 'openOrderIds' | 'lastError' | 'endedAt'>;

export interface AlgoOrderQuery {
  readonly limit?: number;
  readonly cursor?: Cursor;
}

export class AlgoOrdersRepo {
  private readonly db: Kysely<Database & AlgoOrderTables>;

  constructor(
    db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {
    this.db = db.withTables<AlgoOrderTables>();
  }

  /** Adds an algo order under a new id, never one handed out before (a deleted row's included). */
  async insert(order: NewAlgoOrderRow): Promise<AlgoOrderRow> {
    const row = await this.db
      .insertInto('algoOrders')
      .values({ ...order, spec: JSON.stringify(order.spec), childOrderIds: JSON.stringify(order.childOrderIds), openOrderIds: JSON.stringify(order.openOrderIds), updatedAt: this.now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return rowOf(row);
  }

  /** Writes an algo order's progress; false when there is no such row. */
  async update(id: number, progress: AlgoOrderProgress): Promise<boolean> {
    const result = await this.db
      .updateTable('algoOrders')
      .set({ ...progress, childOrderIds: JSON.stringify(progress.childOrderIds), openOrderIds: JSON.stringify(progress.openOrderIds), updatedAt: this.now() })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Removes an algo order that never started (its spec was refused); its id is not handed out again. */
  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('algoOrders').where('id', '=', id).execute();
  }

  /** One of an account's algo orders; undefined for another account's, as for none. */
  async byId(accountId: number, id: number): Promise<AlgoOrderRow | undefined> {
    const row = await this.db.selectFrom('algoOrders').selectAll().where('accountId', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row && rowOf(row);
  }

  /** An account's algo orders, newest first. */
  async list(accountId: number, query: AlgoOrderQuery = {}): Promise<Page<AlgoOrderRow>> {
    const limit = pageLimit(query.limit);
    let select = this.db.selectFrom('algoOrders').selectAll().where('accountId', '=', accountId);
    if (query.cursor !== undefined) select = select.where('id', '<', query.cursor);
    const rows = await select.orderBy('id', 'desc').limit(limit + 1).execute();
    return toPage(rows.map(rowOf), limit, (row) => row.id);
  }

  /** Every algo order that has not ended, oldest first: what a start resumes. */
  async unended(): Promise<AlgoOrderRow[]> {
    const rows = await this.db.selectFrom('algoOrders').selectAll().where('state', 'in', ['new', 'running']).orderBy('id').execute();
    return rows.map(rowOf);
  }
}

function rowOf(row: Selectable<AlgoOrdersTable>): AlgoOrderRow {
  return { ...row, spec: JSON.parse(row.spec) as unknown, childOrderIds: JSON.parse(row.childOrderIds) as number[], openOrderIds: JSON.parse(row.openOrderIds) as number[] };
}
