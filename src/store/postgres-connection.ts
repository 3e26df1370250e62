// PostgreSQL for the store: a pool whose integers come back as JS numbers, optionally in its own schema.
import { PostgresDialect } from 'kysely';
import pg from 'pg';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Schema names we accept: they go into a startup option and DDL unquoted-safe, so no quoting games. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresOptions {
  readonly url: string;
  /** Every query runs with this schema first on the search path; it is created when missing. */
  readonly schema?: string;
  readonly poolSize?: number;
}

/**
 * bigint (count(*), every amount column) and numeric (sum of bigint) arrive from pg as strings. All
 * our integers stay within 2^53 by the engine's bounds, so they are parsed to numbers; a value that
 * does not fit is a broken invariant and fails the query rather than coming back rounded.
 */
function exactInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`database value ${text} is not an integer within 2^53`);
  return value;
}

type Parser = (value: string) => unknown;

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): Parser =>
    (oid === INT8_OID || oid === NUMERIC_OID) && format !== 'binary' ? exactInteger : (pg.types.getTypeParser(oid, format) as Parser)) as pg.CustomTypesConfig['getTypeParser'],
};

export function checkSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}: use lower-case letters, digits and _`);
}

/** Opens the pool, creates the schema if asked for one, and returns the dialect and the schema in use. */
export async function postgresDialect(options: PostgresOptions): Promise<{ dialect: PostgresDialect; schema: string }> {
  if (options.schema !== undefined) checkSchemaName(options.schema);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  try {
    if (options.schema !== undefined) await pool.query(`create schema if not exists ${options.schema}`);
    const result = await pool.query<{ schema: string | null }>('select current_schema() as schema');
    const schema = result.rows[0]?.schema;
    if (!schema) throw new Error('the PostgreSQL search_path names no existing schema to create the store in');
    return { dialect: new PostgresDialect({ pool }), schema };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
