// Orders read model queries for the API; every query is scoped to one account.
import type { Kysely, Selectable } from 'kysely';
import type { Side } from '../core/orders.ts';
import { pageLimit, toPage, type Cursor, type Page } from './cursor.ts';
import { CLOSED_STATUSES, OPEN_STATUSES, type Database, type OrderRow, type OrdersTable } from './schema.ts';

/** A group of statuses, or one closed status on its own. */
export type StatusGroup = 'open' | 'closed' | 'all' | 'filled' | 'cancelled' | 'expired';

export interface OrderQuery {
  readonly symbol?: string;
  readonly side?: Side;
  /** open: can still trade; closed: filled, cancelled or expired (or just one of them). Default all. */
  readonly status?: StatusGroup;
  /** Created at or after (epoch ms). */
  readonly from?: number;
  /** Created before (epoch ms). */
  readonly to?: number;
  readonly limit?: number;
  readonly cursor?: Cursor;
}

export class OrdersRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async byId(accountId: number, orderId: number): Promise<OrderRow | undefined> {
    const row = await this.db.selectFrom('orders').selectAll().where('accountId', '=', accountId).where('id', '=', orderId).executeTakeFirst();
    return row && toOrderRow(row);
  }

  async byClientOrderId(accountId: number, clientOrderId: string): Promise<OrderRow | undefined> {
    const row = await this.db.selectFrom('orders').selectAll().where('accountId', '=', accountId).where('clientOrderId', '=', clientOrderId).executeTakeFirst();
    return row && toOrderRow(row);
  }

  /** Newest first. Order ids grow with time, so the id is both the sort key and the cursor. */
  async list(accountId: number, query: OrderQuery = {}): Promise<Page<OrderRow>> {
    const limit = pageLimit(query.limit);
    let select = this.db.selectFrom('orders').selectAll().where('accountId', '=', accountId);
    if (query.symbol !== undefined) select = select.where('symbol', '=', query.symbol);
    if (query.side !== undefined) select = select.where('side', '=', query.side);
    if (query.status === 'open') select = select.where('status', 'in', OPEN_STATUSES);
    if (query.status === 'closed') select = select.where('status', 'in', CLOSED_STATUSES);
    if (query.status === 'filled' || query.status === 'cancelled' || query.status === 'expired') select = select.where('status', '=', query.status);
    if (query.from !== undefined) select = select.where('createdAt', '>=', query.from);
    if (query.to !== undefined) select = select.where('createdAt', '<', query.to);
    if (query.cursor !== undefined) select = select.where('id', '<', query.cursor);
    const rows = await select.orderBy('id', 'desc').limit(limit + 1).execute();
    return toPage(rows.map(toOrderRow), limit, (order) => order.id);
  }
}

/** A stored order as the API sees it: post-only as a boolean. */
export function toOrderRow(row: Selectable<OrdersTable>): OrderRow {
  return { ...row, postOnly: row.postOnly === 1 };
}
