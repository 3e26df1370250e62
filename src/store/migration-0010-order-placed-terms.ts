// The orders table's placed_qty, placed_price and placed_stop_price: an order's quantity and prices as it was placed, before any replace.
import type { Kysely, Migration } from 'kysely';

/**
 * Lots and ticks, written on acceptance and never changed: a replace, a bracket leg sized by its
 * entry's fills or a trailing stop's moves change qty, price and stop_price only. A request sent
 * again with the order's client order id is compared with these. Orders projected before the
 * columns existed have nulls, and their current values stand in.
 */
export function orderPlacedTermsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const column of ['placed_qty', 'placed_price', 'placed_stop_price']) await db.schema.alterTable('orders').addColumn(column, 'bigint').execute();
    },
  };
}
