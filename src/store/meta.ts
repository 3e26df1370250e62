// Meta: named integer watermarks, such as the last engine event projected, and the ids of the users the platform made for itself.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

const SYSTEM_USER_PREFIX = 'living-market.owner.';

/** The meta key holding the id of the user the platform made for itself under `username` (the living market's owner). */
export function systemUserKey(username: string): string {
  return SYSTEM_USER_PREFIX + username;
}

export class MetaRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: string): Promise<number | undefined> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  /** The ids of every user the platform made for itself (see systemUserKey): no participant, so left off the leaderboard. */
  async systemUserIds(): Promise<Set<number>> {
    // The prefix holds no LIKE wildcard ("%" or "_"), so this matches exactly the keys that start with it.
    const rows = await this.db.selectFrom('meta').select('value').where('key', 'like', `${SYSTEM_USER_PREFIX}%`).execute();
    return new Set(rows.map((row) => row.value));
  }

  async set(key: string, value: number): Promise<void> {
    await this.setMany({ [key]: value });
  }

  /** Sets several keys in one statement. */
  async setMany(values: Readonly<Record<string, number>>): Promise<void> {
    const rows = Object.entries(values).map(([key, value]) => ({ key, value: checkedValue(key, value) }));
    if (rows.length === 0) return;
    await this.db
      .insertInto('meta')
      .values(rows)
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
      .execute();
  }
}

function checkedValue(key: string, value: number): number {
  if (!Number.isSafeInteger(value)) throw new Error(`meta ${key} must be a safe integer, got ${value}`);
  return value;
}
