// PostgreSQL for server tests: the URL, a probe (skip locally, fail in CI), and throwaway schemas per test file.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { redact } from '../../src/store/dialect.ts';
import { pgProblem, TEST_PG_URL } from '../../src/store/test-support.ts';

export { PG_REQUIRED, TEST_PG_URL } from '../../src/store/test-support.ts';

/** The URL without its password, for messages. */
export function redactedPgUrl(url = TEST_PG_URL): string {
  return redact(url);
}

/** Why PostgreSQL cannot be used, or undefined when it answers; the store's test support probes it once per test file. */
export function postgresProblem(): Promise<string | undefined> {
  return Promise.resolve(pgProblem);
}

/** A schema name no other test run uses. */
export function uniqueSchema(prefix: string): string {
  return `bourse_it_${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema.replaceAll('"', '""')}" cascade`);
  } finally {
    await client.end();
  }
}
