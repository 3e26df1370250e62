// The users table's status column: an admin disables a user (who can then neither log in nor use their tokens or keys) and enables them again.
import { sql, type Kysely, type Migration } from 'kysely';

/** 'active' or 'disabled'; every user from before this column is active. */
export function userStatusMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('users')
        // The same check in both dialects as the role column's; existing rows take the default.
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'disabled')`))
        .execute();
    },
  };
}
