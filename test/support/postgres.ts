// PostgreSQL for server tests: the URL, a probe (skip locally, fail in CI), and throwaway schemas per test file.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_PG_URL = process.env.BOURSE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** In CI a missing PostgreSQL is a failure, never a quiet skip. */
export const PG_REQUIRED = process.env.CI === 'true';

/** The URL without its password, for messages. */
export function redactedPgUrl(url = TEST_PG_URL): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

let probed: Promise<string | undefined> | undefined;

/** Why PostgreSQL cannot be used, or undefined when it answers; probed once per test file. */
export function postgresProblem(): Promise<string | undefined> {
  probed ??= probe(TEST_PG_URL);
  return probed;
}

async function probe(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  let connected = false;
  try {
    await client.connect();
    connected = true;
    await client.query('select 1');
    return undefined;
  } catch (error) {
    if (!(error instanceof Error)) return String(error);
    const code = (error as { code?: unknown }).code;
    return error.message || (typeof code === 'string' ? code : error.name);
  } finally {
    if (connected) await client.end();
  }
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
