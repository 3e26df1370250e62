// Meta: named integer watermarks, such as the last engine event projected.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export class MetaRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: string): Promise<number | undefined> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
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
