// The orders table's water_mark column: the price a trailing stop's stop price trails from.
import type { Kysely, Migration } from 'kysely';

/**
 * Ticks, null for every order that is not a trailing stop. A trailing stop gets it on acceptance
 * (the last price then) and on each StopMoved. Trailing stops projected before this column existed
 * have none until their stop next moves.
 */
export function orderWaterMarkMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('orders').addColumn('water_mark', 'bigint').execute();
    },
  };
}
