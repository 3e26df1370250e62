// Which SQL dialect a store speaks, chosen from its configuration.

export type StoreDialect = 'sqlite' | 'postgres';

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/** A postgres:// or postgresql:// URL selects PostgreSQL; no URL selects embedded SQLite. */
export function dialectFor(databaseUrl: string | undefined): StoreDialect {
  if (databaseUrl === undefined || databaseUrl === '') return 'sqlite';
  if (POSTGRES_URL.test(databaseUrl)) return 'postgres';
  // A typo here would otherwise silently fall back to an empty embedded database.
  throw new Error(`unsupported database URL ${JSON.stringify(redact(databaseUrl))}: use postgres:// or postgresql://, or give a SQLite path instead`);
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]*):[^@/]*@/, '$1:***@');
}
